// Issue 10 figures: the backup of a database holding a year of monitoring for 1,000 devices and 20,000 customers
// while the monitor writes — its duration, and the longest GET /api/devices it stalls (goal < 50 ms) — and the
// restore of the same file. Run: npx tsx bench/backup.ts
//
// The database (devices, customers and subscriptions through the services; a year of samples as NOCman keeps
// it: raw for the retention days, 5-minute rollups for a month, hourly for a year, generated in SQL) is built
// once into a cache under the temp dir, keyed by CACHE_VERSION; every run works on a copy of it.
// The writer is the real monitor loop (a sweep of the devices due every 5 s; the 1,000 devices spread over the
// minute, each pinged every 60 s) with a pinger that answers at once. BENCH_WRITER=stress sweeps all 1,000 devices
// every 5 s instead (12× the real rate), BENCH_WRITER=none writes nothing. BENCH_REBUILD=1 rebuilds the cache,
// BENCH_BASELINE_SEC (15) sets the baseline. The backup folder holds a verified backup from two days ago that the
// measured one prunes, as every daily backup prunes one old file once the retention tiers are full.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Actor } from '../src/main/core/actor';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore, type Core } from '../src/main/core';
import { backupFile, defaultBackupFolder, ensureFolder, newBackupId, writeManifest } from '../src/main/core/backups/store';
import { DATABASE_FILE } from '../src/main/core/db/database';
import { KNOWN_MIGRATIONS, withSqliteFile } from '../src/main/core/db/sqliteFile';
import type { Pinger, ProbeResult } from '../src/main/core/monitoring/pinger';
import { FIVE_MINUTES, HOUR, KEEP_1H_DAYS, KEEP_5M_DAYS } from '../src/main/core/monitoring/rollup';
import { startHttpServer } from '../src/main/http/server';
import { startMonitorLoop, TICK_MS } from '../src/main/jobs/monitor';

const CACHE_VERSION = 'v1';
const DEVICES = 1000;
const CORE_DEVICES = 20; // routers and OLTs at the top; the rest hang below them and serve customers
const CUSTOMERS = 20_000;
const RETENTION_DAYS = 7; // the sampleRetentionDays default
const EMAIL = 'bench@isp.test';
const PASSWORD = 'bench-password';
const PAGE_SIZE = 200; // the devices screen's page
const GOAL_MS = 50;
const BASELINE_SEC = Number(process.env['BENCH_BASELINE_SEC'] ?? 15);
const WRITER = process.env['BENCH_WRITER'] ?? 'monitor';
if (!['monitor', 'stress', 'none'].includes(WRITER)) throw new Error('BENCH_WRITER is monitor, stress or none');

const cacheDir = path.join(os.tmpdir(), `nocman-bench-backup-${CACHE_VERSION}-${DEVICES}d-${CUSTOMERS}c`);
const clock = () => performance.timeOrigin + performance.now(); // absolute ms, comparable with the client thread's
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
const n = (value: number) => value.toLocaleString('en');

/** Answers at once, as if every device replied in a millisecond or two. */
const instantPinger: Pinger = {
  name: 'instant',
  probe: async () => ({ alive: true, min: 1.2, avg: 1.6, max: 2.3, lossPct: 0 }),
  probeMany: async (targets) =>
    targets.map((_, i): ProbeResult => ({ alive: true, min: 1 + (i % 7) / 10, avg: 1.5 + (i % 11) / 10, max: 2 + (i % 13) / 10, lossPct: 0 })),
};

