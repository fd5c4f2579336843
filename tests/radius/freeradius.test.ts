// The real thing: Debian's FreeRADIUS with the generated configuration asks a NOCman test server; radtest/radclient play the MikroTik.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { plan, subscriber } from '../billing-fixtures';
import { makeServer, staff, type TestServer } from '../helpers';
import { freeradiusMissing, startFreeradius, type RadiusReply, type RunningFreeradius } from './freeradius';
import { mschapV2Request } from './mschapv2';

const BRIDGE_KEY = 'test-bridge-key-0123456789abcdef';
const missing = freeradiusMissing();
if (missing) console.warn(missing);

interface Access {
  subscriptionId: number;
  customerId: number;
  username: string;
  password: string;
}

/** A customer with an active subscription of the 10M up / 20M down plan, and its access as an admin reads it. */
async function customerWithAccess(nocman: TestServer, token: string, planId: number): Promise<Access> {
  const { customer, subscription } = await subscriber(nocman.core, planId, '2026-11-27');
  const access = await nocman.request('GET', `/api/subscriptions/${subscription.id}/access`, { token });
  expect(access.status, JSON.stringify(access.body)).toBe(200);
  return { subscriptionId: subscription.id, customerId: customer.id, username: access.body.username, password: access.body.password };
}

