// RADIUS core against a real SQLite file: the access rules (table), credentials, accounting idempotency with
// gigawords, usage in the customer summary, and the reject log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadiusRequest } from '../../src/shared/contract';
import { createDispatcher } from '../../src/main/api/dispatcher';
import { FakeClock } from '../../src/main/core/clock';
import type { CoaRequest, CoaSender } from '../../src/main/core/radius/coa';
import { decideAccess, type AccessContext, type AccessRow } from '../../src/main/core/radius/rules';
import { admin, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';

/** A request as rlm_rest sends it: every value in a one-element array, integers as numbers or enum names. */
function rlm(attributes: Record<string, string | number>): RadiusRequest {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { type: typeof value === 'number' ? 'integer' : 'string', value: [value] }]));
}

const ROW: AccessRow = {
  subscriptionId: 1, customerId: 1, username: 'cust000001', serviceType: 'pppoe', staticIp: null, macBinding: null, status: 'active', deleted: false,
  startDate: '2026-11-01', periodEnd: '2026-11-30', customerStatus: 'active', customerDeleted: false, downloadMbps: 20, uploadMbps: 10,
};
const CTX: AccessContext = {
  now: new Date('2026-11-27T03:00:00Z'), timeZone: 'Asia/Jakarta', today: '2026-11-27', isolirAddressList: 'isolir', isolirRateLimit: '1M/1M',
  interimIntervalSec: 300, mac: 'AA:BB:CC:DD:EE:FF', framedProtocol: null, serviceType: null,
};

describe('access rules', () => {
  const password = () => 'rahasia123';
  it.each([
    ['an active subscription', {}, {}, { kind: 'accept', profile: 'active' }],
    ['a suspended subscription', { status: 'suspended' }, {}, { kind: 'accept', profile: 'isolir' }],
    ['a suspended customer', { customerStatus: 'suspended' }, {}, { kind: 'accept', profile: 'isolir' }],
    ['a terminated customer', { customerStatus: 'terminated', status: 'cancelled' }, {}, { kind: 'reject', reason: 'terminated' }],
    ['a cancelled subscription', { status: 'cancelled' }, {}, { kind: 'reject', reason: 'cancelled' }],
    ['an expired subscription', { status: 'expired' }, {}, { kind: 'reject', reason: 'expired' }],
    ['a deleted subscription', { deleted: true }, {}, { kind: 'reject', reason: 'unknown_user' }],
    ['a subscription that starts later', { startDate: '2026-12-01' }, {}, { kind: 'reject', reason: 'not_started' }],
    ['the bound MAC', { macBinding: 'AA:BB:CC:DD:EE:FF' }, {}, { kind: 'accept', profile: 'active' }],
    ['another MAC than the bound one', { macBinding: '11:22:33:44:55:66' }, {}, { kind: 'reject', reason: 'wrong_mac' }],
    ['no MAC when one is bound', { macBinding: '11:22:33:44:55:66' }, { mac: null }, { kind: 'reject', reason: 'wrong_mac' }],
    ['PPP for a hotspot user', { serviceType: 'hotspot' }, { framedProtocol: 'PPP' }, { kind: 'reject', reason: 'wrong_service' }],
    ['a hotspot login for a hotspot user', { serviceType: 'hotspot' }, { serviceType: 'Login-User' }, { kind: 'accept', profile: 'active' }],
    ['a hotspot login for a PPPoE user', {}, { serviceType: 'Login-User' }, { kind: 'reject', reason: 'wrong_service' }],
  ] as const)('%s', (_name, row, ctx, expected) => {
    expect(decideAccess({ ...ROW, ...row }, password, { ...CTX, ...ctx })).toMatchObject(expected);
  });

  it('rejects an unknown user', () => {
    expect(decideAccess(null, password, CTX)).toEqual({ kind: 'reject', reason: 'unknown_user' });
  });

  it('answers the password, the plan as upload/download, and the seconds to the end of the paid period', () => {
    // The period ends 2026-11-30: the session may last until 2026-12-01 00:00 in Jakarta (17:00 UTC the day before).
    expect(decideAccess(ROW, password, CTX)).toEqual({
      kind: 'accept',
      profile: 'active',
      reply: { 'control:Cleartext-Password': 'rahasia123', 'reply:Mikrotik-Rate-Limit': '10M/20M', 'reply:Session-Timeout': 309_600, 'reply:Acct-Interim-Interval': 300 },
    });
  });

  it('gives a static IP as Framed-IP-Address, also in isolation, and isolates with the address list and rate', () => {
    const isolated = decideAccess({ ...ROW, status: 'suspended', staticIp: '10.0.0.5' }, password, CTX);
    expect(isolated).toMatchObject({ reply: { 'reply:Framed-IP-Address': '10.0.0.5', 'reply:Mikrotik-Address-List': 'isolir', 'reply:Mikrotik-Rate-Limit': '1M/1M' } });
    expect(isolated.kind === 'accept' && 'reply:Session-Timeout' in isolated.reply).toBe(false);
  });

  it("adds the plan's MikroTik burst to the rate limit when the plan has one", () => {
    const burst = { burstUpMbps: 20, burstDownMbps: 40, burstThresholdMbps: 8, burstTimeSec: 10 };
    expect(decideAccess({ ...ROW, ...burst }, password, CTX)).toMatchObject({ reply: { 'reply:Mikrotik-Rate-Limit': '10M/20M 20M/40M 8M/8M 10/10' } });
  });

  it('never gives less than five minutes when the period has just ended (the renewal runs at midnight)', () => {
    expect(decideAccess({ ...ROW, periodEnd: '2026-11-26' }, password, CTX)).toMatchObject({ reply: { 'reply:Session-Timeout': 300 } });
  });
});