interface CacheInfo {
  builtIn: number;
  customers: number;
  subscriptions: number;
  devices: number;
  raw: number;
  m5: number;
  h1: number;
  logs: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The data set
// ---------------------------------------------------------------------------------------------------------------

async function buildCache(): Promise<CacheInfo> {
  const started = performance.now();
  const dir = `${cacheDir}.building`;
  rmSync(dir, { recursive: true, force: true });
  const core = await createCore({ dataDir: dir, bcryptCost: 4, version: 'bench', pinger: instantPinger });
  await core.auth.createFirstAdmin({ name: 'Bench', email: EMAIL, password: PASSWORD }, SYSTEM_ACTOR);
  const plans = [['Home 10', 10, 110_000], ['Home 20', 20, 166_500], ['Home 50', 50, 277_500], ['Bisnis 100', 100, 555_000]] as const;
  for (const [name, mbps, price] of plans) {
    await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: mbps, uploadMbps: mbps / 2, price, cycleMonths: 1, description: '', active: true });
  }
  for (let batch = 0; batch < CUSTOMERS / 5000; batch++) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const k = batch * 5000 + i;
      return `Pelanggan ${k},+62812${String(20_000_000 + k)},${plans[k % 4]![0]},2026-10-${String(1 + (k % 28)).padStart(2, '0')}`;
    });
    const result = await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
    if (result.imported !== 5000) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  console.log(`  ${n(CUSTOMERS)} customers with subscriptions imported (${seconds(performance.now() - started)})`);

  // 20 routers and OLTs; 980 access points below them, each serving 20 subscriptions.
  const perDevice = Math.floor(CUSTOMERS / (DEVICES - CORE_DEVICES));
  for (let i = 0; i < DEVICES; i++) {
    const top = i < CORE_DEVICES;
    const child = i - CORE_DEVICES;
    await core.devices.create(SYSTEM_ACTOR, {
      name: top ? `${i % 2 ? 'OLT' : 'Router'} POP ${i + 1}` : `AP ${String(child + 1).padStart(4, '0')}`,
      type: top ? (i % 2 ? 'olt' : 'router') : 'access_point',
      host: `127.${top ? 2 : 3}.${Math.floor(i / 250)}.${(i % 250) + 1}`, // loopback only, never pinged here anyway
      location: `POP ${(top ? i : child % CORE_DEVICES) + 1}`,
      parentId: top ? null : 1 + (child % CORE_DEVICES),
      subscriptionIds: top ? [] : Array.from({ length: perDevice }, (_, k) => child * perDevice + k + 1),
      monitored: true,
      intervalSec: 60,
      echoCount: 3,
      timeoutMs: 1000,
      failThreshold: 3,
      latencyWarnMs: null,
      lossWarnPct: null,
      notes: '',
    });
  }
  console.log(`  ${n(DEVICES)} devices created (${seconds(performance.now() - started)})`);
  await core.close();

  // A year of samples in the tables' own shape, oldest first and one sweep (all devices) at a time, as the monitor
  // and the rollup job write them (that order decides how full the pages are, hence the file size).
  const now = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
  const file = path.join(dir, DATABASE_FILE);
  const info = await withSqliteFile(file, 'readwrite', async (db) => {
    await db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144');
    const fill = async (table: string, from: number, step: number, chunkSeconds: number, rolled: number | null) => {
      const t0 = performance.now();
      for (let at = from; at < now; at += chunkSeconds) {
        const end = Math.min(at + chunkSeconds, now);
        // avg 0.8..50 ms, a lossy reply now and then, a lost poll (NULL latencies, 100% loss) rarely
        await db.exec(`BEGIN;
          WITH RECURSIVE t(at) AS (SELECT ${at} UNION ALL SELECT at + ${step} FROM t WHERE at + ${step} < ${end}),
            v AS (SELECT d.id AS device_id, t.at AS at, 800 + ((d.id * 31 + t.at * 17) % 9000) + ((d.id * t.at) % 97 = 0) * 40000 AS avg_us,
                         (d.id * 7 + t.at / ${step}) % 211 AS lost, (d.id + t.at / ${step}) % 89 AS lossy
                  FROM t CROSS JOIN device d)
          INSERT INTO ${table} (device_id, at, min_us, avg_us, max_us, loss${rolled ? ', n' : ''})
          SELECT device_id, at, CASE WHEN lost = 0 THEN NULL ELSE avg_us - 200 END, CASE WHEN lost = 0 THEN NULL ELSE avg_us END,
                 CASE WHEN lost = 0 THEN NULL ELSE avg_us + 400 + (avg_us % 5000) END, CASE WHEN lost = 0 THEN 100 WHEN lossy = 0 THEN 33 ELSE 0 END
                 ${rolled ? `, ${rolled}` : ''}
          FROM v;
          COMMIT;`);
      }
      const [row] = await db.all<{ c: number }>(`SELECT COUNT(*) AS c FROM ${table}`);
      console.log(`  ${table}: ${n(row!.c)} rows (${seconds(performance.now() - t0)})`);
      return row!.c;
    };
    const h1 = await fill('sample_1h', now - KEEP_1H_DAYS * 86400, HOUR, 30 * 86400, HOUR / 60);
    const m5 = await fill('sample_5m', now - KEEP_5M_DAYS * 86400, FIVE_MINUTES, 4 * 86400, FIVE_MINUTES / 60);
    const raw = await fill('sample', now - RETENTION_DAYS * 86400, 60, 86400, null);
    // The network log of the year: each access point down and back up about once a fortnight.
    await db.exec(`BEGIN;
      WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 25)
      INSERT INTO device_log (device_id, at, event, message, latency_ms, loss_pct)
      SELECT d.id, strftime('%Y-%m-%dT%H:%M:%fZ', ${now - KEEP_1H_DAYS * 86400} + k.i * 14 * 86400 + d.id * 600 + e.o, 'unixepoch'), 'status',
             CASE e.o WHEN 0 THEN 'online → offline' ELSE 'offline → online' END, CASE e.o WHEN 0 THEN NULL ELSE 2.5 END, CASE e.o WHEN 0 THEN 100 ELSE 0 END
      FROM k CROSS JOIN device d CROSS JOIN (SELECT 0 AS o UNION ALL SELECT 1800) e WHERE d.parent_id IS NOT NULL ORDER BY 2;
      INSERT INTO job_run (name, last_run_for) VALUES ('rollup5m', '${now}'), ('rollup1h', '${now}')
        ON CONFLICT (name) DO UPDATE SET last_run_for = excluded.last_run_for;
      COMMIT;`);
    await db.exec('PRAGMA journal_mode = WAL');
    const [counts] = await db.all<{ customers: number; subscriptions: number; devices: number; logs: number }>(
      'SELECT (SELECT COUNT(*) FROM customer) AS customers, (SELECT COUNT(*) FROM subscription) AS subscriptions, (SELECT COUNT(*) FROM device) AS devices, (SELECT COUNT(*) FROM device_log) AS logs',
    );
    return { builtIn: 0, raw, m5, h1, ...counts! };
  });
  info.builtIn = performance.now() - started;
  writeFileSync(path.join(dir, 'bench-info.json'), JSON.stringify(info));
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(dir, cacheDir);
  return info;
}

