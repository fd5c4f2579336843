// Issue 15 figures: the backup (pg_dump of one snapshot + the check that reads the archive back whole) and the
// restore (psql, one transaction) of a PostgreSQL site of modest size, on a throwaway cluster (scripts/pg-cluster.mjs,
// fsync off: restore times on a real server with fsync are longer). Run: npx tsx bench/pg-backup.ts
// CUSTOMERS (5000), DEVICES (200), RAW_DAYS (7) size it; samples are generated in SQL as the monitor writes them
// (raw every 60 s per device for RAW_DAYS, 5-minute rollups for 30 days, hourly for a year).
import { statSync } from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { ensurePartitions } from '../src/main/core/db/partitions';
import { tempDir } from '../tests/helpers';
// @ts-expect-error a plain .mjs script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const CUSTOMERS = Number(process.env['CUSTOMERS'] ?? 5000);
const DEVICES = Number(process.env['DEVICES'] ?? 200);
const RAW_DAYS = Number(process.env['RAW_DAYS'] ?? 7);
const n = (value: number) => value.toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const cluster = (await startCluster()) as { url: string; stop(): void };
try {
  const dataDir = tempDir('nocman-bench-pgbackup-');
  const core = await createCore({ dataDir, bcryptCost: 4, version: 'bench', databaseUrl: cluster.url });
  await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);
  await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1, description: '', active: true });
  const t0 = performance.now();
  for (let batch = 0; batch * 5000 < CUSTOMERS; batch++) {
    const size = Math.min(5000, CUSTOMERS - batch * 5000);
    const rows = Array.from({ length: size }, (_, i) => `Pelanggan ${batch * 5000 + i},+62812${String(20_000_000 + batch * 5000 + i)},Home 20,2026-10-01`);
    const result = await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
    if (result.imported !== size) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  for (let i = 0; i < DEVICES; i++) {
    await core.devices.create(SYSTEM_ACTOR, {
      name: `AP ${i + 1}`, type: 'access_point', host: `127.3.${Math.floor(i / 250)}.${(i % 250) + 1}`, location: 'POP 1', parentId: null,
      subscriptionIds: [], monitored: true, intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
    });
  }
  const now = Math.floor(Date.now() / 1000 / 3600) * 3600;
  const ds = core.db.dataSource;
  const days = Array.from({ length: RAW_DAYS + 1 }, (_, d) => now - d * 86_400);
  await core.db.write((em) => ensurePartitions(em, 'sample', days));
  const fill = async (table: string, from: number, step: number, rolled: boolean) => {
    await ds.query(`INSERT INTO ${table} (device_id, at, min_us, avg_us, max_us, loss${rolled ? ', n' : ''})
      SELECT d.id, t, 1000 + (d.id * 31 + t) % 9000, 1500 + (d.id * 31 + t) % 9000, 2500 + (d.id * 31 + t) % 9000, 0${rolled ? ', 5' : ''}
      FROM device d CROSS JOIN generate_series(${from}, ${now - step}, ${step}) t`);
  };
  await fill('sample', now - RAW_DAYS * 86_400, 60, false);
  await fill('sample_5m', now - 30 * 86_400, 300, true);
  await fill('sample_1h', now - 365 * 86_400, 3600, true);
  const [rows] = (await ds.query(
    `SELECT (SELECT count(*) FROM customer) c, (SELECT count(*) FROM subscription) s, (SELECT count(*) FROM invoice) i, (SELECT count(*) FROM history) h,
            (SELECT count(*) FROM sample) raw, (SELECT count(*) FROM sample_5m) m5, (SELECT count(*) FROM sample_1h) h1, pg_database_size(current_database()) AS bytes`,
  )) as { c: number; s: number; i: number; h: number; raw: number; m5: number; h1: number; bytes: number }[];
  console.log(`site built in ${seconds(performance.now() - t0)}: ${n(rows!.c)} customers, ${n(rows!.s)} subscriptions, ${n(rows!.i)} invoices, ${n(rows!.h)} history rows, ${n(DEVICES)} devices,`);
  console.log(`  samples ${n(rows!.raw)} raw + ${n(rows!.m5)} 5-min + ${n(rows!.h1)} hourly; database ${(rows!.bytes / 1024 ** 2).toFixed(0)} MB`);

  const { dumpSnapshot, inspectDump } = await import('../src/main/core/backups/pgDump');
  const probe = path.join(dataDir, 'probe.dump');
  let p0 = performance.now();
  const { counts } = await dumpSnapshot(cluster.url, probe);
  const dumpMs = performance.now() - p0;
  p0 = performance.now();
  await inspectDump(probe, counts);
  console.log(`  phases: pg_dump ${seconds(dumpMs)}, check (pg_restore --file=- read and counted) ${seconds(performance.now() - p0)}`);
  const backup = await core.backups.run('manual', SYSTEM_ACTOR);
  if (backup.status !== 'verified') throw new Error(`backup failed: ${backup.error}`);
  const file = path.join(await core.backups.folder(), backup.fileName!);
  console.log(`backup (pg_dump + check): ${seconds(backup.durationMs)}, archive ${(statSync(file).size / 1024 ** 2).toFixed(1)} MB`);
  const r0 = performance.now();
  const restored = await core.backups.restore(backup.id, backup.id, SYSTEM_ACTOR);
  console.log(`restore (check + safety backup ${seconds(restored.safetyBackup.durationMs)} + psql + reopen): ${seconds(performance.now() - r0)}`);
  await core.close();
} finally {
  cluster.stop();
}