describe('RADIUS core', () => {
  let t: TestCore;
  let customerId: number;
  let customerCode: string;
  let subscriptionId: number;
  let username: string;
  let password: string;

  beforeAll(async () => {
    t = await makeCore();
    const home = await plan(t.core);
    const made = await subscriber(t.core, home.id, '2026-11-01');
    customerId = made.customer.id;
    customerCode = made.customer.code;
    subscriptionId = made.subscription.id;
    const access = await t.core.radius.credentials.get(subscriptionId, true);
    username = access.username;
    password = access.password!;
  });
  afterAll(() => t.close());

  it('creates the credentials with the subscription: username from the customer code, a generated password sealed at rest', async () => {
    expect(customerCode).toMatch(/^CUST-\d{6}$/);
    expect(username).toBe(customerCode.toLowerCase().replace('-', ''));
    expect(password).toMatch(/^[a-z2-9]{10}$/);
    const [row] = (await t.core.db.dataSource.query('SELECT password_enc AS enc FROM radius_credential WHERE subscription_id = ?', [subscriptionId])) as { enc: string }[];
    expect(row!.enc.startsWith('v1:')).toBe(true);
    expect(row!.enc).not.toContain(password);
    expect((await t.core.radius.credentials.get(subscriptionId, false)).password).toBeNull();
  });

  it("names a customer's second subscription with a suffix", async () => {
    const second = await t.core.subscriptions.create(admin, { customerId, planId: (await t.core.plans.list({ page: 1, pageSize: 5 })).items[0]!.id, startDate: '2026-11-01', autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
    expect((await t.core.radius.credentials.get(second.id, false)).username).toBe(`${username}-2`);
    await t.core.subscriptions.delete(admin, second.id);
  });

  it('gives every subscription of a CSV import its credentials in the import transaction', async () => {
    const csv = 'name,phone,plan,startDate\nMade Wirawan,0813-7000-0001,Home 20,2026-11-01\nNyoman Ayu,0813-7000-0002,Home 20,2026-11-01\n';
    expect(await t.core.customerTransfer.importCsv(admin, csv, false)).toMatchObject({ imported: 2 });
    const [row] = (await t.core.db.dataSource.query(
      'SELECT COUNT(*) AS n FROM subscription s LEFT JOIN radius_credential rc ON rc.subscription_id = s.id WHERE rc.subscription_id IS NULL',
    )) as { n: number }[];
    expect(row!.n).toBe(0);
  });

  it('refuses a username or static IP another subscription has', async () => {
    const other = await subscriber(t.core, (await t.core.plans.list({ page: 1, pageSize: 5 })).items[0]!.id, '2026-11-01');
    await t.core.radius.credentials.update(admin, other.subscription.id, { staticIp: '10.9.9.9' });
    await expect(t.core.radius.credentials.update(admin, other.subscription.id, { username: username.toUpperCase() })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.core.radius.credentials.update(admin, subscriptionId, { staticIp: '10.9.9.9' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('takes burst settings on a plan only all four together, at least as fast as the plan', async () => {
    const base = { name: 'Burst', downloadMbps: 20, uploadMbps: 10, price: 1, cycleMonths: 1, description: '', active: true };
    await expect(t.core.plans.create(admin, { ...base, burstUpMbps: 20 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(t.core.plans.create(admin, { ...base, burstUpMbps: 5, burstDownMbps: 40, burstThresholdMbps: 8, burstTimeSec: 10 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const made = await t.core.plans.create(admin, { ...base, burstUpMbps: 20, burstDownMbps: 40, burstThresholdMbps: 8, burstTimeSec: 10 });
    expect(made).toMatchObject({ burstUpMbps: 20, burstDownMbps: 40, burstThresholdMbps: 8, burstTimeSec: 10 });
    expect(await t.core.plans.update(admin, made.id, { burstUpMbps: null, burstDownMbps: null, burstThresholdMbps: null, burstTimeSec: null })).toMatchObject({ burstUpMbps: null });
  });

  it('authorizes the active subscription with its password, rate and static IP, case-insensitively by username', async () => {
    await t.core.radius.credentials.update(admin, subscriptionId, { staticIp: '10.0.0.5' });
    const reply = await t.core.radius.authorize(rlm({ 'User-Name': username.toUpperCase(), 'NAS-IP-Address': '127.0.0.1' }));
    expect(reply).toMatchObject({ status: 200, attributes: { 'control:Cleartext-Password': password, 'reply:Mikrotik-Rate-Limit': '10M/20M', 'reply:Framed-IP-Address': '10.0.0.5' } });
  });

  it('never lets an in-process (IPC) caller reach the bridge, even with the key', async () => {
    const dispatcher = createDispatcher(t.core, { error: () => undefined });
    const key = t.core.radius.bridgeKeyForConfig;
    for (const meta of [undefined, { transport: 'ipc' as const, address: 'ipc', bridgeKey: key }]) {
      const answer = await dispatcher.call('radius.authorize', rlm({ 'User-Name': username }), null, meta);
      expect(answer).toMatchObject({ ok: false, status: 401 });
    }
    expect(await dispatcher.call('radius.authorize', rlm({ 'User-Name': username }), null, { transport: 'http', address: '127.0.0.1', bridgeKey: key })).toMatchObject({ ok: true });
  });

  it('logs a reject with its reason, the NAS and the MAC', async () => {
    const reply = await t.core.radius.authorize(rlm({ 'User-Name': 'nobody', 'NAS-IP-Address': '127.0.0.1', 'Calling-Station-Id': 'aa-bb-cc-dd-ee-01' }));
    expect(reply).toEqual({ status: 401, attributes: { 'reply:Reply-Message': 'NOCman: access rejected (unknown_user)' } });
    const rejects = await t.core.radius.sessions.rejects({ username: 'nobody', page: 1, pageSize: 10 });
    expect(rejects.items).toEqual([expect.objectContaining({ username: 'nobody', reason: 'unknown_user', nasAddress: '127.0.0.1', mac: 'AA:BB:CC:DD:EE:01' })]);
  });

  it('logs a wrong password FreeRADIUS reports in post-auth once, and not the bridge own reject twice', async () => {
    await t.core.radius.postAuth(rlm({ 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Post-Auth-Type': 'Reject', 'Module-Failure-Message': 'mschap: MS-CHAP2-Response is incorrect' }));
    await t.core.radius.postAuth(rlm({ 'User-Name': 'nobody', 'NAS-IP-Address': '127.0.0.1', 'Post-Auth-Type': 'Reject' }));
    const mine = await t.core.radius.sessions.rejects({ subscriptionId, page: 1, pageSize: 10 });
    expect(mine.items.map((r) => r.reason)).toEqual(['bad_password']);
    expect((await t.core.radius.sessions.rejects({ username: 'nobody', page: 1, pageSize: 10 })).total).toBe(1);
    await t.core.radius.postAuth(rlm({ 'User-Name': username, 'Post-Auth-Type': 'Local' }));
    expect(await t.core.radius.credentials.get(subscriptionId, false)).toMatchObject({ lastAuthResult: 'accept', lastAuthAt: t.clock.now().toISOString() });
  });

  it('keeps one session per NAS and session id whatever the NAS repeats, counting gigawords and only deltas', async () => {
    const acct = (status: string, input: number, gigawords = 0, extra: Record<string, string | number> = {}) =>
      t.core.radius.accounting(rlm({ 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Acct-Status-Type': status, 'Acct-Session-Id': '81000001',
        'Acct-Input-Octets': input, 'Acct-Input-Gigawords': gigawords, 'Acct-Output-Octets': input * 2, 'Framed-IP-Address': '10.0.0.5', 'Calling-Station-Id': 'AA:BB:CC:DD:EE:FF', ...extra }));
    t.clock.advance(60_000);
    expect(await acct('Start', 0)).toEqual({ status: 204, attributes: {} });
    // FreeRADIUS reports no accepts in post-auth (one HTTP call per login): the Start is the sign-in.
    expect(await t.core.radius.credentials.get(subscriptionId, false)).toMatchObject({ lastAuthResult: 'accept', lastAuthAt: t.clock.now().toISOString() });
    await acct('Start', 0);
    await acct('Interim-Update', 1000);
    await acct('Interim-Update', 1000); // a retransmission adds nothing
    await acct('Interim-Update', 500); // a late, older one never lowers the count
    await acct('Interim-Update', 100, 1);
    await acct('Stop', 200, 1, { 'Acct-Terminate-Cause': 'User-Request' });
    await acct('Interim-Update', 300, 1); // after Stop: counted, but the session stays closed
    const sessions = await t.core.radius.sessions.list({ subscriptionId, page: 1, pageSize: 10 });
    expect(sessions.total).toBe(1);
    expect(sessions.items[0]).toMatchObject({ online: false, inputBytes: 2 ** 32 + 300, outputBytes: 2000, terminateCause: 'User-Request', framedIp: '10.0.0.5', mac: 'AA:BB:CC:DD:EE:FF' });
    const [usage] = (await t.core.db.dataSource.query('SELECT day, input_bytes AS input, output_bytes AS output FROM radius_usage WHERE subscription_id = ?', [subscriptionId])) as { day: string; input: number; output: number }[];
    expect(usage).toEqual({ day: '2026-11-27', input: 2 ** 32 + 300, output: 2000 });
  });

  it('counts accounting bytes in the customer usage summary when there are any', async () => {
    const to = t.clock.now();
    const summary = await t.core.bandwidth.customerSummary(customerId, new Date(to.getTime() - 86_400_000), new Date(to.getTime() + 1000));
    expect(summary).toMatchObject({ totalInGB: Math.round((2 ** 32 + 300) / 1e3) / 1e6, totalOutGB: Math.round(2000 / 1e3) / 1e6 });
    const report = await t.core.bandwidth.report('2026-11', 'Asia/Jakarta');
    expect(report).toEqual([expect.objectContaining({ customerId, totalInGB: summary.totalInGB })]);
  });

  it('closes the open sessions of a NAS that sends Accounting-On, and keeps a session first seen by its Interim', async () => {
    await t.core.radius.accounting(rlm({ 'User-Name': username, 'NAS-IP-Address': '127.0.0.2', 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': 'B2', 'Acct-Session-Time': 600, 'Acct-Input-Octets': 10 }));
    const open = await t.core.radius.sessions.list({ online: true, page: 1, pageSize: 10 });
    expect(open.items).toEqual([expect.objectContaining({ acctSessionId: 'B2', startedAt: new Date(t.clock.now().getTime() - 600_000).toISOString() })]);
    await t.core.radius.accounting(rlm({ 'NAS-IP-Address': '127.0.0.2', 'Acct-Status-Type': 'Accounting-On' }));
    expect((await t.core.radius.sessions.list({ online: true, page: 1, pageSize: 10 })).total).toBe(0);
  });
});

describe('billing acting on the network', () => {
  /** Records what would go to the NAS and answers ACK (the UDP sender itself is tested in tests/http/radius.test.ts). */
  const sent: CoaRequest[] = [];
  const recorder: CoaSender = { send: async (_target, request) => (sent.push(request), { outcome: 'ack', errorCause: null, tries: 1 }) };
  let t: TestCore;
  afterAll(() => t.close());

  it('disconnects the live session when the overdue job suspends, a payment reactivates, and a subscription expires', async () => {
    t = await makeCore({ clock: new FakeClock('2026-10-20T10:00:00+07:00'), coa: recorder });
    const core = t.core;
    const home = await plan(core);
    const { customer, subscription } = await subscriber(core, home.id, '2026-11-01');
    const ending = await subscriber(core, home.id, '2026-11-01', { autoRenew: false });
    await core.radius.nas.create(admin, { name: 'Core', address: '10.1.1.1', secret: 'nas-secret-1', vendor: 'mikrotik', coaPort: 3799 });
    for (const sub of [subscription, ending.subscription]) {
      const { username } = await core.radius.credentials.get(sub.id, false);
      await core.radius.accounting(rlm({ 'User-Name': username, 'NAS-IP-Address': '10.1.1.1', 'Acct-Status-Type': 'Start', 'Acct-Session-Id': `S${sub.id}` }));
    }
    for (const date of ['2026-10-25', '2026-11-02', '2026-11-09']) {
      t.clock.set(`${date}T23:00:00+07:00`);
      await core.billing.catchUp();
    }
    await core.radius.followUp.settled();
    expect((await core.customers.get(customer.id)).status).toBe('suspended');
    expect(sent.filter((r) => r.acctSessionId === `S${subscription.id}`).map((r) => r.kind)).toEqual(['disconnect']);
    const [invoice] = (await core.invoices.list({ subscriptionId: subscription.id, page: 1, pageSize: 5 })).items;
    const payment = await core.payments.create(admin, { invoiceId: invoice!.id, amount: invoice!.balance, method: 'cash', reference: null, note: '' });
    await core.payments.process(admin, payment.id, 'completed');
    await core.radius.followUp.settled();
    expect(sent.filter((r) => r.acctSessionId === `S${subscription.id}`).map((r) => r.kind)).toEqual(['disconnect', 'disconnect']);
    const endingSent = () => sent.filter((r) => r.acctSessionId === `S${ending.subscription.id}`).length;
    const beforeExpiry = endingSent();
    t.clock.set('2026-12-01T01:00:00+07:00');
    await core.billing.catchUp();
    await core.radius.followUp.settled();
    expect((await core.subscriptions.get(ending.subscription.id)).status).toBe('expired');
    expect(endingSent()).toBe(beforeExpiry + 1);
    const timeline = await core.customers.historyOf(customer.id, 1, 50, 'technician');
    expect(timeline.items.filter((h) => h.kind === 'radius.disconnect').map((h) => h.changes['outcome']?.to)).toEqual(['ack', 'ack']);
  });
});