// ---------------------------------------------------------------------------------------------------------------
// The client: GET /api/devices back to back from its own thread (its own event loop), every request timed
// ---------------------------------------------------------------------------------------------------------------

const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, pageSize, pages } = workerData;
const now = () => performance.timeOrigin + performance.now();
let running = true;
const samples = [];
parentPort.on('message', (m) => { if (m === 'stop') running = false; });
(async () => {
  for (let i = 0; running; i++) {
    const page = 1 + (i % pages);
    const start = now();
    let status = 0;
    try {
      const res = await fetch(url + '/api/devices?page=' + page + '&pageSize=' + pageSize, { headers: { Authorization: 'Bearer ' + token } });
      await res.arrayBuffer();
      status = res.status;
    } catch { status = -1; }
    samples.push([start, now() - start, status]);
  }
  parentPort.postMessage(samples);
})();
`;

type Sample = [start: number, ms: number, status: number];

function startClient(url: string, token: string) {
  const worker = new Worker(CLIENT, { eval: true, workerData: { url, token, pageSize: PAGE_SIZE, pages: Math.ceil(DEVICES / PAGE_SIZE) } });
  return {
    stop: () =>
      new Promise<Sample[]>((resolve, reject) => {
        worker.once('message', (samples: Sample[]) => void worker.terminate().then(() => resolve(samples)));
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}

/** Requests that were in flight at some moment of [from, to]. */
const overlapping = (samples: Sample[], from: number, to: number) => samples.filter(([start, ms]) => start < to && start + ms > from);

function stats(samples: Sample[]) {
  const ms = samples.map((s) => s[1]).sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  return { count: ms.length, p50: at(0.5), p99: at(0.99), max: ms[ms.length - 1] ?? NaN, failed: samples.filter((s) => s[2] !== 200).length };
}

// ---------------------------------------------------------------------------------------------------------------
// The writer (the monitor) and an event-loop lag probe on the server's thread
// ---------------------------------------------------------------------------------------------------------------

/** The monitor writing: its own loop (sweeps of the devices due), or every device each tick (stress), or nothing. */
async function startWriter(core: Core) {
  const sweeps: { end: number; ms: number; checked: number }[] = [];
  const unsubscribe = core.events.subscribe((event) => {
    if (event.name !== 'monitor.sweep') return;
    const { durationMs, checked } = event.payload as { durationMs: number; checked: number };
    sweeps.push({ end: clock(), ms: durationMs, checked });
  });
  let errors = 0;
  const logger = { error: () => void (errors += 1) }; // a sweep while a restore reopens the file fails; the loop carries on
  if (WRITER === 'monitor') {
    // Spread the devices over the minute, as a monitor running for a while has them: 1/12 due at each 5-s tick.
    await core.db.write((em) =>
      em.query(`UPDATE device SET last_check_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-55 seconds', '+' || ((id % 12) * 5) || ' seconds')`),
    );
    const loop = await startMonitorLoop(core, logger, { preferFping: false });
    return {
      sweeps,
      errors: () => errors,
      stop: async () => {
        loop.stop();
        unsubscribe();
      },
    };
  }
  let running = WRITER === 'stress';
  const done = (async () => {
    while (running) {
      const start = clock();
      await core.monitor.sweepAll().catch(() => logger.error());
      for (let waited = clock() - start; running && waited < TICK_MS; waited = clock() - start) await sleep(Math.min(100, TICK_MS - waited));
    }
  })();
  return {
    sweeps,
    errors: () => errors,
    stop: async () => {
      running = false;
      await done;
      unsubscribe();
    },
  };
}

