// Issue 5 figures with 20,000 active subscriptions: the monthly generation run (< 5 s), an idempotent
// rerun (< 1 s), payment stats (< 100 ms) and an invoice list page (< 50 ms). Run: npx tsx bench/billing.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { FakeClock } from '../src/main/core/clock';
import { createCore } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';

const SUBSCRIPTIONS = 20_000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-billing-'));
const clock = new FakeClock('2026-10-26T10:00:00+07:00');
const core = await createCore({ dataDir, bcryptCost: 4, clock, version: 'bench' });
const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const [name, price] of [['Home 10', 110_000], ['Home 20', 150_000], ['Home 50', 250_000], ['Bisnis 100', 500_000]] as const) {
  await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: 10, uploadMbps: 5, price, cycleMonths: 1, description: '', active: true });
}
const plans = ['Home 10', 'Home 20', 'Home 50', 'Bisnis 100'];
for (let batch = 0; batch < SUBSCRIPTIONS / 5000; batch++) {
  const rows = Array.from({ length: 5000 }, (_, i) => {
    const n = batch * 5000 + i;
    return `Pelanggan ${n},+62812${String(20_000_000 + n)},${plans[n % 4]},2026-10-${String(1 + (n % 28)).padStart(2, '0')}`;
  });
  await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
}
// October is billed as the subscriptions start; the figures are for the next month's run.
await core.billing.runAll();
const before = (await core.db.dataSource.query('SELECT COUNT(*) AS n FROM invoice')) as [{ n: number }];

// A realistic month: 95% of October's invoices were paid; the rest go overdue (and past the grace days).
await core.db.dataSource.query(`UPDATE invoice SET amount_paid = total, status = 'paid' WHERE id % 20 <> 0`);
clock.set('2026-11-25T10:00:00+07:00');
const token = core.auth.sessionFor((await core.users.findByEmail('bench@isp.test'))!).token;
let started = performance.now();
const run = await core.billing.runAll();
const monthly = performance.now() - started;
const generated = run.find((j) => j.name === 'generate')!.result;
console.log(`monthly billing run, ${SUBSCRIPTIONS.toLocaleString('en')} active subscriptions (all five jobs): ${(monthly / 1000).toFixed(2)} s — generated ${generated['invoices']} invoices (${before[0].n} existed), renewed ${run[0]!.result['renewed']}, ${run.map((j) => `${j.name} ${j.durationMs} ms ${JSON.stringify(j.result)}`).join('; ')}`);
started = performance.now();
const rerun = await core.billing.runAll();
console.log(`idempotent rerun: ${((performance.now() - started) / 1000).toFixed(2)} s — generated ${rerun.find((j) => j.name === 'generate')!.result['invoices']}`);

// some payments so the stats have work to do
const open = (await core.db.dataSource.query(`SELECT id, total FROM invoice WHERE status IN ('unpaid','overdue') LIMIT 3000`)) as { id: number; total: number }[];
for (const [i, inv] of open.entries()) {
  const p = await core.payments.create(SYSTEM_ACTOR, { invoiceId: inv.id, amount: inv.total, method: (['cash', 'bank_transfer', 'ewallet'] as const)[i % 3], reference: `REF-${i}`, note: '' });
  await core.payments.process(SYSTEM_ACTOR, p.id, 'completed');
}
const [{ n }] = (await core.db.dataSource.query('SELECT COUNT(*) AS n FROM invoice')) as [{ n: number }];
async function http(label: string, url: string) {
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const res = await fetch(server.url + url.replace('{i}', String(1 + (i % 50))), { headers: { Authorization: `Bearer ${token}` } });
    await res.json();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  console.log(`${label} (${n.toLocaleString('en')} invoices, 3,000 payments): median ${median(times).toFixed(1)} ms over HTTP`);
}
await http('payment stats', '/api/payments/stats');
await http('invoice list page (50 rows, page 1..50)', '/api/invoices?page={i}&pageSize=50');
await http('invoice list, overdue only', '/api/invoices?overdue=true&pageSize=50');

await server.close();
await core.close();
rmSync(dataDir, { recursive: true, force: true });
