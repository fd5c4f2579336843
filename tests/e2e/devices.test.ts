// End to end in Chromium with the core in this process: a day of ping history recorded by the real monitor (fake
// pinger, clock shifted back a day), the devices table / tiles / tree, a core router going down live (row, children,
// header badge, dashboard outage with affected customers), the device detail with its chart and log, and "Ping now"
// with the real pinger on 127.0.0.1.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import type { Clock } from '../../src/main/core/clock';
import type { DeviceInput } from '../../src/main/core/monitoring/devices';
import { PingPackagePinger, type Pinger } from '../../src/main/core/monitoring/pinger';
import { dateInZone } from '../../src/shared/dates';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };
const DAY_MS = 86_400_000;
const SWEEP_EVERY_MS = 10 * 60_000;

/** Real time shifted by `offset`: the history is recorded "yesterday", the browser part runs now. */
class ShiftedClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `devices-${name}.png`), fullPage: true });
}

async function closeToasts(page: Page): Promise<void> {
  while ((await page.getByTestId('alert-toast').count()) > 0) {
    await page.getByTestId('alert-toast').first().getByRole('button', { name: 'Tutup' }).click();
  }
}

function device(input: Partial<DeviceInput> & Pick<DeviceInput, 'name' | 'type' | 'host'>): DeviceInput {
  return { location: '', parentId: null, subscriptionIds: [], monitored: true, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '', ...input };
}

