// Fits 1366×768 (the common NOC laptop): every page of the sidebar, plus a customer, a device and an invoice, for
// admin, staff and technician in Bahasa Indonesia and English, on a site seeded through the HTTP API with long names,
// an overdue invoice, payments, a device that is down and remote pollers in every state (the core runs in this process
// only for its clock, so the invoices can be issued 40 days back). No page scrolls sideways, every table header is on
// screen and not cut (unless it ends in an ellipsis with a title), "Rp" never parts from its amount, and no text on
// screen is an untranslated key (`pollers.states.up`).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/main/core/clock';
import type { Pinger } from '../../src/main/core/monitoring/pinger';
import { id as ID_MESSAGES } from '../../src/renderer/i18n/id';
import { dateInZone } from '../../src/shared/dates';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const VIEWPORT = { width: 1366, height: 768 };
const SHOT_DIR = path.join(SHOTS, 'layout');
const ROLES = ['admin', 'staff', 'technician'] as const;
const LANGUAGES = ['id', 'en'] as const;
type Role = (typeof ROLES)[number];
type Language = (typeof LANGUAGES)[number];

const PASSWORD = 'rahasia-tata-letak-1';
const userOf = (role: Role, language: Language) => ({
  name: {
    admin: { id: 'Rudi Hartono', en: 'David Wijaya Kusuma' },
    staff: { id: 'Rina Kusumawardani', en: 'Sarah Lim Mei Ling' },
    technician: { id: 'Agus Setiawan', en: 'Michael Tanoesoedibjo' },
  }[role][language],
  email: `${role}-${language}@contoh.net.id`,
  password: PASSWORD,
});

const CUSTOMERS = [
  { name: 'PT Sumber Makmur Sejahtera Abadi Nusantara Cabang Bojonggede', phone: '0812 1000 0001', address: 'Jl. Raya Bojonggede No. 127, RT 03/RW 11, Kel. Bojonggede, Kab. Bogor' },
  { name: 'Siti Nurhaliza Rahmawati Kusumaningrum', phone: '0812 1000 0002', address: 'Perumahan Citayam Permai Blok C-12 No. 7, Depok' },
  { name: 'Warung Internet Cahaya Bintang Timur 24 Jam', phone: '0812 1000 0003', address: 'Jl. Kapten Muslihat 45, Cibinong' },
  { name: 'Bambang Sutrisno', phone: '0812 1000 0004', address: 'Jl. Anggrek 5, Cibinong' },
  { name: 'Yayasan Pendidikan Islam Al-Ikhlas Sukamaju Baru', phone: '0812 1000 0005', address: 'Jl. Sukamaju Baru Gg. Masjid No. 3, Depok' },
];

const DAY_MS = 86_400_000;

/** Real time shifted by `offset`: invoices are issued "40 days ago" so one is overdue today. */
class ShiftedClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** Loopback hosts answer with a few milliseconds; a host named "down" never answers. */
const pinger: Pinger = {
  name: 'test',
  probe: async (host) =>
    host.includes('down')
      ? { alive: false, min: null, avg: null, max: null, lossPct: 100 }
      : { alive: true, min: 1.4, avg: 2.35, max: 4.1, lossPct: 0 },
};

interface Seeded {
  customerId: number;
  deviceId: number;
  invoiceId: number;
}

interface Problem {
  page: string;
  kind: string;
  detail: string;
}

/** In-flight API calls of a page, without the live event stream, so a page counts as loaded when they are done. */
function trackApi(page: Page): () => Promise<void> {
  let inFlight = 0;
  let lastChange = performance.now();
  const isApi = (url: string) => {
    const { pathname } = new URL(url);
    return pathname.startsWith('/api/') && pathname !== '/api/events';
  };
  page.on('request', (request) => {
    if (!isApi(request.url())) return;
    inFlight += 1;
    lastChange = performance.now();
  });
  const done = (request: { url(): string }) => {
    if (!isApi(request.url())) return;
    inFlight -= 1;
    lastChange = performance.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    const start = performance.now();
    while (inFlight > 0 || performance.now() - lastChange < 150) {
      if (performance.now() - start > 8000) throw new Error(`${page.url()}: API calls still running after 8 s`);
      await page.waitForTimeout(30);
    }
  };
}

