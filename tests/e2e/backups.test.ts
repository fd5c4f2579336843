// End to end in Chromium against `nocman serve`: an admin backs up now and watches it copy, check and verify live;
// the schedule refuses bad input next to its fields; the file downloads; the dashboard shows the last good backup;
// a red banner tells every role when the database is not healthy; a restore with the typed id sends every open
// console back to the sign-in screen; staff and technicians never see the Backups page.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, SHOTS, startStage, type Stage } from './harness';

const ADMIN = { email: 'dewi@contoh.net.id', password: 'rahasia-admin-10' };
const STAFF = { name: 'Rina Kasir', email: 'rina@contoh.net.id', password: 'rahasia-staf-10', role: 'staff' };
const TECH = { name: 'Agus Teknisi', email: 'agus@contoh.net.id', password: 'rahasia-tek-10', role: 'technician' };
const VIEWPORT = { width: 1366, height: 768 };

/** `20261204-153000`: the UTC stamp a backup id starts with. */
function stampOf(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
/** "4 Desember 2026, 20.55 WIB" / "4 December 2026, 20:55 WIB". */
const LONG_ID = /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}, \d{2}\.\d{2} WIB$/;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `backups-${name}.png`), fullPage: true });
}

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** Records every data-phase the progress panel shows, so a phase shown for a few milliseconds is not missed. */
async function watchPhases(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { backupPhases: string[] }).backupPhases = seen;
    new MutationObserver(() => {
      const phase = document.querySelector('[data-testid="backup-progress"]')?.getAttribute('data-phase');
      if (phase && seen.at(-1) !== phase) seen.push(phase);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
  });
}