/** The main thread's time on a CPU and waiting for one (ms), from the kernel's schedstat. */
function schedstat(): { cpu: number; queued: number } {
  const [cpu, queued] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
  return { cpu: Number(cpu) / 1e6, queued: Number(queued) / 1e6 };
}

interface Lag {
  at: number;
  ms: number;
  /** Of the lag: the main thread running (JavaScript or a synchronous call) and waiting for a CPU. */
  cpu: number;
  queued: number;
}

/** Event-loop lag on the server's thread, each late tick split into running and waiting for a CPU. */
function startLagProbe(everyMs = 10) {
  const lags: Lag[] = [];
  let last = clock();
  let lastSched = schedstat();
  const timer = setInterval(() => {
    const t = clock();
    const sched = schedstat();
    const lag = t - last - everyMs;
    if (lag > 5) lags.push({ at: t, ms: lag, cpu: sched.cpu - lastSched.cpu, queued: sched.queued - lastSched.queued });
    last = t;
    lastSched = sched;
  }, everyMs);
  return {
    worstIn: (from: number, to: number): Lag | null =>
      lags.filter((l) => l.at - l.ms >= from - everyMs && l.at <= to + everyMs).reduce<Lag | null>((worst, l) => (!worst || l.ms > worst.ms ? l : worst), null),
    /** The worst late tick that ended within [from, to]. */
    endingIn: (from: number, to: number): Lag | null => lags.filter((l) => l.at >= from && l.at <= to).reduce<Lag | null>((worst, l) => (!worst || l.ms > worst.ms ? l : worst), null),
    stop: () => clearInterval(timer),
  };
}

