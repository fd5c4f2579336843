// End to end in Chromium against `nocman serve`: first-run setup, users, roles in the sidebar, sign-in errors, language.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, SHOTS, startStage, type Stage } from './harness';

const ADMIN = { name: 'Budi Santoso', email: 'budi@contoh.net.id', password: 'rahasia-admin-1' };
const TECH = { name: 'Sari Teknisi', email: 'sari@contoh.net.id', password: 'rahasia-teknisi-1' };

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-signout').click();
  await page.getByTestId('login-form').waitFor();
}

describe.skipIf(!BUILT)('NOCman foundation in the browser', () => {
  let stage: Stage | undefined;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    stage = await startStage();
    page = stage.page;
    baseUrl = stage.baseUrl;
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('creates the first administrator on the setup screen and lands in the app', async () => {
    await page.goto(baseUrl);
    await page.getByTestId('setup-form').waitFor();
    await expect(page.getByText('Selamat datang di NOCman').isVisible()).resolves.toBe(true);
    await page.getByTestId('setup-submit').click();
    // the contract's schema is checked before sending: empty fields get their own messages
    await expect(page.getByText('Wajib diisi').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '01-setup.png') });
    await page.getByTestId('setup-name').fill(ADMIN.name);
    await page.getByTestId('setup-email').fill(ADMIN.email);
    await page.getByTestId('setup-password').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Dasbor');
    await expect(page.getByTestId('user-menu-name').textContent()).resolves.toBe(ADMIN.name);
    await expect(page.getByTestId('nav-users').isVisible()).resolves.toBe(true);
  });

  it('lets the administrator create a technician from the Users screen', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId(`user-row-${ADMIN.email}`).waitFor();
    await page.getByTestId('users-new').click();
    await page.getByTestId('user-name').fill(TECH.name);
    await page.getByTestId('user-email').fill(ADMIN.email);
    await page.getByTestId('user-password').fill(TECH.password);
    await page.getByTestId('user-role').click();
    await page.getByRole('option', { name: 'Teknisi' }).click();
    await page.getByTestId('user-save').click();
    // a taken email comes back from the server as an error on the email field
    await page.getByText('Sudah dipakai').waitFor();
    await page.getByTestId('user-email').fill(TECH.email);
    await page.getByTestId('user-save').click();
    await page.getByTestId(`user-row-${TECH.email}`).waitFor();
    await expect(page.getByTestId(`user-row-${TECH.email}`).textContent()).resolves.toContain('Teknisi');
    await page.getByTestId('users-notice').waitFor();
    await page.screenshot({ path: path.join(SHOTS, '02-users.png') });
  });

  it('explains why the last active administrator cannot be deactivated', async () => {
    await page.getByTestId(`user-row-${ADMIN.email}`).getByTestId('user-edit').click();
    await page.getByTestId('user-active').uncheck({ force: true });
    await page.getByTestId('user-save').click();
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('Administrator aktif terakhir');
    await page.screenshot({ path: path.join(SHOTS, '03-last-admin.png') });
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.getByTestId('user-edit-form').waitFor({ state: 'detached' });
  });

  it('refuses a wrong password with a visible error', async () => {
    await signOut(page);
    await signIn(page, TECH.email, 'bukan-kata-sandinya');
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Email atau kata sandi salah');
    await page.screenshot({ path: path.join(SHOTS, '04-login-error.png') });
  });

  it('shows a technician no Users entry and no users table at #/users', async () => {
    await signIn(page, TECH.email, TECH.password);
    await page.getByTestId('dashboard').waitFor();
    await expect(page.getByTestId('user-menu-role').textContent()).resolves.toBe('Teknisi');
    await expect(page.getByTestId('nav-settings').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('nav-users').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, '05-technician-dashboard.png') });
    await page.goto(`${baseUrl}/#/users`);
    await page.getByTestId('forbidden').waitFor();
    await expect(page.getByTestId('users-table').count()).resolves.toBe(0);
  });

  it('switches to English, keeps the choice in the profile, and shows settings read-only', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-readonly').waitFor();
    await page.getByTestId('language-en').click();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Settings');
    await expect(page.getByTestId('settings-company-name').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '06-settings-english.png') });
    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Settings');
  });

  it('changes the password next to the right field and keeps the new session', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-password').click();
    await page.getByTestId('password-current').fill('not-my-password');
    await page.getByTestId('password-new').fill('teknisi-baru-2');
    await page.getByTestId('password-confirm').fill('teknisi-baru-2');
    await page.getByTestId('password-save').click();
    await page.getByText('The current password is not correct').waitFor();
    await page.screenshot({ path: path.join(SHOTS, '07-password-english.png') });
    await page.getByTestId('password-current').fill(TECH.password);
    await page.getByTestId('password-save').click();
    await page.getByTestId('password-changed').waitFor();
    // the old token was revoked: only the stored new one lets a reload stay signed in
    await page.reload();
    await page.getByTestId('password-form').waitFor();
    await expect(page.getByTestId('user-menu-name').textContent()).resolves.toBe(TECH.name);
  });
});

if (!BUILT) {
  describe('NOCman foundation in the browser', () => {
    it.skip('needs `npm run build` first (out/renderer/index.html or out/main/cli.js is missing)', () => undefined);
  });
}
