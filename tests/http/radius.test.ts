// RADIUS over real HTTP and real UDP: the bridge key, rlm_rest's answers, credentials by role, write-only NAS secrets,
// and CoA/Disconnect sent to a UDP listener that checks the Request Authenticator and answers ACK, NAK or nothing.
import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRadiusDictionaries } from '../../src/main/core/radius/dictionary';
import { UdpCoaSender } from '../../src/main/core/radius/coa';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

const SECRET = 'nas-secret-123';
type Mode = 'ack' | 'nak' | 'silent';

interface Received {
  code: string;
  identifier: number;
  attributes: Record<string, unknown>;
  authenticatorValid: boolean;
}

/** A NAS stand-in: decodes each request with the `radius` package and answers as told. */
async function fakeNas() {
  const radius = loadRadiusDictionaries();
  const socket = dgram.createSocket('udp4');
  const state = { mode: 'ack' as Mode, received: [] as Received[] };
  socket.on('message', (message, from) => {
    // RFC 5176: the Request Authenticator is MD5(code + identifier + length + 16 zero octets + attributes + secret).
    const zeroed = Buffer.from(message);
    zeroed.fill(0, 4, 20);
    const expected = createHash('md5').update(zeroed).update(SECRET).digest();
    const decoded = radius.decode({ packet: message, secret: SECRET }); // throws on a wrong authenticator too
    state.received.push({ code: decoded.code, identifier: decoded.identifier, attributes: decoded.attributes, authenticatorValid: expected.equals(message.subarray(4, 20)) });
    if (state.mode === 'silent') return;
    const kind = decoded.code === 'CoA-Request' ? 'CoA' : 'Disconnect';
    const answer = radius.encode_response({
      packet: decoded,
      code: `${kind}-${state.mode === 'ack' ? 'ACK' : 'NAK'}`,
      secret: SECRET,
      attributes: state.mode === 'nak' ? [['Error-Cause', 503]] : [],
    });
    socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { state, port: (socket.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

function rlm(attributes: Record<string, string | number>) {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { type: typeof value === 'number' ? 'integer' : 'string', value: [value] }]));
}

let t: TestServer;
let people: Staffed;
let nas: Awaited<ReturnType<typeof fakeNas>>;
let admin: string;
let key: string;
let customerId: number;
let subscriptionId: number;
let username: string;
let fastPlanId: number;

const bridge = (path: string, body: unknown, headers: Record<string, string> = { 'X-NOCman-Bridge-Key': key }) => t.request('POST', `/api/radius/${path}`, { body, headers });

beforeAll(async () => {
  t = await makeServer({ coa: new UdpCoaSender(200, 1) });
  people = await staff(t.core);
  admin = await people.token('admin');
  key = t.core.radius.bridgeKeyForConfig;
  nas = await fakeNas();
  const plan = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150000, cycleMonths: 1 } })).body;
  fastPlanId = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 50', downloadMbps: 50, uploadMbps: 25, price: 250000, cycleMonths: 1 } })).body.id;
  customerId = (await t.request('POST', '/api/customers', { token: admin, body: { name: 'Wayan Sudarma', phone: '0812-1111-2222' } })).body.id;
  subscriptionId = (await t.request('POST', '/api/subscriptions', { token: admin, body: { customerId, planId: plan.id, startDate: '2026-11-01' } })).body.id;
  username = (await t.request('GET', `/api/subscriptions/${subscriptionId}/access`, { token: admin })).body.username;
});
afterAll(async () => {
  await nas.close();
  await t.close();
});

