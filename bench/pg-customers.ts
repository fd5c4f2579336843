// Issue 15 figures: the customer screens at 200,000 customers and 250,000 subscriptions on PostgreSQL and SQLite —
// the median HTTP latency of a list page, a search by name fragment, by phone fragment and by street, and a customer
// detail (goal < 100 ms each). The same requests as bench/customers.mjs, on an in-process HTTP server (real HTTP).
// BENCH_ENGINES=pg,sqlite (both by default); CUSTOMERS=200000 and RUNS=200 (requests timed per figure) by default.
// Set-up: the customers and one subscription each come from the real CSV import (5,000 rows a batch); the extra
// subscriptions (a second service for every fourth customer) are inserted with one bulk SQL statement, since 50,000
// single creations would take longer than the rest of the bench — they only have to exist for the detail page.
// Run: npx tsx bench/pg-customers.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { FakeClock } from '../src/main/core/clock';
import { createCore, type Core } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';
import { benchDatabase, benchEngines, describeCluster, median, p95, stopBenchCluster, type Engine } from './engines';

const CUSTOMERS = Number(process.env['CUSTOMERS'] ?? 200_000);
const BATCH = 5000;
const RUNS = Number(process.env['RUNS'] ?? 200);
const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Joko', 'Ani', 'Yusuf', 'Wati', 'Eko', 'Sri', 'Bambang', 'Putri', 'Hendra', 'Lina'];
const LAST = ['Santoso', 'Aminah', 'Salim', 'Lestari', 'Wijaya', 'Susanto', 'Hidayat', 'Pratama', 'Kusuma', 'Saputra', 'Nugroho'];
const STREETS = ['Melati', 'Mawar', 'Kenanga', 'Anggrek', 'Sudirman', 'Diponegoro', 'Gatot Subroto', 'Ahmad Yani'];
const PLANS = [['Home 10', 10, 110000], ['Home 20', 20, 166500], ['Home 50', 50, 277500], ['Bisnis 100', 100, 555000]] as const;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function csvBatch(from: number, rows: number): string {
  const lines = ['name;phone;email;address;plan;startDate'];
  for (let serial = from; serial < from + rows; serial++) {
    const name = `${FIRST[serial % FIRST.length]} ${LAST[(serial * 7) % LAST.length]} ${serial}`;
    const phone = `0812${String(10000000 + serial).padStart(8, '0')}`;
    const email = serial % 3 === 0 ? `pelanggan${serial}@mail.test` : '';
    const address = `Jl. ${STREETS[serial % STREETS.length]} No. ${serial % 200}, RT ${serial % 12}/RW ${serial % 9}`;
    const day = String(1 + (serial % 28)).padStart(2, '0');
    lines.push([name, phone, email, address, PLANS[serial % PLANS.length]![0], `${day}/10/2026`].join(';'));
  }
  return lines.join('\r\n');
}

async function seed(core: Core): Promise<string> {
  const times: number[] = [];
  for (let from = 1; from <= CUSTOMERS; from += BATCH) {
    const size = Math.min(BATCH, CUSTOMERS - from + 1);
    const t0 = performance.now();
    const result = await core.customerTransfer.importCsv(SYSTEM_ACTOR, csvBatch(from, size), false);
    times.push(performance.now() - t0);
    if (result.imported !== size) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    if (times.length % 10 === 0) process.stderr.write(`  imported ${from + size - 1} (last batch ${seconds(times.at(-1)!)})\n`);
  }
  // A second service for every fourth customer, in one statement (see the header).
  const now = '2026-11-01T03:00:00.000Z';
  const t0 = performance.now();
  await core.db.write((em) =>
    em.query(
      `INSERT INTO subscription (customer_id, plan_id, start_date, billing_anchor_day, current_period_start, current_period_end,
         auto_renew, status, service_note, created_at, updated_at)
       SELECT c.id, 1 + c.id % 4, '2026-11-01', 1, '2026-11-01', '2026-11-30', 1, 'active', 'ONU ' || c.id, ?, ?
       FROM customer c WHERE c.id % 4 = 1`,
      [now, now],
    ),
  );
  return `CSV import, ${times.length} batches of ${BATCH}: first ${seconds(times[0]!)}, last ${seconds(times.at(-1)!)}, total ${seconds(times.reduce((a, b) => a + b, 0))}; extra subscriptions by SQL ${seconds(performance.now() - t0)}`;
}

