// Issue 4 figures: `raise` on an existing key (< 1 ms median), 1,000 alerts raised in one burst reaching an
// open SSE client (< 1 s), and the alert list with 100,000 alerts in the table (< 50 ms). Run: npx tsx bench/alerts.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';
import { message } from '../src/shared/i18n/messages';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-alerts-'));
const core = await createCore({ dataDir, bcryptCost: 4, version: 'bench' });
const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
const admin = await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// 1. raise on an existing key
await core.alerts.raise('device:1:down', { type: 'device_down', severity: 'critical', text: message('alert.down', { device: 'OLT-1', host: '10.0.0.1' }), deviceId: 1 });
const raiseTimes: number[] = [];
for (let i = 0; i < 2000; i++) {
  const started = performance.now();
  await core.alerts.raise('device:1:down', { type: 'device_down', severity: 'critical', text: message('alert.down', { device: 'OLT-1', host: '10.0.0.1' }), deviceId: 1 });
  raiseTimes.push(performance.now() - started);
}
console.log(`raise on an existing key: median ${median(raiseTimes).toFixed(3)} ms (2,000 raises)`);

// 2. a burst of 1,000 new alerts reaching an SSE client
const controller = new AbortController();
const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${admin.token}` }, signal: controller.signal });
const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
const started = performance.now();
const burst = Promise.all(
  Array.from({ length: 1000 }, (_, i) =>
    core.alerts.raise(`device:${1000 + i}:down`, { type: 'device_down', severity: 'critical', text: message('alert.down', { device: `CPE-${i}`, host: '10.0.0.2' }), deviceId: 1000 + i }),
  ),
);
let received = 0;
let buffer = '';
while (received < 1000) {
  const { value, done } = await reader.read();
  if (done) break;
  buffer += value;
  const frames = buffer.split('\n\n');
  buffer = frames.pop()!;
  received += frames.filter((f) => f.includes('event: alert.created')).length;
}
await burst;
console.log(`1,000 alerts raised in one burst reached the SSE client in ${(performance.now() - started).toFixed(0)} ms`);
controller.abort();

// 3. the alert list with 100,000 alerts in the table
await core.db.write(async (em) => {
  const now = Date.now();
  for (let chunk = 0; chunk < 100_000; chunk += 500) {
    const rows: unknown[] = [];
    const values: string[] = [];
    for (let i = chunk; i < chunk + 500; i++) {
      const network = i % 3 !== 0;
      const at = new Date(now - i * 60_000).toISOString();
      values.push("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      rows.push(`hist:${i}`, network ? 'device_down' : 'payment_overdue', ['critical', 'warning', 'info'][i % 3], i < 500 ? 'open' : 'resolved', network ? 'network' : 'billing', `alert ${i}`, network ? i % 400 : null, network ? null : i % 5000, at, at, 'system');
    }
    await em.query(
      `INSERT INTO alert (dedupe_key, type, severity, status, domain, message, device_id, customer_id, first_seen_at, last_seen_at, resolved_by) VALUES ${values.join(',')}`,
      rows,
    );
  }
});
const [{ n }] = (await core.db.dataSource.query('SELECT COUNT(*) AS n FROM alert')) as [{ n: number }];
const lists: Record<string, string> = {
  'first page, all (admin)': '/api/alerts?pageSize=50',
  'open only': '/api/alerts?status=open&pageSize=50',
  'network, page 100': '/api/alerts?domain=network&page=100&pageSize=50',
  'one customer': '/api/alerts?customerId=42',
};
for (const [label, url] of Object.entries(lists)) {
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const res = await fetch(server.url + url, { headers: { Authorization: `Bearer ${admin.token}` } });
    await res.json();
    times.push(performance.now() - t0);
  }
  console.log(`alert list with ${n.toLocaleString('en')} alerts, ${label}: median ${median(times).toFixed(1)} ms over HTTP`);
}

await server.close();
await core.close();
rmSync(dataDir, { recursive: true, force: true });
