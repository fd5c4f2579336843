// Issue 12 figures: how fast the web UI feels with 20,000 customers. A cold load (empty browser cache, a saved
// session) from navigation to the dashboard showing its data, for admin, staff and technician (goal < 1 s), and the
// in-app navigations between the main pages from click to the page's data (goal < 300 ms); plus the JS and CSS the
// first load transfers. Real parts: `nocman serve` from the built out/, headless Chromium at 1366×768.
// Run: npx electron-vite build && npx tsx bench/firstload.ts
//
// The database (3 users, 4 plans, 20,000 customers with a subscription each, a month of invoices mostly paid, some
// payments, 200 devices, 40 open alerts) is built once into a cache under the temp dir, keyed by the migrations it
// was made with; every run serves a copy. BENCH_REBUILD=1 rebuilds it, BENCH_RUNS (5) sets the cold loads per role
// and the rounds of navigations, BENCH_APP_ROOT serves another checkout's build (to measure a build before a change).
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { message } from '../src/shared/i18n/messages';
import { freePort, startServer } from '../tests/e2e/harness';

const ROOT = path.resolve(import.meta.dirname, '..');
const APP_ROOT = path.resolve(process.env['BENCH_APP_ROOT'] ?? ROOT);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const CUSTOMERS = 20_000;
const DEVICES = 200;
const ALERTS = 40;
const PASSWORD = 'bench-password';
const USERS = [
  { role: 'admin', email: 'admin@isp.test' },
  { role: 'staff', email: 'staff@isp.test' },
  { role: 'technician', email: 'tech@isp.test' },
] as const;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-01';
const FIRST_SCREEN_GOAL_MS = 1000;
const NAVIGATION_GOAL_MS = 300;

// The first screen has its data when the open-alert tiles show counts and the latest-alerts card its rows (or its
// "none" line): the dashboard's own queries answered and rendered, for every role.
// Predicates run in the page as functions (the CSP forbids evaluating strings); each returns the moment it holds.
function dashboardReady(): number | false {
  const tile = document.querySelector('[data-testid="dashboard-open-critical"]');
  const latest = document.querySelector('[data-testid="dashboard-alert"], [data-testid="dashboard-latest-empty"]');
  return tile !== null && tile.getAttribute('data-count') !== '' && latest !== null ? performance.now() : false;
}

