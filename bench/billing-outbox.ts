// Issue 13 figure: what the outbox costs the monthly billing run of 20,000 active subscriptions (goal: the run with
// messages stays < 5 s). One site is seeded (October billed, 95% paid), copied, and November's run (all five jobs) is
// timed on fresh copies with WhatsApp and e-mail disabled (no outbox rows) and enabled (an invoiceIssued WhatsApp row
// per invoice, an e-mail row for the 30% of customers with an address, plus the overdue/suspended notices).
// Nothing is sent: the worker is not started. Wall time and the process's CPU time (main thread and SQLite's) are
// printed; on a shared machine the CPU time is the steadier figure. Run: npx tsx bench/billing-outbox.ts [--repeat 2]
// (BENCH_CPUPROF=1 writes a CPU profile of each run to the temp dir).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { FakeClock } from '../src/main/core/clock';
import { createCore, type Core } from '../src/main/core';

const SUBSCRIPTIONS = 20_000;
const at = process.argv.indexOf('--repeat');
const REPEAT = at === -1 ? 2 : Number(process.argv[at + 1]);
const root = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-billing-outbox-'));
const seedDir = path.join(root, 'seed');

// The seeded site: 20,000 customers (30% with an e-mail) on four plans, October billed and 95% of it paid.
let t0 = performance.now();
{
  const core = await createCore({ dataDir: seedDir, bcryptCost: 4, clock: new FakeClock('2026-10-26T10:00:00+07:00'), version: 'bench' });
  for (const [name, price] of [['Home 10', 110_000], ['Home 20', 150_000], ['Home 50', 250_000], ['Bisnis 100', 500_000]] as const) {
    await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: 10, uploadMbps: 5, price, cycleMonths: 1, description: '', active: true });
  }
  const plans = ['Home 10', 'Home 20', 'Home 50', 'Bisnis 100'];
  for (let batch = 0; batch < SUBSCRIPTIONS / 5000; batch++) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const n = batch * 5000 + i;
      const email = n % 10 < 3 ? `pelanggan${n}@mail.test` : '';
      return `Pelanggan ${n},+62812${String(20_000_000 + n)},${email},${plans[n % 4]},2026-10-${String(1 + (n % 28)).padStart(2, '0')}`;
    });
    await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,email,plan,startDate', ...rows].join('\n'), false);
  }
  await core.billing.runAll();
  await core.db.dataSource.query(`UPDATE invoice SET amount_paid = total, status = 'paid' WHERE id % 20 <> 0`);
  await core.close();
}
console.log(`seeded ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions (October billed, 95% paid) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function enableChannels(core: Core): Promise<void> {
  // Addresses nothing listens on: the worker is not started, the rows only wait in the outbox.
  await core.messages.channels.update(SYSTEM_ACTOR, {
    channel: 'whatsapp', enabled: true, ratePerMin: 6000, dailyCap: 100_000, secret: 'bench-token',
    config: { preset: 'generic', url: 'http://127.0.0.1:9/send', session: 'default', method: 'POST', headers: {}, bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}', contentType: 'json' },
  });
  await core.messages.channels.update(SYSTEM_ACTOR, {
    channel: 'email', enabled: true, ratePerMin: 600, dailyCap: 100_000, secret: 'bench-password',
    config: { host: '127.0.0.1', port: 2525, security: 'none', user: 'billing', from: 'billing@isp.test' },
  });
}

async function november(messages: boolean, copy: number): Promise<number> {
  const dataDir = path.join(root, `run-${copy}`);
  cpSync(seedDir, dataDir, { recursive: true });
  const core = await createCore({ dataDir, bcryptCost: 4, clock: new FakeClock('2026-11-25T10:00:00+07:00'), version: 'bench' });
  try {
    if (messages) await enableChannels(core);
    // The composer's share: its calls are timed where the billing jobs make them (inside their transactions).
    const composer = core.messages.composer;
    const customers = composer.customers.bind(composer);
    let composerMs = 0;
    let composerCalls = 0;
    composer.customers = async (em, list) => {
      const t = performance.now();
      try {
        return await customers(em, list);
      } finally {
        composerMs += performance.now() - t;
        composerCalls++;
      }
    };
    const inspector = process.env['BENCH_CPUPROF'] === '1' ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    const started = performance.now();
    const run = await core.billing.runAll();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (inspector) {
      const { profile } = await inspector.post('Profiler.stop');
      inspector.disconnect();
      const file = path.join(os.tmpdir(), `billing-outbox-${messages ? 'on' : 'off'}-${copy}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`    profile: ${file}`);
    }
    const rows = (await core.db.dataSource.query(`SELECT channel, event, status, COUNT(*) AS n FROM outbox GROUP BY channel, event, status ORDER BY channel, event, status`)) as { channel: string; event: string; status: string; n: number }[];
    const generated = run.find((j) => j.name === 'generate')!.result['invoices'];
    console.log(`  ${messages ? 'messages on ' : 'messages off'}: ${(ms / 1000).toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s) — ${generated} invoices; ${run.map((j) => `${j.name} ${j.durationMs} ms`).join(', ')}; composer ${Math.round(composerMs)} ms in ${composerCalls} calls`);
    console.log(`    outbox: ${rows.length === 0 ? 'empty' : rows.map((r) => `${r.channel} ${r.event} ${r.status} ${r.n.toLocaleString('en')}`).join(', ')}`);
    cpus.push({ messages, ms: (used.user + used.system) / 1000 });
    return ms;
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`November billing run, ${SUBSCRIPTIONS.toLocaleString('en')} active subscriptions, on fresh copies (${REPEAT}× each, alternating):`);
const cpus: { messages: boolean; ms: number }[] = [];
const off: number[] = [];
const on: number[] = [];
let copy = 0;
for (let i = 0; i < REPEAT; i++) {
  off.push(await november(false, copy++));
  on.push(await november(true, copy++));
}
const best = (values: number[]) => Math.min(...values);
t0 = best(off);
const withMessages = best(on);
console.log(`best of ${REPEAT}: without messages ${(t0 / 1000).toFixed(2)} s, with messages ${(withMessages / 1000).toFixed(2)} s — the outbox costs ${((withMessages - t0) / 1000).toFixed(2)} s (+${Math.round(((withMessages - t0) / t0) * 100)}%); goal < 5 s: ${withMessages < 5000 ? 'met' : 'NOT met'}`);
const cpuOff = best(cpus.filter((c) => !c.messages).map((c) => c.ms));
const cpuOn = best(cpus.filter((c) => c.messages).map((c) => c.ms));
console.log(`CPU time, best of ${REPEAT}: without messages ${(cpuOff / 1000).toFixed(2)} s, with messages ${(cpuOn / 1000).toFixed(2)} s (+${((cpuOn - cpuOff) / 1000).toFixed(2)} s)`);
rmSync(root, { recursive: true, force: true });
