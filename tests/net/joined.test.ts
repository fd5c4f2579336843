// A host and a joined client, end to end: `nocman serve --tls` and the renderer in Chromium trusting that one
// certificate. A device on the host goes down (its ICMP dropped by iptables in this private network namespace) and the
// client shows it live; the host is SIGKILLed: the client's banner tells since when and how old its data is, the
// screen stays readable and a write says it was not saved, keeping what was typed; the host restarts on the same data
// directory and port, the device comes back up before the client reconnects, and the client still gets that event.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedHttpsAgent } from '../../src/main/core/site/pin';
import { BUILT, freePort, launchBrowser, SHOTS, startServer } from '../e2e/harness';

const inNamespace = process.env['NOCMAN_NETNS'] === '1';
const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };
/** Loopback only (tests never ping outside 127.0.0.0/8); this one is made to go down by the test's own iptables rule. */
const DEVICE_HOST = '127.0.10.7';
const DROP_RULE = ['INPUT', '-d', DEVICE_HOST, '-p', 'icmp', '-j', 'DROP'];
/** "4 Desember 2026, 20.55 WIB" / "4 December 2026, 20:55 WIB". */
const LONG_ID = /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}, \d{2}\.\d{2} WIB/;
const LONG_EN = /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2} WIB/;

interface SeenEvent {
  id: number;
  name: string;
  payload: { id?: number; status?: string };
}

declare global {
  interface Window {
    liveEvents?: SeenEvent[];
    streamRequests?: (string | null)[];
  }
}

function iptables(action: '-I' | '-D'): void {
  execFileSync('iptables', [action, ...DROP_RULE]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `joined-${name}.png`) });
}

/** base64(SHA-256(SubjectPublicKeyInfo)): what Chromium's --ignore-certificate-errors-spki-list takes. */
function spkiHash(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * Every frame of GET /api/events the renderer receives, and each stream request's Last-Event-ID, read from a copy of
 * the response (the app reads the other): what the client was told, not what the screen happens to show.
 */
function recordLiveEvents(): void {
  const seen: SeenEvent[] = [];
  const requests: (string | null)[] = [];
  window.liveEvents = seen;
  window.streamRequests = requests;
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/api/events')) return original(input, init);
    requests.push(new Headers(init?.headers).get('Last-Event-ID'));
    const response = await original(input, init);
    if (!response.body) return response;
    const [mine, theirs] = response.body.tee();
    void (async () => {
      const reader = mine.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const id = /^id: (\d+)$/m.exec(frame);
            const name = /^event: (.+)$/m.exec(frame);
            const data = /^data: (.+)$/m.exec(frame);
            if (id && name && data) seen.push({ id: Number(id[1]), name: name[1]!, payload: (JSON.parse(data[1]!) as { payload: SeenEvent['payload'] }).payload });
          }
        }
      } catch {
        // the stream broke (host killed): the app's copy sees the same
      }
    })();
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

