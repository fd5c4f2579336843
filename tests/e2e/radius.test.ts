// End to end in Chromium against `nocman serve`: an admin adds a NAS whose secret is never shown back, reads and
// resets a subscription's access password on the customer page; accounting through the bridge (as FreeRADIUS sends
// it) puts the session online on the RADIUS page and the customer page, Disconnect reaches a NAS listening on
// loopback and its ACK is shown; rejects show their translated reason; a technician sees no password.
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import radius from 'radius';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, SHOTS, startStage, type Stage } from './harness';

const ADMIN = { email: 'dewi@contoh.net.id', password: 'rahasia-admin-10' };
const TECH = { name: 'Agus Teknisi', email: 'agus@contoh.net.id', password: 'rahasia-tek-10', role: 'technician' };
const VIEWPORT = { width: 1366, height: 768 };
const NAS_SECRET = 'RahasiaNAS-2026!';
/** "4 Desember 2026, 20.55 WIB". */
const LONG_ID = /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}, \d{2}\.\d{2} WIB/;

async function shot(page: Page, name: string): Promise<void> {
  // dense tables, but never a sideways scroll at 1366 px
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, `radius-${name}.png`), fullPage: true });
}

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** An attribute map as FreeRADIUS's rlm_rest sends it (body = json). */
function attributes(values: Record<string, string | number>): Record<string, { type: string; value: (string | number)[] }> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { type: typeof value === 'number' ? 'integer' : 'string', value: [value] }]));
}

/** A NAS on loopback that answers every Disconnect-Request with a Disconnect-ACK and remembers whom it was for. */
function listeningNas(secret: string): Promise<{ socket: Socket; port: number; disconnected: string[] }> {
  const socket = createSocket('udp4');
  const disconnected: string[] = [];
  socket.on('message', (message, from) => {
    const request = radius.decode({ packet: message, secret });
    if (request.code !== 'Disconnect-Request') return;
    disconnected.push(String(request.attributes['User-Name']));
    const answer = radius.encode_response({ packet: request, code: 'Disconnect-ACK', secret });
    socket.send(answer, from.port, from.address);
  });
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve({ socket, port: socket.address().port, disconnected })));
}

