// Backups on real SQLite files (with NOCMAN_TEST_PG: of a real PostgreSQL database with the real pg_dump/pg_restore):
// online copy while writing, verification, retention, failures and their alert, restore with a safety copy, refusal
// of foreign, damaged or newer files, migration of older ones.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { retentionTiers } from '../../src/main/core/backups/retention';
import { insertMany } from '../../src/main/core/billing/sql';
import { migrations } from '../../src/main/core/db/migrations';
import { withSqliteFile } from '../../src/main/core/db/sqliteFile';
import { dumpSnapshot, inspectDump, restoreDump } from '../../src/main/core/backups/pgDump';
import { createDataSource } from '../../src/main/core/db/postgres';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase, makeCore, staff, tempDir, TEST_PG, type TestCore } from '../helpers';
import { message } from '../../src/shared/i18n/messages';

const ADMIN = { id: 1, name: 'Ayu Admin', role: 'admin' as const };
/** What a backup's file ends with on the engine under test. */
const EXT = TEST_PG ? '.dump' : '.sqlite';

/** Rows of `table` in a backup file, read from the file itself. */
async function rowsInBackup(file: string, table: string): Promise<number | undefined> {
  if (TEST_PG) return (await inspectDump(file)).counts[table];
  return (await withSqliteFile(file, 'readonly', (db) => db.get<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)))?.n;
}
const opened: TestCore[] = [];

async function core(dataDir?: string, databaseUrl?: string): Promise<TestCore> {
  const t = await makeCore(databaseUrl ? { databaseUrl } : {}, dataDir);
  opened.push(t);
  return t;
}

afterEach(async () => {
  for (const t of opened.splice(0)) await t.close().catch(() => undefined);
});

let phoneSeq = 0;
async function addCustomer(t: TestCore, name: string) {
  phoneSeq += 1;
  return t.core.customers.create(ADMIN, {
    name,
    phone: `+62812${String(66_000_000 + phoneSeq)}`,
    email: null,
    address: 'Jl. Merdeka 1',
    latitude: null,
    longitude: null,
    notes: '',
    status: 'pending',
  });
}

async function openAlert(t: TestCore) {
  const page = await t.core.alerts.list('admin', { status: 'unresolved', type: 'system', page: 1, pageSize: 10 });
  return page.items[0] ?? null;
}

