// End to end in Chromium with the real pinger on loopback: the heartbeat strip of 127.0.0.1 growing live with each
// sweep, availability on screen equal to the API's, the 1 h and 6 h chart ranges, "downstream" customers of an
// online router, and the map: markers, no request to any tile host while no tile address is set, admin in
// Bahasa Indonesia; screenshots at 1366×768.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `netview-${name}.png`) });
}

/** The app loads its assets relative to the page, so pages are opened through the app, not by address. */
async function openDevice(page: Page, id: number) {
  await page.getByTestId('nav-devices').click();
  await page.locator(`[data-testid="device-row"][data-device-id="${id}"]`).getByTestId('device-open').click();
  await page.getByTestId('device-detail').waitFor();
}

async function signIn(page: Page, baseUrl: string, who: { email: string; password: string }) {
  await page.goto(baseUrl);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

describe.skipIf(!BUILT)('Availability, heartbeat and map in the browser', () => {
  let stage: InProcessStage | undefined;
  let tiles: Server | undefined;
  const tileRequests: string[] = [];
  let page: Page;
  let routerId = 0;

  /** One sweep of the real pinger; samples are per second, so sweeps are kept a second apart. */
  const sweep = async () => {
    await stage!.core.monitor.sweepAll();
    await pause(1100);
  };

  beforeAll(async () => {
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const { core } = stage;
    tiles = createServer((req, res) => {
      tileRequests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      res.end(PNG);
    });
    await new Promise<void>((resolve) => tiles!.listen(0, '127.0.0.1', resolve));
    const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1, description: '', active: true });
    const customer = await core.customers.create(SYSTEM_ACTOR, { name: 'Siti Rahayu', phone: '+6281311122233', email: null, address: 'Cibinong', latitude: -6.4817, longitude: 106.8541, notes: '', status: 'pending' });
    const subscription = await core.subscriptions.create(SYSTEM_ACTOR, { customerId: customer.id, planId: plan.id, startDate: '2026-11-01', autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
    const router = await core.devices.create(SYSTEM_ACTOR, {
      name: 'Router Inti Cibinong', type: 'router', host: '127.0.0.1', location: 'POP Cibinong', latitude: -6.4852, longitude: 106.8423, parentId: null,
      subscriptionIds: [subscription.id], monitored: true, echoCount: 2, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
    });
    routerId = router.id;
    for (let i = 0; i < 3; i++) await sweep();
    page = stage.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, stage.baseUrl, ADMIN);
  }, 60_000);

  afterAll(async () => {
    await stage?.stop();
    await new Promise((resolve) => (tiles ? tiles.close(resolve) : resolve(undefined)));
  });

  it('shows the last checks of a loopback device and adds the next one live', async () => {
    await openDevice(page, routerId);
    const strip = page.getByTestId('heartbeat');
    await page.locator('[data-testid="heartbeat"][data-count="3"]').waitFor();
    await expect(strip.locator('[data-kind="up"]').count()).resolves.toBe(3);
    await sweep();
    await page.locator('[data-testid="heartbeat"][data-count="4"]').waitFor();
    await strip.locator('[data-kind]').last().hover();
    await expect(page.getByRole('tooltip').textContent()).resolves.toMatch(/WIB — Aktif, [\d,]+ ms, loss 0%/);
  });

  it('shows the availability the API computes, and the customers as downstream while the router is up', async () => {
    const api = await stage!.core.availability.of([routerId]);
    // The clock moves on; the page refetches with each sweep, so compare with what the API answered for the page.
    for (const w of api.get(routerId)!) {
      const figure = page.getByTestId(`availability-${w.window}`);
      await expect(figure.getAttribute('data-pct')).resolves.toBe(String(w.pct));
      await expect(figure.textContent()).resolves.toContain(`${String(w.pct).replace('.', ',')}%`);
    }
    await expect(page.getByTestId('device-customers-title').textContent()).resolves.toBe('Pelanggan di bawah perangkat ini');
  });

  it('draws the 1 h and 6 h ranges from raw samples, starting at the young device', async () => {
    const chart = page.getByTestId('latency-chart');
    await page.getByTestId('latency-range').getByText('1 jam').click();
    await page.locator('[data-testid="latency-chart"][data-range="hour1"][data-resolution="raw"]').waitFor();
    await expect(chart.getAttribute('data-points')).resolves.toBe('4');
    await page.getByTestId('latency-range').getByText('6 jam').click();
    await page.locator('[data-testid="latency-chart"][data-range="hour6"]').waitFor();
    await page.getByTestId('latency-range').getByText('Hari').click();
    await page.locator('[data-testid="latency-chart"][data-range="day"]').waitFor();
    const start = Number(await chart.getAttribute('data-from'));
    // A device created seconds ago is not a sliver at the edge of a day: the axis starts at most 5 minutes back.
    expect(Date.now() - start).toBeLessThan(6 * 60_000);
    await page.getByTestId('latency-range').getByText('1 jam').click();
    await shot(page, 'device-id');
  });

  it('puts the router and its customer on the map without fetching any tile while no tile address is set', async () => {
    const outside: string[] = [];
    const listener = (request: { url(): string }) => {
      const url = request.url();
      if (!url.startsWith(stage!.baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    };
    page.on('request', listener);
    await page.getByTestId('nav-map').click();
    await page.locator('[data-testid="map-page"][data-devices="1"][data-customers="1"]').waitFor();
    await page.locator('path.nm-device-up').waitFor();
    await page.locator('path.nm-customer-active, path.nm-customer-other').first().waitFor();
    await page.getByTestId('map-no-tiles').waitFor();
    await page.locator('.leaflet-control-scale').waitFor();
    await pause(500);
    await shot(page, 'map-id');
    page.off('request', listener);
    expect(outside).toEqual([]);
    expect(tileRequests).toEqual([]);
    await page.locator('path.nm-device-up').click({ force: true });
    await page.waitForURL(`**/devices/${routerId}`);
  });

  it('shows the tiles of the configured tile server, which the page policy allows, and nothing else from outside', async () => {
    const address = tiles!.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await stage!.core.settings.update(SYSTEM_ACTOR, { mapTileUrl: `http://127.0.0.1:${port}/osm/{z}/{x}/{y}.png` });
    const refused: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    };
    page.on('console', onConsole);
    // The open page's policy predates the setting: it asks for a reload and fetches nothing meanwhile.
    await page.goto(`${stage!.baseUrl}/#/map`);
    await page.getByTestId('map-tiles-reload').getByText('Alamat ubin peta berubah', { exact: false }).waitFor();
    expect(tileRequests).toEqual([]);
    await page.getByTestId('map-tiles-reload').getByRole('button', { name: 'Muat ulang' }).click();
    await page.locator('[data-testid="map-page"][data-devices="1"]').waitFor();
    await page.locator('img.leaflet-tile-loaded').first().waitFor();
    page.off('console', onConsole);
    expect(refused).toEqual([]);
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(tileRequests.every((url) => /^\/osm\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
    expect(await page.getByTestId('map-no-tiles').count()).toBe(0);
    await shot(page, 'map-tiles-id');
  });
});