/** The process's CPU time (every thread: the server's, SQLite's pool, the client's), in ms, at each mark. */
const cpuMarks: { at: number; ms: number }[] = [];
function markCpu(): number {
  const at = clock();
  const { user, system } = process.cpuUsage();
  cpuMarks.push({ at, ms: (user + system) / 1000 });
  return at;
}
const cpuAt = (at: number) => cpuMarks.find((m) => m.at >= at)?.ms ?? NaN;

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

const totalStarted = performance.now();
// `nocman serve` would stop on one of these; the bench records them and reports them instead.
const unhandled: string[] = [];
process.on('unhandledRejection', (error) => unhandled.push(error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)));
const loadAtStart = os.loadavg()[0]!;
let info: CacheInfo;
let cached = true;
if (process.env['BENCH_REBUILD'] !== '1' && existsSync(path.join(cacheDir, 'bench-info.json'))) {
  info = JSON.parse(readFileSync(path.join(cacheDir, 'bench-info.json'), 'utf8')) as CacheInfo;
} else {
  cached = false;
  console.log(`building the data set into ${cacheDir} (once; reused while CACHE_VERSION stays ${CACHE_VERSION})`);
  info = await buildCache();
}
const dbSize = statSync(path.join(cacheDir, DATABASE_FILE)).size;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-backup-run-'));
const copyStarted = performance.now();
for (const name of [DATABASE_FILE, 'jwt-secret']) copyFileSync(path.join(cacheDir, name), path.join(dataDir, name));
const copyMs = performance.now() - copyStarted;
// The backup folder holds a verified backup from two days ago, which the measured one prunes (retention set to one
// daily backup): once the retention tiers are full, each daily backup prunes one old file like this.
const folder = defaultBackupFolder(dataDir);
ensureFolder(folder);
const earlierAt = new Date(Date.now() - 2 * 86_400_000);
const earlierId = newBackupId(folder, 'manual', earlierAt);
copyFileSync(path.join(cacheDir, DATABASE_FILE), backupFile(folder, earlierId));
writeManifest(folder, {
  id: earlierId, kind: 'manual', status: 'verified', fileName: `${earlierId}.sqlite`, startedAt: earlierAt.toISOString(), finishedAt: earlierAt.toISOString(),
  durationMs: 0, sizeBytes: dbSize, schemaVersion: KNOWN_MIGRATIONS.length, appVersion: 'bench', counts: {}, error: null, errorCode: null,
});

const core = await createCore({ dataDir, bcryptCost: 4, version: 'bench', pinger: instantPinger });
const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
const adminRow = (await core.users.findByEmail(EMAIL))!;
const admin: Actor = { id: adminRow.id, name: adminRow.name, role: 'admin' };
const token = core.auth.sessionFor(adminRow).token;
await core.settings.update(SYSTEM_ACTOR, { backupKeepDaily: 1, backupKeepWeekly: 0, backupKeepMonthly: 0 });

const phases: { name: string; at: number; kind: string }[] = [];
core.events.subscribe((event) => {
  if (event.name === 'backup.progress') {
    const payload = event.payload as { phase: string; kind: string };
    phases.push({ name: payload.phase, kind: payload.kind, at: markCpu() });
  }
});

const lag = startLagProbe();
// When the prune removes the earlier backup's file (inotify; delivered once the server's thread is free again).
let prunedAt: number | null = null;
const watcher = watch(folder, (_event, name) => {
  if (name === `${earlierId}.sqlite` && prunedAt === null && !existsSync(backupFile(folder, earlierId))) prunedAt = clock();
});
await core.monitor.sweepAll(); // every device goes from unknown to online once, before anything is measured
const writer = await startWriter(core);
const client = startClient(server.url, token);
await sleep(2000); // warm-up: connections, statement cache

const baselineFrom = markCpu();
await sleep(BASELINE_SEC * 1000);
const baselineTo = markCpu();

const backupFrom = markCpu();
const backup = await core.backups.run('manual', admin);
const backupTo = markCpu();
const pruned = !existsSync(backupFile(folder, earlierId));
watcher.close();
await sleep(1000);
const samples = await client.stop();

