// Issue 2 figures: cold start of `nocman serve` on an empty data directory, and the median latency of
// POST /api/auth/login and GET /api/auth/me. Needs `npm run build` first. Run: node bench/foundation.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(import.meta.dirname, '..');
const EMAIL = 'bench@isp.test';
const PASSWORD = 'bench-password-1';

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function coldStart(port, dataDir) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir], {
    env: { PATH: process.env.PATH, NOCMAN_ADMIN_EMAIL: EMAIL, NOCMAN_ADMIN_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('NOCman listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return { child, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function run(options) {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

const runs = [];
let child;
for (let i = 0; i < 3; i++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-'));
  const port = await freePort();
  const started = await coldStart(port, dataDir);
  runs.push(started.ms);
  if (i < 2) {
    started.child.kill('SIGTERM');
    await new Promise((resolve) => started.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  } else {
    child = { ...started, port, dataDir };
  }
}
runs.sort((a, b) => a - b);
console.log(`cold start of nocman serve on an empty data dir (incl. migrations, admin with bcrypt 12): median ${runs[1].toFixed(0)} ms (runs: ${runs.map((r) => r.toFixed(0)).join(', ')})`);

const url = `http://127.0.0.1:${child.port}`;
const loginBody = JSON.stringify({ email: EMAIL, password: PASSWORD });
const session = await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: loginBody })).json();

const login = await run({ url: `${url}/api/auth/login`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: loginBody, connections: 1, amount: 30 });
console.log(`POST /api/auth/login (bcrypt cost 12, 1 connection, ${login.requests.total} requests, ${login.non2xx} non-2xx): median ${login.latency.p50} ms, p99 ${login.latency.p99} ms`);

const single = await run({ url: `${url}/api/auth/me`, headers: { Authorization: `Bearer ${session.token}` }, connections: 1, duration: 5 });
console.log(`GET /api/auth/me (1 connection, 5 s, ${single.requests.total} requests, ${single.non2xx} non-2xx): median ${single.latency.p50} ms, p99 ${single.latency.p99} ms`);
const me = await run({ url: `${url}/api/auth/me`, headers: { Authorization: `Bearer ${session.token}` }, connections: 10, duration: 5 });
console.log(`GET /api/auth/me (10 connections, 5 s, ${me.requests.total} requests, ${me.non2xx} non-2xx): median ${me.latency.p50} ms, p99 ${me.latency.p99} ms, ${Math.round(me.requests.average)} req/s`);

child.child.kill('SIGTERM');
await new Promise((resolve) => child.child.once('exit', resolve));
rmSync(child.dataDir, { recursive: true, force: true });