/** Reads until `check` passes (NOCman writes some records a moment after it answered). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

function mschapV2Success(reply: RadiusReply): string {
  const hex = reply.attributes['MS-CHAP2-Success']?.[0] ?? '';
  // The attribute is the ident byte, then "S=<40 hex digits>".
  return Buffer.from(hex.replace(/^0x/, ''), 'hex').subarray(1).toString('latin1');
}

describe.skipIf(missing !== null)('FreeRADIUS with the generated configuration, asking NOCman', () => {
  let nocman: TestServer;
  let radius: RunningFreeradius;
  let token: string;
  let planId: number;
  let active: Access;

  beforeAll(async () => {
    nocman = await makeServer({ radiusBridgeKey: BRIDGE_KEY });
    token = await (await staff(nocman.core)).token('admin');
    planId = (await plan(nocman.core)).id;
    active = await customerWithAccess(nocman, token, planId);
    radius = await startFreeradius({ nocmanUrl: nocman.url, bridgeKey: BRIDGE_KEY });
  });

  afterAll(async () => {
    await radius?.stop();
    await nocman?.close();
  });

  it.each(['pap', 'chap', 'mschap'] as const)('accepts %s with the plan as Mikrotik-Rate-Limit (upload/download) and a Session-Timeout', async (mode) => {
    const reply = await radius.radtest(mode, active.username, active.password);
    expect(reply.code, reply.output).toBe('Access-Accept');
    expect(reply.attributes['Mikrotik-Rate-Limit']).toEqual(['10M/20M']);
    expect(Number(reply.attributes['Session-Timeout']?.[0])).toBeGreaterThan(0);
    expect(reply.attributes['Mikrotik-Address-List']).toBeUndefined();
  });

  it('accepts MS-CHAPv2 as a MikroTik sends it, and proves to the router that it knew the password', async () => {
    const v2 = mschapV2Request(active.username, active.password);
    const reply = await radius.radclient('auth', [`User-Name = "${active.username}"`, ...v2.attributes, 'Framed-Protocol = PPP', 'Message-Authenticator = 0x00']);
    expect(reply.code, reply.output).toBe('Access-Accept');
    expect(reply.attributes['Mikrotik-Rate-Limit']).toEqual(['10M/20M']);
    expect(mschapV2Success(reply)).toBe(v2.expectedSuccess);
    expect(reply.attributes['MS-MPPE-Recv-Key']).toHaveLength(1);
    expect(reply.attributes['MS-MPPE-Send-Key']).toHaveLength(1);
  });

  it('rejects a wrong password (PAP, CHAP, MS-CHAPv2) and NOCman lists each reject as bad_password with FreeRADIUS\'s reason', async () => {
    const wrong = `${active.password}x`;
    const attempts: Array<() => Promise<RadiusReply>> = [
      () => radius.radtest('pap', active.username, wrong),
      () => radius.radtest('chap', active.username, wrong),
      () => {
        const v2 = mschapV2Request(active.username, wrong);
        return radius.radclient('auth', [`User-Name = "${active.username}"`, ...v2.attributes, 'Message-Authenticator = 0x00']);
      },
    ];
    for (const attempt of attempts) {
      // NOCman takes a post-auth reject within 10 s of another of the same user and NAS for a repeat of it.
      nocman.clock.advance(11_000);
      const reply = await attempt();
      expect(reply.code, reply.output).toBe('Access-Reject');
      expect(reply.attributes['Mikrotik-Rate-Limit']).toBeUndefined();
      expect(reply.attributes['Session-Timeout']).toBeUndefined();
    }
    const rejects = await eventually(
      () => nocman.request('GET', `/api/radius/rejects?username=${active.username}`, { token }),
      (response) => response.body.total >= 3,
    );
    const logged = rejects.body.items as Array<{ reason: string; message: string | null; nasAddress: string | null }>;
    expect(logged.map((item) => item.reason)).toEqual(['bad_password', 'bad_password', 'bad_password']);
    expect(logged.map((item) => item.message)).toEqual([expect.stringMatching(/^mschap: /), expect.stringMatching(/^chap: /), expect.stringMatching(/^pap: /)]);
    expect(logged[0]!.nasAddress).toBe('127.0.0.1');
    expect(radius.log()).toMatch(new RegExp(`Login incorrect .*\\[${active.username}\\]`));
  });

  it('rejects an unknown user with NOCman\'s reason in Reply-Message', async () => {
    const reply = await radius.radtest('pap', 'nobody-here', 'whatever1');
    expect(reply.code, reply.output).toBe('Access-Reject');
    expect(reply.attributes['Reply-Message']?.[0]).toContain('unknown_user');
  });

  it('gives a static IP as Framed-IP-Address, and rejects another MAC than the bound one', async () => {
    const fixed = await customerWithAccess(nocman, token, planId);
    const changed = await nocman.request('PUT', `/api/subscriptions/${fixed.subscriptionId}/access`, { token, body: { staticIp: '10.9.1.7', macBinding: 'AA:BB:CC:00:00:07' } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const login = (mac: string) => radius.radclient('auth', [`User-Name = "${fixed.username}"`, `User-Password = "${fixed.password}"`, `Calling-Station-Id = "${mac}"`, 'Message-Authenticator = 0x00']);
    const reply = await login('AA:BB:CC:00:00:07');
    expect(reply.code, reply.output).toBe('Access-Accept');
    expect(reply.attributes['Framed-IP-Address']).toEqual(['10.9.1.7']);
    const elsewhere = await login('AA:BB:CC:00:00:08');
    expect(elsewhere.code, elsewhere.output).toBe('Access-Reject');
    expect(elsewhere.attributes['Reply-Message']?.[0]).toContain('wrong_mac');
  });

  it('accepts a suspended customer into the isolir address list at the isolir rate', async () => {
    const isolated = await customerWithAccess(nocman, token, planId);
    const suspended = await nocman.request('PUT', `/api/subscriptions/${isolated.subscriptionId}/status`, { token, body: { status: 'suspended', reason: 'Belum bayar' } });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    const reply = await radius.radtest('mschap', isolated.username, isolated.password);
    expect(reply.code, reply.output).toBe('Access-Accept');
    expect(reply.attributes['Mikrotik-Address-List']).toEqual(['isolir']);
    expect(reply.attributes['Mikrotik-Rate-Limit']).toEqual(['1M/1M']);
  });

  it('rejects a terminated customer, with the reason in NOCman and in Reply-Message', async () => {
    const gone = await customerWithAccess(nocman, token, planId);
    const terminated = await nocman.request('PUT', `/api/customers/${gone.customerId}/status`, { token, body: { status: 'terminated', reason: 'Berhenti langganan' } });
    expect(terminated.status, JSON.stringify(terminated.body)).toBe(200);
    const reply = await radius.radtest('pap', gone.username, gone.password);
    expect(reply.code, reply.output).toBe('Access-Reject');
    expect(reply.attributes['Reply-Message']?.[0]).toContain('terminated');
    const rejects = await eventually(
      () => nocman.request('GET', `/api/radius/rejects?username=${gone.username}`, { token }),
      (response) => response.body.total >= 1,
    );
    expect(rejects.body.items[0].reason).toBe('terminated');
  });

  it('turns accounting Start, Interim-Update and Stop into a session shown online, then closed with its bytes', async () => {
    const session = [`User-Name = "${active.username}"`, 'Acct-Session-Id = "81a00042"', 'NAS-IP-Address = 127.0.0.1', 'Framed-IP-Address = 10.9.0.5', 'Calling-Station-Id = "AA:BB:CC:DD:EE:01"'];
    const sessions = () => nocman.request('GET', `/api/radius/sessions?subscriptionId=${active.subscriptionId}`, { token });

    const start = await radius.radclient('acct', [...session, 'Acct-Status-Type = Start']);
    expect(start.code, start.output).toBe('Accounting-Response');
    const online = await sessions();
    expect(online.body.items).toHaveLength(1);
    expect(online.body.items[0]).toMatchObject({ online: true, acctSessionId: '81a00042', framedIp: '10.9.0.5', nasAddress: '127.0.0.1', username: active.username });

    const interim = await radius.radclient('acct', [...session, 'Acct-Status-Type = Interim-Update', 'Acct-Session-Time = 300', 'Acct-Input-Octets = 1000', 'Acct-Output-Octets = 50000']);
    expect(interim.code, interim.output).toBe('Accounting-Response');
    expect((await sessions()).body.items[0]).toMatchObject({ online: true, inputBytes: 1000, outputBytes: 50_000 });

    const stop = await radius.radclient('acct', [
      ...session,
      'Acct-Status-Type = Stop',
      'Acct-Session-Time = 600',
      'Acct-Input-Octets = 123456',
      'Acct-Output-Octets = 7',
      'Acct-Output-Gigawords = 1',
      'Acct-Terminate-Cause = User-Request',
    ]);
    expect(stop.code, stop.output).toBe('Accounting-Response');
    const closed = (await sessions()).body.items[0];
    expect(closed).toMatchObject({ online: false, inputBytes: 123_456, outputBytes: 4_294_967_303, terminateCause: 'User-Request' });
    expect(closed.stoppedAt).not.toBeNull();
  });

  it('answers Status-Server without asking NOCman', async () => {
    const reply = await radius.radclient('status', ['Message-Authenticator = 0x00']);
    expect(reply.code, reply.output).toBe('Access-Accept');
  });
});

describe.skipIf(missing !== null)('FreeRADIUS when NOCman cannot answer', () => {
  let nocman: TestServer;
  let radius: RunningFreeradius;
  let access: Access;
  let revived: RunningServer | undefined;

  beforeAll(async () => {
    nocman = await makeServer({ radiusBridgeKey: BRIDGE_KEY });
    const token = await (await staff(nocman.core)).token('admin');
    access = await customerWithAccess(nocman, token, (await plan(nocman.core)).id);
    radius = await startFreeradius({ nocmanUrl: nocman.url, bridgeKey: BRIDGE_KEY });
  });

  afterAll(async () => {
    await radius?.stop();
    await revived?.close();
    await nocman?.close();
  });

  it('lets nobody in when its bridge key is not NOCman\'s', async () => {
    const stranger = await startFreeradius({ nocmanUrl: nocman.url, bridgeKey: 'not-the-bridge-key' });
    try {
      const reply = await stranger.radtest('pap', access.username, access.password);
      expect(reply.code, reply.output).toBe('Access-Reject');
      expect(reply.attributes['Mikrotik-Rate-Limit']).toBeUndefined();
    } finally {
      await stranger.stop();
    }
  });

  it('rejects when NOCman takes the connection but does not answer within the 2 s timeout', async () => {
    // Failure injection: a loopback listener that accepts and never answers, like a NOCman stuck on its event loop.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const stuck = await startFreeradius({ nocmanUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, bridgeKey: BRIDGE_KEY });
    try {
      const started = Date.now();
      const reply = await stuck.radclient('auth', [`User-Name = "${access.username}"`, `User-Password = "${access.password}"`, 'Message-Authenticator = 0x00'], { retries: 1, timeoutSec: 15 });
      expect(reply.code, reply.output).toBe('Access-Reject');
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
      expect(stuck.log()).toMatch(/rejected, fail closed/);
      expect(stuck.alive()).toBe(true);
    } finally {
      await stuck.stop();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('rejects (fails closed), logs why, keeps running, and accepts again once NOCman is back', async () => {
    expect((await radius.radtest('pap', access.username, access.password)).code).toBe('Access-Accept');
    const port = nocman.server.port;
    await nocman.server.close();

    for (const mode of ['pap', 'mschap'] as const) {
      const reply = await radius.radtest(mode, access.username, access.password);
      expect(reply.code, reply.output).toBe('Access-Reject');
    }
    expect(radius.log()).toMatch(new RegExp(`Login incorrect \\(NOCman RADIUS bridge unavailable \\(rest: .+\\): rejected, fail closed\\): \\[${access.username}\\]`));
    // Accounting is not acknowledged while NOCman cannot store it: the NAS keeps the record and sends it again.
    const acct = await radius.radclient('acct', [`User-Name = "${access.username}"`, 'Acct-Session-Id = "down-1"', 'Acct-Status-Type = Start', 'NAS-IP-Address = 127.0.0.1'], { retries: 1, timeoutSec: 3 });
    expect(acct.code, acct.output).toBe('none');
    expect(radius.alive()).toBe(true);
    expect((await radius.radclient('status', ['Message-Authenticator = 0x00'])).code).toBe('Access-Accept');

    // NOCman back on the same address (a restart): FreeRADIUS lets people in again without being restarted.
    revived = await startHttpServer({ core: nocman.core, port, host: '127.0.0.1', corsOrigins: [], logger: { error: () => undefined } });
    const back = await eventually(
      () => radius.radtest('pap', access.username, access.password),
      (reply) => reply.code === 'Access-Accept',
      10_000,
    );
    expect(back.code, back.output).toBe('Access-Accept');
  });
});