describe.skipIf(!BUILT)('Backups in the browser', () => {
  let stage: Stage | undefined;
  let page: Page;
  let staffContext: BrowserContext | undefined;
  let staffPage: Page;
  let backupId = '';
  let adminToken = '';

  const api = async (method: string, url: string, body?: unknown, token = adminToken): Promise<unknown> => {
    const response = await fetch(`${stage!.baseUrl}${url}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${url}`).toBeLessThan(300);
    return response.status === 204 ? null : response.json();
  };

  beforeAll(async () => {
    stage = await startStage({ NOCMAN_ADMIN_EMAIL: ADMIN.email, NOCMAN_ADMIN_PASSWORD: ADMIN.password, NOCMAN_ADMIN_NAME: 'Dewi Admin' });
    adminToken = ((await api('POST', '/api/auth/login', ADMIN, '')) as { token: string }).token;
    await api('POST', '/api/auth/register', STAFF);
    await api('POST', '/api/auth/register', TECH);
    await api('PUT', '/api/settings', { companyName: 'PT Sebelum Cadangan' });
    page = stage.page;
    await page.setViewportSize(VIEWPORT);
    await page.goto(stage.baseUrl);
    await signIn(page, ADMIN);
  });

  afterAll(async () => {
    await staffContext?.close();
    await stage?.stop();
  });

  it('keeps the Backups page from staff and technicians (sidebar, route, settings link)', async () => {
    for (const user of [TECH, STAFF]) {
      staffContext = await stage!.browser.newContext({ viewport: VIEWPORT });
      staffPage = await staffContext.newPage();
      await staffPage.goto(stage!.baseUrl);
      await signIn(staffPage, user);
      await staffPage.getByTestId('nav-settings').waitFor();
      expect(await staffPage.getByTestId('nav-backups').count()).toBe(0);
      await staffPage.getByTestId('nav-settings').click();
      await staffPage.getByTestId('settings-form').waitFor();
      expect(await staffPage.getByTestId('settings-backups').count()).toBe(0);
      await staffPage.goto(`${stage!.baseUrl}/#/settings/backups`);
      await staffPage.getByTestId('forbidden').waitFor();
      expect(await staffPage.getByTestId('backups-page').count()).toBe(0);
      await staffPage.goto(`${stage!.baseUrl}/#/`);
      await staffPage.getByTestId('dashboard').waitFor();
      expect(await staffPage.getByTestId('dashboard-backups').count()).toBe(0);
      // the staff member stays signed in for the restore below; the technician's console closes
      if (user === TECH) await staffContext.close();
    }
  });

  it('backs up now and shows the copy, the check and the verified row live', async () => {
    expect(await page.getByTestId('nav-backups').isVisible()).toBe(true);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-backups-open').click();
    await page.getByTestId('backups-page').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Cadangan data');
    // a console started after its backup time (02:00) catches up with one scheduled backup of its own
    await page.locator('[data-testid="backup-row"][data-status="verified"] [data-testid="backup-kind"]').filter({ hasText: 'Terjadwal' }).waitFor();
    await expect(page.getByTestId('backup-folder').getAttribute('placeholder')).resolves.toMatch(/\/backups$/);

    await watchPhases(page);
    await page.getByTestId('backups-run-now').click();
    const progress = page.locator('[data-testid="backup-progress"][data-phase="verified"]');
    await progress.waitFor();
    backupId = (await progress.getAttribute('data-backup-id')) ?? '';
    expect(backupId).toMatch(/^\d{8}-\d{6}-manual$/);
    // the phases came as live events, in order
    await expect(progress.getAttribute('data-seen')).resolves.toBe('copying,verifying,verified');
    const shown = await page.evaluate(() => (window as unknown as { backupPhases: string[] }).backupPhases);
    expect(shown.at(-1)).toBe('verified');
    // (Whether the DOM painted an intermediate phase depends on timing: a small copy can reach 'verified' within one
    // frame. That the phases came live and in order is what data-seen above shows.)
    await expect(page.getByTestId('backup-outcome').textContent()).resolves.toMatch(/^Tersimpan dan terverifikasi · \d+,\d+ MB$/);

    const row = page.locator(`[data-testid="backup-row"][data-backup-id="${backupId}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-status')).resolves.toBe('verified');
    await expect(row.getByTestId('backup-check').textContent()).resolves.toBe('✓ Terverifikasi');
    await expect(row.getByTestId('backup-kind').textContent()).resolves.toBe('Manual');
    await expect(row.getByTestId('backup-size').textContent()).resolves.toMatch(/^\d+,\d+ MB$/);
    await expect(row.getByTestId('backup-row-time').textContent()).resolves.toMatch(LONG_ID);
    await expect(row.getByTestId('backup-tiers').textContent()).resolves.toContain('Harian');
    await expect(page.getByTestId('backups-last-verified-time').getAttribute('data-freshness')).resolves.toBe('good');
    await expect(page.getByTestId('backups-last-verified-time').textContent()).resolves.toContain('baru saja');
    await shot(page, 'page-id');
  });

  it('refuses a keep count of 0 and a relative folder next to the fields, keeping what was typed, then saves a new time', async () => {
    await page.getByTestId('backup-keepDaily').fill('0');
    await page.getByTestId('backup-folder').fill('cadangan');
    await page.getByTestId('backup-schedule-save').click();
    const schedule = page.getByTestId('backup-schedule');
    await schedule.getByText('Minimal 1').waitFor();
    await schedule.getByText('Tulis path folder yang lengkap').waitFor();
    await expect(page.getByTestId('backup-keepDaily').inputValue()).resolves.toBe('0');
    await expect(page.getByTestId('backup-folder').inputValue()).resolves.toBe('cadangan');
    const settings = (await api('GET', '/api/settings')) as { backupKeepDaily: number; backupFolder: string };
    expect(settings).toMatchObject({ backupKeepDaily: 14, backupFolder: '' });
    await shot(page, 'schedule-errors-id');

    // a folder the server cannot create (below a file) is refused by the server, next to the field, with its reason
    const scratch = mkdtempSync(path.join(tmpdir(), 'nocman-e2e-file-'));
    writeFileSync(path.join(scratch, 'bukan-folder'), 'x');
    await page.getByTestId('backup-keepDaily').fill('14');
    await page.getByTestId('backup-folder').fill(path.join(scratch, 'bukan-folder', 'cadangan'));
    await page.getByTestId('backup-schedule-save').click();
    await schedule.getByText('NOCman tidak dapat menulis ke folder ini (ENOTDIR)').waitFor();
    expect(await api('GET', '/api/settings')).toMatchObject({ backupFolder: '' });
    rmSync(scratch, { recursive: true, force: true });

    await page.getByTestId('backup-keepDaily').fill('10');
    await page.getByTestId('backup-folder').fill('');
    await page.getByTestId('backup-time').fill('03:30');
    await page.getByTestId('backup-schedule-save').click();
    await page.getByTestId('backup-schedule-notice').waitFor();
    await page.getByTestId('backups-next-run').filter({ hasText: '03.30 WIB' }).waitFor();
    expect(await api('GET', '/api/settings')).toMatchObject({ backupKeepDaily: 10, backupTime: '03:30', backupFolder: '' });
  });

  it('downloads the backup as a SQLite file', async () => {
    const row = page.locator(`[data-testid="backup-row"][data-backup-id="${backupId}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('backup-download').click()]);
    expect(download.suggestedFilename()).toBe(`nocman-${backupId}.sqlite`);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    await page.getByTestId('backups-info').waitFor();
  });

  it('shows the last good backup on the admin dashboard with a link to the Backups page', async () => {
    await page.getByTestId('nav-dashboard').click();
    const card = page.getByTestId('dashboard-backups');
    await card.waitFor();
    await expect(card.getAttribute('data-freshness')).resolves.toBe('good');
    await expect(card.getByTestId('dashboard-backups-time').textContent()).resolves.toMatch(LONG_ID);
    // the cached figures are shown first, then the ones refetched after the backup
    await card.getByTestId('dashboard-backups-age').filter({ hasText: backupId }).waitFor();
    await shot(page, 'dashboard-id');
    await card.getByTestId('dashboard-backups-link').click();
    await page.getByTestId('backups-page').waitFor();
  });

  it('shows a red banner with what to do when the database is read-only, for admins and staff', async () => {
    const readonly = async (route: { fulfill(answer: { json: unknown }): Promise<void> }) =>
      route.fulfill({ json: { status: 'degraded', version: 'e2e', uptimeSec: 60, database: 'readonly', databaseError: { code: 'SQLITE_READONLY', at: new Date().toISOString() } } });
    await page.route('**/api/health', readonly);
    await page.reload();
    const banner = page.getByTestId('health-banner');
    await banner.waitFor();
    await expect(banner.getAttribute('data-state')).resolves.toBe('readonly');
    await expect(banner.getByTestId('health-banner-title').textContent()).resolves.toBe('Database hanya-baca: tidak ada yang dapat disimpan.');
    await expect(banner.getByTestId('health-banner-advice').textContent()).resolves.toContain('izin tulis');
    await shot(page, 'banner-id');
    await staffPage.route('**/api/health', readonly);
    await staffPage.reload();
    await expect(staffPage.getByTestId('health-banner-advice').textContent()).resolves.toContain('Hubungi administrator');
    await staffPage.unroute('**/api/health');
    await staffPage.reload();
    await staffPage.getByTestId('dashboard').waitFor();
    await page.unroute('**/api/health');
    await page.reload();
    await page.getByTestId('backups-page').waitFor();
    expect(await page.getByTestId('health-banner').count()).toBe(0);
  });

  it('enables the red Restore button only once the backup id is typed exactly', async () => {
    const row = page.locator(`[data-testid="backup-row"][data-backup-id="${backupId}"]`);
    await row.getByTestId('backup-restore').click();
    const confirm = page.getByTestId('restore-confirm');
    await confirm.waitFor();
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByTestId('restore-confirm-input').fill(backupId.slice(0, -1));
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByTestId('restore-confirm-input').fill(backupId);
    await expect(confirm.isEnabled()).resolves.toBe(true);
    await shot(page, 'restore-id');
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.getByTestId('restore-confirm').waitFor({ state: 'detached' });
  });

  it('shows the same screens in English', async () => {
    await page.getByTestId('language-en').click();
    await page.getByTestId('page-title').filter({ hasText: 'Backups' }).waitFor();
    const row = page.locator(`[data-testid="backup-row"][data-backup-id="${backupId}"]`);
    await expect(row.getByTestId('backup-row-time').textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WIB$/);
    await expect(row.getByTestId('backup-check').textContent()).resolves.toBe('✓ Verified');
    await shot(page, 'page-en');
    await row.getByTestId('backup-restore').click();
    await page.getByTestId('restore-confirm-input').fill(backupId);
    await shot(page, 'restore-en');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('restore-confirm').waitFor({ state: 'detached' });
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-backups').waitFor();
    await shot(page, 'dashboard-en');
    await page.route('**/api/health', (route) =>
      route.fulfill({ json: { status: 'degraded', version: 'e2e', uptimeSec: 60, database: 'full', databaseError: { code: 'SQLITE_FULL', at: new Date().toISOString() } } }),
    );
    await page.reload();
    await page.getByTestId('health-banner').filter({ hasText: 'The database disk is full' }).waitFor();
    await page.getByTestId('dashboard-backups').waitFor();
    await expect(page.getByTestId('health-status').textContent()).resolves.toContain('Database disk full');
    await shot(page, 'banner-en');
    await page.unroute('**/api/health');
    await page.getByTestId('language-id').click();
  });

  it('restores the backup: every open console lands on the sign-in screen saying the database was restored', async () => {
    await api('PUT', '/api/settings', { companyName: 'PT Sesudah Cadangan' });
    await page.goto(`${stage!.baseUrl}/#/settings/backups`);
    const row = page.locator(`[data-testid="backup-row"][data-backup-id="${backupId}"]`);
    await row.getByTestId('backup-restore').click();
    await page.getByTestId('restore-confirm-input').fill(backupId);
    await page.getByTestId('restore-confirm').click();

    for (const screen of [page, staffPage]) {
      const notice = screen.getByTestId('login-notice');
      await notice.waitFor({ timeout: 20_000 });
      await expect(notice.getAttribute('data-notice')).resolves.toBe('databaseRestored');
      await expect(notice.textContent()).resolves.toContain('Database telah dipulihkan');
      await screen.getByTestId('login-form').waitFor();
    }
    await shot(page, 'restored-login-id');

    // the old token is gone; the data is the backup's, and the current database was kept as a safety backup
    const stale = await fetch(`${stage!.baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(stale.status).toBe(401);
    adminToken = ((await api('POST', '/api/auth/login', ADMIN, '')) as { token: string }).token;
    expect(await api('GET', '/api/settings')).toMatchObject({ companyName: 'PT Sebelum Cadangan' });
    // signing in again returns to the page the console was on
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('backups-page').waitFor();
    await page.locator('[data-testid="backup-row"] [data-testid="backup-kind"]').filter({ hasText: 'Pengaman' }).waitFor();
    await expect(page.locator(`[data-testid="backup-row"][data-backup-id="${backupId}"]`).getAttribute('data-status')).resolves.toBe('verified');
  });

  it('shows a failed backup with its reason in the table and turns the dashboard card red', async () => {
    // The copy cannot be written where a directory stands in for its temporary file: every id of the next two minutes.
    const { folder } = (await api('GET', '/api/backups')) as { folder: string };
    const blockers = Array.from({ length: 120 }, (_, i) => path.join(folder, `${stampOf(new Date(Date.now() + i * 1000))}-manual.sqlite.partial`));
    for (const blocker of blockers) mkdirSync(blocker, { recursive: true });
    try {
      await page.getByTestId('backups-run-now').click();
      await page.locator('[data-testid="backup-progress"][data-phase="failed"]').waitFor();
      await expect(page.getByTestId('backup-outcome').textContent()).resolves.toBe('Sebab: folder tidak dapat ditulis');
      const row = page.locator('[data-testid="backup-row"][data-status="failed"]');
      await row.waitFor();
      await expect(row.getByTestId('backup-check').textContent()).resolves.toBe('✕ Gagal: folder tidak dapat ditulis');
      expect(await row.getByTestId('backup-restore').count()).toBe(0);
      await expect(page.getByTestId('backups-last-verified-time').getAttribute('data-freshness')).resolves.toBe('critical');
      await shot(page, 'failed-id');
    } finally {
      for (const blocker of blockers) rmSync(blocker, { recursive: true, force: true });
    }
    await page.getByTestId('nav-dashboard').click();
    const card = page.locator('[data-testid="dashboard-backups"][data-freshness="critical"]');
    await card.waitFor();
    await card.getByTestId('dashboard-backups-failed').waitFor();
    await shot(page, 'dashboard-failed-id');
  });
});
