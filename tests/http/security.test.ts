// Security-review findings, each pinned over real HTTP: lockout under parallel guesses, per-address sign-in
// limits, sign-in floods, billing in the customer timeline, formulas in CSV exports, event streams of changed
// users, and first-run setup behind a foreign Host (DNS rebinding).
import { execFile } from 'node:child_process';
import http from 'node:http';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/api/dispatcher';
import { FakeClock } from '../../src/main/core/clock';
import { makeServer, PASSWORD, staff, type Staffed, type TestServer } from '../helpers';
import { message } from '../../src/shared/i18n/messages';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One request from a chosen loopback address (127.0.0.0/8) with the headers exactly as given (Host included). */
function send(base: string, method: string, urlPath: string, options: { from?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(base);
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: urlPath, headers, localAddress: options.from, agent: false, setHost: !('Host' in headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const counts = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe('sign-in limits', () => {
  let t: TestServer;
  let people: Staffed;
  const login = (from: string, email: string, password: string) =>
    send(t.url, 'POST', '/api/auth/login', { from, body: { email, password } });

  beforeEach(async () => {
    t = await makeServer();
    people = await staff(t.core);
  });
  afterEach(() => t.close());

  it('locks the account when 20 wrong passwords arrive at once, checking at most five of them', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => login('127.0.0.1', 'staff@isp.test', 'wrong-password')));
    const byStatus = counts(answers.map((a) => a.status));
    expect(byStatus[401] ?? 0).toBeLessThanOrEqual(4);
    expect((byStatus[401] ?? 0) + (byStatus[429] ?? 0)).toBe(20);
    expect((await t.core.users.get(people.ids.staff)).lockedUntil).not.toBeNull();
    expect((await login('127.0.0.1', 'staff@isp.test', PASSWORD)).status).toBe(429);
  });

  it('refuses an address that sent 20 wrong passwords, whatever account it tries next, and no other address', async () => {
    for (let i = 1; i <= 20; i++) expect((await login('127.0.0.2', `ghost${i}@isp.test`, 'wrong-password')).status).toBe(401);
    const blocked = await login('127.0.0.2', 'tech@isp.test', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    expect((await login('127.0.0.3', 'tech@isp.test', PASSWORD)).status).toBe(200);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login('127.0.0.2', 'tech@isp.test', PASSWORD)).status).toBe(200);
  });

  it('lets the only admin sign in from another address while a stranger keeps the account locked', async () => {
    for (let round = 0; round < 3; round++) {
      const stranger = [];
      for (let i = 0; i < 5; i++) stranger.push((await login('127.0.0.4', 'admin@isp.test', 'guess-guess')).status);
      expect(stranger).toEqual([401, 401, 401, 401, 429]);
      expect((await login('127.0.0.4', 'admin@isp.test', PASSWORD)).status).toBe(429);
      expect((await login('127.0.0.5', 'admin@isp.test', PASSWORD)).status).toBe(200);
      t.clock.advance(15 * 60 * 1000 + 1000);
    }
  });

  it('binds a fresh address to the lock once it guessed wrong on the locked account', async () => {
    for (let i = 0; i < 5; i++) await login('127.0.0.6', 'staff@isp.test', 'guess-guess');
    const other = await login('127.0.0.7', 'staff@isp.test', 'another-guess');
    expect(other.status).toBe(429);
    expect((await login('127.0.0.7', 'staff@isp.test', PASSWORD)).status).toBe(429);
  });
});

/** A flood from another process (a client in this process would be paced by the server's own event loop). */
const FLOOD_CLIENT = `
const http = require('node:http');
const [port, count] = process.argv.slice(1).map(Number);
const started = Date.now();
const one = (i) => new Promise((resolve) => {
  const body = JSON.stringify({ email: 'flood' + i + '@isp.test', password: 'wrong-password' });
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(body.length) };
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', localAddress: '127.0.1.' + (i + 1), agent: false, headers }, (res) => {
    res.resume();
    res.on('end', () => resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] ?? null, ms: Date.now() - started }));
  });
  req.on('error', (error) => resolve({ status: 0, retryAfter: String(error), ms: Date.now() - started }));
  req.end(body);
});
Promise.all(Array.from({ length: count }, (_, i) => one(i))).then((answers) => console.log(JSON.stringify(answers)));
`;

function flood(port: number, count: number): Promise<{ status: number; retryAfter: string | null; ms: number }[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', FLOOD_CLIENT, String(port), String(count)], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
  });
}