/** The layout problems on the page as it is now (runs in the browser). */
function layoutProblems(namespaces: string[]): { kind: string; detail: string }[] {
  const problems: { kind: string; detail: string }[] = [];
  const root = document.documentElement;
  const label = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 60)}"`;
  const visible = (el: Element) => {
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };

  if (root.scrollWidth > root.clientWidth) problems.push({ kind: 'page scrolls sideways', detail: `${root.scrollWidth} > ${root.clientWidth}` });
  // A region that scrolls sideways hides columns just as well as the page would.
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (!/(auto|scroll)/.test(style.overflowX) || el.scrollWidth <= el.clientWidth + 1 || !visible(el)) continue;
    if (el.closest('[role="dialog"], [data-allow-sideways]') || el.tagName === 'TEXTAREA' || el.tagName === 'PRE') continue;
    if (el.querySelector('table')) problems.push({ kind: 'table scrolls sideways', detail: `${label(el.querySelector('th') ?? el)} ${el.scrollWidth} > ${el.clientWidth}` });
  }

  for (const th of document.querySelectorAll('th')) {
    if (!visible(th)) continue;
    const rect = th.getBoundingClientRect();
    if (rect.left < -0.5 || rect.right > window.innerWidth + 0.5) problems.push({ kind: 'header off-screen', detail: `${label(th)} ${Math.round(rect.left)}–${Math.round(rect.right)}` });
    // The th or anything in it whose text does not fit, unless it ends in an ellipsis and says the whole in a title.
    for (const el of [th, ...th.querySelectorAll('*')]) {
      if (!visible(el) || el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
      const style = getComputedStyle(el);
      const deliberate = style.textOverflow === 'ellipsis' && (el.closest('[title]') !== null || th.querySelector('[title]') !== null);
      if (!deliberate) problems.push({ kind: 'header cut', detail: `${label(th)} ${el.scrollWidth} > ${el.clientWidth}` });
    }
  }

  // "Rp 166.500" must be on one line: every line box of the text range at the same height.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const money = /-?Rp[\s\u00a0]*[\d.]+/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!text.includes('Rp') || !node.parentElement || !visible(node.parentElement)) continue;
    for (const match of text.matchAll(money)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
      if (tops.length > 0 && Math.max(...tops) - Math.min(...tops) > 2) problems.push({ kind: 'Rp broken from its amount', detail: `${label(node.parentElement)} "${match[0]}"` });
    }
  }
  // A key shown instead of its text: a dotted word starting with one of the UI's key groups (`devices.`, `pollers.`).
  const key = new RegExp(`(^|\\s)(${namespaces.join('|')})\\.[A-Za-z_]+(\\.[A-Za-z_]+)*($|\\s)`);
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const text = node.textContent ?? '';
    if (node.parentElement && visible(node.parentElement) && key.test(text)) problems.push({ kind: 'untranslated key', detail: `${label(node.parentElement)}` });
  }
  return problems;
}

/** The top-level key groups of the UI's messages. */
const NAMESPACES = [...Object.keys(ID_MESSAGES), 'msg'];

