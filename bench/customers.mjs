// Issue 3 figures: with 20,000 customers and 25,000 subscriptions, the median HTTP latency of a list page,
// a search and a customer detail (< 50 ms each), and the time to import a 5,000-row CSV (< 5 s).
// Needs `npm run build` first. Run: node bench/customers.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const EMAIL = 'bench@isp.test';
const PASSWORD = 'bench-password-1';
const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Joko', 'Ani', 'Yusuf', 'Wati', 'Eko', 'Sri', 'Bambang', 'Putri', 'Hendra', 'Lina'];
const LAST = ['Santoso', 'Aminah', 'Salim', 'Lestari', 'Wijaya', 'Susanto', 'Hidayat', 'Pratama', 'Kusuma', 'Saputra', 'Nugroho'];
const STREETS = ['Melati', 'Mawar', 'Kenanga', 'Anggrek', 'Sudirman', 'Diponegoro', 'Gatot Subroto', 'Ahmad Yani'];

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-'));
const port = await freePort();
const child = spawn(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir], {
  env: { PATH: process.env.PATH, NOCMAN_ADMIN_EMAIL: EMAIL, NOCMAN_ADMIN_PASSWORD: PASSWORD },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => child.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve()));
const url = `http://127.0.0.1:${port}`;

let token = '';
async function call(method, urlPath, body) {
  const response = await fetch(url + urlPath, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

token = (await call('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD })).token;
const plans = [];
for (const [name, mbps, price] of [['Home 10', 10, 110000], ['Home 20', 20, 166500], ['Home 50', 50, 277500], ['Bisnis 100', 100, 555000]]) {
  plans.push(await call('POST', '/api/plans', { name, downloadMbps: mbps, uploadMbps: mbps / 2, price, cycleMonths: 1 }));
}

let serial = 0;
function csvBatch(rows) {
  const lines = ['name;phone;email;address;plan;startDate'];
  for (let i = 0; i < rows; i++) {
    serial++;
    const name = `${FIRST[serial % FIRST.length]} ${LAST[(serial * 7) % LAST.length]} ${serial}`;
    const phone = `0812${String(10000000 + serial).padStart(8, '0')}`;
    const email = serial % 3 === 0 ? `pelanggan${serial}@mail.test` : '';
    const address = `Jl. ${STREETS[serial % STREETS.length]} No. ${serial % 200}, RT ${serial % 12}/RW ${serial % 9}`;
    const day = String(1 + (serial % 28)).padStart(2, '0');
    lines.push([name, phone, email, address, plans[serial % plans.length].name, `${day}/10/2026`].join(';'));
  }
  return lines.join('\r\n');
}

const importTimes = [];
for (let batch = 0; batch < 4; batch++) {
  const csv = csvBatch(5000);
  const started = performance.now();
  const result = await call('POST', '/api/customers/import', { csv, dryRun: false });
  importTimes.push(performance.now() - started);
  if (result.imported !== 5000) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
}
console.log(`import of a 5,000-row CSV (customers + subscriptions + history, one transaction): ${importTimes.map((t) => (t / 1000).toFixed(2)).join(' s, ')} s (batches 1-4, growing table)`);

// 5,000 more subscriptions: a second service for every fourth customer.
const extra = Array.from({ length: 5000 }, (_, i) => i * 4 + 1);
const seedStarted = performance.now();
for (let i = 0; i < extra.length; i += 8) {
  await Promise.all(
    extra.slice(i, i + 8).map((customerId) =>
      call('POST', '/api/subscriptions', { customerId, planId: plans[customerId % plans.length].id, startDate: '2026-11-01', serviceNote: `ONU ${customerId}` }),
    ),
  );
}
const counts = await call('GET', '/api/subscriptions?pageSize=1');
const customers = await call('GET', '/api/customers?pageSize=1');
console.log(`seeded ${customers.total} customers and ${counts.total} subscriptions (extra 5,000 subscriptions over HTTP in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`);

async function median(label, paths) {
  const times = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    for (const p of paths(i)) await call('GET', p);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[100].toFixed(1)} ms, p95 ${times[190].toFixed(1)} ms (200 runs)`);
}

await median('customer list page (50 rows, sorted by name, page 1..200)', (i) => [`/api/customers?sort=name&page=${1 + (i % 200)}&pageSize=50`]);
await median('customer search (name, phone, street; 50 rows)', (i) => {
  const terms = [LAST[i % LAST.length], `0812100${String(i).padStart(3, '0')}`, STREETS[i % STREETS.length], `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`];
  return [`/api/customers?search=${encodeURIComponent(terms[i % terms.length])}&pageSize=50`];
});
await median('customer detail (customer + subscriptions + first history page)', (i) => {
  const id = 1 + ((i * 97) % 20000);
  return [`/api/customers/${id}`, `/api/subscriptions?customerId=${id}`, `/api/customers/${id}/history?pageSize=20`];
});

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
