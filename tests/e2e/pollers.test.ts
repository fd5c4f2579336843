// End to end in Chromium against `nocman serve` (poller silence 10 s): an admin adds a remote poller and sees its key
// once (with the install command for this site's address), never again after a reload; the poller (plain HTTP with
// its key, as `nocman poller` does) fetches its assignment and reports; a device assigned to it in the device form
// shows the poller in the list and its detail; the poller going silent turns it `down` live and its device
// "unknown (poller down)"; reporting again brings it back; revoking it (confirmed) refuses its key. A technician sees
// the list in English but neither Add nor Revoke. Screenshots at 1366×768.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLLER_KEY } from '../../src/shared/contract';
import { BUILT, SHOTS, startStage, type Stage } from './harness';

const ADMIN = { name: 'Dewi Admin', email: 'dewi@contoh.net.id', password: 'rahasia-admin-15' };
const TECH = { name: 'Joko Teknisi', email: 'joko@contoh.net.id', password: 'rahasia-tek-15', role: 'technician' };
const VIEWPORT = { width: 1366, height: 768 };
const SILENCE_SEC = 10;

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, `pollers-${name}.png`) });
}

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

describe.skipIf(!BUILT)('Remote pollers in the browser', () => {
  let stage: Stage | undefined;
  let page: Page;
  let adminToken = '';
  let key = '';
  let deviceId = 0;
  let batch = 0;

  const request = (method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Response> =>
    fetch(`${stage!.baseUrl}${url}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const api = async <T,>(method: string, url: string, body?: unknown, token = adminToken): Promise<T> => {
    const response = await request(method, url, body, token ? { Authorization: `Bearer ${token}` } : {});
    expect(response.status, `${method} ${url}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  /** One sweep as the poller sends it: the device answered. */
  const report = (backlog = 0): Promise<Response> =>
    request(
      'POST',
      '/api/poller/batches',
      {
        batchId: `e2e-batch-${++batch}`,
        at: new Date(Date.now() - 1500).toISOString(),
        sweepMs: 420,
        version: '0.15.0',
        hostname: 'pop-citayam-01',
        backlog,
        results: deviceId ? [{ deviceId, alive: true, minMs: 1.1, avgMs: 2.2, maxMs: 3.3, lossPct: 0 }] : [],
      },
      { 'X-NOCman-Poller-Key': key },
    );
  const row = () => page.locator('[data-testid="poller-row"][data-name="POP Citayam"]');

  beforeAll(async () => {
    stage = await startStage({ NOCMAN_ADMIN_EMAIL: ADMIN.email, NOCMAN_ADMIN_PASSWORD: ADMIN.password, NOCMAN_ADMIN_NAME: ADMIN.name, NOCMAN_POLLER_SILENCE: String(SILENCE_SEC) });
    adminToken = (await api<{ token: string }>('POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password }, '')).token;
    await api('POST', '/api/auth/register', TECH);
    page = stage.page;
    await page.setViewportSize(VIEWPORT);
    await page.goto(stage.baseUrl);
    await signIn(page, ADMIN);
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('adds a poller and shows its key once, with the install command for this site', async () => {
    await page.getByTestId('nav-pollers').click();
    await page.getByTestId('pollers-empty').waitFor();
    await page.getByTestId('poller-add').click();
    await page.getByTestId('poller-name-input').fill('POP Citayam');
    await page.getByTestId('poller-save').click();

    await page.getByTestId('poller-key-warning').waitFor();
    expect(await page.getByTestId('poller-key-warning').textContent()).toContain('hanya ditampilkan sekali');
    key = await page.getByTestId('poller-key').inputValue();
    expect(key).toMatch(POLLER_KEY);
    expect(await page.getByTestId('poller-command').inputValue()).toBe(`NOCMAN_POLLER_KEY=${key} nocman poller --site ${stage!.baseUrl}`);
    await shot(page, 'key-id');
    // A stray click outside does not lose the key; the button does close it.
    await page.mouse.click(5, 5);
    await expect(page.getByTestId('poller-key').count()).resolves.toBe(1);
    await page.getByTestId('poller-key-done').click();
    await page.getByTestId('poller-key').waitFor({ state: 'detached' });

    await expect(row().getAttribute('data-state')).resolves.toBe('new');
    expect(await row().getByTestId('poller-state').textContent()).toBe('Baru');
    expect(await row().getByTestId('poller-last-contact').textContent()).toBe('Belum pernah');
    expect(await row().textContent()).toContain(`…${key.slice(-4)}`);

    await page.reload();
    await row().waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await page.getByTestId('poller-key').count()).toBe(0);
    const listed = await api<{ name: string; state: string }[]>('GET', '/api/pollers');
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.map((p) => [p.name, p.state])).toEqual([['POP Citayam', 'new']]);

    // The same name twice is refused next to the field.
    await page.getByTestId('poller-add').click();
    await page.getByTestId('poller-name-input').fill('pop citayam');
    await page.getByTestId('poller-save').click();
    await page.getByText('Sudah ada poller dengan nama ini').waitFor();
    await page.getByTestId('poller-cancel').click();
  });

  it('assigns a device to the poller in the device form and shows the poller on the device', async () => {
    const assignment = await fetch(`${stage!.baseUrl}/api/poller/assignment`, { headers: { 'X-NOCman-Poller-Key': key } });
    expect(assignment.status).toBe(200);
    expect(((await assignment.json()) as { devices: unknown[] }).devices).toEqual([]);

    await page.getByTestId('nav-devices').click();
    await page.getByTestId('devices-new').click();
    await page.getByTestId('device-name').fill('OLT Citayam Permai');
    await page.getByTestId('device-host').fill('127.0.0.77');
    await page.getByTestId('device-poller').click();
    await page.getByRole('option', { name: 'POP Citayam' }).click();
    await page.getByTestId('device-save').click();
    const deviceRow = page.locator('[data-testid="device-row"]', { hasText: 'OLT Citayam Permai' });
    await deviceRow.getByTestId('device-poller').waitFor();
    expect(await deviceRow.getByTestId('device-poller').textContent()).toBe('POP Citayam');
    // The id from the poller's own assignment, not from the row (the list may re-render under a live refetch).
    const assigned = (await (await fetch(`${stage!.baseUrl}/api/poller/assignment`, { headers: { 'X-NOCman-Poller-Key': key } })).json()) as { devices: { id: number; host: string }[] };
    expect(assigned.devices.map((d) => d.host)).toEqual(['127.0.0.77']);
    deviceId = assigned.devices[0]!.id;

    // The list filters by who monitors a device: this site's own devices, or one poller's.
    await page.getByTestId('nav-devices').click();
    const listRow = page.locator('[data-testid="device-row"]', { hasText: 'OLT Citayam Permai' });
    await listRow.waitFor();
    const filter = page.getByTestId('devices-poller-filter');
    await filter.click();
    await page.getByRole('option', { name: 'Situs ini' }).click();
    await page.getByTestId('devices-empty').waitFor();
    await filter.click();
    await page.getByRole('option', { name: 'POP Citayam' }).click();
    await listRow.waitFor();
    await filter.click();
    await page.getByRole('option', { name: 'POP Citayam' }).click(); // chosen again: every device
    await expect(filter.inputValue()).resolves.toBe('');
  });

  it('shows a reporting poller up with its figures, then down live when it falls silent, and back', async () => {
    expect((await report(3)).status).toBe(200);
    await page.getByTestId('nav-pollers').click();
    await page.reload();
    await row().and(page.locator('[data-state="up"]')).waitFor();
    expect(await row().getByTestId('poller-version').textContent()).toBe('0.15.0');
    expect(await row().getByTestId('poller-hostname').textContent()).toBe('pop-citayam-01');
    expect(await row().getByTestId('poller-backlog').textContent()).toBe('3');
    expect(await row().getByTestId('poller-devices').textContent()).toBe('1');
    expect(await row().getByTestId('poller-sweep').textContent()).toBe('420 ms');
    expect(await row().getByTestId('poller-lag').textContent()).toMatch(/^\d+(,\d+)? (ms|dtk)$/);
    // "5 Desember 2026, 20.55 WIB" and "baru saja"
    expect(await row().getByTestId('poller-last-contact').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}\.\d{2} WIB(baru saja|\d+ dtk lalu)$/);
    await shot(page, 'up-id');

    // Silent for longer than allowed: the site's runner calls it down, and the page follows the event.
    await row().and(page.locator('[data-state="down"]')).waitFor({ timeout: (SILENCE_SEC + 15) * 1000 });
    expect(await row().getByTestId('poller-down-since').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}\.\d{2} WIB$/);
    await shot(page, 'down-id');

    await page.goto(`${stage!.baseUrl}/#/devices/${deviceId}`);
    await page.getByTestId('device-detail').waitFor();
    const badge = page.getByTestId('device-title').locator('xpath=..').getByTestId('device-status');
    await expect(badge.getAttribute('data-reason')).resolves.toBe('pollerDown');
    expect(await badge.textContent()).toBe('Tak diketahui (poller mati)');
    expect(await page.getByTestId('device-monitored-by').textContent()).toBe('POP Citayam');
    expect(await page.getByTestId('device-poller-link').textContent()).toBe('Poller: POP Citayam');
    // "Ping now" is off for a poller's device and says why.
    const ping = page.getByTestId('device-ping');
    await expect(ping.getAttribute('data-disabled')).resolves.toBe('true');
    await ping.hover();
    await page.getByText('Perangkat ini dicek oleh poller POP Citayam').waitFor();
    await ping.click({ force: true });
    expect(await page.getByTestId('device-action-error').count()).toBe(0);
    await shot(page, 'device-id');

    // Reporting again: up live, and the device's status is its own again.
    expect((await report()).status).toBe(200);
    await badge.and(page.locator('[data-status="online"]')).waitFor();
    await page.getByTestId('nav-pollers').click();
    await row().and(page.locator('[data-state="up"]')).waitFor();
  }, 90_000);

  it('lets a technician see the pollers in English, without Add or Revoke', async () => {
    const context = await stage!.browser.newContext({ viewport: VIEWPORT });
    try {
      const tech = await context.newPage();
      // Up again: more than the silence has passed since the last report.
      expect((await report()).status).toBe(200);
      await tech.goto(stage!.baseUrl);
      await signIn(tech, TECH);
      await tech.getByTestId('language-en').click();
      await tech.getByTestId('nav-pollers').click();
      const techRow = tech.locator('[data-testid="poller-row"][data-name="POP Citayam"]');
      await techRow.waitFor();
      // On a loaded machine the 10 s of silence may pass again while the technician signs in.
      expect(['Up', 'Down']).toContain(await techRow.getByTestId('poller-state').textContent());
      expect(await techRow.getByTestId('poller-last-contact').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WIB/);
      await expect(tech.getByTestId('poller-add').count()).resolves.toBe(0);
      await expect(tech.getByTestId('poller-revoke').count()).resolves.toBe(0);
      await shot(tech, 'technician-en');
      // A technician assigns devices too: the device form offers the poller.
      await tech.goto(`${stage!.baseUrl}/#/devices/${deviceId}`);
      await tech.getByTestId('device-edit').click();
      await expect(tech.getByTestId('device-poller').inputValue()).resolves.toBe('POP Citayam');
      await tech.getByTestId('device-cancel').click();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('revokes the poller after a confirmation; its key is refused and its device can move back to the site', async () => {
    await row().getByTestId('poller-revoke').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('setiap batch yang dikirimnya ditolak');
    expect(await dialog.textContent()).toContain('1 perangkatnya harus dipindahkan');
    await page.getByTestId('poller-revoke-confirm').click();
    await row().and(page.locator('[data-state="revoked"]')).waitFor();
    expect(await row().getByTestId('poller-state').textContent()).toBe('Dicabut');
    expect(await row().getByTestId('poller-revoke').count()).toBe(0);
    expect((await report()).status).toBe(401);
    await shot(page, 'revoked-id');

    // The device form shows its revoked poller for what it is, and offers no revoked poller to others.
    await page.goto(`${stage!.baseUrl}/#/devices/${deviceId}`);
    await page.getByTestId('device-edit').click();
    await expect(page.getByTestId('device-poller').inputValue()).resolves.toBe('POP Citayam (dicabut)');
    await page.getByTestId('device-poller').click();
    await page.getByRole('option', { name: 'Situs ini' }).click();
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-notice').waitFor();
    // The detail refetches after the save.
    await page.getByTestId('device-monitored-by').filter({ hasText: /^Situs ini$/ }).waitFor();
    await expect(page.getByTestId('device-poller-link').count()).resolves.toBe(0);
    await expect(page.getByTestId('device-ping').getAttribute('data-disabled')).resolves.toBeNull();
  });
});
