// Fuzz of the REST API driven by GET /api/openapi.json: every operation, as every role, gets a bounded run of abuse
// (fast-check, fixed seed) and must answer below 500, in the error shape, without internals, and change nothing it refused.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/contract';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { makeCore, staff, type Staffed, type TestCore } from '../helpers';
import { casesFor, type FuzzCase, type FuzzOperation, type JsonSchema, type Seeded } from './fuzz-cases';
import { isErrorShape, rawRequest } from './raw';
import { message } from '../../src/shared/i18n/messages';

/** `bridge`: FreeRADIUS with the bridge key and no session, which only bridge operations answer. */
type Caller = Role | 'anonymous' | 'bridge';
const CALLERS: Caller[] = ['anonymous', ...ROLES, 'bridge'];
type Roles = 'public' | 'user' | 'bridge' | 'poller' | Role[];
/** Change it (FUZZ_SEED=…) to explore; a failure prints the seed and the case to replay it. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_127);
/** Runs per operation and caller: more where the caller may use the operation, since only then is the input read. */
const RUNS_ALLOWED = Number(process.env['FUZZ_RUNS'] ?? 8);
const RUNS_REFUSED = 2;

/** Internals that must never reach a caller: SQL, driver codes, stack frames, source paths. */
const LEAK = /SQLITE_|SELECT |INSERT INTO|DELETE FROM|QueryFailedError|EntityMetadata| at \/|\bat .+\.(ts|js|mjs|cjs):\d|\.ts:\d|node_modules/;

/**
 * Tables a refused call may change, and why: a wrong password for a real account (`auth.login`) is counted on the
 * user's row before the password is checked, and its lock is audited, so that guessing locks the account. Those
 * writes are the refusal working; nothing of the refused input is stored.
 */
const CHANGED_BY_REFUSAL: Record<string, string[]> = {
  'auth.login': ['user', 'audit_log'],
  // A RADIUS reject is an answer, not a refusal of the call: the bridge logs it and the user's last result.
  'radius.authorize': ['radius_reject', 'radius_credential'],
  'radius.authenticate': ['radius_reject', 'radius_credential'],
};

let t: TestCore;
let server: RunningServer;
let people: Staffed;
let operations: (FuzzOperation & { roles: Roles })[] = [];
let seeded: Seeded;
const logged: string[] = [];

async function query<T>(sql: string): Promise<T[]> {
  return (await t.core.db.dataSource.query(sql)) as T[];
}

/** A cheap fingerprint of every table: row count and a hash of its rows, in rowid order. */
async function fingerprint(): Promise<Map<string, string>> {
  // The event journal is written after the fact (a turn of the event loop later) for what accepted calls announced, and
  // the runner lease is renewed on a timer: neither is a change a refused call could have made.
  const postgres = t.core.db.dialect === 'postgres';
  const tables = await query<{ name: string }>(
    postgres
      ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('event_journal', 'runner_lease') ORDER BY tablename"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('event_journal', 'runner_lease') ORDER BY name",
  );
  const prints = new Map<string, string>();
  for (const { name } of tables) {
    const rows = await query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
    // PostgreSQL has no rowid order: an updated row moves in the heap, so the rows are compared sorted.
    if (postgres) rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    prints.set(name, `${rows.length}:${createHash('sha1').update(JSON.stringify(rows)).digest('hex')}`);
  }
  return prints;
}

/** Whether anything may have been written since the last look: this connection's changes and other connections' commits. */
async function writeMark(): Promise<string> {
  // PostgreSQL: the WAL position moves with any write (the lease renewal too: then the fingerprint tells).
  if (t.core.db.dialect === 'postgres') return (await query<{ lsn: string }>('SELECT CAST(pg_current_wal_insert_lsn() AS TEXT) AS lsn'))[0]!.lsn;
  const [row] = await query<{ changes: number; version: number }>('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version');
  return `${row!.changes}/${row!.version}`;
}

function mayCall(roles: Roles, caller: Caller): boolean {
  if (roles === 'public') return true;
  if (roles === 'bridge' || caller === 'bridge') return roles === 'bridge' && caller === 'bridge';
  // Poller operations answer a remote poller's key only; no caller here has one.
  if (roles === 'poller') return false;
  if (caller === 'anonymous') return false;
  return roles === 'user' || roles.includes(caller);
}