describe('backups', () => {
  it('copies the live database while it is being written, and the copy holds the rows of one instant', async () => {
    const t = await core();
    await staff(t.core);
    await addCustomer(t, 'Budi');
    await t.core.alerts.raise('test:first', { type: 'system', severity: 'info', text: message('alert.legacy', { text: 'first' }) });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await t.core.alerts.raise(`test:${written}`, { type: 'system', severity: 'info', text: message('alert.legacy', { text: `row ${written}` }) });
        written += 1;
      }
    })();
    const backup = await t.core.backups.run('manual', ADMIN);
    writing = false;
    await writer;

    expect(backup.status).toBe('verified');
    expect(backup.counts['customer']).toBe(1);
    expect(backup.counts['user']).toBe(3);
    expect(backup.fileName).toBe(`${backup.id}${EXT}`);
    const file = path.join(t.dataDir, 'backups', backup.fileName!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(await rowsInBackup(file, 'alert')).toBe(backup.counts['alert']);
    expect(backup.counts['alert']).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);
    const listed = await t.core.backups.list();
    expect(listed.items.map((b) => b.id)).toEqual([backup.id]);
    expect(listed.lastVerified?.id).toBe(backup.id);
  });

  it('records a failed backup with its reason, raises a critical system alert, and clears it after a good one', async () => {
    const t = await core();
    await staff(t.core);
    const folder = path.join(t.dataDir, 'usb');
    t.core.backups.checkFolder(folder);
    await t.core.settings.update(ADMIN, { backupFolder: folder });
    // The disk is swapped for something else under the same path (root ignores permissions, so a file stands in).
    rmSync(folder, { recursive: true });
    writeFileSync(folder, 'not a folder');
    const failed = await t.core.backups.run('manual', ADMIN);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'folder_unwritable', fileName: null });
    // No manifest could be written there, but the admin's dashboard still shows the failure.
    expect((await t.core.dashboard.stats('admin')).backups).toMatchObject({ lastVerifiedAt: null, lastFailedAt: failed.finishedAt });
    // Never a verified backup in this folder: critical at once (a failure after a recent good one is a warning).
    expect((await openAlert(t))?.severity).toBe('critical');

    rmSync(folder);
    const good = await t.core.backups.run('manual', ADMIN);
    expect(good.status).toBe('verified');
    expect(await openAlert(t)).toBeNull();
    const listed = await t.core.backups.list();
    expect(listed.items.map((b) => b.status)).toEqual(['verified']);
    expect((await t.core.dashboard.stats('admin')).backups?.lastFailedAt).toBeNull();
    expect((await t.core.dashboard.stats('staff')).backups).toBeNull();
  });

  it('refuses a backup folder it cannot write to, naming the field, and keeps the old setting', async () => {
    const t = await core();
    await staff(t.core);
    const blocker = path.join(t.dataDir, 'a-file');
    writeFileSync(blocker, 'x');
    expect(() => t.core.backups.checkFolder(path.join(blocker, 'backups'))).toThrow(/backupFolder/);
    expect((await t.core.settings.get()).backupFolder).toBe('');
  });

  it('makes a failed backup a warning while the last good one is recent, critical once it is 2 days old', async () => {
    const t = await core();
    await staff(t.core);
    await t.core.backups.run('scheduled', SYSTEM_ACTOR);
    const folder = path.join(t.dataDir, 'backups');
    const swapped = `${folder}.real`;
    const { renameSync } = await import('node:fs');
    renameSync(folder, swapped);
    writeFileSync(folder, 'not a folder');
    t.clock.advance(24 * 3_600_000);
    expect((await t.core.backups.run('scheduled', SYSTEM_ACTOR)).status).toBe('failed');
    expect((await openAlert(t))?.severity).toBe('warning');
    rmSync(folder);
    renameSync(swapped, folder);
    t.clock.advance(25 * 3_600_000);
    renameSync(folder, swapped);
    writeFileSync(folder, 'not a folder');
    expect((await t.core.backups.run('scheduled', SYSTEM_ACTOR)).status).toBe('failed');
    // 49 hours since the last verified backup (the database remembers it even with the disk gone).
    expect((await openAlert(t))?.severity).toBe('critical');
  });

  it('warns after 26 hours without a verified backup and turns critical after 48', async () => {
    const t = await core();
    await staff(t.core);
    await t.core.backups.run('scheduled', SYSTEM_ACTOR);
    await t.core.backups.checkFreshness();
    expect(await openAlert(t)).toBeNull();
    t.clock.advance(27 * 3_600_000);
    await t.core.backups.checkFreshness();
    expect((await openAlert(t))?.severity).toBe('warning');
    t.clock.advance(22 * 3_600_000);
    await t.core.backups.checkFreshness();
    expect((await openAlert(t))?.severity).toBe('critical');
    await t.core.backups.run('scheduled', SYSTEM_ACTOR);
    expect(await openAlert(t)).toBeNull();
    const alerts = await t.core.alerts.list('admin', { type: 'system', page: 1, pageSize: 10 });
    expect(alerts.items.filter((a) => a.status !== 'resolved')).toHaveLength(0);
  });

  it('prunes backups that no retention tier keeps', async () => {
    const t = await core();
    await staff(t.core);
    await t.core.settings.update(ADMIN, { backupKeepDaily: 2, backupKeepWeekly: 0, backupKeepMonthly: 0 });
    const ids: string[] = [];
    for (let day = 0; day < 4; day += 1) {
      ids.push((await t.core.backups.run('scheduled', SYSTEM_ACTOR)).id);
      t.clock.advance(86_400_000);
    }
    const left = (await t.core.backups.list()).items.map((b) => b.id);
    expect(left).toEqual([ids[3], ids[2]]);
    const files = readdirSync(path.join(t.dataDir, 'backups')).filter((f) => f.endsWith(EXT));
    expect(files.sort()).toEqual([`${ids[2]}${EXT}`, `${ids[3]}${EXT}`]);
  });
});