describe('sign-in floods', () => {
  let t: TestServer;

  beforeAll(async () => {
    // The production bcrypt cost, so the checks take long enough for a flood to pile up even on a loaded machine.
    t = await makeServer({ bcryptCost: 12 });
    await staff(t.core);
  });
  afterAll(() => t.close());

  it('answers sign-ins beyond the queue of password checks with RATE_LIMITED at once', async () => {
    const answers = await flood(t.server.port, 80);
    const refused = answers.filter((a) => a.status === 429);
    const checked = answers.filter((a) => a.status === 401);
    expect(refused.length + checked.length).toBe(80);
    expect(refused.length).toBeGreaterThanOrEqual(40);
    expect(refused.every((a) => a.retryAfter === '1')).toBe(true);
    // the refused did not wait for password checks: most were answered before the fifth check finished
    const fifthCheck = checked.map((a) => a.ms).sort((a, b) => a - b)[4]!;
    expect(refused.filter((a) => a.ms < fifthCheck).length).toBeGreaterThanOrEqual(20);
    expect((await send(t.url, 'POST', '/api/auth/login', { from: '127.0.2.1', body: { email: 'admin@isp.test', password: PASSWORD } })).status).toBe(200);
  });
});

describe('the customer timeline by role', () => {
  let t: TestServer;
  let people: Staffed;
  let payer: number;
  let debtor: number;

  beforeAll(async () => {
    t = await makeServer({ clock: new FakeClock('2026-11-27T10:00:00+07:00') });
    people = await staff(t.core);
    const admin = await people.token('admin');
    const clerk = await people.token('staff');
    const plan = (await send(t.url, 'POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150_000, cycleMonths: 1 } })).body;
    const bigger = (await send(t.url, 'POST', '/api/plans', { token: admin, body: { name: 'Home 50', downloadMbps: 50, uploadMbps: 20, price: 275_000, cycleMonths: 1 } })).body;
    const subscribe = async (name: string, phone: string) => {
      const customer = (await send(t.url, 'POST', '/api/customers', { token: clerk, body: { name, phone, address: 'Jl. Uji 1' } })).body;
      const body = { customerId: customer.id, planId: plan.id, startDate: '2026-11-01', priceOverride: 120_000, overrideReason: 'Tetangga kantor' };
      const subscription = (await send(t.url, 'POST', '/api/subscriptions', { token: clerk, body })).body;
      return { customer, subscription };
    };
    const a = await subscribe('Made Payer', '0812 7777 1001');
    const b = await subscribe('Nyoman Debtor', '0812 7777 1002');
    payer = a.customer.id;
    debtor = b.customer.id;
    await send(t.url, 'PUT', `/api/subscriptions/${a.subscription.id}`, { token: clerk, body: { priceOverride: 110_000, overrideReason: 'Diskon loyal' } });
    await send(t.url, 'PUT', `/api/subscriptions/${a.subscription.id}`, { token: clerk, body: { planId: bigger.id, priceOverride: null } });
    expect((await send(t.url, 'POST', '/api/billing/run', { token: admin, body: {} })).status).toBe(200);
    const invoices = (await send(t.url, 'GET', `/api/invoices?customerId=${payer}`, { token: clerk })).body.items;
    const invoice = invoices[0];
    const payment = (await send(t.url, 'POST', '/api/payments', { token: clerk, body: { invoiceId: invoice.id, amount: invoice.total, method: 'bank_transfer', reference: 'BRI-SECRET-42' } })).body;
    await send(t.url, 'PUT', `/api/payments/${payment.id}/process`, { token: clerk, body: {} });
    // Past the due date and the grace days: the debtor is suspended for the unpaid invoice.
    t.clock.set('2026-12-20T10:00:00+07:00');
    expect((await send(t.url, 'POST', '/api/billing/run', { token: await people.token('admin'), body: {} })).status).toBe(200);
  });
  afterAll(() => t.close());

  const timeline = async (role: 'admin' | 'staff' | 'technician', customerId: number) =>
    send(t.url, 'GET', `/api/customers/${customerId}/history?pageSize=100`, { token: await people.token(role) });

  it('shows billing staff the invoices, payments and prices', async () => {
    const history = await timeline('staff', payer);
    const kinds = history.body.items.map((entry: { kind: string }) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['invoice.issued', 'payment.recorded', 'payment.completed']));
    expect(history.text).toContain('BRI-SECRET-42');
    expect(history.text).toContain('priceOverride');
  });

  it('shows a technician no invoice, payment, price, reference or amount', async () => {
    for (const customerId of [payer, debtor]) {
      const history = await timeline('technician', customerId);
      expect(history.status).toBe(200);
      const items: { entity: string; kind: string; summary: string; changes: Record<string, unknown>; reason: string | null }[] = history.body.items;
      expect(history.body.total).toBe(items.length);
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((entry) => entry.entity === 'invoice' || entry.entity === 'payment')).toEqual([]);
      const fields = items.flatMap((entry) => Object.keys(entry.changes));
      for (const billing of ['price', 'priceOverride', 'overrideReason', 'amount', 'total', 'reference', 'credit', 'number', 'invoiceNumber']) {
        expect(fields).not.toContain(billing);
      }
      expect(history.text).not.toMatch(/BRI-SECRET-42|INV\/\d{4}|Rp ?\d|Diskon loyal|Tetangga kantor|120000|110000/);
    }
  });

  it('tells a technician why a customer was suspended, without the invoice', async () => {
    const items: { kind: string; changes: Record<string, { to: unknown }>; reason: string | null }[] = (await timeline('technician', debtor)).body.items;
    const suspension = items.find((entry) => entry.kind === 'customer.status' && entry.changes['status']?.to === 'suspended');
    expect(suspension?.reason).toBe('auto.overdue:-');
    const admin = (await timeline('admin', debtor)).body.items.find((entry: { kind: string; reason: string | null }) => entry.kind === 'customer.status' && entry.reason?.startsWith('auto.overdue'));
    expect(admin.reason).toMatch(/^auto\.overdue:INV\/2026\/11\/\d{4}$/);
  });
});

