// PostgreSQL as the site database: the SQL translator (pure, runs on every engine), the bandwidth samples kept by day
// (on both engines), and with NOCMAN_TEST_PG the daily partitions of the latency and bandwidth samples that retention
// drops, the upgrade of a plain bw_sample (migration 0018) with its rows, and writers of two processes serialised by
// the advisory lock.
import { rmSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { createCore, type Core } from '../../src/main/core';
import type { CounterReading } from '../../src/main/core/bandwidth/service';
import { FakeClock } from '../../src/main/core/clock';
import { insertMany } from '../../src/main/core/billing/sql';
import { nextCounter } from '../../src/main/core/db/database';
import { toPostgres } from '../../src/main/core/db/dialect';
import { migrations } from '../../src/main/core/db/migrations';
import { BwSamplePartitions1764201600018 } from '../../src/main/core/db/migrations/0018-bw-sample-partitions';
import { DAY, partitionName } from '../../src/main/core/db/partitions';
import { createDataSource } from '../../src/main/core/db/postgres';
import { customerWhere } from '../../src/main/core/customers/sql';
import { admin, plan } from '../billing-fixtures';
import { createTestDatabase, databaseOf, dropTestDatabase, makeCore, TEST_PG, tempDir, type TestCore } from '../helpers';

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Partitions of `table`, by name. */
async function partitionsOf(core: Core, table: string): Promise<string[]> {
  const rows = (await core.db.dataSource.query(
    'SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ? ORDER BY 1',
    [table],
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

/** PostgreSQL's kind of the table: 'p' partitioned, 'r' plain. */
async function kindOf(source: Core | DataSource, table: string): Promise<string> {
  const dataSource = 'db' in source ? source.db.dataSource : source;
  const [row] = (await dataSource.query("SELECT c.relkind AS kind FROM pg_class c WHERE c.relname = ? AND c.relnamespace = 'public'::regnamespace", [table])) as { kind: string }[];
  return row!.kind;
}

/** Rows of bw_sample that are not in the partition of their own UTC day (none when partitioned right). */
async function misplaced(core: Core): Promise<unknown[]> {
  const rows = (await core.db.dataSource.query('SELECT CAST(tableoid::regclass AS TEXT) AS part, at FROM bw_sample')) as { part: string; at: number }[];
  expect(rows.length).toBeGreaterThan(0);
  return rows.filter((r) => r.part !== partitionName('bw_sample', Math.floor(r.at / DAY) * DAY));
}

/** A customer on a plan, a device with two monitored interfaces (1 mapped to the subscription, 2 an uplink). */
async function bandwidthSite(core: Core): Promise<{ deviceId: number; customerId: number }> {
  const home = await plan(core, 'Home 20', 150_000);
  const customer = await core.customers.create(admin, {
    name: 'Ketut Arsana', phone: '+6281290000001', email: null, address: 'Jl. Melati 1', latitude: null, longitude: null, notes: '', status: 'pending',
  });
  const subscription = await core.subscriptions.create(admin, {
    customerId: customer.id, planId: home.id, startDate: '2026-11-01', autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '',
  });
  const device = await core.devices.create(admin, {
    name: 'R1', host: '127.0.9.1', type: 'router', location: '', parentId: null, subscriptionIds: [], monitored: false,
    intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
  });
  await core.db.write((em) =>
    em.query('INSERT INTO device_interface (device_id, if_index, name, monitored, subscription_id) VALUES (?, 1, ?, 1, ?), (?, 2, ?, 1, NULL)', [
      device.id, 'ether1', subscription.id, device.id, 'sfp-uplink',
    ]),
  );
  return { deviceId: device.id, customerId: customer.id };
}

/**
 * Counter readings of both interfaces at `times` (ISO instants, in order): sysUpTime runs with the clock, and each
 * step adds a multiple of 450 bytes per second of the step to interface 1 (ten times that to 2), so every rate is an
 * even whole number of bit/s (averages of two are whole on both engines).
 */
function readings(deviceId: number, times: string[]): CounterReading[] {
  let inOctets = 10n ** 9n;
  let outOctets = 5n * 10n ** 9n;
  const first = Date.parse(times[0]!);
  return times.map((iso, i) => {
    const at = Date.parse(iso);
    if (i > 0) {
      const seconds = BigInt((at - Date.parse(times[i - 1]!)) / 1000);
      inOctets += seconds * 450n * BigInt((i % 7) + 1);
      outOctets += seconds * 900n * BigInt((i % 5) + 1);
    }
    return {
      deviceId, at, error: null,
      read: { uptime: 100_000 + (at - first) / 10, counters: [{ ifIndex: 1, inOctets, outOctets }, { ifIndex: 2, inOctets: inOctets * 10n, outOctets: outOctets * 10n }] },
    };
  });
}

describe('bandwidth samples kept by day', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('writes each sample into its day (a partition on PostgreSQL), and retention drops whole days and trims the day of the cut', async () => {
    t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00Z') });
    const { core, clock } = t;
    if (TEST_PG) {
      // Made ahead at start, as for the latency samples: yesterday to two days on.
      expect(await partitionsOf(core, 'bw_sample')).toEqual(['bw_sample_d20261126', 'bw_sample_d20261127', 'bw_sample_d20261128', 'bw_sample_d20261129']);
    }
    const { deviceId } = await bandwidthSite(core);
    // The first reading starts the series; every later one is a sample, on days no partition was made for.
    const times = ['2026-11-10T11:55:00Z', '2026-11-10T12:00:00Z', '2026-11-20T12:00:00Z', '2026-11-21T03:00:00Z', '2026-11-21T09:00:00Z', '2026-11-27T02:00:00Z'];
    expect(await core.bandwidth.record(readings(deviceId, times))).toEqual({ interfaces: 12, failed: 0 });
    const kept = async () => ((await core.db.dataSource.query('SELECT at FROM bw_sample WHERE if_index = 1 ORDER BY at')) as { at: number }[]).map((r) => Number(r.at));
    expect(await kept()).toEqual(times.slice(1).map(epoch));
    if (TEST_PG) {
      expect(await kindOf(core, 'bw_sample')).toBe('p');
      expect(await partitionsOf(core, 'bw_sample')).toEqual(expect.arrayContaining(['bw_sample_d20261110', 'bw_sample_d20261120', 'bw_sample_d20261121', 'bw_sample_d20261127']));
      expect(await misplaced(core)).toEqual([]);
    }

    clock.set('2026-11-28T06:00:00Z'); // raw bandwidth samples are kept 7 days: the cut is 2026-11-21T06:00
    await core.bandwidth.rollup();
    expect(await kept()).toEqual([epoch('2026-11-21T09:00:00Z'), epoch('2026-11-27T02:00:00Z')]);
    expect(((await core.db.dataSource.query('SELECT COUNT(*) AS n FROM bw_sample')) as [{ n: number }])[0].n).toBe(4);
    if (TEST_PG) {
      const left = await partitionsOf(core, 'bw_sample');
      expect(left).not.toContain('bw_sample_d20261110');
      expect(left).not.toContain('bw_sample_d20261120');
      expect(left).toContain('bw_sample_d20261121'); // the day of the cut: kept, its rows before the cut deleted
      expect(left).toContain('bw_sample_d20261127');
      expect(left).toContain('bw_sample_d20261130'); // made ahead by the bandwidth rollup
    }
    // A sample again at an instant already held replaces it (the key holds the time, partition column included).
    await core.bandwidth.record(readings(deviceId, ['2026-11-27T01:00:00Z', '2026-11-27T02:00:00Z']));
    expect(await kept()).toEqual([epoch('2026-11-21T09:00:00Z'), epoch('2026-11-27T02:00:00Z')]);
  });
});

describe('SQL translation for PostgreSQL', () => {
  it('numbers placeholders outside quoted strings only', () => {
    expect(toPostgres("SELECT id FROM t WHERE a = ? AND b = '?' AND c IN (?, ?)")).toBe("SELECT id FROM t WHERE a = $1 AND b = '?' AND c IN ($2, $3)");
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING, before a RETURNING', () => {
    expect(toPostgres('INSERT OR IGNORE INTO outage (device_id, started_at) VALUES (?, ?)')).toBe('INSERT INTO outage (device_id, started_at) VALUES ($1, $2) ON CONFLICT DO NOTHING');
    expect(toPostgres('insert OR IGNORE INTO x (a) VALUES (?) RETURNING a')).toBe('INSERT INTO x (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING a');
  });

  it('turns INSERT OR REPLACE into an upsert on the table key, and refuses a table whose key it does not know', () => {
    expect(toPostgres('INSERT OR REPLACE INTO device_state (device_id, at, status) VALUES (?, ?, ?)')).toBe(
      'INSERT INTO device_state (device_id, at, status) VALUES ($1, $2, $3) ON CONFLICT ("device_id", "at") DO UPDATE SET "status" = excluded."status"',
    );
    expect(() => toPostgres('INSERT OR REPLACE INTO customer (id, name) VALUES (?, ?)')).toThrow(/without a known key/);
  });

  it('qualifies the row’s own columns on the right of an upsert (PostgreSQL finds them ambiguous)', () => {
    expect(toPostgres('INSERT INTO "counter" ("name", "value") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + excluded."value"')).toBe(
      'INSERT INTO "counter" ("name", "value") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "value" = "counter"."value" + excluded."value"',
    );
  });

  it('makes LIKE and NOCASE ignore case, quotes camelCase aliases, and maps the SQLite column types', () => {
    expect(toPostgres("SELECT c.id AS customerId FROM customer c WHERE c.name NOT LIKE ? ESCAPE '\\' ORDER BY c.name COLLATE NOCASE")).toBe(
      `SELECT c.id AS "customerId" FROM customer c WHERE c.name NOT ILIKE $1 ESCAPE '\\' ORDER BY (c.name::citext)`,
    );
    expect(toPostgres('CREATE TABLE "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "e" TEXT NOT NULL COLLATE NOCASE, "r" REAL, "b" BOOLEAN NOT NULL DEFAULT 1) WITHOUT ROWID')).toBe(
      'CREATE TABLE "t" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "e" CITEXT NOT NULL, "r" DOUBLE PRECISION, "b" SMALLINT NOT NULL DEFAULT 1)',
    );
    expect(toPostgres("SELECT group_concat(ds.subscription_id) FROM ds WHERE x = 'camelCase'")).toBe("SELECT string_agg(CAST(ds.subscription_id AS TEXT), ',') FROM ds WHERE x = 'camelCase'");
  });
});

describe.skipIf(!TEST_PG)('PostgreSQL site database', () => {
  let t: TestCore | null = null;
  let second: Core | null = null;
  afterEach(async () => {
    await second?.close();
    second = null;
    await t?.close();
    t = null;
  });

  const partitions = async (core: Core) =>
    (
      (await core.db.dataSource.query(
        "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'sample' ORDER BY 1",
      )) as { name: string }[]
    ).map((r) => r.name);

  it('keeps raw samples in daily partitions and drops whole days past retention', async () => {
    t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00Z') });
    const { core, clock } = t;
    // Made ahead at start: yesterday to two days on.
    expect(await partitions(core)).toEqual(['sample_d20261126', 'sample_d20261127', 'sample_d20261128', 'sample_d20261129']);
    const device = await core.devices.create({ id: null, name: 'test', role: 'admin' }, {
      name: 'R1', host: '127.0.9.1', type: 'router', location: '', parentId: null, subscriptionIds: [], monitored: false,
      intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
    });
    const day = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    // Samples of days no partition was made for: the writer makes them.
    const at = [day('2026-11-10T12:00:00Z'), day('2026-11-20T12:00:00Z'), day('2026-11-27T02:00:00Z')];
    await core.db.write((em) => insertMany(em, 'sample', ['device_id', 'at', 'min_us', 'avg_us', 'max_us', 'loss'], at.map((a) => [device.id, a, 1, 2, 3, 0])));
    expect(await partitions(core)).toEqual(expect.arrayContaining(['sample_d20261110', 'sample_d20261120']));

    clock.set('2026-11-28T00:10:00Z'); // retention 7 days: the cut is 2026-11-21T00:10
    const { deleted } = await core.rollup.run();
    expect(deleted).toBe(2);
    const left = await partitions(core);
    expect(left).not.toContain('sample_d20261110');
    expect(left).not.toContain('sample_d20261120');
    expect(left).toContain('sample_d20261127');
    expect(left).toContain('sample_d20261130'); // made ahead by the rollup
    const rows = (await core.db.dataSource.query('SELECT at FROM sample')) as { at: number }[];
    expect(rows.map((r) => r.at)).toEqual([at[2]]);
  });

  it('upgrades a plain bw_sample (migration 0018) into daily partitions with every row, and goes on writing into it', async () => {
    // A site as NOCman left it before 0018: the bandwidth samples in one plain table.
    const url = await createTestDatabase();
    const dataDir = tempDir();
    let moved: Core | null = null;
    try {
      const old = createDataSource(url, migrations.slice(0, 17));
      await old.initialize();
      await old.runMigrations();
      expect(await kindOf(old, 'bw_sample')).toBe('r');
      // Ten days of samples of two devices, on both edges of each UTC day.
      const rows: number[][] = [];
      for (let day = epoch('2026-11-18T00:00:00Z'); day <= epoch('2026-11-27T00:00:00Z'); day += DAY) {
        for (const at of [day, day + 3 * 3600, day + DAY - 1]) {
          for (const [device, ifIndex] of [[1, 1], [1, 2], [2, 7]]) rows.push([device!, ifIndex!, at, at % 9973, at % 7919, at % 100_003, at % 65_537, at % 9973, at % 7919]);
        }
      }
      await old.query(`INSERT INTO bw_sample (device_id, if_index, at, in_bps, out_bps, in_bytes, out_bytes, peak_in_bps, peak_out_bps) VALUES ${rows.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')}`, rows.flat());
      const all = 'SELECT device_id, if_index, at, in_bps, out_bps, in_bytes, out_bytes, peak_in_bps, peak_out_bps FROM bw_sample ORDER BY device_id, if_index, at';
      const before = (await old.query(all)) as Record<string, number>[];
      expect(before).toHaveLength(rows.length);
      await old.destroy();

      moved = await createCore({ dataDir, databaseUrl: url, bcryptCost: 4, clock: new FakeClock('2026-11-27T03:00:00Z'), version: 'test' });
      expect(await kindOf(moved, 'bw_sample')).toBe('p');
      expect(await moved.db.dataSource.query(all)).toEqual(before);
      expect(await misplaced(moved)).toEqual([]);
      const days = Array.from({ length: 10 }, (_, i) => partitionName('bw_sample', epoch('2026-11-18T00:00:00Z') + i * DAY));
      expect(await partitionsOf(moved, 'bw_sample')).toEqual([...days, 'bw_sample_d20261128', 'bw_sample_d20261129']);
      expect(await kindOf(moved, 'bw_sample_plain').catch(() => 'gone')).toBe('gone');
      // The key survived: an upsert of a held instant replaces the row, it does not add one.
      const key = before[5]!;
      await moved.db.write((em) =>
        em.query('INSERT OR REPLACE INTO bw_sample (device_id, if_index, at, in_bps, out_bps, in_bytes, out_bytes, peak_in_bps, peak_out_bps) VALUES (?, ?, ?, 1, 2, 3, 4, 5, 6)', [
          key['device_id'], key['if_index'], key['at'],
        ]),
      );
      const after = (await moved.db.dataSource.query(all)) as Record<string, number>[];
      expect(after).toHaveLength(before.length);
      expect(after[5]).toEqual({ ...key, in_bps: 1, out_bps: 2, in_bytes: 3, out_bytes: 4, peak_in_bps: 5, peak_out_bps: 6 });
      // The services read the upgraded table and write new days into it.
      const { deviceId } = await bandwidthSite(moved);
      expect(deviceId).toBe(1);
      const raw = await moved.bandwidth.samples({ deviceId, ifIndex: 2, from: new Date('2026-11-26T00:00:00Z'), to: new Date('2026-11-27T03:00:00Z') });
      expect(raw.items.map((i) => [i.at, i.inBps])).toEqual(
        before.filter((r) => r['device_id'] === 1 && r['if_index'] === 2 && r['at']! >= epoch('2026-11-26T00:00:00Z') && r['at']! <= epoch('2026-11-27T03:00:00Z')).map((r) => [new Date(r['at']! * 1000).toISOString(), r['in_bps']]),
      );
      await moved.bandwidth.record(readings(deviceId, ['2026-12-03T00:00:00Z', '2026-12-03T00:05:00Z']));
      expect(await partitionsOf(moved, 'bw_sample')).toContain('bw_sample_d20261203');
      expect(await misplaced(moved)).toEqual([]);
    } finally {
      await moved?.close();
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(url);
    }
  });

  it('answers the bandwidth queries on the partitioned bw_sample as SQLite does, and as the plain table before 0018', { timeout: 60_000 }, async () => {
    const now = '2026-11-27T03:00:00Z';
    t = await makeCore({ clock: new FakeClock(now) });
    second = await createCore({ dataDir: tempDir(), bcryptCost: 4, clock: new FakeClock(now), version: 'test' });
    expect(second.db.dialect).toBe('sqlite');
    // Every 30 minutes for eight days, then a rollup: 5-minute, hourly and daily buckets, and retention (the cut at
    // 2026-11-20T03:00 drops the day of 11-19 and trims 11-20).
    const times: string[] = [];
    for (let at = Date.parse('2026-11-19T00:00:00Z'); at <= Date.parse('2026-11-27T02:30:00Z'); at += 1_800_000) times.push(new Date(at).toISOString());
    const answers = async (core: Core) => {
      const { deviceId, customerId } = (await core.db.dataSource.query(
        "SELECT d.id AS deviceId, c.id AS customerId FROM device d, customer c WHERE d.name = 'R1'",
      ))[0] as { deviceId: number; customerId: number };
      return {
        first: ((await core.db.dataSource.query('SELECT MIN(at) AS at FROM bw_sample')) as [{ at: number }])[0].at,
        raw: await core.bandwidth.samples({ deviceId, from: new Date('2026-11-20T03:00:00Z'), to: new Date(now) }),
        rawOne: await core.bandwidth.samples({ deviceId, ifIndex: 2, from: new Date('2026-11-26T20:00:00Z'), to: new Date(now) }),
        hourly: await core.bandwidth.samples({ customerId, from: new Date('2026-11-01T00:00:00Z'), to: new Date(now) }),
        top: await core.bandwidth.top(new Date('2026-11-26T00:00:00Z'), new Date(now), 10),
        summary: await core.bandwidth.customerSummary(customerId, new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')),
        report: await core.bandwidth.report('2026-11', 'Asia/Jakarta'),
      };
    };
    for (const core of [t.core, second]) {
      const { deviceId } = await bandwidthSite(core);
      await core.bandwidth.record(readings(deviceId, times));
      await core.bandwidth.rollup();
    }
    const expected = await answers(second);
    expect(expected.raw.resolution).toBe('raw');
    expect(expected.raw.items.length).toBeGreaterThan(2 * 300);
    expect(expected.first).toBe(epoch('2026-11-20T03:00:00Z')); // retention: nothing before the cut
    expect(expected.hourly.resolution).toBe('1h');
    expect(expected.hourly.items.length).toBeGreaterThan(150);
    expect(expected.top.items).toHaveLength(2);
    expect(expected.summary.totalInGB).toBeGreaterThan(0);
    expect(await partitionsOf(t.core, 'bw_sample')).not.toContain('bw_sample_d20261119');
    expect(await answers(t.core)).toEqual(expected);

    // The same rows in the plain table of 0017 (0018 undone), and partitioned again (0018 done again with the rows).
    // (Run directly: undoLastMigration would undo the newest migration, which is not 0018 once later ones exist.)
    const migration = async (step: 'up' | 'down') => {
      const runner = t!.core.db.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await new BwSamplePartitions1764201600018()[step](runner);
        await runner.commitTransaction();
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    };
    await migration('down');
    expect(await kindOf(t.core, 'bw_sample')).toBe('r');
    expect(await answers(t.core)).toEqual(expected);
    await migration('up');
    expect(await kindOf(t.core, 'bw_sample')).toBe('p');
    expect(await misplaced(t.core)).toEqual([]);
    expect(await answers(t.core)).toEqual(expected);
  });

  it('forgets a partition made in a transaction that was undone, so the next write of that day makes it again', async () => {
    t = await makeCore({ clock: new FakeClock('2026-11-27T03:00:00Z') });
    const { core } = t;
    const { deviceId } = await bandwidthSite(core);
    const december = readings(deviceId, ['2026-12-10T00:00:00Z', '2026-12-10T00:05:00Z']);
    // A write transaction that records the samples of a new day and then fails (as a poller batch whose later step fails).
    await expect(
      core.db.write(async (em) => {
        await core.bandwidth.record(december, { em });
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    expect(await partitionsOf(core, 'bw_sample')).not.toContain('bw_sample_d20261210');
    expect(await core.bandwidth.record(december)).toEqual({ interfaces: 4, failed: 0 });
    expect(await partitionsOf(core, 'bw_sample')).toContain('bw_sample_d20261210');
    expect(((await core.db.dataSource.query('SELECT COUNT(*) AS n FROM bw_sample')) as [{ n: number }])[0].n).toBe(2);

    // The same through a group commit: the failed item is undone alone (its savepoint), the other one commits.
    const at = epoch('2026-12-12T08:00:00Z');
    const results = await Promise.allSettled([
      core.db.run(async (em) => {
        await insertMany(em, 'sample', ['device_id', 'at', 'min_us', 'avg_us', 'max_us', 'loss'], [[deviceId, at, 1, 2, 3, 0]]);
        throw new Error('this item failed');
      }),
      core.db.run((em) => em.query("UPDATE device SET notes = 'still here' WHERE id = ?", [deviceId])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await partitionsOf(core, 'sample')).not.toContain('sample_d20261212');
    await core.db.write((em) => insertMany(em, 'sample', ['device_id', 'at', 'min_us', 'avg_us', 'max_us', 'loss'], [[deviceId, at, 1, 2, 3, 0]]));
    expect(((await core.db.dataSource.query('SELECT COUNT(*) AS n FROM sample')) as [{ n: number }])[0].n).toBe(1);
  });

  it('serialises the writers of two processes on one database: counters stay gapless', async () => {
    t = await makeCore();
    second = await createCore({ dataDir: t.dataDir, bcryptCost: 4, clock: new FakeClock(), version: 'test', databaseUrl: databaseOf(t.dataDir) });
    // Read-then-write in each transaction, interleaved across the two connection pools: without the lock two would
    // read the same value (READ COMMITTED) and one number would be used twice.
    const take = (core: Core) =>
      core.db.write(async (em) => {
        const [{ value }] = (await em.query(`SELECT COALESCE(MAX("value"), 0) AS value FROM "counter" WHERE "name" = 'race'`)) as [{ value: number }];
        await new Promise((resolve) => setTimeout(resolve, 2));
        await em.query(`INSERT INTO "counter" ("name", "value") VALUES ('race', ?) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`, [value + 1]);
        return value + 1;
      });
    const taken = await Promise.all(Array.from({ length: 40 }, (_, i) => take(i % 2 === 0 ? t!.core : second!)));
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await t.core.db.write((em) => nextCounter(em, 'race'))).toBe(41);
  });

  it('searches customers through one trigram index over one text of the searched fields (migration 0019)', async () => {
    t = await makeCore();
    await t.core.db.dataSource.query(
      `INSERT INTO customer (code, name, phone, email, address, status, created_at, updated_at)
       SELECT 'CUST-' || lpad(CAST(n AS TEXT), 6, '0'), 'Pelanggan ' || n, '+62812' || (10000000 + n),
         CASE WHEN n % 3 = 0 THEN 'pelanggan' || n || '@mail.test' END, 'Jl. Melati No. ' || n, 'active', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'
       FROM generate_series(1, 20000) AS n`,
    );
    await t.core.db.dataSource.query('ANALYZE customer');
    const indexes = (await t.core.db.dataSource.query(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'customer' AND indexdef LIKE '%gin_trgm_ops%'`,
    )) as { name: string; definition: string }[];
    // One index, whole (the planner ignores the statistics of a partial index's expression), with a short pending list.
    expect(indexes.map((i) => i.name)).toEqual(['ix_customer_search_trgm']);
    expect(indexes[0]!.definition).not.toContain('WHERE');
    expect(indexes[0]!.definition).toMatch(/gin_pending_list_limit='?64'?/);
    // At a test's 20,000 rows reading them all is cheaper than the index (at 200,000 the planner picks the index with
    // its default settings: bench/pg-customers.ts); with sequential scans off, the plan shows that the search's
    // expression is the index's — an expression that differs by a cast or a column would leave only the scan.
    const planOf = async (search: string) => {
      const where = customerWhere({ search, sort: 'code', order: 'asc' }, 'postgres');
      const runner = t!.core.db.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query('SET LOCAL enable_seqscan = off');
        const rows = (await runner.query(`EXPLAIN SELECT COUNT(*) FROM customer c ${where.sql}`, where.params)) as { 'QUERY PLAN': string }[];
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    expect(await planOf('N1233@')).toMatch(/Bitmap Index Scan on ix_customer_search_trgm/);
    expect((await planOf('0812 1000 1235')).match(/Bitmap Index Scan on ix_customer_search_trgm/g)).toHaveLength(2); // the text, and the phone form
    const codes = async (search: string) => (await t!.core.customers.list({ search, sort: 'code', order: 'asc', page: 1, pageSize: 50 })).items.map((c) => c.code);
    expect(await codes('N1233@')).toEqual(['CUST-001233']);
    expect(await codes('0812 1000 1235')).toEqual(['CUST-001235']);
    expect(await codes('MELATI NO. 1999')).toEqual(['CUST-001999', ...Array.from({ length: 10 }, (_, i) => `CUST-01999${i}`)]);
  });

  it('closes its pool for a restore and opens a new one after it, also when the restore failed', async () => {
    t = await makeCore();
    const before = t.core.db.dataSource;
    await t.core.db.reopen(async () => undefined);
    expect(t.core.db.dataSource).not.toBe(before);
    expect(before.isInitialized).toBe(false);
    await expect(t.core.db.reopen(() => Promise.reject(new Error('pg_restore failed')))).rejects.toThrow(/pg_restore failed/);
    expect(t.core.db.dialect).toBe('postgres');
    await t.core.settings.update(SYSTEM_ACTOR, { companyName: 'PT PG' });
    expect((await t.core.settings.get()).companyName).toBe('PT PG');
  });
});