async function runEngine(engine: Engine): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-pgcustomers-'));
  const databaseUrl = await benchDatabase(engine, 'bench_customers');
  const clock = new FakeClock('2026-11-01T10:00:00+07:00');
  const core = await createCore({ dataDir, databaseUrl, bcryptCost: 4, clock, version: 'bench' });
  const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
  const figures: Record<string, string> = {};
  try {
    await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);
    for (const [name, mbps, price] of PLANS) {
      await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: mbps, uploadMbps: mbps / 2, price, cycleMonths: 1, description: '', active: true });
    }
    figures['seed'] = await seed(core);
    process.stderr.write(`  [${engine}] ${figures['seed']}\n`);
    if (engine === 'pg') await core.db.dataSource.query('ANALYZE');
    const token = core.auth.sessionFor((await core.users.findByEmail('bench@isp.test'))!).token;
    const call = async (urlPath: string) => {
      const res = await fetch(server.url + urlPath, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { total?: number };
      if (!res.ok) throw new Error(`${urlPath}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    const customers = (await call('/api/customers?pageSize=1')).total!;
    const subscriptions = (await call('/api/subscriptions?pageSize=1')).total!;
    figures['rows'] = `${customers.toLocaleString('en')} customers, ${subscriptions.toLocaleString('en')} subscriptions`;
    const timed = async (label: string, paths: (i: number) => string[]) => {
      for (let i = 0; i < 5; i++) for (const p of paths(i)) await call(p); // warm-up
      const times: number[] = [];
      let matches = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        for (const p of paths(i)) matches = (await call(p)).total ?? matches;
        times.push(performance.now() - started);
      }
      figures[label] = `${median(times).toFixed(1)} ms median, p95 ${p95(times).toFixed(1)} ms (${RUNS} runs; last total ${matches.toLocaleString('en')})`;
      process.stderr.write(`  [${engine}] ${label}: ${figures[label]}\n`);
    };
    const pages = Math.floor(customers / 50);
    await timed('list page, sorted by name (page 1..200)', (i) => [`/api/customers?sort=name&page=${1 + (i % 200)}&pageSize=50`]);
    await timed('list page, by code (page 1..200)', (i) => [`/api/customers?page=${1 + (i % 200)}&pageSize=50`]);
    await timed('list page, by code, deep pages', (i) => [`/api/customers?page=${pages - (i % 200)}&pageSize=50`]);
    await timed('search: name fragment (last name)', (i) => [`/api/customers?search=${encodeURIComponent(LAST[i % LAST.length]!.slice(1, 6))}&pageSize=50`]);
    await timed('search: name fragment (rare: "Dewi Sal")', (i) => [`/api/customers?search=${encodeURIComponent(`${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]!.slice(0, 3)}`)}&pageSize=50`]);
    await timed('search: phone fragment (0812100xxx)', (i) => [`/api/customers?search=0812100${String(i).padStart(3, '0')}&pageSize=50`]);
    await timed('search: street (Melati…)', (i) => [`/api/customers?search=${encodeURIComponent(STREETS[i % STREETS.length]!)}&pageSize=50`]);
    await timed('search: no match', (i) => [`/api/customers?search=zzqx${i}&pageSize=50`]);
    await timed('detail: customer + subscriptions + history page', (i) => {
      const id = 1 + ((i * 9973) % customers);
      return [`/api/customers/${id}`, `/api/subscriptions?customerId=${id}`, `/api/customers/${id}/history?pageSize=20`];
    });
  } finally {
    await server.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

const results = new Map<Engine, Record<string, string>>();
const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  for (const engine of benchEngines()) {
    process.stderr.write(`${engine}: ${CUSTOMERS.toLocaleString('en')} customers…\n`);
    results.set(engine, await runEngine(engine));
  }
  const cluster = await describeCluster();
  console.log(`\nCustomer screens at ${CUSTOMERS.toLocaleString('en')} customers (goal < 100 ms each, median over HTTP); ${os.cpus().length} CPUs, load average at start ${load}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (cluster) console.log(`PostgreSQL: ${cluster}`);
  for (const [engine, figures] of results) {
    console.log(`\n${engine === 'pg' ? 'PostgreSQL' : 'SQLite'}`);
    for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(48)} ${value}`);
  }
} finally {
  stopBenchCluster();
}
