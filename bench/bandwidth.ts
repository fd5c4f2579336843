// Issue 7 figures: 200 devices × 8 interfaces polled in one cycle against the local snmpd (< 10 s), and the
// customer usage summary over a month of 5-minute data (< 100 ms). Run as root: node bench/bandwidth.mjs
// (a network namespace with lo + 4 veth pairs, so the agent has enough interfaces to serve).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';
import { COMMUNITY, startSnmpd } from '../tests/snmpd';

if (process.env['NOCMAN_NETNS'] !== '1') throw new Error('run through bench/bandwidth.mjs');
const agent = await startSnmpd();
if (!agent) throw new Error('snmpd is not installed');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-bw-'));
const core = await createCore({ dataDir, bcryptCost: 4 });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const first = await core.devices.create(SYSTEM_ACTOR, {
  name: 'Router 0', type: 'router', host: '127.0.0.1', location: 'bench', parentId: null, subscriptionIds: [], monitored: false,
  echoCount: 1, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
  snmp: { enabled: true, port: agent.port, community: COMMUNITY, timeoutMs: 2000, retries: 1 },
});
const interfaces = await core.bandwidth.discover(first.id);
const indexes = interfaces.slice(0, 8).map((i) => i.ifIndex);
if (indexes.length < 8) throw new Error(`the agent serves ${indexes.length} interfaces, 8 needed`);
for (let d = 0; d < 200; d++) {
  const device =
    d === 0
      ? first
      : await core.devices.create(SYSTEM_ACTOR, {
          name: `Router ${d}`, type: 'router', host: '127.0.0.1', location: 'bench', parentId: null, subscriptionIds: [], monitored: false,
          echoCount: 1, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
          snmp: { enabled: true, port: agent.port, community: COMMUNITY, timeoutMs: 2000, retries: 1 },
        });
  if (d > 0) await core.bandwidth.discover(device.id);
  for (const ifIndex of indexes) await core.bandwidth.updateInterface(device.id, ifIndex, { monitored: true });
}
const cycles = [];
for (let i = 0; i < 3; i++) {
  const result = await core.bandwidth.poll(true);
  cycles.push(result);
}
console.log(`one poll cycle of 200 devices × 8 interfaces against the local snmpd: ${cycles.map((c) => `${(c.durationMs / 1000).toFixed(2)} s (${c.interfaces} interfaces, ${c.failed} failed)`).join('; ')}`);

// A month of 5-minute data for one customer's interface, then the summary over HTTP.
const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 50', downloadMbps: 50, uploadMbps: 25, price: 250_000, cycleMonths: 1, description: '', active: true });
const customer = await core.customers.create(SYSTEM_ACTOR, { name: 'Bench', phone: '+6281200000001', email: null, address: '', latitude: null, longitude: null, notes: '', status: 'pending' });
const sub = await core.subscriptions.create(SYSTEM_ACTOR, { customerId: customer.id, planId: plan.id, startDate: '2026-11-01', autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
await core.bandwidth.updateInterface(first.id, indexes[0]!, { subscriptionId: sub.id });
const now = Math.floor(Date.now() / 1000 / 300) * 300;
await core.db.write(async (em) => {
  for (let i = 0; i < 8640; i += 200) {
    const rows: unknown[] = [];
    for (let k = i; k < Math.min(i + 200, 8640); k++) {
      const bps = 5e6 + ((k * 7919) % 50) * 1e6;
      rows.push(first.id, indexes[0], now - k * 300, bps / 10, bps, (bps / 10) * 37.5, bps * 37.5, bps / 10, bps);
    }
    await em.query(`INSERT OR REPLACE INTO bw_5m (device_id, if_index, at, in_bps, out_bps, in_bytes, out_bytes, peak_in_bps, peak_out_bps) VALUES ${Array(rows.length / 9).fill('(?,?,?,?,?,?,?,?,?)').join(',')}`, rows);
  }
});
const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
const admin = await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);
const times: number[] = [];
let body: unknown;
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/bandwidth/customer/${customer.id}/summary`, { headers: { Authorization: `Bearer ${admin.token}` } });
  body = await res.json();
  times.push(performance.now() - t0);
}
console.log(`customer usage summary over a month of 5-minute data (8,640 buckets): median ${median(times).toFixed(1)} ms over HTTP — ${JSON.stringify(body)}`);
await server.close();
await core.close();
await agent.stop();
rmSync(dataDir, { recursive: true, force: true });