describe.skipIf(!BUILT)('Devices in the browser', () => {
  let stage: InProcessStage | undefined;
  let page: Page;
  const clock = new ShiftedClock();
  const down = new Set<string>();
  let tick = 0;
  /** Loopback only; latency follows a slow wave per host, with a few lossy checks, so the chart has a shape. */
  const fakePinger: Pinger = {
    name: 'test',
    probe: async (host) => {
      if (down.has(host)) return { alive: false, min: null, avg: null, max: null, lossPct: 100 };
      const n = Number(host.split('.').pop());
      const avg = 1.2 * n + 0.8 * n * (1 + Math.sin(tick / 9 + n));
      const lossPct = (tick + n * 7) % 41 === 0 ? 67 : (tick + n * 3) % 29 === 0 ? 33 : 0;
      return { alive: true, min: avg * 0.6, avg, max: avg * (1.5 + (tick % 5) / 5), lossPct };
    },
  };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    clock.offset = -DAY_MS;
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN, clock, pingIntervalSec: 45 });
    const { core } = stage;
    const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1, description: '', active: true });
    const startDate = `${dateInZone(clock.now(), 'Asia/Jakarta').slice(0, 8)}01`;
    const subscriptionOf = async (name: string, phone: string) => {
      const customer = await core.customers.create(SYSTEM_ACTOR, { name, phone, email: null, address: 'Cibinong', latitude: null, longitude: null, notes: '', status: 'pending' });
      const subscription = await core.subscriptions.create(SYSTEM_ACTOR, { customerId: customer.id, planId: plan.id, startDate, autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
      return subscription.id;
    };
    const bambang = await subscriptionOf('Bambang Sutrisno', '+6281277788899');
    const siti = await subscriptionOf('Siti Rahayu', '+6281311122233');

    const add = async (key: string, input: DeviceInput) => {
      ids[key] = (await core.devices.create(SYSTEM_ACTOR, input)).id;
    };
    await add('router', device({ name: 'Router Inti Cibinong', type: 'router', host: '127.0.0.1', location: 'POP Cibinong', failThreshold: 1, latencyWarnMs: 50 }));
    await add('olt', device({ name: 'OLT ZTE Bojonggede', type: 'olt', host: '127.0.0.2', location: 'POP Bojonggede', parentId: ids['router']! }));
    await add('switch', device({ name: 'Switch ODP-07', type: 'switch', host: '127.0.0.3', location: 'POP Bojonggede', parentId: ids['olt']! }));
    await add('ap', device({ name: 'AP Sektor Utara Tower 3', type: 'access_point', host: '127.0.0.4', location: 'Tower 3', parentId: ids['router']!, subscriptionIds: [siti] }));
    await add('cpe', device({ name: 'CPE Bambang Sutrisno', type: 'cpe', host: '127.0.0.5', location: 'Jl. Anggrek 5', parentId: ids['switch']!, subscriptionIds: [bambang] }));
    await add('radius', device({ name: 'Server RADIUS', type: 'server', host: '127.0.0.6', location: 'POP Cibinong' }));

    // A day of checks every 10 minutes, recorded by the real monitor.
    core.monitor.usePinger(fakePinger);
    for (; clock.offset < 0; clock.offset = Math.min(0, clock.offset + SWEEP_EVERY_MS), tick++) await core.monitor.sweepAll();
    await core.monitor.sweepAll();
    await core.rollup.run();

    page = stage.page;
    await page.goto(stage.baseUrl);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
  }, 60_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const row = (key: string) => page.locator(`[data-testid="device-row"][data-device-id="${ids[key]}"]`);

  it('lists every device online with its latency, parent and location', async () => {
    await page.getByTestId('nav-devices').click();
    await page.getByTestId('page-title').filter({ hasText: 'Perangkat' }).waitFor();
    await row('router').waitFor();
    await expect(page.getByTestId('device-row').count()).resolves.toBe(6);
    await expect(page.locator('[data-testid="device-row"][data-status="online"]').count()).resolves.toBe(6);
    await expect(row('olt').textContent()).resolves.toContain('Router Inti Cibinong');
    await expect(row('router').getByTestId('device-latency').textContent()).resolves.toMatch(/\d ms$/);
    await shot(page, 'table');
  });

  it('turns the router offline live, its children unreachable, and shows the critical alert in the header', async () => {
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await expect(page.getByTestId('alert-badge-critical').getAttribute('data-count')).resolves.toBe('0');
    // The router and everything behind it stop answering; the RADIUS server (127.0.0.6) is elsewhere.
    for (const host of ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']) down.add(host);
    await stage!.core.monitor.sweepAll();
    await page.locator(`[data-testid="device-row"][data-device-id="${ids['router']}"][data-status="offline"]`).waitFor();
    await page.locator(`[data-testid="device-row"][data-device-id="${ids['olt']}"][data-status="unreachable"]`).waitFor();
    await expect(row('router').getByTestId('device-status').textContent()).resolves.toBe('Mati');
    await page.locator('[data-testid="alert-badge-critical"][data-count="1"]').waitFor();
    await expect(page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);
    await closeToasts(page);
  });

  it('filters by status and location', async () => {
    await page.getByTestId('devices-status-filter').click();
    await page.getByRole('option', { name: 'Tak terjangkau' }).click();
    await page.getByTestId('devices-range').filter({ hasText: 'dari 4' }).waitFor();
    await page.getByTestId('devices-location-filter').click();
    await page.getByRole('option', { name: 'POP Bojonggede' }).click();
    await page.getByTestId('devices-range').filter({ hasText: 'dari 2' }).waitFor();
    // Choosing the selected option again clears the filter.
    await page.getByTestId('devices-location-filter').click();
    await page.getByRole('option', { name: 'POP Bojonggede' }).click();
    await page.getByTestId('devices-status-filter').click();
    await page.getByRole('option', { name: 'Tak terjangkau' }).click();
    await page.getByTestId('devices-range').filter({ hasText: 'dari 6' }).waitFor();
  });

  it('shows the devices as tiles grouped by status and as a tree of parents and children', async () => {
    await page.getByTestId('devices-layout').getByText('Ubin').click();
    await page.getByTestId('devices-tiles-offline').locator(`[data-testid="device-tile"][data-device-id="${ids['router']}"]`).waitFor();
    await expect(page.getByTestId('devices-tiles-unreachable').getByTestId('device-tile').count()).resolves.toBe(4);
    await shot(page, 'tiles');

    await page.getByTestId('devices-layout').getByText('Pohon').click();
    const cpe = page.locator(`[data-testid="tree-node"][data-device-id="${ids['cpe']}"]`);
    await expect(cpe.getAttribute('data-depth')).resolves.toBe('3');
    await expect(page.locator(`[data-testid="tree-node"][data-device-id="${ids['radius']}"]`).getAttribute('data-depth')).resolves.toBe('0');
    await shot(page, 'tree');
    await page.getByTestId('devices-layout').getByText('Tabel').click();
  });

  it('shows the outage with its affected customers on the dashboard', async () => {
    await page.getByTestId('nav-dashboard').click();
    const outage = page.locator(`[data-testid="dashboard-outage"][data-device-id="${ids['router']}"]`);
    await outage.waitFor();
    await expect(outage.getByTestId('dashboard-outage-affected').getAttribute('data-count')).resolves.toBe('2');
    await expect(page.getByTestId('dashboard-devices-offline').getAttribute('data-count')).resolves.toBe('1');
    await expect(page.getByTestId('dashboard-devices-unreachable').getAttribute('data-count')).resolves.toBe('4');
    await shot(page, 'dashboard');
    await outage.getByRole('link').click();
  });

  it('opens the router: status, chart of the day, log, children and affected customers', async () => {
    await page.getByTestId('device-detail').waitFor();
    await expect(page.getByTestId('device-title').textContent()).resolves.toBe('Router Inti Cibinong');
    await expect(page.getByTestId('device-detail').getByTestId('device-status').first().getAttribute('data-status')).resolves.toBe('offline');
    await page.getByTestId('device-log-entry').filter({ hasText: 'Online → Mati' }).waitFor();
    const chart = page.getByTestId('latency-chart');
    await page.locator('[data-testid="latency-chart"][data-resolution="raw"]').waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(140);
    await chart.getByTestId('latency-avg').first().waitFor();
    await expect(chart.getByTestId('latency-loss').locator('rect').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('device-child').count()).resolves.toBe(2);
    await expect(page.getByTestId('device-customer').count()).resolves.toBe(2);
    await expect(page.getByTestId('device-customers').textContent()).resolves.toContain('Bambang Sutrisno');
    await page.getByTestId('latency-svg').hover({ position: { x: 400, y: 120 } });
    await page.getByTestId('latency-hover').waitFor();
    await shot(page, 'detail');

    await page.getByTestId('latency-range').getByText('Minggu').click();
    await page.locator('[data-testid="latency-chart"][data-resolution="5m"]').waitFor();
  });

  it('pings the router now with the real pinger (127.0.0.1 answers): online, logged as a manual check', async () => {
    stage!.core.monitor.usePinger(new PingPackagePinger());
    await page.getByTestId('device-ping').click();
    await page.getByTestId('device-notice').filter({ hasText: 'Menjawab' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="device-detail"] [data-testid="device-status"][data-status="online"]').first().waitFor();
    await page.locator('[data-testid="device-log-entry"][data-event="check"]').first().waitFor();
    await expect(page.getByTestId('device-log-entry').filter({ hasText: 'Mati → Online' }).count()).resolves.toBe(1);
  });

  it('schedules a maintenance window and cancels it', async () => {
    await page.getByTestId('maintenance-add').click();
    await page.getByTestId('maintenance-save').click();
    await page.getByText('Tuliskan alasan (minimal 3 karakter)').waitFor();
    await page.getByTestId('maintenance-reason').fill('Ganti kabel uplink');
    await page.getByTestId('maintenance-save').click();
    await page.getByTestId('maintenance-row').filter({ hasText: 'Ganti kabel uplink' }).waitFor();
    await page.getByTestId('maintenance-cancel').first().click();
    await page.getByTestId('maintenance-cancel-confirm').click();
    await page.getByTestId('maintenance-empty').waitFor();
  });

  it('refuses a device without a valid host, field by field', async () => {
    await page.getByTestId('nav-devices').click();
    await page.getByTestId('devices-new').click();
    // The interval hint names the server's own default (PING_INTERVAL 45 here), not an assumed 60.
    await page.getByText('Kosong: bawaan server (45 dtk).').waitFor();
    await page.getByTestId('device-name').fill('AP Sektor Selatan');
    await page.getByTestId('device-host').fill('bukan host!');
    await page.getByTestId('device-save').click();
    await page.getByText('Isi alamat IP atau nama host').waitFor();
    await page.getByTestId('device-host').fill('127.0.0.8');
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-detail').waitFor();
    await page.getByTestId('device-notice').filter({ hasText: 'AP Sektor Selatan' }).waitFor();
  });
});

if (!BUILT) {
  describe('Devices in the browser', () => {
    it.skip('needs `npm run build` first (out/renderer/index.html or out/main/cli.js is missing)', () => undefined);
  });
}