// The main pages, in the order a round visits them; each is ready when its list footer shows "1–25 of N".
const PAGES = ['customers', 'invoices', 'subscriptions', 'devices', 'alerts', 'payments'] as const;
function pageReady(name: string): number | false {
  const range = document.querySelector(`[data-testid="${name}-range"]`);
  return range !== null && (range.textContent ?? '').trim() !== '' ? performance.now() : false;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => sorted(values)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;
const median = (values: number[]) => quantile(values, 0.5);

function cacheDir(): string {
  // A database made by other migrations than this checkout's is not the one to serve.
  const migrations = readdirSync(path.join(ROOT, 'src/main/core/db/migrations')).length;
  return path.join(os.tmpdir(), `nocman-bench-firstload-m${migrations}`);
}

async function seed(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const core = await createCore({ dataDir: dir, bcryptCost: 4, version: 'bench' });
  await core.auth.createFirstAdmin({ name: 'Admin Bench', email: USERS[0].email, password: PASSWORD }, SYSTEM_ACTOR);
  await core.users.create(SYSTEM_ACTOR, { name: 'Staff Bench', email: USERS[1].email, password: PASSWORD, role: 'staff' });
  await core.users.create(SYSTEM_ACTOR, { name: 'Teknisi Bench', email: USERS[2].email, password: PASSWORD, role: 'technician' });
  const plans = [['Home 10', 110_000], ['Home 20', 150_000], ['Home 50', 250_000], ['Bisnis 100', 500_000]] as const;
  for (const [name, price] of plans) {
    await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: 10, uploadMbps: 5, price, cycleMonths: 1, description: '', active: true });
  }
  // Subscriptions started over the last four weeks, so this month's invoices exist.
  const day = (n: number) => new Date(Date.now() - (1 + (n % 28)) * 86_400_000).toISOString().slice(0, 10);
  for (let batch = 0; batch < CUSTOMERS / 5000; batch++) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const n = batch * 5000 + i;
      return `Pelanggan ${n},+62812${String(20_000_000 + n)},${plans[n % 4]![0]},${day(n)}`;
    });
    const result = await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
    if (result.imported !== 5000) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  await core.billing.runAll();
  // Most invoices paid outside the app, some through it (so the payments list has rows), the rest open.
  await core.db.dataSource.query(`UPDATE invoice SET amount_paid = total, status = 'paid' WHERE id % 10 > 1`);
  const open = (await core.db.dataSource.query(`SELECT id, total FROM invoice WHERE status <> 'paid' LIMIT 500`)) as { id: number; total: number }[];
  for (const [i, invoice] of open.entries()) {
    const payment = await core.payments.create(SYSTEM_ACTOR, { invoiceId: invoice.id, amount: invoice.total, method: (['cash', 'bank_transfer', 'ewallet'] as const)[i % 3], reference: `REF-${i}`, note: '' });
    await core.payments.process(SYSTEM_ACTOR, payment.id, 'completed');
  }
  for (let i = 0; i < DEVICES; i++) {
    const top = i < 20;
    await core.devices.create(SYSTEM_ACTOR, {
      name: top ? `Router POP ${i + 1}` : `AP ${String(i - 19).padStart(4, '0')}`,
      type: top ? 'router' : 'access_point',
      host: `127.3.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      location: `POP ${(i % 20) + 1}`,
      parentId: top ? null : 1 + (i % 20),
      subscriptionIds: top ? [] : Array.from({ length: 20 }, (_, k) => (i - 20) * 20 + k + 1),
      // Not pinged while the bench measures: the figures are the UI's, not the monitor's.
      monitored: false,
      intervalSec: 60,
      echoCount: 3,
      timeoutMs: 1000,
      failThreshold: 3,
      latencyWarnMs: null,
      lossWarnPct: null,
      notes: '',
    });
  }
  for (let i = 0; i < ALERTS; i++) {
    const deviceId = 21 + i;
    await core.alerts.raise(`device:${deviceId}:down`, { type: 'device_down', severity: (['critical', 'warning', 'info'] as const)[i % 3], text: message('alert.down', { device: `AP ${i + 1}`, host: `10.0.1.${i + 1}` }), deviceId });
  }
  await core.close();
  console.log(`seeded ${CUSTOMERS.toLocaleString('en')} customers, invoices, ${open.length} payments, ${DEVICES} devices, ${ALERTS} alerts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The saved session as the app keeps it in localStorage after a sign-in. */
async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!response.ok) throw new Error(`login ${email}: HTTP ${response.status}`);
  const { token, user } = (await response.json()) as { token: string; user: unknown };
  return JSON.stringify({ token, user });
}

interface Transfer {
  js: number;
  css: number;
  requests: string[];
}

/** A fresh context (empty cache) holding a saved session, as a person who signed in yesterday opens the app. */
async function openSignedIn(browser: Browser, session: string): Promise<{ page: Page; transfer: Transfer; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript((saved) => localStorage.setItem('nocman.session', saved), session);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const transfer: Transfer = { js: 0, css: 0, requests: [] };
  const cdp = await context.newCDPSession(page);
  const types = new Map<string, string>();
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId);
    if (type === 'Script') transfer.js += event.encodedDataLength;
    if (type === 'Stylesheet') transfer.css += event.encodedDataLength;
  });
  cdp.on('Network.requestWillBeSent', (event) => transfer.requests.push(event.request.url));
  await cdp.send('Network.enable');
  return { page, transfer, close: () => context.close() };
}