/** The cells spreadsheets execute, as a person or an import could leave them in a name or a reference. */
const FORMULAS = ['=1+1', '+cmd', "-1+cmd|' /C calc'!A0", '@SUM(1)', '\t=1', '\r=1', ' =1', '＝1+1', '＋cmd', '－1+1', '＠SUM(1)'];

/** Independent of the writer: would a spreadsheet start a formula (or strip its way to one) at this cell? */
function runsAsFormula(cell: string): boolean {
  return /^[\s\u3000]*[=+\-@＝＋－＠]/.test(cell) || /^[\t\r]/.test(cell);
}

function cellsOf(csv: string): string[][] {
  return Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
}

describe('CSV exports', () => {
  let t: TestServer;
  let people: Staffed;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await makeServer({ clock: new FakeClock('2026-11-27T10:00:00+07:00') });
    people = await staff(t.core);
    const admin = await people.token('admin');
    const clerk = await people.token('staff');
    const plan = (await send(t.url, 'POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150_000, cycleMonths: 1 } })).body;
    const device = (await send(t.url, 'POST', '/api/devices', { token: admin, body: { name: 'OLT Uji', type: 'olt', host: '127.0.0.1', monitored: false } })).body;
    for (const [i, formula] of FORMULAS.entries()) {
      const phone = `0812 8888 ${String(1000 + i)}`;
      const customer = (await send(t.url, 'POST', '/api/customers', { token: clerk, body: { name: `Pelanggan ${i}`, phone, address: 'Jl. Uji' } })).body;
      const subscription = (await send(t.url, 'POST', '/api/subscriptions', { token: clerk, body: { customerId: customer.id, planId: plan.id, startDate: '2026-11-01' } })).body;
      // Written as stored data (an old import, another tool): the API itself trims leading whitespace.
      await t.core.db.dataSource.query('UPDATE customer SET name = ?, address = ? WHERE id = ?', [formula, formula, customer.id]);
      await t.core.db.dataSource.query('INSERT INTO device_interface (device_id, if_index, name, monitored, subscription_id) VALUES (?, ?, ?, 1, ?)', [device.id, i + 1, `pon${i}`, subscription.id]);
      ids.push(customer.id);
    }
    expect((await send(t.url, 'POST', '/api/billing/run', { token: admin, body: {} })).status).toBe(200);
    const invoice = (await send(t.url, 'GET', `/api/invoices?customerId=${ids[0]}&pageSize=1`, { token: clerk })).body.items[0];
    const payment = await send(t.url, 'POST', '/api/payments', { token: clerk, body: { invoiceId: invoice.id, amount: 1000, method: 'bank_transfer', reference: "-1+cmd|' /C calc'!A0" } });
    expect(payment.status).toBe(201);
  });
  afterAll(() => t.close());

  const exported = async (urlPath: string) => {
    const answer = await send(t.url, 'GET', urlPath, { token: await people.token('admin') });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    return cellsOf(answer.text);
  };

  it('writes every formula-like name and address in the customer export as text with a leading apostrophe', async () => {
    const [header, ...rows] = await exported('/api/customers/export?sort=createdAt&lang=en');
    const name = header!.indexOf('name');
    const address = header!.indexOf('address');
    expect(rows.map((row) => row[name])).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(rows.map((row) => row[address])).toEqual(FORMULAS.map((f) => `'${f}`));
  });

  it('keeps phone numbers readable as text, not a number or a formula', async () => {
    const [header, ...rows] = await exported('/api/customers/export?sort=createdAt&lang=en');
    const phone = header!.indexOf('phone');
    expect(rows[0]![phone]).toBe("'+6281288881000");
    for (const row of rows) expect(row[phone]).toMatch(/^'\+62\d+$/);
  });

  it('leaves no cell a spreadsheet would run in any export', async () => {
    const exports = ['/api/customers/export', '/api/invoices/export?from=2026-11-01&to=2026-11-30', '/api/payments/export?from=2026-11-01&to=2026-11-30', '/api/bandwidth/report/export?month=2026-11'];
    for (const urlPath of exports) {
      const cells = (await exported(urlPath)).flat();
      expect(cells.length).toBeGreaterThan(FORMULAS.length);
      expect(cells.filter(runsAsFormula), urlPath).toEqual([]);
    }
  });

  it('quotes the customer names in the invoice and bandwidth exports and the payment reference', async () => {
    const invoices = await exported('/api/invoices/export?from=2026-11-01&to=2026-11-30');
    const customerName = invoices[0]!.indexOf('customerName');
    expect(new Set(invoices.slice(1).map((row) => row[customerName]))).toEqual(new Set(FORMULAS.map((f) => `'${f}`)));
    const total = invoices[0]!.indexOf('total');
    expect(invoices.slice(1).every((row) => /^\d+$/.test(row[total]!))).toBe(true);
    const payments = await exported('/api/payments/export?from=2026-11-01&to=2026-11-30');
    expect(payments[1]![payments[0]!.indexOf('reference')]).toBe("'-1+cmd|' /C calc'!A0");
    const report = await exported('/api/bandwidth/report/export?month=2026-11');
    expect(report.slice(1).map((row) => row[report[0]!.indexOf('name')]).sort()).toEqual(FORMULAS.map((f) => `'${f}`).sort());
  });
});

interface Stream {
  status: number;
  events: string[];
  /** Resolves when the server ends the stream (false if it is still open after `ms`). */
  endsWithin(ms: number): Promise<boolean>;
  close(): void;
}

/** A real SSE client: reads `GET /api/events` with fetch and keeps the event names it receives. */
async function openStream(base: string, token: string, lastEventId?: number): Promise<Stream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const response = await fetch(`${base}/api/events`, { headers, signal: controller.signal });
  const events: string[] = [];
  if (response.status !== 200) return { status: response.status, events, endsWithin: async () => true, close: () => controller.abort() };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const done = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) return true;
        buffer += value;
        for (const match of buffer.matchAll(/^event: (.+)$/gm)) events.push(match[1]!);
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      }
    } catch {
      return false; // aborted by the test
    }
  })();
  return {
    status: 200,
    events,
    endsWithin: (ms) => Promise.race([done, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]),
    close: () => controller.abort(),
  };
}

