// `nocman migrate`: a site built on a real SQLite file with the real core moves into a real throwaway PostgreSQL
// cluster (scripts/pg-cluster.mjs, started here: this file always needs PostgreSQL), then reads the same through the
// core on PostgreSQL; a target with data is refused, a fault in the copy is caught and nothing is committed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { insertMany } from '../../src/main/core/billing/sql';
import { FakeClock } from '../../src/main/core/clock';
import { DATABASE_FILE } from '../../src/main/core/db/database';
import { DAY, partitionName } from '../../src/main/core/db/partitions';
import { MONEY_COLUMNS, moveSiteToPostgres, MoveFailed, MoveRefused } from '../../src/main/core/db/move';
import { migrateCommand } from '../../src/main/cliMigrate';
import { message } from '../../src/shared/i18n/messages';
import { admin, plan, subscriber } from '../billing-fixtures';
import { PASSWORD, staff, tempDir } from '../helpers';
// @ts-expect-error -- a plain .mjs script without type declarations
import { postgresBinDir as binDir, startCluster as start } from '../../scripts/pg-cluster.mjs';

const postgresBinDir = binDir as () => string;
const startCluster = start as () => Promise<{ url: string; stop(): void }>;

const root = path.resolve(import.meta.dirname, '../..');

function hasPostgres(): boolean {
  try {
    postgresBinDir();
    return true;
  } catch {
    return false;
  }
}
// CI installs PostgreSQL (.ci/run): there a missing initdb is a failure, not a skip.
const skip = !hasPostgres() && !process.env.CI;
if (skip) console.warn('migrate-postgres.test.ts skipped: PostgreSQL is not installed (no initdb; Debian package `postgresql`)');

let cluster: { url: string; stop(): void } | null = null;
let serial = 0;

/** A fresh empty database on the test cluster; its URL. */
async function database(): Promise<string> {
  const name = `nocman_move_${process.pid}_${++serial}`;
  const client = new pg.Client({ connectionString: cluster!.url });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(cluster!.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onTarget<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function sqliteRun(file: string, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (openError) => {
      if (openError) return reject(openError);
      db.run(sql, params, (error) => db.close(() => (error ? reject(error) : resolve())));
    });
  });
}

const NOW = '2026-11-27T03:00:00Z';

/** A site on SQLite through the real services: users, settings, plans, customers, invoices, payments, devices, samples, alerts. */
async function buildSite(customers = 12): Promise<{ dataDir: string; file: string }> {
  const dataDir = tempDir('nocman-move-');
  const core = await createCore({ dataDir, bcryptCost: 4, clock: new FakeClock(NOW), version: 'test' });
  try {
    await staff(core);
    await core.settings.update(SYSTEM_ACTOR, { companyName: 'PT Net Maju', taxRate: 11 });
    const home = await plan(core, 'Home 20', 166_500);
    const office = await plan(core, 'Office 50', 450_000);
    for (let i = 0; i < customers; i++) await subscriber(core, i % 3 === 0 ? office.id : home.id, i % 2 ? '2026-10-01' : '2026-11-15');
    await core.billing.runAll();
    const invoices = (await core.invoices.list({ page: 1, pageSize: 200 })).items.sort((a, b) => a.id - b.id);
    // Paid in full, partly, and over (the excess becomes credit), and one cancelled.
    for (const [i, invoice] of invoices.entries()) {
      if (i % 4 === 3) continue;
      const amount = i % 4 === 0 ? invoice.total : i % 4 === 1 ? Math.floor(invoice.total / 3) : invoice.total + 25_000;
      const payment = await core.payments.create(admin, { invoiceId: invoice.id, amount, method: 'cash', reference: null, note: '' });
      if (i % 8 === 1) await core.payments.cancel(admin, payment.id, 'typo');
      else await core.payments.process(admin, payment.id, 'completed');
    }
    const device = (name: string, host: string) =>
      core.devices.create(admin, {
        name, host, type: 'router', location: '', parentId: null, subscriptionIds: [], monitored: false,
        intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
      });
    const cpe = await device('CPE 1', '127.0.9.1');
    const gone = await device('Old AP', '127.0.9.2');
    const core1 = await device('Core 1', '127.0.9.3');
    // A parent added after its child: the copy must not trip over the order of ids.
    await core.devices.update(admin, cpe.id, { parentId: core1.id });
    await core.devices.delete(admin, gone.id);
    const start = Math.floor(Date.parse('2026-11-24T00:00:00Z') / 1000);
    const samples: unknown[][] = [];
    for (let s = 0; s < 3 * 288; s++) for (const d of [cpe.id, core1.id]) samples.push([d, start + s * 300, 900, 1200, 2000, s % 50 === 0 ? 1 : 0]);
    await core.db.write((em) => insertMany(em, 'sample', ['device_id', 'at', 'min_us', 'avg_us', 'max_us', 'loss'], samples));
    // Bandwidth samples of three days (every 5 minutes, two interfaces): partitioned by day on PostgreSQL too.
    const traffic: unknown[][] = [];
    for (let s = 0; s < 3 * 288; s++) for (const ifIndex of [1, 2]) traffic.push([core1.id, ifIndex, start + s * 300, 1000 * s, 2000 * s, 37_500 * s, 75_000 * s, 1000 * s, 2000 * s]);
    await core.db.write((em) => insertMany(em, 'bw_sample', ['device_id', 'if_index', 'at', 'in_bps', 'out_bps', 'in_bytes', 'out_bytes', 'peak_in_bps', 'peak_out_bps'], traffic));
    await core.alerts.raise(`device:${core1.id}:down`, { type: 'device_down', severity: 'critical', text: message('alert.legacy', { text: 'Core 1 down' }), deviceId: core1.id });
  } finally {
    await core.close();
  }
  return { dataDir, file: path.join(dataDir, DATABASE_FILE) };
}