describe('retention tiers', () => {
  // Judged a month later, so the last-24-hours tier does not apply (its own case below).
  const policy = { keepDaily: 3, keepWeekly: 2, keepMonthly: 2, timeZone: 'Asia/Jakarta', now: new Date('2027-01-05T00:00:00Z') };
  const at = (iso: string, kind: 'scheduled' | 'safety' = 'scheduled', status: 'verified' | 'failed' = 'verified') => ({
    id: `${iso}-${kind}`,
    kind,
    status,
    startedAt: iso,
  });

  it.each([
    // Two backups on one Jakarta day: only the newer counts for that day.
    { name: 'newest of a day', backups: [at('2026-12-04T01:00:00Z'), at('2026-12-04T10:00:00Z')], kept: { '2026-12-04T10:00:00Z-scheduled': ['daily', 'weekly', 'monthly'] } },
    // 18:30 UTC is already the next day in Jakarta (UTC+7).
    {
      name: 'days in the site time zone',
      backups: [at('2026-12-03T16:00:00Z'), at('2026-12-03T18:30:00Z')],
      kept: { '2026-12-03T18:30:00Z-scheduled': ['daily', 'weekly', 'monthly'], '2026-12-03T16:00:00Z-scheduled': ['daily'] },
    },
    { name: 'failed backups keep nothing', backups: [at('2026-12-04T01:00:00Z', 'scheduled', 'failed')], kept: {} },
    {
      name: 'weeks and months beyond the daily window',
      backups: [at('2026-12-04T01:00:00Z'), at('2026-12-03T01:00:00Z'), at('2026-12-02T01:00:00Z'), at('2026-11-25T01:00:00Z'), at('2026-10-10T01:00:00Z')],
      kept: {
        '2026-12-04T01:00:00Z-scheduled': ['daily', 'weekly', 'monthly'],
        '2026-12-03T01:00:00Z-scheduled': ['daily'],
        '2026-12-02T01:00:00Z-scheduled': ['daily'],
        '2026-11-25T01:00:00Z-scheduled': ['weekly', 'monthly'],
        '2026-10-10T01:00:00Z-scheduled': [],
      },
    },
    { name: 'safety backups kept apart', backups: [at('2026-12-04T10:00:00Z'), at('2026-12-04T09:00:00Z', 'safety')], kept: { '2026-12-04T09:00:00Z-safety': ['safety'] } },
  ])('$name', ({ backups, kept }) => {
    const tiers = retentionTiers(backups, policy);
    for (const [id, expected] of Object.entries(kept)) expect(tiers.get(id)).toEqual(expected);
    for (const b of backups.filter((x) => x.status === 'failed')) expect(tiers.has(b.id)).toBe(false);
  });

  it('keeps every backup of the last 24 hours, so the copy before a risky change survives the one after it', () => {
    const before = at('2026-12-04T03:00:00Z');
    const after = at('2026-12-04T05:00:00Z');
    const older = at('2026-12-03T01:00:00Z');
    const tiers = retentionTiers([before, after, older], { ...policy, keepDaily: 1, keepWeekly: 0, keepMonthly: 0, now: new Date('2026-12-04T06:00:00Z') });
    expect(tiers.get(after.id)).toEqual(['recent', 'daily']);
    expect(tiers.get(before.id)).toEqual(['recent']);
    expect(tiers.get(older.id)).toEqual([]);
  });
});