describe.skipIf(!BUILT)('RADIUS in the browser', () => {
  let stage: Stage | undefined;
  let page: Page;
  let nasListener: Awaited<ReturnType<typeof listeningNas>> | undefined;
  let adminToken = '';
  let bridgeKey = '';
  let customerId = 0;
  let subscriptionId = 0;
  let username = '';

  const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${stage!.baseUrl}${url}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const api = async (method: string, url: string, body?: unknown, token = adminToken): Promise<unknown> => {
    const response = await request(method, url, body, token ? { Authorization: `Bearer ${token}` } : {});
    expect(response.status, `${method} ${url}`).toBeLessThan(300);
    return response.status === 204 ? null : response.json();
  };
  /** What FreeRADIUS would post to the bridge, with the bridge key. */
  const bridge = async (url: string, values: Record<string, string | number>): Promise<number> =>
    (await request('POST', url, attributes(values), { 'X-NOCman-Bridge-Key': bridgeKey })).status;

  beforeAll(async () => {
    nasListener = await listeningNas(NAS_SECRET);
    stage = await startStage({ NOCMAN_ADMIN_EMAIL: ADMIN.email, NOCMAN_ADMIN_PASSWORD: ADMIN.password, NOCMAN_ADMIN_NAME: 'Dewi Admin' });
    const args = stage.server.spawnargs;
    bridgeKey = readFileSync(path.join(args[args.indexOf('--data-dir') + 1]!, 'radius-bridge-key'), 'utf8').trim();
    adminToken = ((await api('POST', '/api/auth/login', ADMIN, '')) as { token: string }).token;
    await api('POST', '/api/auth/register', TECH);
    const plan = (await api('POST', '/api/plans', { name: 'Rumah 20', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1 })) as { id: number };
    const startDate = `${new Date().toISOString().slice(0, 7)}-01`;
    customerId = ((await api('POST', '/api/customers', { name: 'Bambang Sutrisno', phone: '0812 3456 7890', address: 'Jl. Melati 12, Sleman' })) as { id: number }).id;
    subscriptionId = ((await api('POST', '/api/subscriptions', { customerId, planId: plan.id, startDate })) as { id: number }).id;
    username = ((await api('GET', `/api/subscriptions/${subscriptionId}/access`)) as { username: string }).username;
    // a second customer online, so the sessions table shows more than one row
    const other = ((await api('POST', '/api/customers', { name: 'Sri Wahyuningsih', phone: '0813 2222 3333' })) as { id: number }).id;
    const otherSub = ((await api('POST', '/api/subscriptions', { customerId: other, planId: plan.id, startDate })) as { id: number }).id;
    const otherUser = ((await api('GET', `/api/subscriptions/${otherSub}/access`)) as { username: string }).username;
    expect(
      await bridge('/api/radius/accounting', {
        'Acct-Status-Type': 'Start', 'User-Name': otherUser, 'NAS-IP-Address': '10.20.0.1', 'Acct-Session-Id': '81a00002',
        'Framed-IP-Address': '10.100.0.22', 'Calling-Station-Id': 'AA:BB:CC:00:00:22',
      }),
    ).toBe(204);
    await bridge('/api/radius/accounting', {
      'Acct-Status-Type': 'Interim-Update', 'User-Name': otherUser, 'NAS-IP-Address': '10.20.0.1', 'Acct-Session-Id': '81a00002',
      'Acct-Input-Octets': 734_003_200, 'Acct-Output-Octets': 1_234_567_890, 'Acct-Output-Gigawords': 2, 'Acct-Session-Time': 5400,
    });
    page = stage.page;
    await page.setViewportSize(VIEWPORT);
    await page.goto(stage.baseUrl);
    await signIn(page, ADMIN);
  });

  afterAll(async () => {
    nasListener?.socket.close();
    await stage?.stop();
  });

  it('adds a NAS for admins; the secret is shown only as set, never its value', async () => {
    await page.getByTestId('nav-radius').click();
    await page.getByTestId('radius-page').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('RADIUS');
    await page.getByTestId('radius-tab-nas').click();
    await page.getByTestId('nas-empty').waitFor();
    await page.getByTestId('nas-add').click();
    await page.getByTestId('nas-name').fill('Router Sleman');
    await page.getByTestId('nas-address').fill('10.0.0.300');
    await page.getByTestId('nas-secret').fill('pendek');
    await page.getByTestId('nas-save').click();
    // refused next to the fields, in Indonesian
    await page.getByText('Alamat IPv4 seperti 10.0.0.5').waitFor();
    await page.getByText('Minimal 8 karakter', { exact: true }).waitFor();
    await page.getByTestId('nas-address').fill('127.0.0.1');
    await page.getByTestId('nas-coa-port').fill(String(nasListener!.port));
    await page.getByTestId('nas-secret').fill(NAS_SECRET);
    await page.getByTestId('nas-save').click();
    await page.getByTestId('nas-notice').waitFor();
    const row = page.locator('[data-testid="nas-row"][data-name="Router Sleman"]');
    await expect(row.getByTestId('nas-secret-state').textContent()).resolves.toContain('Tersimpan');
    expect(await page.content()).not.toContain(NAS_SECRET);
    expect(JSON.stringify(await api('GET', '/api/radius/nas'))).not.toContain(NAS_SECRET);
    // editing shows an empty field to replace it, not the stored secret
    await row.getByTestId('nas-edit').click();
    await expect(page.getByTestId('nas-secret').inputValue()).resolves.toBe('');
    await page.getByTestId('nas-name').fill('Router Sleman Utara');
    await page.getByTestId('nas-save').click();
    await page.locator('[data-testid="nas-row"][data-name="Router Sleman Utara"]').waitFor();

    // the RADIUS settings refuse a rate limit MikroTik would not read, beside the field
    await page.getByTestId('radius-isolir-rate').fill('cepat');
    await page.getByTestId('radius-interim').fill('30');
    await page.getByTestId('radius-settings-save').click();
    await page.getByText('Rate limit MikroTik seperti 1M/1M').waitFor();
    await page.getByText('Minimal 60', { exact: false }).waitFor();
    await page.getByTestId('radius-isolir-rate').fill('512k/512k');
    await page.getByTestId('radius-interim').fill('600');
    await page.getByTestId('radius-settings-save').click();
    await page.getByTestId('radius-settings-notice').waitFor();
    const saved = (await api('GET', '/api/settings')) as { radiusIsolirRateLimit: string; radiusInterimIntervalSec: number };
    expect([saved.radiusIsolirRateLimit, saved.radiusInterimIntervalSec]).toEqual(['512k/512k', 600]);
    await shot(page, 'nas-id');
  });

  it("shows a subscription's credentials on the customer page and resets the password once", async () => {
    await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
    const card = page.locator(`[data-testid="access-subscription"][data-subscription-id="${subscriptionId}"]`);
    await card.getByTestId('access-username-value').waitFor();
    await expect(card.getByTestId('access-username-value').textContent()).resolves.toBe(username);
    const before = ((await api('GET', `/api/subscriptions/${subscriptionId}/access`)) as { password: string }).password;
    // hidden until asked for
    await expect(card.getByTestId('access-password').textContent()).resolves.not.toContain(before);
    await card.getByTestId('access-password-show').click();
    await expect(card.getByTestId('access-password').textContent()).resolves.toBe(before);

    await card.getByTestId('access-reset').click();
    await page.getByTestId('access-reset-confirm').click();
    const shown = page.getByTestId('access-new-password');
    await shown.waitFor();
    const fresh = (await shown.textContent()) ?? '';
    expect(fresh).toMatch(/^[a-z2-9]{10}$/);
    expect(fresh).not.toBe(before);
    expect(((await api('GET', `/api/subscriptions/${subscriptionId}/access`)) as { password: string }).password).toBe(fresh);
    await page.getByTestId('access-new-password-close').click();
    await expect(shown.count()).resolves.toBe(0);
    // the card hides the password again after a change, and reads the new one behind Show
    await expect(card.getByTestId('access-password').getAttribute('data-shown')).resolves.toBe('false');
    await card.getByTestId('access-password-show').click();
    await expect(card.getByTestId('access-password').textContent()).resolves.toBe(fresh);
    await card.getByTestId('access-password-show').click();

    // an edit refused next to its field, then saved
    await card.getByTestId('access-edit').click();
    await page.getByTestId('access-mac').fill('AA:BB:CC');
    await page.getByTestId('access-save').click();
    await page.getByText('Alamat MAC seperti AA:BB:CC:DD:EE:FF').waitFor();
    await page.getByTestId('access-mac').fill('aa-bb-cc-00-00-11');
    await page.getByTestId('access-static-ip').fill('10.100.0.11');
    await page.getByTestId('access-save').click();
    await card.getByTestId('access-notice').waitFor();
    await expect(card.getByTestId('access-mac-value').textContent()).resolves.toBe('AA:BB:CC:00:00:11');
    await expect(card.getByTestId('access-static-ip-value').textContent()).resolves.toBe('10.100.0.11');
  });

  it('shows a session started by accounting online on the RADIUS page and the customer page, and disconnects it', async () => {
    expect(
      await bridge('/api/radius/accounting', {
        'Acct-Status-Type': 'Start', 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Acct-Session-Id': '81a00001',
        'Framed-IP-Address': '10.100.0.11', 'Calling-Station-Id': 'AA:BB:CC:00:00:11',
      }),
    ).toBe(204);
    await bridge('/api/radius/accounting', {
      'Acct-Status-Type': 'Interim-Update', 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Acct-Session-Id': '81a00001',
      'Acct-Input-Octets': 52_428_800, 'Acct-Output-Octets': 524_288_000, 'Acct-Session-Time': 600,
    });
    await page.reload();
    const now = page.locator(`[data-testid="access-subscription"][data-subscription-id="${subscriptionId}"] [data-testid="access-session-now"][data-online="true"]`);
    await now.waitFor();
    await expect(now.getByTestId('access-session-ip').textContent()).resolves.toBe('10.100.0.11');
    await expect(now.getByTestId('access-session-since').textContent()).resolves.toMatch(LONG_ID);
    await shot(page, 'customer-id');

    await page.getByTestId('nav-radius').click();
    const row = page.locator(`[data-testid="radius-session-row"][data-username="${username}"]`);
    await row.waitFor();
    await expect(row.getByTestId('session-ip').textContent()).resolves.toBe('10.100.0.11');
    await expect(row.getByTestId('session-customer').textContent()).resolves.toContain('Bambang Sutrisno');
    await expect(row.getByTestId('session-since').textContent()).resolves.toMatch(LONG_ID);
    await expect(row.getByTestId('session-bytes').textContent()).resolves.toContain('↓ 524 MB');
    await expect(page.getByTestId('radius-session-row').count()).resolves.toBe(2);
    // the search narrows to one customer
    await page.getByTestId('radius-sessions-search').fill('Sri');
    await expect.poll(() => page.getByTestId('radius-session-row').count()).toBe(1);
    await page.getByTestId('radius-sessions-search').fill('');
    await expect.poll(() => page.getByTestId('radius-session-row').count()).toBe(2);
    await shot(page, 'sessions-id');

    await row.getByTestId('session-disconnect').click();
    await page.getByTestId('session-disconnect-confirm').click();
    await expect(page.getByTestId('session-disconnect-outcome').textContent()).resolves.toBe(`NAS memutus sesi ${username}.`);
    expect(nasListener!.disconnected).toEqual([username]);

    // the NAS then stops the session: it leaves the online list and joins the customer's history
    await bridge('/api/radius/accounting', {
      'Acct-Status-Type': 'Stop', 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Acct-Session-Id': '81a00001',
      'Acct-Input-Octets': 52_428_800, 'Acct-Output-Octets': 524_288_000, 'Acct-Session-Time': 660, 'Acct-Terminate-Cause': 'Admin-Reset',
    });
    await page.reload();
    await page.getByTestId('radius-session-row').first().waitFor();
    await expect(row.count()).resolves.toBe(0);
    await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
    const card = page.locator(`[data-testid="access-subscription"][data-subscription-id="${subscriptionId}"]`);
    await card.locator('[data-testid="access-session-now"][data-online="false"]').waitFor();
    await expect(card.getByTestId('access-history-row').first().textContent()).resolves.toContain('Admin-Reset');
  });

  it('lists rejects with their reason in the reader’s language', async () => {
    expect(await bridge('/api/radius/authorize', { 'User-Name': 'tamu-asing', 'NAS-IP-Address': '127.0.0.1', 'Calling-Station-Id': 'AA:BB:CC:99:99:99' })).toBe(401);
    expect(await bridge('/api/radius/authenticate', { 'User-Name': username, 'User-Password': 'salah-sandi', 'NAS-IP-Address': '127.0.0.1', 'Calling-Station-Id': 'AA:BB:CC:00:00:11' })).toBe(401);
    expect(await bridge('/api/radius/authorize', { 'User-Name': username, 'NAS-IP-Address': '127.0.0.1', 'Calling-Station-Id': 'AA:BB:CC:00:00:12' })).toBe(401);
    await page.goto(`${stage!.baseUrl}/#/radius?tab=rejects`);
    await page.getByTestId('radius-reject-row').first().waitFor();
    const reasons = await page.getByTestId('radius-reject-reason').allTextContents();
    expect(reasons).toEqual(['MAC tidak sesuai ikatan', 'Kata sandi salah', 'Pengguna tidak dikenal']);
    await shot(page, 'rejects-id');

    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('radius-reject-reason').allTextContents()).toEqual(['MAC does not match the binding', 'Wrong password', 'Unknown user']);
    await shot(page, 'rejects-en');
    await page.getByTestId('radius-tab-sessions').click();
    await page.getByTestId('radius-session-row').first().waitFor();
    await shot(page, 'sessions-en');
    await page.getByTestId('radius-tab-nas').click();
    await page.getByTestId('nas-row').first().waitFor();
    await shot(page, 'nas-en');
    await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
    await page.getByTestId('access-history-row').first().waitFor();
    await shot(page, 'customer-en');
    await page.getByTestId('language-id').click();
  });

  it('shows a technician the credentials without any password, and no NAS changes', async () => {
    const context = await stage!.browser.newContext({ viewport: VIEWPORT });
    try {
      const tech = await context.newPage();
      await tech.goto(stage!.baseUrl);
      await signIn(tech, TECH);
      await tech.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
      const card = tech.locator(`[data-testid="access-subscription"][data-subscription-id="${subscriptionId}"]`);
      await card.getByTestId('access-username-value').waitFor();
      await expect(card.getByTestId('access-password').count()).resolves.toBe(0);
      await expect(card.getByTestId('access-password-show').count()).resolves.toBe(0);
      await expect(card.getByTestId('access-reset').count()).resolves.toBe(0);
      await expect(card.getByTestId('access-edit').count()).resolves.toBe(0);
      const techToken = ((await api('POST', '/api/auth/login', { email: TECH.email, password: TECH.password }, '')) as { token: string }).token;
      expect(((await api('GET', `/api/subscriptions/${subscriptionId}/access`, undefined, techToken)) as { password: string | null }).password).toBeNull();

      await tech.getByTestId('nav-radius').click();
      await tech.getByTestId('radius-tab-nas').click();
      await tech.getByTestId('nas-row').first().waitFor();
      await expect(tech.getByTestId('nas-add').count()).resolves.toBe(0);
      await expect(tech.getByTestId('nas-edit').count()).resolves.toBe(0);
      await expect(tech.getByTestId('radius-settings-save').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });
});
