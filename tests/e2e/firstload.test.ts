// The first load in Chromium against `nocman serve`: the sign-in screen and the dashboard download only their own
// code (not every page's chunk), a page's chunk comes when the page is opened, the scripts arrive compressed and
// cached for good, and a returning user (saved session) gets the frame and the dashboard with no sign-in screen.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, startStage, type Stage } from './harness';

const ADMIN = { name: 'Rina Admin', email: 'rina@contoh.net.id', password: 'rahasia-admin-1' };
const STAFF = { name: 'Dewi Staf', email: 'dewi@contoh.net.id', password: 'rahasia-staf-1' };

/** The script files a page asked for, by their name without the content hash (`InvoicesPage`). */
function scriptsOf(page: Page): { names: Set<string>; requests: Request[] } {
  const names = new Set<string>();
  const requests: Request[] = [];
  page.on('request', (request) => {
    const match = /\/assets\/([A-Za-z]+)-[\w-]+\.js$/.exec(new URL(request.url()).pathname);
    if (!match) return;
    names.add(match[1]!);
    requests.push(request);
  });
  return { names, requests };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe.skipIf(!BUILT)('the first load of the web UI', () => {
  let stage: Stage | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    stage = await startStage();
    baseUrl = stage.baseUrl;
    const setup = await fetch(`${baseUrl}/api/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(setup.status).toBe(201);
    const { token } = (await setup.json()) as { token: string };
    const created = await fetch(`${baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...STAFF, role: 'staff' }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('loads the sign-in screen and then the dashboard without the other pages, and a page when it is opened (staff, id)', async () => {
    const context = await stage!.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const scripts = scriptsOf(page);
    await page.goto(baseUrl);
    await page.getByTestId('login-form').waitFor();
    expect(scripts.names.has('InvoicesPage')).toBe(false);
    expect(scripts.names.has('CustomerDetailPage')).toBe(false);

    await signIn(page, STAFF.email, STAFF.password);
    await page.locator('[data-testid="dashboard-open-critical"][data-count="0"]').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Dasbor');
    expect(scripts.names.has('DashboardPage')).toBe(true);
    for (const other of ['InvoicesPage', 'CustomersPage', 'PaymentsPage', 'DevicesPage', 'SettingsPage', 'UsersPage', 'BackupsPage']) {
      expect(scripts.names.has(other), other).toBe(false);
    }

    await page.getByTestId('nav-invoices').click();
    await page.getByTestId('invoices-range').filter({ hasText: /\S/ }).waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Tagihan');
    expect(scripts.names.has('InvoicesPage')).toBe(true);
    expect(scripts.names.has('CustomersPage')).toBe(false);

    // Every script came compressed and may be kept by the browser for good (its name changes with its content).
    const answers = await Promise.all(scripts.requests.map(async (request) => (await request.response())!));
    expect(answers.length).toBeGreaterThan(3);
    for (const answer of answers) {
      const headers = await answer.allHeaders();
      expect(headers['content-encoding'], answer.url()).toMatch(/^(br|gzip)$/);
      expect(headers['cache-control'], answer.url()).toBe('public, max-age=31536000, immutable');
    }
    const index = await context.request.get(baseUrl);
    expect(index.headers()['cache-control']).toBe('no-cache');
    await context.close();
  });

  it('opens straight into the frame and the dashboard for a returning admin, in English, and ends a revoked saved session on the sign-in screen', async () => {
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
    const session = (await login.json()) as { token: string; user: object };
    const profile = await fetch(`${baseUrl}/api/auth/profile`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ language: 'en' }),
    });
    expect(profile.status).toBe(200);
    const user = await profile.json();

    const context = await stage!.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript((saved) => localStorage.setItem('nocman.session', saved), JSON.stringify({ token: session.token, user }));
    const page = await context.newPage();
    const scripts = scriptsOf(page);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    let sawSignIn = false;
    await page.exposeFunction('nocmanSawSignIn', () => {
      sawSignIn = true;
    });
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="login-form"]')) (window as unknown as { nocmanSawSignIn(): void }).nocmanSawSignIn();
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${baseUrl}/#/`);
    await page.locator('[data-testid="dashboard-open-critical"][data-count="0"]').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Dashboard');
    await expect(page.getByTestId('nav-users').isVisible()).resolves.toBe(true);
    expect(sawSignIn).toBe(false);
    expect(scripts.names.has('InvoicesPage')).toBe(false);
    expect(consoleErrors).toEqual([]);

    // A saved session the server no longer accepts ends on the sign-in screen, and the frame's data is gone.
    await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${session.token}` } });
    await page.reload();
    await page.getByTestId('login-form').waitFor();
    await expect(page.getByTestId('sidebar').count()).resolves.toBe(0);
    await context.close();
  });
});