async function api(method: string, path: string, token: string, body?: unknown): Promise<unknown> {
  const answer = await rawRequest(server.url, {
    method,
    path,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return answer.json;
}

/** A little real data, so that ids in paths and bodies exist: a plan, a customer, a subscription, a device, an invoice, a payment. */
async function seed(admin: string): Promise<Seeded> {
  const plan = (await api('POST', '/api/plans', admin, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150000, cycleMonths: 1 })) as { id: number };
  const customer = (await api('POST', '/api/customers', admin, { name: 'Budi Santoso', phone: '0812-3456-7890', address: 'Jl. Merdeka 1' })) as { id: number };
  const subscription = (await api('POST', '/api/subscriptions', admin, { customerId: customer.id, planId: plan.id, startDate: '2026-11-01' })) as { id: number };
  const device = (await api('POST', '/api/devices', admin, { name: 'Core router', type: 'router', host: '127.0.0.1', echoCount: 1, timeoutMs: 100, subscriptionIds: [subscription.id], snmp: { timeoutMs: 100, retries: 0 } })) as { id: number };
  await api('POST', '/api/billing/run', admin, {});
  const invoices = (await api('GET', `/api/invoices?subscriptionId=${subscription.id}`, admin)) as { items: { id: number }[] };
  const invoice = invoices.items[0]!;
  const payment = (await api('POST', '/api/payments', admin, { invoiceId: invoice.id, amount: 1000, method: 'cash' })) as { id: number };
  const window = (await api('POST', `/api/devices/${device.id}/maintenance`, admin, {
    startsAt: '2026-12-01T00:00:00.000Z',
    endsAt: '2026-12-01T02:00:00.000Z',
    reason: 'Ganti kabel',
  })) as { id: number };
  const victim = (await api('POST', '/api/auth/register', admin, { name: 'Fuzz Victim', email: 'victim@isp.test', password: 'victim-pass-1', role: 'staff' })) as { id: number };
  const alert = (await t.core.alerts.raise(`device:${device.id}:down`, { type: 'device_down', severity: 'critical', text: message('alert.legacy', { text: 'Core router down' }), deviceId: device.id })).alert;
  return {
    byField: {
      customerId: customer.id,
      planId: plan.id,
      subscriptionId: subscription.id,
      subscriptionIds: [subscription.id],
      deviceId: device.id,
      parentId: null,
      invoiceId: invoice.id,
      ids: [alert.id],
    },
    byResource: {
      plans: String(plan.id),
      customers: String(customer.id),
      subscriptions: String(subscription.id),
      devices: String(device.id),
      invoices: String(invoice.id),
      payments: String(payment.id),
      maintenance: String(window.id),
      users: String(victim.id),
      alerts: String(alert.id),
      bandwidth: String(customer.id),
    },
  };
}

interface OpenApiOperation {
  operationId: string;
  'x-roles': Roles;
  parameters: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

function operationsOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const body = op.requestBody?.content['application/json'].schema ?? null;
      const bodyProperties = Object.fromEntries(Object.entries(body?.properties ?? {}).filter(([key]) => !pathParams.includes(key)));
      return {
        id: op.operationId,
        method: method.toUpperCase() as FuzzOperation['method'],
        path,
        pathParams,
        roles: op['x-roles'],
        query: Object.fromEntries(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: body ? { ...body, properties: bodyProperties, required: (body.required ?? []).filter((key) => !pathParams.includes(key)) } : null,
      };
    }),
  );
}

