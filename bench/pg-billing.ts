// Issue 15 figures: the billing of 200,000 active subscriptions on PostgreSQL (goal: the monthly generation run
// < 60 s), with an idempotent rerun, payment stats and an invoice list page over HTTP — and the same run on SQLite
// for comparison. The engines: BENCH_ENGINES=pg,sqlite (both by default); SUBSCRIPTIONS=200000 by default. The
// subscriptions come from the real CSV import, 5,000 rows a batch, as in bench/billing.ts (~4-6 min at 200,000 here).
// BENCH_CPU_PROFILE=FILE writes a V8 profile of the monthly run; BENCH_PG_SLOW_MS=N with BENCH_PG_LOG=FILE keeps the
// cluster's log of statements slower than N ms.
// Run: npx tsx bench/pg-billing.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { FakeClock } from '../src/main/core/clock';
import { createCore, type Core } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';
import { benchDatabase, benchEngines, clusterLog, describeCluster, median, stopBenchCluster, type Engine } from './engines';

const SUBSCRIPTIONS = Number(process.env['SUBSCRIPTIONS'] ?? 200_000);
// Payments recorded and processed before the stats are timed (bench/billing.ts: 3,000; fewer by default here, each
// one is a full write transaction and 3,000 of them took 45-85 s at 10,000 subscriptions on this machine).
const PAYMENTS = Number(process.env['PAYMENTS'] ?? 1000);
const BATCH = 5000;
const PLANS = [['Home 10', 110_000], ['Home 20', 150_000], ['Home 50', 250_000], ['Bisnis 100', 500_000]] as const;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The CSV import of the site (customers + subscriptions + history, one transaction a batch), as bench/billing.ts. */
async function seedImport(core: Core): Promise<string> {
  const times: number[] = [];
  for (let batch = 0; batch * BATCH < SUBSCRIPTIONS; batch++) {
    const size = Math.min(BATCH, SUBSCRIPTIONS - batch * BATCH);
    const rows = Array.from({ length: size }, (_, i) => {
      const n = batch * BATCH + i;
      return `Pelanggan ${n},+62812${String(20_000_000 + n)},${PLANS[n % 4]![0]},2026-10-${String(1 + (n % 28)).padStart(2, '0')}`;
    });
    const t0 = performance.now();
    const result = await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
    times.push(performance.now() - t0);
    if (result.imported !== size) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    if (batch % 10 === 9) process.stderr.write(`  imported ${(batch + 1) * BATCH} (last batch ${seconds(times.at(-1)!)})\n`);
  }
  return `CSV import, ${times.length} batches of ${BATCH}: first ${seconds(times[0]!)}, last ${seconds(times.at(-1)!)}, total ${seconds(times.reduce((a, b) => a + b, 0))}`;
}

