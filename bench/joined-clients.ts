// Issue 14 figures: ten joined clients on live events (SSE over TLS, pinned certificate) while the host sweeps 1,000
// loopback devices every 10 s, a quarter of which go down and come back every 20 s (iptables in a private network
// namespace: nothing outside 127.0.0.0/8 is pinged). Prints the event lag (client receipt − the event's `at`,
// p50/p99/max over every event every client got) and the host's CPU with 0 and with 10 clients → the cost per client.
// Needs root (unshare -n, iptables), fping, and a build: `npx electron-vite build && npx tsx bench/joined-clients.ts`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { pinnedHttpsAgent } from '../src/main/core/site/pin';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEVICES = Number(process.env['BENCH_DEVICES'] ?? 1000);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 10);
const PHASE_SEC = Number(process.env['BENCH_PHASE_SEC'] ?? 60);
const FLIP_SEC = 20;
const ADMIN = { email: 'bench@isp.test', password: 'bench-admin-pass' };

if (process.env['NOCMAN_NETNS'] !== '1') {
  if (process.getuid?.() !== 0) throw new Error('bench/joined-clients: needs root for its network namespace (unshare -n)');
  const script = 'ip link set lo up && exec env NOCMAN_NETNS=1 node --import tsx bench/joined-clients.ts';
  const result = spawnSync('unshare', ['-n', 'sh', '-c', script], { stdio: 'inherit', cwd: ROOT, env: process.env });
  process.exit(result.status ?? 1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hostOf = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;

/** Seconds of CPU the process and its reaped children (fping) used. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// 1. A site of DEVICES devices (10 s interval, down after one failed poll, one echo), seeded before the host starts.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-joined-'));
{
  const core = await createCore({ dataDir, bcryptCost: 4, bootstrapAdmin: { name: 'Bench', ...ADMIN } });
  for (let i = 0; i < DEVICES; i += 1) {
    await core.devices.create(SYSTEM_ACTOR, {
      name: `CPE ${i}`, type: 'cpe', host: hostOf(i), location: 'bench', latitude: null, longitude: null, parentId: null, subscriptionIds: [],
      monitored: true, intervalSec: 10, echoCount: 1, timeoutMs: 500, failThreshold: 1, latencyWarnMs: null, lossWarnPct: null, notes: '', snmp: null,
    } as never);
  }
  await core.close();
}

// 2. The host: `nocman serve --tls`, its fingerprint read from its output.
const port = 47_000 + Math.floor(Math.random() * 1000);
const host = spawn(process.execPath, ['bin/nocman.mjs', 'serve', '--tls', '--port', String(port), '--data-dir', dataDir], {
  cwd: ROOT,
  env: { PATH: process.env['PATH'], PING_INTERVAL: '10', JWT_SECRET: 'bench-secret-bench-secret-0123456789ab' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
host.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
host.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
for (let i = 0; i < 200 && !/fingerprint: \S+/.test(output); i += 1) await sleep(100);
const fingerprint = /fingerprint: (\S+)/.exec(output)?.[1];
if (!fingerprint) throw new Error(`host did not start:\n${output}`);
const base = `https://127.0.0.1:${port}`;
const agent = pinnedHttpsAgent(fingerprint, { keepAlive: true });

function request(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(base + url, { method, agent, headers: { ...(data ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

// A quarter of the devices go down and come back every FLIP_SEC, in both phases alike.
let down = false;
const flipper = setInterval(() => {
  down = !down;
  execFileSync('iptables', [down ? '-A' : '-D', 'INPUT', '-s', '127.0.0.1', '-d', '127.1.0.0/24', '-p', 'icmp', '-j', 'DROP']);
}, FLIP_SEC * 1000);

// Let the first sweeps (every device unknown → online) pass.
await sleep(25_000);

// 3. Phase A: no client.
let cpu0 = cpuOf(host.pid!);
let t0 = performance.now();
await sleep(PHASE_SEC * 1000);
const idleCpu = (cpuOf(host.pid!) - cpu0) / ((performance.now() - t0) / 1000);

// 4. Phase B: CLIENTS joined clients, each signed in with its own session, reading the event stream.
const lags: number[] = [];
const perClient: number[] = [];
const streams: ClientRequest[] = [];
let measuring = false;
for (let c = 0; c < CLIENTS; c += 1) {
  const login = await request('POST', '/api/auth/login', ADMIN);
  if (login.status !== 200) throw new Error(`sign-in ${login.status}: ${JSON.stringify(login.body)}`);
  const token = (login.body as { token: string }).token;
  perClient.push(0);
  const req = https.request(base + '/api/events', { agent: pinnedHttpsAgent(fingerprint), headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } }, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const now = Date.now();
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (!data || !measuring) continue;
        lags.push(now - Date.parse((JSON.parse(data.slice(6)) as { at: string }).at));
        perClient[c]! += 1;
      }
    });
  });
  req.end();
  streams.push(req);
}
await sleep(2_000);
measuring = true;
cpu0 = cpuOf(host.pid!);
t0 = performance.now();
await sleep(PHASE_SEC * 1000);
const busyCpu = (cpuOf(host.pid!) - cpu0) / ((performance.now() - t0) / 1000);
measuring = false;

clearInterval(flipper);
for (const req of streams) req.destroy();
host.kill('SIGTERM');
await new Promise((resolve) => host.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });

lags.sort((a, b) => a - b);
console.log(`${DEVICES} devices every 10 s (a quarter down/up every ${FLIP_SEC} s), ${CLIENTS} clients over TLS, ${PHASE_SEC} s per phase`);
console.log(`events received: ${lags.length} (per client ${Math.min(...perClient)}–${Math.max(...perClient)})`);
console.log(`event lag: p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${lags.at(-1)} ms (goal p99 < 500 ms)`);
console.log(`host CPU: ${(idleCpu * 100).toFixed(1)}% of a core with 0 clients, ${(busyCpu * 100).toFixed(1)}% with ${CLIENTS} → ${(((busyCpu - idleCpu) / CLIENTS) * 100).toFixed(2)}% per client`);