/** What a person sees of the books through the core. */
async function books(core: Core) {
  const customers = (await core.customers.list({ page: 1, pageSize: 200, sort: 'code', order: 'asc' })).items.map((c) => [c.id, c.code, c.name, c.status, c.creditBalance]);
  const invoices = (await core.invoices.list({ page: 1, pageSize: 200 })).items.map((i) => [i.id, i.number, i.total, i.amountPaid, i.status]).sort();
  const devices = (await core.devices.list({ page: 1, pageSize: 50 })).items.map((d) => [d.id, d.name, d.parentId]).sort();
  const alerts = (await core.alerts.list('admin', { page: 1, pageSize: 50 })).items.map((a) => [a.id, a.type, a.status]);
  const settings = await core.settings.get();
  return { customers, invoices, devices, alerts, company: settings.companyName };
}

function sqliteCore(dataDir: string) {
  return createCore({ dataDir, bcryptCost: 4, clock: new FakeClock(NOW), version: 'test' });
}

const quiet = { targetName: 'the test database' };

describe.skipIf(skip)('nocman migrate (SQLite → PostgreSQL)', () => {
  let site: { dataDir: string; file: string };

  beforeAll(async () => {
    cluster = await startCluster();
    site = await buildSite();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('moves every row, verifies it, and the site reads and goes on the same on PostgreSQL', async () => {
    const before = sha256(site.file);
    const source = await sqliteCore(site.dataDir);
    const expected = await books(source);
    const maxCustomer = Math.max(...expected.customers.map((c) => c[0] as number));
    await source.close();
    expect(expected.invoices.length).toBeGreaterThan(10);

    const url = await database();
    const progress: string[] = [];
    const result = await moveSiteToPostgres({ from: site.file, to: url, ...quiet, onProgress: (e) => e.done && progress.push(e.table) });
    expect(progress).toEqual(expect.arrayContaining(['customer', 'invoice', 'payment', 'sample', 'bw_sample', 'device', 'user', 'setting', 'alert']));
    expect(progress.indexOf('customer')).toBeLessThan(progress.indexOf('invoice'));
    expect(result.tables.find((t) => t.table === 'sample')!.rows).toBe(2 * 3 * 288);
    expect(result.tables.find((t) => t.table === 'bw_sample')!.rows).toBe(2 * 3 * 288);
    expect(result.money.find((m) => m.column === 'invoice.total')!.total).toMatch(/^[1-9]\d+$/);
    expect(sha256(site.file)).toBe(before);

    // The moved tables were analysed after the COMMIT (a manual ANALYZE: last_analyze, not autovacuum's
    // last_autoanalyze), so the planner has row counts and column statistics from the first search on. (Migration
    // 0019 analyses customer while it is still empty: the 12 rows counted prove the ANALYZE after the copy.)
    expect(result.warnings).toEqual([]);
    expect(result.analyzeSeconds).toEqual(expect.any(Number));
    const stats = await onTarget(url, async (c) => ({
      analysed: (await c.query("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")).rows.map((r: { relname: string }) => r.relname),
      customerRows: (await c.query("SELECT reltuples::int AS n FROM pg_class WHERE relname = 'customer'")).rows[0].n as number,
      columns: (await c.query("SELECT DISTINCT tablename, inherited FROM pg_stats WHERE schemaname = current_schema() AND tablename IN ('customer', 'invoice', 'sample', 'bw_sample')"))
        .rows.map((r: { tablename: string; inherited: boolean }) => `${r.tablename}${r.inherited ? ' (all partitions)' : ''}`).sort(),
    }));
    expect(stats.analysed).toEqual(expect.arrayContaining(['customer', 'invoice', 'payment', 'device', 'sample_d20261124', 'bw_sample_d20261126']));
    expect(stats.customerRows).toBe(expected.customers.length);
    expect(stats.columns).toEqual(['bw_sample (all partitions)', 'customer', 'invoice', 'sample (all partitions)']);

    const moved = await createCore({ dataDir: site.dataDir, databaseUrl: url, bcryptCost: 4, clock: new FakeClock(NOW), version: 'test' });
    try {
      expect(moved.db.dialect).toBe('postgres');
      expect(await books(moved)).toEqual(expected);
      // The migrated bcrypt hash signs in; the migrations are not run again (the same 15 names, once each).
      expect((await moved.auth.login('admin@isp.test', PASSWORD)).user.email).toBe('admin@isp.test');
      const migrations = (await moved.db.dataSource.query('SELECT name FROM migrations')) as { name: string }[];
      expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
      // Samples landed in their daily partitions.
      const parts = (await moved.db.dataSource.query("SELECT count(*) AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'sample'")) as { n: number }[];
      expect(parts[0]!.n).toBeGreaterThanOrEqual(3);
      // So did the bandwidth samples, each row in the partition of its UTC day, with their sums intact.
      const bw = (await moved.db.dataSource.query(
        'SELECT CAST(tableoid::regclass AS TEXT) AS part, COUNT(*) AS n, SUM(in_bytes) AS bytes, MIN(at) AS first, MAX(at) AS last FROM bw_sample GROUP BY 1 ORDER BY 1',
      )) as { part: string; n: number; bytes: number; first: number; last: number }[];
      expect(bw.map((p) => p.part)).toEqual(['bw_sample_d20261124', 'bw_sample_d20261125', 'bw_sample_d20261126']);
      for (const p of bw) expect([p.first, p.last].map((at) => partitionName('bw_sample', Math.floor(at / DAY) * DAY))).toEqual([p.part, p.part]);
      expect(bw.reduce((sum, p) => sum + p.n, 0)).toBe(2 * 3 * 288);
      expect(bw.reduce((sum, p) => sum + p.bytes, 0)).toBe(2 * 37_500 * ((3 * 288 * (3 * 288 - 1)) / 2));

      // New rows continue the numbers: a new customer's id and code, the next invoice number of the month.
      const lastNumber = (expected.invoices.map((i) => i[1] as string).filter((n) => n.startsWith('INV/2026/11/')).sort().pop())!;
      const home = (await moved.plans.list({ page: 1, pageSize: 10 })).items.find((p) => p.name === 'Home 20')!;
      const { customer, subscription } = await subscriber(moved, home.id, '2026-11-20');
      expect(customer.id).toBe(maxCustomer + 1);
      expect(customer.code).toBe(`CUST-${String(maxCustomer + 1).padStart(6, '0')}`);
      await moved.billing.runAll();
      const fresh = (await moved.invoices.list({ subscriptionId: subscription.id, page: 1, pageSize: 10 })).items.map((i) => i.number).sort();
      expect(fresh[0]).toBe(`INV/2026/11/${String(Number(lastNumber.slice(-4)) + 1).padStart(4, '0')}`);
      // The deleted device's id is not given again (AUTOINCREMENT's sequence, not max(id)).
      const again = await moved.devices.create(admin, {
        name: 'New', host: '127.0.9.9', type: 'router', location: '', parentId: null, subscriptionIds: [], monitored: false,
        intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
      });
      expect(again.id).toBe(4);
    } finally {
      await moved.close();
    }

    // Now the target holds a site: a second move into it is refused and changes nothing.
    const counts = () => onTarget(url, async (c) => (await c.query('SELECT (SELECT count(*) FROM customer) AS c, (SELECT count(*) FROM invoice) AS i')).rows[0]);
    const held = await counts();
    await expect(moveSiteToPostgres({ from: site.file, to: url, ...quiet })).rejects.toThrow(/already holds a site's data \(rows in .*customer/);
    expect(await counts()).toEqual(held);
    expect(sha256(site.file)).toBe(before);
  });

  it('refuses a database holding tables of something else', async () => {
    const url = await database();
    await onTarget(url, (c) => c.query('CREATE TABLE accounts (id int)'));
    await expect(moveSiteToPostgres({ from: site.file, to: url, ...quiet })).rejects.toThrow(/not a NOCman site \(accounts\)/);
    expect(await onTarget(url, async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n)).toBe(1);
  });

  it('catches a lost row and a changed payment, and commits nothing', async () => {
    const url = await database();
    let dropped = false;
    const lost = moveSiteToPostgres({
      from: site.file, to: url, ...quiet,
      tamper: (table, rows) => (table === 'sample' && !dropped && (dropped = true) ? rows.slice(1) : rows),
    });
    await expect(lost).rejects.toBeInstanceOf(MoveFailed);
    await expect(lost).rejects.toThrow(/sample rows: SQLite 1728, PostgreSQL 1727/);
    // Rolled back: the schema is there, the rows are not, so the move can simply run again.
    expect(await onTarget(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM customer')).rows[0].n)).toBe(0);

    const changed = moveSiteToPostgres({
      from: site.file, to: url, ...quiet,
      tamper: (table, rows) => (table === 'payment' ? rows.map((r, i) => (i === 0 ? { ...r, amount: Number(r['amount']) + 1 } : r)) : rows),
    });
    await expect(changed).rejects.toThrow(/payment\.amount total: SQLite \d+, PostgreSQL \d+/);
    expect(await onTarget(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM payment')).rows[0].n)).toBe(0);

    // And then it moves cleanly into the same database.
    await expect(moveSiteToPostgres({ from: site.file, to: url, ...quiet })).resolves.toMatchObject({ rows: expect.any(Number) });
  });

  it('a failed ANALYZE after the verified COMMIT is a warning: the move stands and exits 0', async () => {
    const url = await database();
    const name = new URL(url).pathname.slice(1);
    // The move's own connection is ended by the server right after its COMMIT, so its ANALYZE cannot run.
    const cut = () =>
      onTarget(cluster!.url, async (c) => {
        const others = `FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`;
        expect((await c.query(`SELECT pg_terminate_backend(pid) AS cut ${others}`, [name])).rows).toEqual([{ cut: true }]);
        while ((await c.query(`SELECT 1 ${others}`, [name])).rows.length > 0) await new Promise((r) => setTimeout(r, 20));
      });
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const warns = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let code: number;
    const printed = { log: '', warn: '', error: '' };
    try {
      code = await migrateCommand(['--from', site.file, '--to', url], {}, { beforeAnalyze: cut });
    } finally {
      // Read before mockRestore, which forgets the calls.
      printed.log = logs.mock.calls.flat().join('\n');
      printed.warn = warns.mock.calls.flat().join('\n');
      printed.error = errors.mock.calls.flat().join('\n');
      logs.mockRestore();
      warns.mockRestore();
      errors.mockRestore();
    }
    expect(printed.error).toBe('');
    expect(code).toBe(0);
    expect(printed.log).toMatch(/Verified: \d+ tables/);
    expect(printed.log).not.toMatch(/ANALYZE\) in/);
    expect(printed.warn).toMatch(/^Warning: ANALYZE after the move failed \(.+\); the copy is committed and verified\. Run ANALYZE/);
    // Committed all the same, only without statistics of the rows (migration 0019 analysed the empty customer table).
    const after = await onTarget(url, async (c) => ({
      customers: (await c.query('SELECT count(*)::int AS n FROM customer')).rows[0].n as number,
      customerRowsKnown: (await c.query("SELECT reltuples::int AS n FROM pg_class WHERE relname = 'customer'")).rows[0].n as number,
      analysed: (await c.query("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")).rows.map((r: { relname: string }) => r.relname),
    }));
    expect(after).toEqual({ customers: 12, customerRowsKnown: 0, analysed: ['customer'] });
  });

  it('fails when another process writes to the SQLite file during the move', async () => {
    const copy = await buildSite(2);
    const url = await database();
    let written = false;
    const move = moveSiteToPostgres({
      from: copy.file, to: url, ...quiet,
      tamper: async (table, rows) => {
        if (table === 'user' && !written) {
          written = true;
          await sqliteRun(copy.file, "INSERT INTO counter (name, value) VALUES ('test.write', 1)");
        }
        return rows;
      },
    });
    await expect(move).rejects.toThrow(/SQLite file: SQLite written by another process during the move/);
  });

  it('refuses a site whose runner lease is live (a NOCman process runs it)', async () => {
    const copy = await buildSite(1);
    const now = Date.now();
    await sqliteRun(copy.file, 'INSERT INTO runner_lease (name, holder, label, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', ['site', 'abc', 'noc-server pid 4242', now, now, now + 60_000]);
    const before = sha256(copy.file);
    const move = moveSiteToPostgres({ from: copy.file, to: await database(), ...quiet });
    await expect(move).rejects.toBeInstanceOf(MoveRefused);
    await expect(move).rejects.toThrow(/noc-server pid 4242/);
    expect(sha256(copy.file)).toBe(before);
  });

  it('knows every money column of the schema', async () => {
    const db = new sqlite3.Database(site.file, sqlite3.OPEN_READONLY);
    const all = <T>(sql: string) => new Promise<T[]>((resolve, reject) => db.all(sql, (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
    const tables = await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    const money: string[] = [];
    for (const { name } of tables) {
      for (const c of await all<{ name: string; type: string }>(`PRAGMA table_info("${name}")`)) {
        if (c.type === 'INTEGER' && /price|amount|total|tax|balance|credit|fee|cost/.test(c.name)) money.push(`${name}.${c.name}`);
      }
    }
    db.close();
    const known = Object.entries(MONEY_COLUMNS).flatMap(([table, columns]) => columns.map((c) => `${table}.${c}`));
    expect(money.sort()).toEqual(known.sort());
  });

  it('answers bad arguments with the usage and exit code 2', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await migrateCommand([], {})).toBe(2);
      expect(await migrateCommand(['--from', site.file], {})).toBe(2);
      expect(await migrateCommand(['--from', site.file, '--to', 'mysql://x@y/z'], {})).toBe(2);
      expect(await migrateCommand(['--form', site.file], {})).toBe(2);
      expect(errors.mock.calls.flat().join('\n')).toMatch(/Usage: nocman migrate --from SQLITE_FILE/);
    } finally {
      errors.mockRestore();
    }
  });

  it('runs as `nocman migrate` from a shell, naming the database without its password', async () => {
    expect(existsSync(path.join(root, 'out/main/cli.js')), 'run `npm run build` before the tests').toBe(true);
    const url = new URL(await database());
    url.password = 's3cret-pw';
    const run = spawnSync(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'migrate', '--from', site.dataDir], {
      cwd: site.dataDir,
      env: { PATH: process.env['PATH'], NOCMAN_DATABASE_URL: url.toString() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${run.stdout}${run.stderr}`;
    expect(out).toMatch(/Verified: \d+ tables/);
    expect(out).toMatch(/invoice\.total +[\d,]+/);
    expect(out).toMatch(/customer +\d+ rows/);
    expect(out).toMatch(/gathered \(ANALYZE\) in [\d.]+ s/);
    expect(out).not.toContain('Warning:');
    expect(out).toContain(':***@127.0.0.1');
    expect(out).not.toContain('s3cret-pw');
    expect(run.status).toBe(0);

    // The same command again: the target now holds the site, so it is refused with exit 1.
    const again = spawnSync(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'migrate', '--from', site.file, '--to', url.toString()], {
      cwd: site.dataDir, env: { PATH: process.env['PATH'] }, encoding: 'utf8', timeout: 60_000,
    });
    expect(`${again.stdout}${again.stderr}`).toMatch(/refused: .*already holds a site's data/);
    expect(`${again.stdout}${again.stderr}`).not.toContain('s3cret-pw');
    expect(again.status).toBe(1);
  });
});