async function runEngine(engine: Engine): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-pgbilling-'));
  const databaseUrl = await benchDatabase(engine, 'bench_billing');
  const clock = new FakeClock('2026-10-26T10:00:00+07:00');
  const core = await createCore({ dataDir, databaseUrl, bcryptCost: 4, clock, version: 'bench' });
  const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
  const figures: Record<string, string> = {};
  try {
    await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);
    for (const [name, price] of PLANS) {
      await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: 10, uploadMbps: 5, price, cycleMonths: 1, description: '', active: true });
    }
    let t0 = performance.now();
    figures['seed'] = await seedImport(core);
    process.stderr.write(`  [${engine}] ${figures['seed']}\n`);
    // October is billed as the subscriptions start; the figures are for the next month's run.
    t0 = performance.now();
    const october = await core.billing.runAll();
    figures['october run (first invoices)'] = `${seconds(performance.now() - t0)}, generated ${october.find((j) => j.name === 'generate')!.result['invoices']}`;
    process.stderr.write(`  [${engine}] october ${figures['october run (first invoices)']}\n`);
    const [{ n: before }] = (await core.db.dataSource.query('SELECT COUNT(*) AS n FROM invoice')) as [{ n: number }];
    // A realistic month: 95% of October's invoices were paid; the rest go overdue (and past the grace days).
    await core.db.dataSource.query(`UPDATE invoice SET amount_paid = total, status = 'paid' WHERE id % 20 <> 0`);
    if (engine === 'pg') await core.db.dataSource.query('ANALYZE');
    clock.set('2026-11-25T10:00:00+07:00');
    const token = core.auth.sessionFor((await core.users.findByEmail('bench@isp.test'))!).token;

    // BENCH_CPU_PROFILE=FILE: a V8 CPU profile of this process during the monthly run (open it in Chrome's DevTools).
    const profiler = process.env['BENCH_CPU_PROFILE'] ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    t0 = performance.now();
    const run = await core.billing.runAll();
    const monthly = performance.now() - t0;
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(`${process.env['BENCH_CPU_PROFILE']}.${engine}.cpuprofile`, JSON.stringify(profile));
      profiler.disconnect();
    }
    const generated = run.find((j) => j.name === 'generate')!.result;
    figures['monthly run (all five jobs)'] = `${seconds(monthly)} — generated ${generated['invoices']} (${before} existed)`;
    figures['  by job'] = run.map((j) => `${j.name} ${seconds(j.durationMs)}`).join(', ');
    figures['  results'] = run.map((j) => `${j.name} ${JSON.stringify(j.result)}`).join('; ');
    t0 = performance.now();
    const rerun = await core.billing.runAll();
    figures['idempotent rerun'] = `${seconds(performance.now() - t0)} — generated ${rerun.find((j) => j.name === 'generate')!.result['invoices']}`;

    const open = (await core.db.dataSource.query(`SELECT id, total FROM invoice WHERE status IN ('unpaid','overdue') ORDER BY id LIMIT ${PAYMENTS}`)) as { id: number; total: number }[];
    t0 = performance.now();
    for (const [i, inv] of open.entries()) {
      const p = await core.payments.create(SYSTEM_ACTOR, { invoiceId: inv.id, amount: inv.total, method: (['cash', 'bank_transfer', 'ewallet'] as const)[i % 3], reference: `REF-${i}`, note: '' });
      await core.payments.process(SYSTEM_ACTOR, p.id, 'completed');
    }
    figures[`${PAYMENTS.toLocaleString('en')} payments (create + process)`] = `${seconds(performance.now() - t0)} (${((performance.now() - t0) / Math.max(1, open.length)).toFixed(1)} ms each)`;
    const [{ n }] = (await core.db.dataSource.query('SELECT COUNT(*) AS n FROM invoice')) as [{ n: number }];
    figures['invoices in the database'] = n.toLocaleString('en');
    const http = async (label: string, url: string) => {
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        const started = performance.now();
        const res = await fetch(server.url + url.replace('{i}', String(1 + (i % 50))), { headers: { Authorization: `Bearer ${token}` } });
        await res.json();
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        times.push(performance.now() - started);
      }
      figures[label] = `${median(times).toFixed(1)} ms median (100 requests)`;
    };
    await http('payment stats (HTTP)', '/api/payments/stats');
    await http('invoice list page, 50 rows, page 1..50 (HTTP)', '/api/invoices?page={i}&pageSize=50');
    await http('invoice list, overdue only (HTTP)', '/api/invoices?overdue=true&pageSize=50');
  } finally {
    await server.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

const results = new Map<Engine, Record<string, string>>();
const load = (await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  for (const engine of benchEngines()) {
    process.stderr.write(`${engine}: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions…\n`);
    results.set(engine, await runEngine(engine));
  }
  const cluster = await describeCluster();
  console.log(`\nBilling of ${SUBSCRIPTIONS.toLocaleString('en')} active subscriptions (goal on PostgreSQL: monthly run < 60 s); ${os.cpus().length} CPUs, load average at start ${load}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (cluster) console.log(`PostgreSQL: ${cluster}`);
  if (process.env['BENCH_PG_SLOW_MS']) writeFileSync(process.env['BENCH_PG_LOG'] ?? 'pg-billing.log', clusterLog());
  for (const [engine, figures] of results) {
    console.log(`\n${engine === 'pg' ? 'PostgreSQL' : 'SQLite'}`);
    for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(48)} ${value}`);
  }
} finally {
  stopBenchCluster();
}
