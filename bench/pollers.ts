// Remote pollers at scale: one site (in this process, real HTTP, a real SQLite file) and POLLERS real `nocman poller`
// processes with DEVICES loopback devices each (fping, one echo, 60 s interval), for DURATION_SEC. Prints, per sweep
// applied at the site, the sweep lag (from the sweep's start at the poller to the end of its transaction at the site)
// and the poller's own sweep time, and the site's CPU (this process) over the run.
//
//   npx electron-vite build && npx tsx bench/pollers.ts            (POLLERS=5 DEVICES=10000 DURATION_SEC=200)
//
// The pollers run beside the site on this machine's loopback, not in namespaces of their own: a namespace changes
// nothing the site does, and on 2 cores the pollers' fping runs compete with the site for CPU — a harder case.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertMany } from '../src/main/core/billing/sql';
import { systemClock } from '../src/main/core/clock';
import { createCore } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';
import { startSiteRunner } from '../src/main/jobs/runner';

const POLLERS = Number(process.env['POLLERS'] ?? 5);
const DEVICES = Number(process.env['DEVICES'] ?? 10_000);
const DURATION_SEC = Number(process.env['DURATION_SEC'] ?? 200);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nocman-bench-pollers-'));
  const core = await createCore({ dataDir, bcryptCost: 4, clock: systemClock, version: 'bench' });
  const server = await startHttpServer({ core, port: 0, host: '127.0.0.1', corsOrigins: [], logger: { error: () => undefined } });
  const runner = startSiteRunner(core, { logger: { error: (m) => console.error(m), log: () => undefined }, preferFping: false });
  await runner.ready;
  const actor = { id: null, name: 'bench', role: 'system' as const };
  const keys: string[] = [];
  const now = new Date().toISOString();
  for (let p = 0; p < POLLERS; p++) {
    const { poller, key } = await core.pollers.create(actor, `POP ${p + 1}`);
    keys.push(key);
    const rows: unknown[][] = [];
    for (let i = 0; i < DEVICES; i++) {
      const host = `127.${20 + p}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      rows.push([`CPE ${p + 1}-${i + 1}`, 'cpe', host, `POP ${p + 1}`, poller.id, 1, 60, 1, 500, 3, '', 'unknown', now, now, now]);
    }
    await core.db.write(async (em) => {
      for (let i = 0; i < rows.length; i += 500) {
        await insertMany(em, 'device', ['name', 'type', 'host', 'location', 'poller_id', 'monitored', 'interval_sec', 'echo_count', 'timeout_ms', 'fail_threshold', 'notes', 'status', 'status_since', 'created_at', 'updated_at'], rows.slice(i, i + 500));
      }
    });
  }
  console.log(`site ${server.url}: ${POLLERS} pollers × ${DEVICES} devices`);

  // Each sweep's way: its start at the poller (`at`), the poller's sweep time, arrival at the site, the end of its
  // transaction (ingest), and the end of the answer (report: contact, validation done before, ingest, revision).
  const applied: { pollerId: number; at: number; sweepMs: number; received: number; done: number; results: number }[] = [];
  const ingestMs: number[] = [];
  const ingest = core.monitor.ingest.bind(core.monitor);
  core.monitor.ingest = async (pollerId, at, results, guard) => {
    const t = performance.now();
    const out = await ingest(pollerId, at, results, guard);
    if (results.length > 0) ingestMs.push(performance.now() - t);
    return out;
  };
  const report = core.pollers.report.bind(core.pollers);
  core.pollers.report = async (poller, batch) => {
    const received = Date.now();
    const out = await report(poller, batch);
    if (batch.results.length > 0) applied.push({ pollerId: poller.id, at: Date.parse(batch.at), sweepMs: batch.sweepMs, received, done: Date.now(), results: batch.results.length });
    return out;
  };

  const children: ChildProcess[] = keys.map((key, p) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'poller', '--site', server.url, '--data-dir', mkdtempSync(path.join(tmpdir(), `nocman-bench-pop${p}-`))], {
      env: { PATH: process.env['PATH'], NOCMAN_POLLER_KEY: key },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  });
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, DURATION_SEC * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = Date.now() - t0;
  for (const c of children) c.kill('SIGTERM');
  const pollers = await core.pollers.list();
  const lags = applied.map((a) => a.done - a.at);
  const sweeps = applied.map((a) => a.sweepMs);
  const transfer = applied.map((a) => a.received - a.at - a.sweepMs);
  const atSite = applied.map((a) => a.done - a.received);
  console.log(`sweeps applied: ${applied.length} (${applied.reduce((n, a) => n + a.results, 0)} results) in ${Math.round(wall / 1000)} s`);
  console.log(`sweep lag (poller sweep start → applied at the site): p50 ${pct(lags, 50)} ms, p95 ${pct(lags, 95)} ms, max ${Math.max(...lags)} ms`);
  console.log(`  of which: poller sweep p50 ${Math.round(pct(sweeps, 50))} ms (p95 ${Math.round(pct(sweeps, 95))}); sweep end → at the site p50 ${pct(transfer, 50)} ms (p95 ${pct(transfer, 95)}: queue on the poller, upload, parse, validation, waiting behind other batches); report at the site p50 ${pct(atSite, 50)} ms (p95 ${pct(atSite, 95)})`);
  console.log(`  ingest of one sweep (state machine + one transaction): p50 ${Math.round(pct(ingestMs, 50))} ms, p95 ${Math.round(pct(ingestMs, 95))} ms`);
  console.log(`poller sweep time (fping of ${DEVICES}), last sweep: ${pollers.map((p) => `${p.name} ${p.sweepMs} ms`).join(', ')}`);
  console.log(`site CPU: ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)}% of one core (this process: HTTP, validation, state machine, SQLite)`);
  await runner.stop();
  await server.close();
  await core.close();
  process.exit(0);
}

void main();