/** A RADIUS reject as rlm_rest reads it: 401 with a flat map of `reply:`/`control:` attributes. */
function isRadiusReject(status: number, json: unknown): boolean {
  if (status !== 401 || typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return Object.keys(json).length > 0 && Object.keys(json).every((key) => /^(reply|control):[A-Za-z0-9-]+$/.test(key));
}

/** Why an answer is wrong, or null when it is acceptable. */
function problemWith(status: number, contentType: string, text: string, json: unknown, roles: Roles): string | null {
  if (status >= 500) return `answered ${status}`;
  if (LEAK.test(text)) return `leaks internals: ${text.slice(0, 300)}`;
  if (roles === 'bridge' && isRadiusReject(status, json)) return null;
  if (status >= 300 && !(contentType.startsWith('application/json') && isErrorShape(json))) return `answered ${status} outside the error shape: ${text.slice(0, 300)}`;
  return null;
}

beforeAll(async () => {
  t = await makeCore();
  server = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', logger: { error: (message) => logged.push(message) } });
  people = await staff(t.core);
  seeded = await seed(await people.token('admin'));
  const document = (await rawRequest(server.url, { method: 'GET', path: '/api/openapi.json' })).json as Parameters<typeof operationsOf>[0];
  // Reads first and deletes last, so that the rows the other operations need are still there when they run.
  const order = { GET: 0, POST: 1, PUT: 1, DELETE: 2 };
  operations = operationsOf(document).sort((a, b) => order[a.method] - order[b.method]);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe('fuzz of every operation in the OpenAPI document', () => {
  it('reads operations from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it('notices a write to any table, which the refusal check relies on', async () => {
    const before = await fingerprint();
    const mark = await writeMark();
    await t.core.db.dataSource.query("UPDATE plan SET description = description || ' ' WHERE id = ?", [seeded.byField['planId']]);
    expect(await writeMark()).not.toBe(mark);
    const after = await fingerprint();
    expect([...after.keys()].filter((table) => after.get(table) !== before.get(table))).toEqual(['plan']);
  });

  it('answers every abuse of every operation, as every role, below 500, in the error shape, and changes nothing it refused', async () => {
    let before = await fingerprint();
    let mark = await writeMark();
    let calls = 0;
    const failures: string[] = [];
    for (const [opIndex, op] of operations.entries()) {
      for (const [callerIndex, caller] of CALLERS.entries()) {
        const allowed = mayCall(op.roles, caller);
        // A fresh token per operation: an earlier one may have signed this user out (logout, password change).
        const token = caller === 'anonymous' || caller === 'bridge' ? null : await people.token(caller);
        const bridgeKey: Record<string, string> = caller === 'bridge' ? { 'X-NOCman-Bridge-Key': t.core.radius.bridgeKeyForConfig } : {};
        const property = fc.asyncProperty(casesFor(op, seeded), async (fuzzCase: FuzzCase) => {
          const headers = { ...(fuzzCase.request.headers ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...bridgeKey };
          logged.length = 0;
          const answer = await rawRequest(server.url, { ...fuzzCase.request, headers });
          calls++;
          const where = `${op.id} as ${caller}, ${fuzzCase.kind}: ${fuzzCase.request.method} ${fuzzCase.request.path.slice(0, 200)}`;
          // Look at the database first, so that the next case starts from what this one left, whatever it did wrong.
          let changed: string[] = [];
          const nowMark = await writeMark();
          if (nowMark !== mark) {
            mark = nowMark;
            const after = await fingerprint();
            const excused = CHANGED_BY_REFUSAL[op.id] ?? [];
            changed = [...after.keys()].filter((table) => after.get(table) !== before.get(table) && !excused.includes(table));
            before = after;
          }
          const problem = problemWith(answer.status, String(answer.headers['content-type'] ?? ''), answer.text, answer.json, op.roles);
          if (problem) throw new Error(`${where} ${problem}`);
          if (logged.length > 0) throw new Error(`${where} logged an internal error: ${logged.join('; ')}`);
          if (fuzzCase.mustRefuse && answer.status < 300) throw new Error(`${where} was accepted with ${answer.status}, but ${fuzzCase.mustRefuse}`);
          if (answer.status >= 300 && changed.length > 0) throw new Error(`${where} was refused with ${answer.status} but changed ${changed.join(', ')}`);
        });
        const seed = SEED + opIndex * CALLERS.length + callerIndex;
        const result = await fc.check(property, { seed, numRuns: allowed ? RUNS_ALLOWED : RUNS_REFUSED, endOnFailure: true });
        if (result.failed) {
          // The counterexample may hold a megabyte of text: the error names the case, the seed replays it.
          const reason = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          failures.push(`${reason.slice(0, 600)} (FUZZ_SEED=${SEED} replays the run; this case: seed ${seed}, path ${result.counterexamplePath ?? '?'})`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(operations.length * CALLERS.length * RUNS_REFUSED);
  }, Math.max(120_000, RUNS_ALLOWED * 30_000));
});