describe('event streams of a changed user', () => {
  let t: TestServer;
  let people: Staffed;
  let admin: string;

  beforeEach(async () => {
    // The default heartbeat (15 s): nothing here may wait for it.
    t = await makeServer();
    people = await staff(t.core);
    admin = await people.token('admin');
  });
  afterEach(() => t.close());

  const changes: [string, (ids: Staffed['ids'], own: string) => Promise<Answer>][] = [
    ['demoted', (ids) => send(t.url, 'PUT', `/api/users/${ids.staff}`, { token: admin, body: { role: 'technician' } })],
    ['deactivated', (ids) => send(t.url, 'PUT', `/api/users/${ids.staff}`, { token: admin, body: { active: false } })],
    ['deleted', (ids) => send(t.url, 'DELETE', `/api/users/${ids.staff}`, { token: admin })],
    ['signed out', (_ids, own) => send(t.url, 'POST', '/api/auth/logout', { token: own })],
    ['given a new password', (_ids, own) => send(t.url, 'PUT', '/api/auth/change-password', { token: own, body: { currentPassword: PASSWORD, newPassword: 'another-pass-1' } })],
  ];

  it.each(changes)('ends the stream at once when its user is %s', async (_name, change) => {
    const own = await people.token('staff');
    const stream = await openStream(t.url, own);
    expect(stream.status).toBe(200);
    const answer = await change(people.ids, own);
    expect(answer.status).toBeLessThan(300);
    expect(await stream.endsWithin(1500)).toBe(true);
    // nothing the old session or role may see arrives after the change
    await t.core.alerts.raise('invoice:1:overdue', { type: 'payment_overdue', severity: 'warning', text: message('alert.legacy', { text: 'INV overdue' }) });
    expect(stream.events).not.toContain('alert.created');
    expect((await openStream(t.url, own)).status).toBe(401);
  });

  it('keeps the streams of other users open', async () => {
    // Changes of the technician by the tests before are journaled first: only a change after the stream began ends it.
    await t.core.journal.settled();
    const tech = await openStream(t.url, await people.token('technician'));
    await send(t.url, 'PUT', `/api/users/${people.ids.staff}`, { token: admin, body: { role: 'technician' } });
    expect(await tech.endsWithin(500)).toBe(false);
    tech.close();
  });

  it('resumes with the missed events when a profile change ended a still valid session', async () => {
    const own = await people.token('staff');
    await t.core.journal.settled();
    const stream = await openStream(t.url, own);
    const lastId = t.core.journal.lastId;
    await send(t.url, 'PUT', '/api/auth/profile', { token: own, body: { language: 'en' } });
    expect(await stream.endsWithin(1500)).toBe(true);
    await send(t.url, 'PUT', '/api/settings', { token: admin, body: { companyName: 'PT Baru' } });
    const again = await openStream(t.url, own, lastId);
    expect(again.status).toBe(200);
    // the replayed change of its own user does not end the new stream again
    expect(await again.endsWithin(500)).toBe(false);
    expect(again.events).toContain('settings.updated');
    again.close();
  });
});