const baseline = stats(samples.filter(([start, ms]) => start >= baselineFrom && start + ms <= baselineTo));
const during = stats(overlapping(samples, backupFrom, backupTo));
const mark = (name: string, kind: string) => phases.find((p) => p.name === name && p.kind === kind && p.at >= backupFrom)?.at;
const copying = mark('copying', 'manual') ?? backupFrom;
const verifying = mark('verifying', 'manual') ?? backupTo;
const finished = mark(backup.status, 'manual') ?? backupTo;
const backupPhases = [
  ['  copy (backup API, one step)', copying, verifying],
  ['  verify (integrity_check), prune', verifying, finished],
] as const;
const sweepsDuring = writer.sweeps.filter((s) => s.end - s.ms < backupTo && s.end > backupFrom);

// The restore of that file: the client stops first (a restore signs every session out); the monitor keeps going.
const restoreFrom = clock();
let restoreError: string | null = null;
let safetyId = '';
try {
  const restored = await core.backups.restore(backup.id, backup.id, admin);
  safetyId = restored.safetyBackup.id;
} catch (error) {
  restoreError = error instanceof Error ? error.message : String(error);
}
const restoreTo = clock();
const safetyFrom = mark('copying', 'safety') ?? restoreTo;
const safetyTo = phases.find((p) => p.kind === 'safety' && (p.name === 'verified' || p.name === 'failed'))?.at ?? restoreTo;
await writer.stop();
lag.stop();