describe('the bridge key', () => {
  it('is required: none, a wrong one or a user session are all refused with 401', async () => {
    const request = rlm({ 'User-Name': username });
    const attempts: Record<string, string>[] = [{}, { 'X-NOCman-Bridge-Key': `${key}x` }, { Authorization: `Bearer ${admin}` }];
    for (const headers of attempts) {
      const answer = await bridge('authorize', request, headers);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('is written once, 0600, into the data folder', async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const file = `${t.dataDir}/radius-bridge-key`;
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${t.dataDir}/radius-secret-key`).mode & 0o777).toBe(0o600);
  });

  it("answers rlm_rest's formats: attributes on 200, a Reply-Message on 401, nothing on 204", async () => {
    const accepted = await bridge('authorize', rlm({ 'User-Name': username, 'NAS-IP-Address': '127.0.0.1' }));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ 'reply:Mikrotik-Rate-Limit': '10M/20M', 'reply:Acct-Interim-Interval': 300 });
    expect(typeof accepted.body['control:Cleartext-Password']).toBe('string');
    const rejected = await bridge('authorize', rlm({ 'User-Name': 'nobody' }));
    expect(rejected).toMatchObject({ status: 401, body: { 'reply:Reply-Message': 'NOCman: access rejected (unknown_user)' } });
    const accounted = await bridge('accounting', rlm({ 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Acct-Status-Type': 'Start', 'Acct-Session-Id': '81000001', 'Framed-IP-Address': '10.0.0.9' }));
    expect(accounted.status).toBe(204);
    expect(accounted.body).toBeUndefined();
  });
});

describe('credentials and NAS secrets', () => {
  it('shows the password to admin and staff, never to technicians, who cannot change access', async () => {
    const forStaff = await t.request('GET', `/api/subscriptions/${subscriptionId}/access`, { token: await people.token('staff') });
    expect(forStaff.body.password).toMatch(/^[a-z2-9]{10}$/);
    const forTech = await t.request('GET', `/api/subscriptions/${subscriptionId}/access`, { token: await people.token('technician') });
    expect(forTech.status).toBe(200);
    expect(forTech.body.password).toBeNull();
    expect((await t.request('PUT', `/api/subscriptions/${subscriptionId}/access`, { token: await people.token('technician'), body: { macBinding: null } })).status).toBe(403);
  });

  it('answers a new password once it is reset; the audit trail only says it changed', async () => {
    const reset = await t.request('POST', `/api/subscriptions/${subscriptionId}/access/password`, { token: admin, body: {} });
    expect(reset.status).toBe(200);
    const reply = await bridge('authorize', rlm({ 'User-Name': username }));
    expect(reply.body['control:Cleartext-Password']).toBe(reset.body.password);
    const audit = JSON.stringify(await t.core.db.dataSource.query('SELECT * FROM audit_log'));
    const history = JSON.stringify(await t.core.db.dataSource.query('SELECT * FROM history'));
    expect(audit).not.toContain(reset.body.password);
    expect(history).not.toContain(reset.body.password);
    expect(history).toContain('[changed]');
  });

  it('normalises a MAC binding and refuses what is not an IPv4 address', async () => {
    const set = await t.request('PUT', `/api/subscriptions/${subscriptionId}/access`, { token: admin, body: { macBinding: 'aa-bb-cc-dd-ee-ff' } });
    expect(set.body.macBinding).toBe('AA:BB:CC:DD:EE:FF');
    expect((await bridge('authorize', rlm({ 'User-Name': username, 'Calling-Station-Id': '11:22:33:44:55:66' }))).status).toBe(401);
    expect((await bridge('authorize', rlm({ 'User-Name': username, 'Calling-Station-Id': 'AA:BB:CC:DD:EE:FF' }))).status).toBe(200);
    await t.request('PUT', `/api/subscriptions/${subscriptionId}/access`, { token: admin, body: { macBinding: null } });
    expect((await t.request('PUT', `/api/subscriptions/${subscriptionId}/access`, { token: admin, body: { staticIp: '10.0.0.256' } })).status).toBe(400);
  });

  it('never returns a NAS secret and keeps it when an update leaves it out', async () => {
    const created = await t.request('POST', '/api/radius/nas', { token: admin, body: { name: 'Core MikroTik', address: '127.0.0.1', secret: SECRET, coaPort: nas.port } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Core MikroTik', vendor: 'mikrotik', secretSet: true });
    const updated = await t.request('PUT', `/api/radius/nas/${created.body.id}`, { token: admin, body: { name: 'Core router' } });
    const listed = await t.request('GET', '/api/radius/nas', { token: await people.token('technician') });
    for (const answer of [created, updated, listed]) expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect(JSON.stringify(await t.core.db.dataSource.query('SELECT * FROM radius_nas'))).not.toContain(SECRET);
    expect(JSON.stringify(await t.core.db.dataSource.query('SELECT * FROM audit_log'))).not.toContain(SECRET);
    expect((await t.core.radius.nas.withSecrets())[0]!.secret).toBe(SECRET);
    expect((await t.request('POST', '/api/radius/nas', { token: await people.token('technician'), body: { name: 'x', address: '10.0.0.1', secret: SECRET } })).status).toBe(403);
  });
});

describe('CoA and Disconnect (RFC 5176)', () => {
  const timeline = async (kind: string) =>
    ((await t.request('GET', `/api/customers/${customerId}/history?pageSize=200`, { token: await people.token('technician') })).body.items as { kind: string; changes: Record<string, { to: unknown }> }[]).filter((e) => e.kind === kind);

  it('disconnects a live session on request, with a valid authenticator, and writes the ACK on the timeline', async () => {
    nas.state.mode = 'ack';
    nas.state.received.length = 0;
    const session = (await t.request('GET', `/api/radius/sessions?subscriptionId=${subscriptionId}&online=true`, { token: admin })).body.items[0];
    const answer = await t.request('POST', `/api/radius/sessions/${session.id}/disconnect`, { token: await people.token('technician'), body: {} });
    expect(answer.body).toEqual({ sessionId: session.id, outcome: 'ack', errorCause: null, message: null });
    expect(nas.state.received).toEqual([
      expect.objectContaining({ code: 'Disconnect-Request', authenticatorValid: true, attributes: expect.objectContaining({ 'User-Name': username, 'Acct-Session-Id': '81000001', 'Framed-IP-Address': '10.0.0.9', 'NAS-IP-Address': '127.0.0.1' }) }),
    ]);
    expect((await timeline('radius.disconnect'))[0]?.changes['outcome']?.to).toBe('ack');
  });

  it('sends a Disconnect when billing suspends the customer, after the change committed, and records the NAK', async () => {
    nas.state.mode = 'nak';
    nas.state.received.length = 0;
    const suspended = await t.request('PUT', `/api/customers/${customerId}/status`, { token: admin, body: { status: 'suspended', reason: 'Belum bayar' } });
    expect(suspended.body.status).toBe('suspended');
    await t.core.radius.followUp.settled();
    expect(nas.state.received.map((r) => r.code)).toEqual(['Disconnect-Request']);
    const [latest] = await timeline('radius.disconnect');
    expect(latest?.changes['outcome']?.to).toBe('nak');
    expect(latest?.changes['errorCause']?.to).toBe(503);
    expect((await bridge('authorize', rlm({ 'User-Name': username }))).body['reply:Mikrotik-Address-List']).toBe('isolir');
  });

  it('sends the new rate in a CoA-Request when the plan changes', async () => {
    nas.state.mode = 'ack';
    await t.request('PUT', `/api/customers/${customerId}/status`, { token: admin, body: { status: 'active', reason: 'Lunas' } });
    await t.core.radius.followUp.settled();
    nas.state.received.length = 0;
    expect((await t.request('PUT', `/api/subscriptions/${subscriptionId}`, { token: admin, body: { planId: fastPlanId } })).status).toBe(200);
    await t.core.radius.followUp.settled();
    expect(nas.state.received).toEqual([expect.objectContaining({ code: 'CoA-Request', authenticatorValid: true, attributes: expect.objectContaining({ 'Vendor-Specific': { 'Mikrotik-Rate-Limit': '25M/50M' } }) })]);
    expect((await timeline('radius.coa'))[0]?.changes['rateLimit']?.to).toBe('25M/50M');
  });

  it("sends a CoA-Request to the plan's live sessions when its speed or burst changes", async () => {
    nas.state.received.length = 0;
    const body = { uploadMbps: 30, burstUpMbps: 60, burstDownMbps: 100, burstThresholdMbps: 20, burstTimeSec: 8 };
    expect((await t.request('PUT', `/api/plans/${fastPlanId}`, { token: admin, body })).status).toBe(200);
    await t.core.radius.followUp.settled();
    expect(nas.state.received.map((r) => r.attributes['Vendor-Specific'])).toEqual([{ 'Mikrotik-Rate-Limit': '30M/50M 60M/100M 20M/20M 8/8' }]);
  });

  it('retries once when the NAS does not answer, records the timeout, and the billing change stands', async () => {
    nas.state.mode = 'silent';
    nas.state.received.length = 0;
    const suspended = await t.request('PUT', `/api/customers/${customerId}/status`, { token: admin, body: { status: 'suspended', reason: 'Belum bayar' } });
    expect(suspended.status).toBe(200);
    await t.core.radius.followUp.settled();
    expect(nas.state.received).toHaveLength(2);
    expect(nas.state.received[0]!.identifier).toBe(nas.state.received[1]!.identifier);
    const [latest] = await timeline('radius.disconnect');
    expect(latest?.changes['outcome']?.to).toBe('timeout');
    expect(latest?.changes['tries']?.to).toBe(2);
    expect((await t.request('GET', `/api/customers/${customerId}`, { token: admin })).body.status).toBe('suspended');
  });
});