describe('first-run setup behind a foreign Host (DNS rebinding)', () => {
  let t: TestServer;
  const admin = { name: 'Budi', email: 'budi@isp.test', password: PASSWORD };
  const as = (host: string) => ({ headers: { Host: host } });

  beforeEach(async () => {
    t = await makeServer({ allowedHosts: ['noc.isp.lan'] });
  });
  afterEach(() => t.close());

  it('refuses setup and its status under a name the server does not serve', async () => {
    for (const host of [`evil.example:${t.server.port}`, 'evil.example', `noc.isp.lan.evil.example:${t.server.port}`, '127.0.0.1.nip.io']) {
      const status = await send(t.url, 'GET', '/api/setup', as(host));
      expect(status.status).toBe(403);
      expect(status.body).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining('NOCMAN_ALLOWED_HOSTS') } });
      const create = await send(t.url, 'POST', '/api/setup', { ...as(host), body: admin });
      expect(create.status).toBe(403);
      expect(create.body.error.code).toBe('FORBIDDEN');
    }
    expect(await t.core.users.count()).toBe(0);
  });

  it('answers under an IP address, localhost and the listed names', async () => {
    for (const host of [`127.0.0.1:${t.server.port}`, '10.20.0.5', `[::1]:${t.server.port}`, `localhost:${t.server.port}`, 'LOCALHOST', `NOC.isp.lan:${t.server.port}`, 'noc.isp.lan.']) {
      const status = await send(t.url, 'GET', '/api/setup', as(host));
      expect(status.status, host).toBe(200);
      expect(status.body.needsSetup).toBe(true);
    }
    const create = await send(t.url, 'POST', '/api/setup', { ...as(`noc.isp.lan:${t.server.port}`), body: admin });
    expect(create.status).toBe(201);
  });

  it('tells any Host that setup is done, so the sign-in page loads under every name', async () => {
    expect((await send(t.url, 'POST', '/api/setup', { ...as('localhost'), body: admin })).status).toBe(201);
    const status = await send(t.url, 'GET', '/api/setup', as('evil.example'));
    expect(status.status).toBe(200);
    expect(status.body.needsSetup).toBe(false);
    expect((await send(t.url, 'POST', '/api/setup', { ...as('evil.example'), body: { ...admin, email: 'eve@isp.test' } })).status).toBe(403);
  });

  it('leaves setup over IPC alone', async () => {
    const result = await createDispatcher(t.core).call('setup.createAdmin', admin, null);
    expect(result.status).toBe(201);
  });
});
