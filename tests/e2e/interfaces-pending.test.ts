// End to end in Chromium (core in this process, so the wait for a poller's walk can be made short): Discover on a
// device of a remote poller that does not answer in time shows a blue "pending" status, not a red error, and not the
// "set up SNMP, then press Discover" hint (the user has just done both); in Bahasa Indonesia and English at 1366×768.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const PASSWORD = 'rahasia-antarmuka-15';

describe.skipIf(!BUILT)('Interfaces of a poller\'s device while its walk is pending', () => {
  let stage: InProcessStage | undefined;
  let deviceId = 0;
  const sessions = new Map<string, unknown>();

  const api = async <T,>(token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const response = await fetch(stage!.baseUrl + url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${url}`).toBeLessThan(300);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    stage = await startInProcessStage({ pingIntervalSec: 3600 });
    stage.core.bandwidth.pollerDiscoverWaitMs = 1500;
    const { token } = await api<{ token: string }>('', 'POST', '/api/setup', { name: 'Rudi Hartono', email: 'admin@contoh.net.id', password: PASSWORD });
    const created = await api<{ poller: { id: number }; key: string }>(token, 'POST', '/api/pollers', { name: 'POP Citayam' });
    const device = await api<{ id: number }>(token, 'POST', '/api/devices', { name: 'OLT Citayam', type: 'olt', host: '10.20.30.2', pollerId: created.poller.id, failThreshold: 1, echoCount: 1, timeoutMs: 500 });
    deviceId = device.id;
    await api(token, 'PUT', `/api/devices/${deviceId}`, { snmp: { enabled: true, port: 161, community: 'rahasia-pop', timeoutMs: 2000, retries: 1 } });
    for (const language of ['id', 'en']) {
      const email = `admin-${language}@contoh.net.id`;
      await api(token, 'POST', '/api/auth/register', { name: `Admin ${language}`, email, password: PASSWORD, role: 'admin' });
      const session = await api<{ token: string }>('', 'POST', '/api/auth/login', { email, password: PASSWORD });
      sessions.set(language, { token: session.token, user: await api(session.token, 'PUT', '/api/auth/profile', { language }) });
    }
  });

  afterAll(async () => {
    await stage?.stop();
  });

  for (const [language, text] of [
    ['id', 'Poller POP Citayam belum menjawab.'],
    ['en', 'Poller POP Citayam has not answered yet.'],
  ] as const) {
    it(`shows the pending walk as a status, not an error (${language})`, async () => {
      const context = await stage!.browser.newContext({ viewport: { width: 1366, height: 768 } });
      try {
        await context.addInitScript((saved) => localStorage.setItem('nocman.session', saved), JSON.stringify(sessions.get(language)));
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto(`${stage!.baseUrl}/#/devices/${deviceId}`);
        await page.getByTestId('interfaces-empty').waitFor();
        await page.getByTestId('interfaces-discover').click();
        const pending = page.getByTestId('interfaces-pending');
        await pending.waitFor();
        expect(await pending.textContent()).toContain(text);
        expect(await pending.getAttribute('role')).toBe('status');
        // Mantine's light blue, not the red of an error.
        const background = await pending.evaluate((el) => getComputedStyle(el).backgroundColor);
        const [r, , b] = background.match(/\d+/g)!.map(Number) as [number, number, number];
        expect(b, background).toBeGreaterThan(r);
        expect(await page.getByTestId('interfaces-error').count()).toBe(0);
        expect(await page.getByTestId('interfaces-empty').count()).toBe(0);
        await page.getByTestId('interfaces-card').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, `interfaces-pending-${language}.png`) });
      } finally {
        await context.close();
      }
    });
  }
});