// After the restore: a new session sees the restored devices over HTTP.
const fresh = core.auth.sessionFor((await core.users.findByEmail(EMAIL))!).token;
const after = await fetch(`${server.url}/api/devices?pageSize=1`, { headers: { Authorization: `Bearer ${fresh}` } });
const afterBody = (await after.json()) as { total?: number };
const [{ customers }] = (await core.db.dataSource.query('SELECT COUNT(*) AS customers FROM customer')) as [{ customers: number }];
await server.close();
await core.close();
rmSync(dataDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------------

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');
const row = (cells: string[], widths = [36, 8, 9, 9, 9, 9, 30, 10]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log(
  `\ndatabase: ${n(info.devices)} devices, ${n(info.customers)} customers, ${n(info.subscriptions)} subscriptions, ` +
    `${n(info.raw)} raw + ${n(info.m5)} 5-minute + ${n(info.h1)} hourly samples, ${n(info.logs)} network-log rows: ${gb(dbSize)} ` +
    (cached ? `(cached in ${cacheDir}, copied in ${seconds(copyMs)})` : `(built in ${seconds(info.builtIn)}, copied in ${seconds(copyMs)})`),
);
const sweepFigures = () =>
  `${writer.sweeps.length} sweeps of ${median(writer.sweeps.map((s) => s.checked))} devices (median) taking ${ms(median(writer.sweeps.map((s) => s.ms)))} ` +
  `(max ${ms(Math.max(...writer.sweeps.map((s) => s.ms)))}), ${sweepsDuring.length} of them during the backup`;
console.log(
  WRITER === 'monitor'
    ? `writer: the monitor loop (a sweep of the devices due every ${TICK_MS / 1000} s, each device every 60 s, instant pinger): ${sweepFigures()}`
    : WRITER === 'stress'
      ? `writer (stress): all ${n(DEVICES)} devices swept every ${TICK_MS / 1000} s, ${60_000 / TICK_MS}× the real rate (instant pinger): ${sweepFigures()}`
      : 'writer: none (BENCH_WRITER=none)',
);
console.log(`machine: ${os.cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (other work shares them)`);
console.log(`client: GET /api/devices?page=1..${Math.ceil(DEVICES / PAGE_SIZE)}&pageSize=${PAGE_SIZE} back to back over HTTP from a worker thread\n`);
const lagCell = (from: number, to: number) => {
  const worst = lag.worstIn(from, to);
  return worst ? `${worst.ms.toFixed(0)} ms (run ${worst.cpu.toFixed(0)}, queued ${worst.queued.toFixed(0)})` : '-';
};
const cores = (from: number, to: number) => ((cpuAt(to) - cpuAt(from)) / (to - from)).toFixed(2);
console.log(row(['phase', 'duration', 'requests', 'p50', 'p99', 'max', 'worst event-loop lag', 'CPU cores']));
const phaseRow = (label: string, from: number, to: number, s: ReturnType<typeof stats>) =>
  console.log(row([label, seconds(to - from), n(s.count), ms(s.p50), ms(s.p99), ms(s.max), lagCell(from, to), cores(from, to)]));
phaseRow(WRITER !== 'none' ? 'baseline (monitor writing, no backup)' : 'baseline (no backup)', baselineFrom, baselineTo, baseline);
phaseRow('during the backup', backupFrom, backupTo, during);
for (const [label, from, to] of backupPhases) phaseRow(label, from, to, stats(overlapping(samples, from, to)));
const worst = lag.worstIn(backupFrom, backupTo);
if (worst) {
  console.log(
    `worst event-loop lag during the backup: ${worst.ms.toFixed(0)} ms, ending ${seconds(worst.at - backupFrom)} into it (${seconds(backupTo - worst.at)} before its end); ` +
      `the server's thread ran ${worst.cpu.toFixed(0)} ms of it (synchronous work) and waited ${worst.queued.toFixed(0)} ms for a CPU`,
  );
}
if (prunedAt !== null) {
  const around = lag.endingIn(prunedAt - 50, prunedAt + 50);
  console.log(
    `the prune removed the old backup's file ${seconds(prunedAt - backupFrom)} into the backup; event-loop lag then: ` +
      (around ? `${around.ms.toFixed(0)} ms (ran ${around.cpu.toFixed(0)} ms, waited ${around.queued.toFixed(0)} ms for a CPU)` : 'none over 5 ms'),
  );
}
if (baseline.failed + during.failed > 0) console.log(`non-200 answers: ${baseline.failed} in the baseline, ${during.failed} during the backup`);
console.log(
  `\nbackup ${backup.id}: ${backup.status}${backup.error ? ` (${backup.errorCode}: ${backup.error})` : ''}, ${backup.sizeBytes ? gb(backup.sizeBytes) : '-'}, ` +
    `${seconds(backupTo - backupFrom)} (durationMs ${backup.durationMs}); the one from two days ago ${pruned ? 'was pruned (its file removed)' : 'was NOT pruned'}`,
);
console.log(
  restoreError
    ? `restore: FAILED after ${seconds(restoreTo - restoreFrom)}: ${restoreError}`
    : `restore of it: ${seconds(restoreTo - restoreFrom)} — check of the file ${seconds(safetyFrom - restoreFrom)}, safety backup ${safetyId} ${seconds(safetyTo - safetyFrom)}, ` +
        `swap + reopen + sign-out ${seconds(restoreTo - safetyTo)}; afterwards ${after.status} with ${afterBody.total} devices, ${n(customers)} customers` +
        (writer.errors() ? `; ${writer.errors()} monitor sweep(s) failed while the file was swapped` : ''),
);
if (unhandled.length > 0) {
  console.log(`PROBLEM: ${unhandled.length} unhandled promise rejection(s), which stop \`nocman serve\`: ${[...new Set(unhandled)].join('; ')}`);
}
const pass = backup.status === 'verified' && during.max < GOAL_MS;
console.log(
  `\nRESULT: backup ${backup.status} in ${seconds(backupTo - backupFrom)} (${backup.sizeBytes ? gb(backup.sizeBytes) : '-'}); longest GET /api/devices during it ${ms(during.max)} ` +
    `(baseline max ${ms(baseline.max)}) — goal < ${GOAL_MS} ms: ${pass ? 'PASS' : 'FAIL'}; restore ${restoreError ? 'FAILED' : seconds(restoreTo - restoreFrom)}; total run ${seconds(performance.now() - totalStarted)}`,
);
