// Issue 6 figures: one sweep of 1,000 (then 5,000) loopback devices of which 10% do not answer, with the
// `ping` package and with fping — wall time, CPU (own + reaped ping processes) and peak memory — and the disk
// size of a year of samples for 1,000 devices at 60 s. Run as root: node bench/monitor.mjs (it makes its own
// network namespace where 127.9.0.0/16 drops ICMP; nothing outside 127.0.0.0/8 is pinged).
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { FpingPinger, PingPackagePinger, type Pinger } from '../src/main/core/monitoring/pinger';

if (process.env['NOCMAN_NETNS'] !== '1') throw new Error('run through bench/monitor.mjs (it sets up the network namespace)');

const TICKS = 100; // clock ticks per second on Linux
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // utime, stime, cutime, cstime (fields 14-17; index from the state field = 3)
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / TICKS;
}
function peakMemoryMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM'))!;
  return Number(line.replace(/\D/g, '')) / 1024;
}

async function sweep(count: number, pinger: Pinger) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-mon-'));
  const core = await createCore({ dataDir, bcryptCost: 4, pinger });
  const dead = Math.round(count / 10);
  for (let i = 0; i < count; i++) {
    const host = `127.${i < dead ? 9 : 1}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    await core.devices.create(SYSTEM_ACTOR, {
      name: `CPE ${i}`, type: 'cpe', host, location: 'bench', parentId: null, subscriptionIds: [], monitored: true,
      intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
    });
  }
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const result = await core.monitor.sweepAll();
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  console.log(
    `${pinger.name.padEnd(5)} ${String(count).padStart(5)} devices (${dead} dead): wall ${wall.toFixed(2)} s, CPU ${cpu.toFixed(2)} s, peak RSS ${peakMemoryMb().toFixed(0)} MB — online ${result.online}, failing ${result.checked - result.online}`,
  );
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}

for (const count of process.env['BENCH_SIZE_ONLY'] ? [] : [1000, 5000]) {
  for (const pinger of [new PingPackagePinger(), new FpingPinger()] as Pinger[]) {
    if (pinger instanceof FpingPinger && !(await FpingPinger.available())) continue;
    await sweep(count, pinger);
  }
}

// A year of samples for 1,000 devices at 60 s, as the retention keeps it: 7 days raw, 31 days of
// 5-minute rollups, a year of hourly rollups — generated straight into the tables.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-size-'));
const core = await createCore({ dataDir, bcryptCost: 4 });
const now = Math.floor(Date.now() / 1000 / 3600) * 3600;
// Rows arrive as the monitor writes them: one sweep (all devices) at a time, oldest first.
const fill = async (table: string, seconds: number, step: number, rolled: boolean) => {
  const width = rolled ? 7 : 6;
  const marks = `(${Array(width).fill('?').join(',')})`;
  for (let at = now - seconds; at < now; ) {
    await core.db.write(async (em) => {
      for (let batch = 0; batch < 20 && at < now; batch++, at += step) {
        for (let device = 1; device <= 1000; device += 100) {
          const values: unknown[] = [];
          for (let d = device; d < device + 100; d++) {
            const avg = 800 + ((d * 31 + at * 17) % 9000);
            values.push(d, at, avg - 200, avg, avg + 400, at % 97 === 0 ? 33 : 0, ...(rolled ? [step / 60] : []));
          }
          await em.query(`INSERT INTO ${table} (device_id, at, min_us, avg_us, max_us, loss${rolled ? ', n' : ''}) VALUES ${Array(100).fill(marks).join(',')}`, values);
        }
      }
    });
  }
};
await fill('sample_1h', 365 * 86400, 3600, true);
await fill('sample_5m', 31 * 86400, 300, true);
await fill('sample', 7 * 86400, 60, false);
await core.db.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
const [{ raw, m5, h1 }] = (await core.db.dataSource.query('SELECT (SELECT COUNT(*) FROM sample) AS raw, (SELECT COUNT(*) FROM sample_5m) AS m5, (SELECT COUNT(*) FROM sample_1h) AS h1')) as [{ raw: number; m5: number; h1: number }];
await core.close();
const size = statSync(path.join(dataDir, 'nocman.sqlite')).size / 1024 ** 3;
console.log(`a year of samples for 1,000 devices (${raw.toLocaleString('en')} raw, ${m5.toLocaleString('en')} 5-minute, ${h1.toLocaleString('en')} hourly rows): ${size.toFixed(2)} GB on disk`);
rmSync(dataDir, { recursive: true, force: true });