describe.skipIf(!BUILT)('Every page fits 1366×768 (admin, staff, technician; id and en)', () => {
  let stage: InProcessStage | undefined;
  let baseUrl = '';
  const clock = new ShiftedClock();
  const sessions = new Map<string, { token: string; user: unknown }>();
  const seeded: Seeded = { customerId: 0, deviceId: 0, invoiceId: 0 };

  async function api<T>(token: string, method: string, urlPath: string, body?: unknown): Promise<T> {
    const response = await fetch(baseUrl + urlPath, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function login(email: string): Promise<{ token: string; user: unknown }> {
    const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (!response.ok) throw new Error(`login ${email}: ${response.status}`);
    return (await response.json()) as { token: string; user: unknown };
  }

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    clock.offset = -40 * DAY_MS;
    const admin = userOf('admin', 'id');
    stage = await startInProcessStage({ clock, pinger, pingIntervalSec: 3600 });
    baseUrl = stage.baseUrl;
    const setup = await fetch(`${baseUrl}/api/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(admin) });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
    let { token } = (await setup.json()) as { token: string };

    const home = await api<{ id: number }>(token, 'POST', '/api/plans', { name: 'Rumah 20 Mbps Unlimited', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1 });
    const business = await api<{ id: number }>(token, 'POST', '/api/plans', { name: 'Bisnis Dedicated 100 Mbps Premium', downloadMbps: 100, uploadMbps: 100, price: 2_775_000, cycleMonths: 1, description: 'Dedicated, SLA 99,5%, IP publik /29' });
    await api(token, 'POST', '/api/plans', { name: 'Hemat 10 Mbps', downloadMbps: 10, uploadMbps: 5, price: 111_000, cycleMonths: 3 });

    // Backdated two months: billing issues the past periods, and the past-due one becomes overdue.
    const today = dateInZone(clock.now(), 'Asia/Jakarta');
    const monthsAgo = (n: number) => {
      const [year, month] = today.split('-').map(Number) as [number, number];
      const index = year * 12 + (month - 1) - n;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    };
    const subscriptions: number[] = [];
    for (const [i, customer] of CUSTOMERS.entries()) {
      const created = await api<{ id: number }>(token, 'POST', '/api/customers', { ...customer, latitude: -6.49 + i / 100, longitude: 106.8 + i / 100, email: `pelanggan${i + 1}@contoh.net.id` });
      if (i === 0) seeded.customerId = created.id;
      const subscription = await api<{ id: number }>(token, 'POST', '/api/subscriptions', {
        customerId: created.id,
        planId: i % 2 === 0 ? business.id : home.id,
        startDate: i < 3 ? monthsAgo(2) : monthsAgo(0),
        autoRenew: i !== 2,
        priceOverride: i === 1 ? 150_000 : null,
        overrideReason: i === 1 ? 'Diskon tetangga kantor pusat, disetujui Pak Rudi' : null,
        serviceNote: i === 0 ? 'ONT di lantai 2 ruang server, kunci dipegang satpam; hubungi Pak Joko sebelum datang' : '',
      });
      subscriptions.push(subscription.id);
    }
    // A second subscription for the first customer, so its page lists more than one.
    await api(token, 'POST', '/api/subscriptions', { customerId: seeded.customerId, planId: home.id, startDate: monthsAgo(1), autoRenew: true, serviceNote: 'Cabang gudang belakang' });
    await api(token, 'POST', '/api/billing/run', {});
    // Forty days on: the invoices issued then are overdue, and this month's are issued.
    clock.offset = 0;
    token = (await login(admin.email)).token;
    await api(token, 'POST', '/api/billing/run', {});
    for (const role of ROLES) {
      for (const language of LANGUAGES) {
        const user = userOf(role, language);
        if (user.email !== admin.email) await api(token, 'POST', '/api/auth/register', { ...user, role });
        const session = await login(user.email);
        const updated = await api<unknown>(session.token, 'PUT', '/api/auth/profile', { language });
        sessions.set(`${role}-${language}`, { token: session.token, user: updated });
      }
    }

    type Invoice = { id: number; customerId: number; status: string; balance: number };
    const invoices = (await api<{ items: Invoice[] }>(token, 'GET', '/api/invoices?pageSize=100')).items;
    const overdue = invoices.find((invoice) => invoice.status === 'overdue' && invoice.customerId === seeded.customerId);
    if (!overdue) throw new Error(`no overdue invoice: ${JSON.stringify(invoices.map((i) => i.status))}`);
    seeded.invoiceId = overdue.id;
    // A partial payment on the overdue invoice, two invoices paid in full, and one payment left pending.
    const pay = async (invoice: Invoice, amount: number, method: string, process: boolean) => {
      const payment = await api<{ id: number }>(token, 'POST', '/api/payments', { invoiceId: invoice.id, amount, method, reference: `TRF-${invoice.id}-${amount}`, note: 'Transfer dari rekening atas nama perusahaan induk' });
      if (process) await api(token, 'PUT', `/api/payments/${payment.id}/process`, {});
    };
    await pay(overdue, 1_000_000, 'bank_transfer', true);
    const others = invoices.filter((invoice) => invoice.id !== overdue.id && invoice.balance > 0);
    if (others[0]) await pay(others[0], others[0].balance, 'cash', true);
    if (others[1]) await pay(others[1], others[1].balance, 'ewallet', true);
    if (others[2]) await pay(others[2], 50_000, 'other', false);

    type Device = { id: number };
    const device = (input: Record<string, unknown>) => api<Device>(token, 'POST', '/api/devices', { failThreshold: 1, echoCount: 1, timeoutMs: 500, ...input });
    const router = await device({ name: 'Router Inti Cibinong MikroTik CCR2004', type: 'router', host: '127.0.0.1', location: 'POP Cibinong, Jl. Raya Jakarta-Bogor KM 43', latitude: -6.48, longitude: 106.84, latencyWarnMs: 50 });
    const olt = await device({ name: 'OLT ZTE C320 Bojonggede', type: 'olt', host: '127.0.0.2', location: 'POP Bojonggede', parentId: router.id, subscriptionIds: subscriptions.slice(0, 3) });
    const down = await device({ name: 'OLT HSGQ Citayam Permai (gudang)', type: 'olt', host: 'olt-citayam-down.lan', location: 'Perumahan Citayam Permai', parentId: router.id, subscriptionIds: subscriptions.slice(3) });
    await device({ name: 'Access Point Warnet Cahaya Bintang', type: 'access_point', host: '127.0.0.3', location: 'Jl. Kapten Muslihat 45', parentId: olt.id });
    seeded.deviceId = down.id;
    for (const id of [router.id, olt.id, down.id]) await api(token, 'POST', `/api/devices/${id}/check`, {});

    // Remote pollers in each state: one silent for four hours (down; its device "unknown (poller down)"), one up with a
    // backlog, one never installed, one revoked. Their batches go over HTTP with their keys, as `nocman poller` sends them.
    type Created = { poller: { id: number }; key: string };
    const poller = (name: string) => api<Created>(token, 'POST', '/api/pollers', { name });
    const report = async (created: Created, input: { backlog: number; sweepMs: number; version: string; hostname: string; results: unknown[] }) => {
      const response = await fetch(`${baseUrl}/api/poller/batches`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-NOCman-Poller-Key': created.key },
        body: JSON.stringify({ batchId: `layout-${created.poller.id}-${clock.now().getTime()}`, at: new Date(clock.now().getTime() - 2300).toISOString(), ...input }),
      });
      if (!response.ok) throw new Error(`poller batch: ${response.status} ${await response.text()}`);
    };
    const silent = await poller('POP Citayam Permai (menara BTS bersama Jl. Raya Citayam)');
    const tower = await device({ name: 'Radio PtP Menara Citayam', type: 'access_point', host: '127.0.0.4', location: 'Menara BTS Citayam', parentId: router.id, pollerId: silent.poller.id });
    // Longer than three of its device's interval (the site's 3600 s here): the poller is down.
    clock.offset = -4 * 3_600_000;
    await report(silent, { backlog: 0, sweepMs: 312, version: '0.15.0', hostname: 'pop-citayam-permai-01.jaringan.lan', results: [{ deviceId: tower.id, alive: true, minMs: 3.2, avgMs: 4.8, maxMs: 9.1, lossPct: 0 }] });
    clock.offset = 0;
    await stage.core.pollers.checkSilence();
    const busy = await poller('POP Bojonggede');
    await report(busy, { backlog: 1284, sweepMs: 18_450, version: '0.15.0-rc.2', hostname: 'pop-bojonggede-mikrotik-chr-x86.jaringan.lan', results: [] });
    await poller('POP Cibinong Baru (belum dipasang)');
    const old = await poller('POP Cibinong lama');
    await api(token, 'POST', `/api/pollers/${old.poller.id}/revoke`, {});
  }, 60_000);

  afterAll(async () => {
    await stage?.stop();
  });

  async function visitAll(role: Role, language: Language): Promise<{ problems: Problem[]; pages: string[] }> {
    const context = await stage!.browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript((saved) => localStorage.setItem('nocman.session', saved), JSON.stringify(sessions.get(`${role}-${language}`)));
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const settled = trackApi(page);
    const problems: Problem[] = [];
    const pages: string[] = [];
    const check = async (name: string) => {
      const t0 = performance.now();
      await page.getByTestId('page-loading').waitFor({ state: 'detached' });
      await settled();
      const t1 = performance.now();
      await page.mouse.move(0, 0);
      const found = await page.evaluate(layoutProblems, NAMESPACES);
      const t2 = performance.now();
      problems.push(...found.map((p) => ({ page: `${role}/${language}/${name}`, ...p })));
      pages.push(name);
      // 102 screenshots are most of this file's time: taken for a page with a problem, or all with LAYOUT_SHOTS=1.
      if (found.length > 0 || process.env.LAYOUT_SHOTS) await page.screenshot({ path: path.join(SHOT_DIR, `${role}-${language}-${name}.png`) });
      if (process.env.LAYOUT_TIMING) console.log(`TIMING ${role}/${language}/${name} settle=${Math.round(t1 - t0)} eval=${Math.round(t2 - t1)} shot=${Math.round(performance.now() - t2)}`);
    };
    await page.goto(`${baseUrl}/#/`, { waitUntil: 'domcontentloaded', timeout: 20_000 });
    await page.getByTestId('sidebar').waitFor({ timeout: 20_000 });
    await page.getByTestId('sidebar').waitFor();
    const links = await page
      .getByTestId('sidebar')
      .locator('a[data-testid^="nav-"]')
      .evaluateAll((items) => items.map((a) => ({ testId: a.getAttribute('data-testid')!, title: (a.textContent ?? '').trim() })));
    for (const { testId, title } of links) {
      await page.getByTestId(testId).click();
      // Navigation is a transition: the last page stays until the new one (and the header's title with it) is ready.
      await page.getByTestId('page-title').filter({ hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
      await check(testId.slice('nav-'.length));
    }
    // A detail page for each list the role has in its sidebar (the technician has no invoices).
    const details = [
      { name: 'customer', list: 'nav-customers', route: `/customers/${seeded.customerId}`, ready: 'customer-code' },
      { name: 'device', list: 'nav-devices', route: `/devices/${seeded.deviceId}`, ready: 'device-detail' },
      { name: 'invoice', list: 'nav-invoices', route: `/invoices/${seeded.invoiceId}`, ready: 'invoice-lines' },
    ];
    for (const { name, list, route, ready } of details) {
      if (!links.some((link) => link.testId === list)) continue;
      await page.evaluate((hash) => (location.hash = hash), `#${route}`);
      await page.getByTestId(ready).first().waitFor();
      await check(name);
    }
    await context.close();
    return { problems, pages };
  }

  it('keeps every page inside 1366 px with whole headers and whole amounts', async () => {
    // Three browsers' pages at a time: more only queue on two cores.
    const combinations = ROLES.flatMap((role) => LANGUAGES.map((language) => ({ role, language })));
    const runs: { role: Role; language: Language; problems: Problem[]; pages: string[] }[] = [];
    for (let i = 0; i < combinations.length; i += 3) {
      const batch = combinations.slice(i, i + 3);
      runs.push(...(await Promise.all(batch.map(async ({ role, language }) => ({ role, language, ...(await visitAll(role, language)) })))));
    }
    const problems = runs.flatMap((run) => run.problems);
    expect(problems.map((p) => `${p.page}: ${p.kind}: ${p.detail}`)).toEqual([]);
    for (const run of runs) {
      expect(run.pages, `${run.role}/${run.language}`).toEqual(expect.arrayContaining(['dashboard', 'customers', 'devices', 'customer', 'device']));
      if (run.role !== 'technician') expect(run.pages, `${run.role}/${run.language}`).toEqual(expect.arrayContaining(['subscriptions', 'invoices', 'payments', 'invoice']));
      if (run.role !== 'staff') expect(run.pages, `${run.role}/${run.language}`).toContain('pollers');
    }
  }, 300_000);
});