describe.skipIf(!BUILT || !inNamespace)('a joined client when the host goes away and comes back', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nocman-joined-'));
  let port = 0;
  let host: ChildProcess | undefined;
  let baseUrl = '';
  let agent: Agent;
  let browser: Browser | undefined;
  let page: Page;
  let token = '';
  let ruleIn = false;

  const startHost = async () => {
    const started = await startServer(port, dataDir, { PING_INTERVAL: '5', NOCMAN_ADMIN_EMAIL: ADMIN.email, NOCMAN_ADMIN_PASSWORD: ADMIN.password, NOCMAN_ADMIN_NAME: ADMIN.name }, { args: ['--tls'] });
    host = started.child;
    baseUrl = started.url;
  };

  /** The test's own calls to the host, trusting only the certificate whose fingerprint the host printed. */
  const api = (method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> =>
    new Promise((resolve, reject) => {
      const req = request(new URL(url, baseUrl), { method, agent, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    port = await freePort();
    await startHost();
    expect(baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const certPem = readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8');
    agent = pinnedHttpsAgent(new X509Certificate(certPem).fingerprint256);
    // This host's certificate only, not "ignore every certificate error".
    browser = await launchBrowser([`--ignore-certificate-errors-spki-list=${spkiHash(certPem)}`]);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(15_000);
    await page.addInitScript(recordLiveEvents);
  });

  afterAll(async () => {
    if (ruleIn) iptables('-D');
    await browser?.close();
    host?.kill('SIGTERM');
    agent?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a device going down live, keeps the screen through a host restart, refuses a write clearly and misses no event', async () => {
    token = ((await api('POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password })).body as { token: string }).token;
    const device = (await api('POST', '/api/devices', { name: 'AP Menara Utara', type: 'access_point', host: DEVICE_HOST, echoCount: 1, timeoutMs: 500, failThreshold: 1 })).body as { id: number };
    expect(device.id).toBeGreaterThan(0);
    expect((await api('POST', '/api/plans', { name: 'Rumah 20', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1 })).status).toBe(201);

    // Sign in on the joined client (Bahasa Indonesia, the site default).
    await page.goto(baseUrl);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    // The plans screen once, so its code and data are on the client before the host goes away.
    await page.goto(`${baseUrl}/#/plans`);
    await page.getByTestId('plan-row-Rumah 20').waitFor();
    await page.goto(`${baseUrl}/#/devices`);
    const row = page.locator(`[data-testid="device-row"][data-device-id="${device.id}"]`);
    await row.and(page.locator('[data-status="online"]')).waitFor();

    // The device goes down on the host: the client's row turns offline without a reload.
    iptables('-I');
    ruleIn = true;
    await row.and(page.locator('[data-status="offline"]')).waitFor({ timeout: 20_000 });
    const seenBeforeKill = await page.evaluate(() => window.liveEvents ?? []);
    expect(seenBeforeKill.some((e) => e.name === 'device.status' && e.payload.id === device.id && e.payload.status === 'offline')).toBe(true);
    const lastIdBeforeKill = Math.max(...seenBeforeKill.map((e) => e.id));

    // The host dies without a word.
    host!.kill('SIGKILL');
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('connection-banner-title').textContent()).toMatch(/^Tidak terhubung ke server NOCman sejak \d{2}\.\d{2} WIB\.$/);
    const detail = (await page.getByTestId('connection-banner-detail').textContent()) ?? '';
    expect(detail).toMatch(new RegExp(`^Data yang tampil terakhir diperbarui ${LONG_ID.source}\\. (Mencoba lagi dalam \\d+ dtk\\.|Menghubungkan kembali…)$`));
    // What is on screen stays: the device list, its row still offline, no error screen.
    await expect.poll(() => row.getAttribute('data-status')).toBe('offline');
    expect(await page.locator('[data-testid$="-error"]').count()).toBe(0);
    await shot(page, 'offline-devices-id');

    // A write while the host is away: refused at once, in the user's language, the typed name kept.
    await page.goto(`${baseUrl}/#/plans`);
    await page.getByTestId('plan-row-Rumah 20').getByTestId('plan-edit').click();
    await page.getByTestId('plan-name').fill('Rumah 20 Plus');
    await page.getByTestId('plan-save').click();
    const formError = page.getByRole('dialog').getByTestId('form-error');
    await expect.poll(() => formError.textContent()).toBe('Perubahan TIDAK disimpan karena server NOCman tidak dapat dihubungi. Coba lagi setelah tersambung kembali.');
    expect(await page.getByTestId('plan-name').inputValue()).toBe('Rumah 20 Plus');
    await shot(page, 'offline-write-id');
    await page.getByTestId('plan-cancel').click();

    // The same in English (the switch works offline; the profile keeps its choice until the host is back).
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('connection-banner-title').textContent()).toMatch(/^Not connected to the NOCman server since \d{2}:\d{2} WIB\.$/);
    expect(await page.getByTestId('connection-banner-detail').textContent()).toMatch(new RegExp(`^The data shown was last updated ${LONG_EN.source}\\. (Retrying in \\d+ s\\.|Reconnecting…)$`));
    await page.getByTestId('plan-row-Rumah 20').getByTestId('plan-edit').click();
    await page.getByTestId('plan-name').fill('Rumah 20 Plus');
    await page.getByTestId('plan-save').click();
    await expect.poll(() => formError.textContent()).toBe('The change was NOT saved because the NOCman server cannot be reached. Try again once the connection is back.');
    expect(await page.getByTestId('plan-name').inputValue()).toBe('Rumah 20 Plus');
    await shot(page, 'offline-write-en');
    await page.getByTestId('plan-cancel').click();
    await page.goto(`${baseUrl}/#/devices`);
    await row.waitFor();

    // The back-off has grown (1, 2, 4, 8 s …): wait until the client's next try is far enough away that the host can
    // restart and emit an event before the client is back, so that event can only arrive by replay.
    await expect.poll(async () => Number((await banner.getAttribute('data-retry-in')) || 0), { timeout: 30_000, interval: 250 }).toBeGreaterThanOrEqual(9);
    await shot(page, 'offline-retrying-en');

    // The host comes back on the same data directory and port; the device answers again right after.
    await startHost();
    iptables('-D');
    ruleIn = false;
    await expect
      .poll(async () => ((await api('GET', `/api/devices/${device.id}`)).body as { status: string }).status, { timeout: 20_000, interval: 250 })
      .toBe('online');
    // The client has not reconnected yet: the event above was emitted while it was away.
    expect(await banner.isVisible()).toBe(true);
    expect((await page.evaluate(() => window.liveEvents ?? [])).some((e) => e.id > lastIdBeforeKill)).toBe(false);

    // "Try now": the banner clears, and the client catches up.
    await page.getByTestId('connection-retry-now').click();
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => row.getAttribute('data-status')).toBe('online');
    const requests = await page.evaluate(() => window.streamRequests ?? []);
    expect(requests.at(-1)).toBe(String(lastIdBeforeKill));
    // No event missed: the device's "online" of the restarted host reached the client as an event (replayed with
    // Last-Event-ID), after the last one it had, not only through the refetch that follows a reconnect.
    await expect
      .poll(async () => (await page.evaluate(() => window.liveEvents ?? [])).filter((e) => e.id > lastIdBeforeKill).some((e) => e.name === 'device.status' && e.payload.id === device.id && e.payload.status === 'online'), { timeout: 5000 })
      .toBe(true);
    await shot(page, 'back-online-en');
  });
});