/** Milliseconds from the start of the navigation to the moment `ready` holds, measured in the page. */
async function coldLoad(browser: Browser, url: string, session: string): Promise<{ ms: number; transfer: Transfer }> {
  const { page, transfer, close } = await openSignedIn(browser, session);
  await page.goto(`${url}/#/`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(dashboardReady, undefined, { polling: 'raf' });
  const elapsed = (await handle.jsonValue()) as number;
  await close();
  return { ms: elapsed, transfer };
}

/** Milliseconds from the click on a sidebar link to the page showing its data, measured in the page. */
async function navigate(page: Page, name: string): Promise<number> {
  const link = page.locator(`[data-testid="nav-${name}"]`);
  // A person's pointer passes over the link before the click (the app may start loading there).
  await link.hover();
  const clickedAt = (await page.evaluate((target) => {
    const at = performance.now();
    (document.querySelector(`[data-testid="nav-${target}"]`) as HTMLElement).click();
    return at;
  }, name)) as number;
  const handle = await page.waitForFunction(pageReady, name, { polling: 'raf' });
  return ((await handle.jsonValue()) as number) - clickedAt;
}

const cache = cacheDir();
if (process.env['BENCH_REBUILD'] || !existsSync(path.join(cache, 'done'))) {
  await seed(path.join(cache, 'data'));
  writeFileSync(path.join(cache, 'done'), new Date().toISOString());
}
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-firstload-run-'));
cpSync(path.join(cache, 'data'), dataDir, { recursive: true });
const { child, url } = await startServer(await freePort(), dataDir, { JWT_SECRET }, { appRoot: APP_ROOT, startTimeoutMs: 30_000 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  console.log(`app: ${path.relative(process.cwd(), APP_ROOT) || '.'}/out, ${RUNS} runs, Chromium 1366×768, cold cache`);
  const sessions = new Map<string, string>();
  for (const user of USERS) sessions.set(user.role, await login(url, user.email));

  // One warm-up load: the server's first answers (SQLite page cache, JIT) are not what a person waits for daily.
  await coldLoad(browser, url, sessions.get('admin')!);
  let firstTransfer: Transfer | null = null;
  for (const user of USERS) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const load = await coldLoad(browser, url, sessions.get(user.role)!);
      times.push(load.ms);
      firstTransfer ??= load.transfer;
    }
    const verdict = median(times) < FIRST_SCREEN_GOAL_MS ? 'ok' : 'over goal';
    console.log(`first screen with data, ${user.role.padEnd(10)}: median ${ms(median(times))}, max ${ms(Math.max(...times))} (${verdict}, goal < ${FIRST_SCREEN_GOAL_MS} ms)`);
  }
  if (firstTransfer) {
    const scripts = firstTransfer.requests.filter((request) => /\.js(\?|$)/.test(request)).map((request) => path.basename(new URL(request).pathname));
    console.log(`first load transferred (admin): JS ${(firstTransfer.js / 1024).toFixed(0)} KiB, CSS ${(firstTransfer.css / 1024).toFixed(0)} KiB in ${scripts.length} scripts: ${scripts.join(' ')}`);
  }

  // In-app navigations: admin goes round the main pages RUNS times in one tab (the first round loads each page's
  // code, later rounds have it; both count).
  const { page, close } = await openSignedIn(browser, sessions.get('admin')!);
  await page.goto(`${url}/#/`);
  await page.waitForFunction(dashboardReady, undefined, { polling: 'raf' });
  const perPage = new Map<string, number[]>(PAGES.map((name) => [name, []]));
  const all: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    for (const name of PAGES) {
      const elapsed = await navigate(page, name);
      perPage.get(name)!.push(elapsed);
      all.push(elapsed);
    }
  }
  await close();
  const verdict = quantile(all, 0.95) < NAVIGATION_GOAL_MS ? 'ok' : 'over goal';
  console.log(`in-app navigation, click to data (${all.length}): median ${ms(median(all))}, p95 ${ms(quantile(all, 0.95))}, max ${ms(Math.max(...all))} (${verdict}, goal < ${NAVIGATION_GOAL_MS} ms)`);
  console.log(`  per page (first visit / median): ${PAGES.map((name) => `${name} ${ms(perPage.get(name)![0]!)} / ${ms(median(perPage.get(name)!))}`).join(', ')}`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
  rmSync(dataDir, { recursive: true, force: true });
}
