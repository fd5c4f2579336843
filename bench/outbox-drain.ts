// Issue 13 figures: 10,000 queued WhatsApp messages drained by the real outbox worker (its own timer, the system
// clock) against a loopback HTTP gateway at the channel's configured rate, none lost and none sent twice; then the
// same with the gateway answering 429 (Retry-After: 1) or 500 to about 5% of first attempts, so those are retried.
// Run: npx tsx bench/outbox-drain.ts [--rate 6000] [--count 10000] [--retry-count 5000] (0 skips a variant)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import type { CustomerMessage } from '../src/main/core/messaging/compose';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const RATE = option('rate', 6000);
const COUNT = option('count', 10_000);
const RETRY_COUNT = option('retry-count', 5000);
const DAILY_CAP = 100_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** A gateway that keeps, per recipient, how often it accepted a message (and when), and can refuse some first tries. */
async function startGateway(failing: (to: string) => 429 | 500 | null) {
  const accepted = new Map<string, number>();
  const refused = new Map<string, number>();
  const acceptedAt: number[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      const { to } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string };
      const fail = refused.has(to) ? null : failing(to);
      if (fail) {
        refused.set(to, fail);
        res.writeHead(fail, fail === 429 ? { 'Retry-After': '1' } : {});
        res.end(fail === 429 ? 'slow down' : 'gateway busy');
        return;
      }
      accepted.set(to, (accepted.get(to) ?? 0) + 1);
      acceptedAt.push(performance.now());
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    accepted,
    refused,
    acceptedAt,
    get requests() {
      return requests;
    },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Most requests the gateway accepted within any one second. */
function maxPerSecond(times: number[]): number {
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function run(label: string, count: number, failing: (to: string) => 429 | 500 | null): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-outbox-'));
  const core = await createCore({ dataDir, bcryptCost: 4, version: 'bench' });
  const gateway = await startGateway(failing);
  try {
    await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 5, price: 150_000, cycleMonths: 1, description: '', active: true });
    for (let batch = 0; batch < count; batch += 5000) {
      const rows = Array.from({ length: Math.min(5000, count - batch) }, (_, i) => `Pelanggan ${batch + i},+62812${String(20_000_000 + batch + i)},Home 20,2026-12-01`);
      await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
    }
    await core.messages.channels.update(SYSTEM_ACTOR, {
      channel: 'whatsapp', enabled: true, ratePerMin: RATE, dailyCap: DAILY_CAP, secret: 'bench-token',
      config: { preset: 'generic', url: gateway.url, session: 'default', method: 'POST', headers: { Authorization: 'Bearer {{token}}' }, bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}', contentType: 'json' },
    });
    const ids = ((await core.db.dataSource.query('SELECT id FROM customer ORDER BY id')) as { id: number }[]).map((r) => r.id);
    if (ids.length !== count) throw new Error(`seeded ${ids.length} customers, not ${count}`);
    // An outage notice to every customer: not a billing message, so the customers' quiet hours do not hold it.
    const messages: CustomerMessage[] = ids.map((customerId) => ({
      event: 'outageStarted', customerId, cause: 'outage:1', params: { area: 'POP Cibinong', since: { clock: new Date().toISOString() } },
    }));
    let t0 = performance.now();
    const queued = await core.db.write((em) => core.messages.composer.customers(em, messages));
    const queueMs = performance.now() - t0;

    t0 = performance.now();
    await core.messages.worker.start();
    for (;;) {
      const [{ n }] = (await core.db.dataSource.query(`SELECT COUNT(*) AS n FROM outbox WHERE status IN ('queued', 'sending')`)) as [{ n: number }];
      if (n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const wallMs = performance.now() - t0;
    await core.messages.worker.stop();

    const statuses = (await core.db.dataSource.query('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status')) as { status: string; n: number }[];
    const latencies = ((await core.db.dataSource.query(`SELECT created_at AS q, sent_at AS s FROM outbox WHERE status = 'sent'`)) as { q: string; s: string }[])
      .map((r) => Date.parse(r.s) - Date.parse(r.q))
      .sort((a, b) => a - b);
    const [{ retried }] = (await core.db.dataSource.query(`SELECT COUNT(*) AS retried FROM outbox WHERE attempts > 1`)) as [{ retried: number }];
    const sent = statuses.find((s) => s.status === 'sent')?.n ?? 0;
    const acceptedTotal = [...gateway.accepted.values()].reduce((a, b) => a + b, 0);
    const doubled = [...gateway.accepted.values()].filter((n) => n > 1).length;
    const refused = [...gateway.refused.values()];
    const sendSpanMs = gateway.acceptedAt.length > 1 ? gateway.acceptedAt.at(-1)! - gateway.acceptedAt[0]! : 0;

    console.log(`\n${label}: ${fmt(queued)} messages queued in ${fmt(queueMs)} ms (composer, one transaction), rate ${fmt(RATE)}/min, daily cap ${fmt(DAILY_CAP)}`);
    console.log(`  drained in ${(wallMs / 1000).toFixed(1)} s: achieved ${fmt((sent / wallMs) * 60_000)}/min over the wall time (${fmt(((acceptedTotal - 1) / sendSpanMs) * 60_000)}/min first to last accepted request) vs ${fmt(RATE)}/min configured`);
    console.log(`  max burst ${fmt(maxPerSecond(gateway.acceptedAt))} accepted in one second (bucket ${fmt(Math.ceil(RATE / 12))}, rate ${fmt(RATE / 60)}/s)`);
    const tenth = Math.floor(gateway.acceptedAt.length / 10);
    const byTenth = Array.from({ length: 10 }, (_, i) => {
      const from = gateway.acceptedAt[i * tenth]!;
      const to = gateway.acceptedAt[(i + 1) * tenth - 1]!;
      return fmt(((tenth - 1) / (to - from)) * 60_000);
    });
    console.log(`  rate per minute in each tenth of the messages: ${byTenth.join(', ')}`);
    console.log(`  queue→sent latency: p50 ${(quantile(latencies, 0.5) / 1000).toFixed(1)} s, p99 ${(quantile(latencies, 0.99) / 1000).toFixed(1)} s, max ${(latencies.at(-1)! / 1000).toFixed(1)} s`);
    if (refused.length > 0) console.log(`  gateway refused ${fmt(refused.length)} first tries (${refused.filter((s) => s === 429).length} × 429 Retry-After: 1, ${refused.filter((s) => s === 500).length} × 500); ${fmt(retried)} rows took more than one attempt`);
    console.log(`  outbox: ${statuses.map((s) => `${s.status} ${fmt(s.n)}`).join(', ')}; gateway: ${fmt(gateway.requests)} requests, ${fmt(acceptedTotal)} accepted, ${fmt(gateway.accepted.size)} distinct recipients, ${doubled} doubled`);
    const ok = queued === count && sent === count && statuses.length === 1 && acceptedTotal === count && gateway.accepted.size === count && doubled === 0 && gateway.requests === count + refused.length;
    console.log(`  ${ok ? 'OK: every row sent, each recipient exactly once, none lost, none doubled' : 'FAILED: lost or doubled messages (see the counts above)'}`);
    return ok;
  } finally {
    await gateway.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// About 5% of recipients (by their number) are refused on their first try, half 429 and half 500.
const refuseSome = (to: string): 429 | 500 | null => {
  const n = Number(to.slice(-5));
  return n % 40 === 0 ? 429 : n % 40 === 20 ? 500 : null;
};

const results: boolean[] = [];
if (COUNT > 0) results.push(await run('plain drain', COUNT, () => null));
if (RETRY_COUNT > 0) results.push(await run('with ~5% refused first (429/500)', RETRY_COUNT, refuseSome));
if (results.includes(false)) process.exitCode = 1;