describe('restore', () => {
  it('takes a safety backup, swaps the file, and signs every session out', async () => {
    const t = await core();
    const team = await staff(t.core);
    await addCustomer(t, 'Before');
    const backup = await t.core.backups.run('manual', ADMIN);
    await addCustomer(t, 'After');
    const token = await team.token('staff');
    await t.core.auth.authenticate(token);

    const result = await t.core.backups.restore(backup.id, backup.id, ADMIN);

    const names = (await t.core.customers.list({ page: 1, pageSize: 50, sort: 'code', order: 'asc' })).items.map((c) => c.name);
    expect(names).toEqual(['Before']);
    expect(result.safetyBackup.kind).toBe('safety');
    expect(result.safetyBackup.status).toBe('verified');
    expect(result.safetyBackup.counts['customer']).toBe(2);
    expect(await rowsInBackup(path.join(t.dataDir, 'backups', result.safetyBackup.fileName!), 'customer')).toBe(2);
    await expect(t.core.auth.authenticate(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    if (!TEST_PG) expect(statSync(t.core.db.file).mode & 0o777).toBe(0o600);
    // The database is writable again after the swap.
    await addCustomer(t, 'Later');
    expect((await t.core.customers.list({ page: 1, pageSize: 50, sort: 'code', order: 'asc' })).total).toBe(2);
  });

  it('refuses without the typed confirmation and changes nothing', async () => {
    const t = await core();
    await staff(t.core);
    const backup = await t.core.backups.run('manual', ADMIN);
    await addCustomer(t, 'Kept');
    await expect(t.core.backups.restore(backup.id, 'yes', ADMIN)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await t.core.customers.list({ page: 1, pageSize: 50, sort: 'code', order: 'asc' })).total).toBe(1);
    expect((await t.core.backups.list()).items).toHaveLength(1);
  });

  it.skipIf(TEST_PG)('refuses a backup from a newer NOCman and one that is not a NOCman database', async () => {
    const t = await core();
    await staff(t.core);
    const newer = await t.core.backups.run('manual', ADMIN);
    const file = path.join(t.dataDir, 'backups', newer.fileName!);
    await withSqliteFile(file, 'readwrite', (db) => db.exec(`INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'Future1999999999999')`));
    await expect(t.core.backups.restore(newer.id, newer.id, ADMIN)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/newer NOCman/) });

    const foreign = await t.core.backups.run('manual', ADMIN);
    const foreignFile = path.join(t.dataDir, 'backups', foreign.fileName!);
    await withSqliteFile(foreignFile, 'readwrite', (db) => db.exec('DROP TABLE migrations'));
    await expect(t.core.backups.restore(foreign.id, foreign.id, ADMIN)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not a verified NOCman/) });
    expect((await t.core.backups.list()).items.filter((b) => b.kind === 'safety')).toHaveLength(0);
  });

  it.skipIf(TEST_PG)('migrates a backup made by an older NOCman when it is restored', async () => {
    const old = tempDir();
    const oldFile = path.join(old, 'old.sqlite');
    const ds = new DataSource({ type: 'sqlite', database: oldFile, migrations: migrations.slice(0, 3), entities: [] });
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(`INSERT INTO "user" (name, email, password_hash, role, created_at, updated_at) VALUES ('Old Admin', 'old@isp.test', 'x', 'admin', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    await ds.destroy();

    const t = await core();
    await staff(t.core);
    const folder = path.join(t.dataDir, 'backups');
    mkdirSync(folder, { recursive: true });
    // An older backup dropped into the folder with its manifest, as a USB disk from another PC would bring it.
    const id = '20261101-020000-scheduled';
    copyFileSync(oldFile, path.join(folder, `${id}.sqlite`));
    writeFileSync(
      path.join(folder, `${id}.json`),
      JSON.stringify({
        id, kind: 'scheduled', status: 'verified', fileName: `${id}.sqlite`, startedAt: '2026-11-01T02:00:00.000Z', finishedAt: '2026-11-01T02:00:01.000Z',
        durationMs: 1000, sizeBytes: statSync(oldFile).size, schemaVersion: 3, appVersion: 'old', counts: {}, error: null, errorCode: null,
      }),
    );
    await t.core.backups.restore(id, id, ADMIN);
    const applied = await t.core.db.dataSource.query('SELECT count(*) AS n FROM migrations');
    expect(applied[0].n).toBe(migrations.length);
    expect((await t.core.users.list({ page: 1, pageSize: 10 })).items.map((u) => u.email)).toEqual(['old@isp.test']);
  });
});

describe('backup schedule', () => {
  it('counts a backup as missed when none was verified since the last 02:00 in Jakarta', async () => {
    const { backupMissed } = await import('../../src/main/jobs/backups');
    const t = await core();
    await staff(t.core);
    // 2026-11-27T03:00Z is 10:00 in Jakarta: today's 02:00 has passed.
    expect(await backupMissed(t.core)).toBe(true);
    await t.core.backups.run('scheduled', SYSTEM_ACTOR);
    expect(await backupMissed(t.core)).toBe(false);
    t.clock.set('2026-11-27T18:59:00Z'); // 01:59 the next day in Jakarta
    expect(await backupMissed(t.core)).toBe(false);
    t.clock.set('2026-11-27T19:00:00Z'); // 02:00
    expect(await backupMissed(t.core)).toBe(true);
    await t.core.settings.update(ADMIN, { backupEnabled: false });
    expect(await backupMissed(t.core)).toBe(false);
    expect((await t.core.backups.list()).nextRunAt).toBeNull();
  });
});

describe.runIf(TEST_PG)('PostgreSQL archives', () => {
  it('refuses an archive from a newer NOCman, one with other counts, a truncated one and one whose data was damaged', async () => {
    const t = await core();
    await staff(t.core);
    for (let n = 0; n < 30; n += 1) await addCustomer(t, `Pelanggan ${n}`);
    // A migration this NOCman does not know, recorded in the database when the backup was taken.
    await t.core.db.dataSource.query(`INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'Future1999999999999')`);
    const newer = await t.core.backups.run('manual', ADMIN);
    await t.core.db.dataSource.query(`DELETE FROM migrations WHERE name = 'Future1999999999999'`);
    expect(newer.status).toBe('verified');
    await expect(t.core.backups.restore(newer.id, newer.id, ADMIN)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/newer NOCman/) });

    const good = await t.core.backups.run('manual', ADMIN);
    const file = path.join(t.dataDir, 'backups', good.fileName!);
    expect(good.schemaVersion).toBe(migrations.length);
    expect(good.counts['customer']).toBe(30);
    expect((await inspectDump(file, good.counts)).counts).toEqual(good.counts);
    // One row more or less than the snapshot counted is a failed verification.
    await expect(inspectDump(file, { ...good.counts, customer: 31 })).rejects.toMatchObject({ code: 'counts_differ', message: expect.stringMatching(/customer 31 vs 30/) });
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    // An archive made mostly of table data (20,000 counter rows), to damage that data below.
    await t.core.db.dataSource.query(`INSERT INTO counter (name, value) SELECT 'bulk' || g, g FROM generate_series(1, 20000) g`);
    const big = await t.core.backups.run('manual', ADMIN);
    expect(big.counts['counter']).toBeGreaterThanOrEqual(20_000);
    const bigFile = path.join(t.dataDir, 'backups', big.fileName!);
    const bigBytes = readFileSync(bigFile);

    // Cut short, as a copy to a full disk leaves it.
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(inspectDump(file, good.counts)).rejects.toMatchObject({ code: 'verify_failed' });
    await expect(t.core.backups.restore(good.id, good.id, ADMIN)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not a verified NOCman/) });

    // Bytes changed inside the compressed table data (a bad disk sector, a careless edit): pg_restore must stop.
    for (const at of [0.7, 0.8, 0.9]) {
      const altered = Buffer.from(bigBytes);
      const from = Math.floor(altered.length * at);
      for (let i = 0; i < 16; i += 1) altered[from + i] ^= 0x5a;
      writeFileSync(bigFile, altered);
      await expect(inspectDump(bigFile, big.counts)).rejects.toMatchObject({ code: 'verify_failed', message: expect.stringMatching(/pg_restore cannot read/) });
    }
    expect((await t.core.backups.list()).items.filter((b) => b.kind === 'safety')).toHaveLength(0);
    expect((await t.core.customers.list({ page: 1, pageSize: 1, sort: 'code', order: 'asc' })).total).toBe(30);
  });

  it('leaves the database as it was when the restore fails midway (one transaction)', async () => {
    const t = await core();
    await staff(t.core);
    await addCustomer(t, 'Before');
    const backup = await t.core.backups.run('manual', ADMIN);
    await addCustomer(t, 'After');
    const url = t.core.db.connectionUrl()!;
    // Another session holds a lock on a table the restore must drop: after every other table was already dropped
    // and re-created in its transaction, the restore gives up.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('LOCK TABLE "customer" IN ACCESS SHARE MODE');
      await expect(restoreDump(url, path.join(t.dataDir, 'backups', backup.fileName!), '1s')).rejects.toThrow(/lock timeout.*database was not changed/s);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    const names = (await t.core.customers.list({ page: 1, pageSize: 50, sort: 'code', order: 'asc' })).items.map((c) => c.name);
    expect(names).toEqual(['Before', 'After']);
  });

  it('restores through the app into a database whose schema has tables the archive does not name', async () => {
    const t = await core();
    await staff(t.core);
    await addCustomer(t, 'Before');
    const backup = await t.core.backups.run('manual', ADMIN);
    // A table added later (as by a newer migration), with a foreign key onto a table the archive re-creates.
    await t.core.db.dataSource.query('CREATE TABLE later_thing (id integer PRIMARY KEY, customer_id integer REFERENCES customer (id))');
    await t.core.backups.restore(backup.id, backup.id, ADMIN);
    const left = (await t.core.db.dataSource.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'later_thing'`)) as { n: number }[];
    expect(Number(left[0]!.n)).toBe(0);
    await addCustomer(t, 'Later');
    expect((await t.core.customers.list({ page: 1, pageSize: 50, sort: 'code', order: 'asc' })).items.map((c) => c.name)).toEqual(['Before', 'Later']);
  });

  it('backs up and restores the daily partitions of the latency and bandwidth samples with their rows', async () => {
    const t = await core();
    await staff(t.core);
    const day = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const write = (table: 'sample' | 'bw_sample', times: number[]) =>
      t.core.db.write((em) =>
        table === 'sample'
          ? insertMany(em, 'sample', ['device_id', 'at', 'min_us', 'avg_us', 'max_us', 'loss'], times.map((at) => [1, at, 1, 2, 3, 0]))
          : insertMany(em, 'bw_sample', ['device_id', 'if_index', 'at', 'in_bps', 'out_bps', 'in_bytes', 'out_bytes', 'peak_in_bps', 'peak_out_bps'], times.map((at) => [1, 1, at, 8, 16, 300, 600, 8, 16])),
      );
    const kept = [day('2026-11-22T10:00:00Z'), day('2026-11-23T00:00:00Z'), day('2026-11-23T23:59:59Z')];
    await write('sample', kept);
    await write('bw_sample', kept);
    const partitions = async (table: string) =>
      ((await t.core.db.dataSource.query(
        'SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ? ORDER BY 1',
        [table],
      )) as { name: string }[]).map((r) => r.name);
    const rows = async (table: string) => ((await t.core.db.dataSource.query(`SELECT CAST(tableoid::regclass AS TEXT) AS part, at FROM ${table} ORDER BY at`)) as unknown[]);
    const before = { sample: await partitions('sample'), bw_sample: await partitions('bw_sample'), sampleRows: await rows('sample'), bwRows: await rows('bw_sample') };
    expect(before.bw_sample).toEqual(expect.arrayContaining(['bw_sample_d20261122', 'bw_sample_d20261123']));
    expect(before.bwRows).toHaveLength(3);
    const backup = await t.core.backups.run('manual', ADMIN);
    expect(backup.status).toBe('verified');
    // A day made after the backup: the restore takes it away with its rows.
    const later = day('2026-12-15T12:00:00Z');
    await write('sample', [later]);
    await write('bw_sample', [later]);
    expect(await partitions('bw_sample')).toContain('bw_sample_d20261215');

    await t.core.backups.restore(backup.id, backup.id, ADMIN);
    expect({ sample: await partitions('sample'), bw_sample: await partitions('bw_sample'), sampleRows: await rows('sample'), bwRows: await rows('bw_sample') }).toEqual(before);
    // The reopened site knows the day is gone: writing it again makes its partition again.
    await write('sample', [later]);
    await write('bw_sample', [later]);
    expect(await partitions('bw_sample')).toContain('bw_sample_d20261215');
    expect(await rows('bw_sample')).toHaveLength(4);
  });

  it('backs up and restores a site whose role owns its database but is no superuser', async () => {
    // As a site is set up (README "PostgreSQL"): CREATE ROLE nocman LOGIN PASSWORD …; CREATE DATABASE nocman OWNER nocman.
    const role = `nocman_site_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_PG });
    await admin.connect();
    const name = `${role}_db`;
    const url = new URL(TEST_PG!);
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}' NOSUPERUSER NOCREATEDB NOCREATEROLE`);
      await admin.query(`CREATE DATABASE ${name} OWNER ${role}`);
      url.username = role;
      url.password = `pw-${role}`;
      url.pathname = `/${name}`;
      const t = await core(undefined, url.toString());
      await staff(t.core);
      await addCustomer(t, 'Before');
      const backup = await t.core.backups.run('manual', ADMIN);
      expect(backup).toMatchObject({ status: 'verified', error: null });
      await addCustomer(t, 'After');
      const result = await t.core.backups.restore(backup.id, backup.id, ADMIN);
      expect(result.safetyBackup.status).toBe('verified');
      expect((await t.core.customers.list({ page: 1, pageSize: 50, sort: 'code', order: 'asc' })).items.map((c) => c.name)).toEqual(['Before']);
      await t.close();
    } finally {
      await dropTestDatabase(url.toString()).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    }
  });

  it('migrates an archive made by an older NOCman when it is restored', async () => {
    // A database of the first 3 migrations, dumped as that NOCman would have, dropped into the backup folder.
    const oldUrl = await createTestDatabase();
    const ds = createDataSource(oldUrl, migrations.slice(0, 3));
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(`INSERT INTO "user" (name, email, password_hash, role, created_at, updated_at) VALUES ('Old Admin', 'old@isp.test', 'x', 'admin', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    await ds.destroy();
    const t = await core();
    await staff(t.core);
    const folder = path.join(t.dataDir, 'backups');
    mkdirSync(folder, { recursive: true });
    const id = '20261101-020000-scheduled';
    const { counts } = await dumpSnapshot(oldUrl, path.join(folder, `${id}.dump`));
    await dropTestDatabase(oldUrl);
    writeFileSync(
      path.join(folder, `${id}.json`),
      JSON.stringify({
        id, kind: 'scheduled', status: 'verified', fileName: `${id}.dump`, startedAt: '2026-11-01T02:00:00.000Z', finishedAt: '2026-11-01T02:00:01.000Z',
        durationMs: 1000, sizeBytes: statSync(path.join(folder, `${id}.dump`)).size, schemaVersion: 3, appVersion: 'old', counts, error: null, errorCode: null,
      }),
    );
    await t.core.backups.restore(id, id, ADMIN);
    const applied = await t.core.db.dataSource.query('SELECT count(*) AS n FROM migrations');
    expect(Number(applied[0].n)).toBe(migrations.length);
    expect((await t.core.users.list({ page: 1, pageSize: 10 })).items.map((u) => u.email)).toEqual(['old@isp.test']);
    await addCustomer(t, 'Baru');
    expect((await t.core.customers.list({ page: 1, pageSize: 10, sort: 'code', order: 'asc' })).total).toBe(1);
  });
});
