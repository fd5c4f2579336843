// Network alerts and the event log in the reader's language on the built app in Chromium at 1366×768: an Indonesian
// technician and an English admin read the same down alert and event log lines in their language (with a correct
// singular), and staff sees neither network alerts nor the event log.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { addDaysIso, dateInZone } from '../../src/shared/dates';
import { message } from '../../src/shared/i18n/messages';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Ayu Admin', email: 'ayu@contoh.net.id', password: 'rahasia-admin-10' };
const TECH = { name: 'Tono Teknisi', email: 'tono@contoh.net.id', password: 'rahasia-teknisi-10' };
const STAFF = { name: 'Rina Kasir', email: 'rina@contoh.net.id', password: 'rahasia-staf-10' };

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-dashboard').waitFor();
}

describe.skipIf(!BUILT)('network alerts and the event log in the reader language', () => {
  let stage: InProcessStage | undefined;
  let deviceId = 0;

  beforeAll(async () => {
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN });
    const { core } = stage;
    await core.users.create(SYSTEM_ACTOR, { ...TECH, role: 'technician' });
    await core.users.create(SYSTEM_ACTOR, { ...STAFF, role: 'staff' });
    const admin = (await core.users.list({ page: 1, pageSize: 10 } as never)).items.find((u: { email: string }) => u.email === ADMIN.email)!;
    await core.users.update(SYSTEM_ACTOR, admin.id, { language: 'en' });
    const device = await core.devices.create(SYSTEM_ACTOR, {
      name: 'OLT Bojonggede', host: '127.0.0.1', type: 'olt', location: 'POP', parentId: null, subscriptionIds: [], monitored: false,
      intervalSec: 60, echoCount: 1, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
    });
    deviceId = device.id;
    await core.monitor.check(device.id, TECH.name);
    await core.alerts.raise(`device:${device.id}:down`, {
      type: 'device_down', severity: 'critical', deviceId: device.id,
      text: message('alert.downAffected', { device: 'OLT Bojonggede', host: '127.0.0.1', count: 1 }),
    });
    await stage.page.setViewportSize({ width: 1366, height: 768 });
  }, 60_000);
  afterAll(() => stage?.stop());

  it('shows a technician the down alert and the event log in Indonesian', async () => {
    const { page, baseUrl } = stage!;
    await page.goto(baseUrl);
    await signIn(page, TECH);
    await page.getByTestId('nav-alerts').click();
    const row = page.getByTestId('alert-message').filter({ hasText: 'OLT Bojonggede (127.0.0.1) mati — 1 pelanggan terdampak' });
    await row.first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'eventlog-alerts-id.png') });
    await page.getByTestId('nav-events').click();
    await page.getByTestId('event-log-message').filter({ hasText: 'Tak diketahui → Online' }).waitFor();
    await page.getByTestId('event-log-message').filter({ hasText: /^Dicek oleh Tono Teknisi: / }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'eventlog-id.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // A range of site days, typed day first: today keeps the lines, tomorrow onwards has none, an end before the
    // start is refused beside the field.
    const today = dateInZone(new Date(), 'Asia/Jakarta');
    const typed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    const entries = page.getByTestId('event-log-entry');
    await page.getByTestId('event-log-from').fill(typed(today));
    await page.getByTestId('event-log-to').fill(typed(today));
    await page.getByTestId('event-log-to').blur();
    await entries.first().waitFor();
    await page.getByTestId('event-log-from').fill(typed(addDaysIso(today, 1)));
    await page.getByTestId('event-log-from').blur();
    await page.getByText('Tanggal akhir sebelum tanggal awal').waitFor();
    await page.getByTestId('event-log-to').fill('');
    await page.getByTestId('event-log-to').blur();
    await page.getByText('Tidak ada peristiwa yang cocok dengan filter ini.').waitFor();
    expect(await entries.count()).toBe(0);
    await page.getByTestId('event-log-from').fill('');
    await page.getByTestId('event-log-from').blur();
    await entries.first().waitFor();

    // Live: a check made elsewhere appears without a reload (no polling: the monitor's events refetch the log).
    await stage!.core.monitor.check(deviceId, 'Budi Lapangan');
    await page.getByTestId('event-log-message').filter({ hasText: /^Dicek oleh Budi Lapangan: / }).waitFor({ timeout: 5000 });
  });

  it('shows an English admin the same alert with a correct singular, and the event log in English', async () => {
    const { page, baseUrl } = stage!;
    const fresh = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
    await fresh.goto(baseUrl);
    await signIn(fresh, ADMIN);
    await fresh.getByTestId('nav-alerts').click();
    await fresh.getByTestId('alert-message').filter({ hasText: 'OLT Bojonggede (127.0.0.1) is down — 1 customer affected' }).first().waitFor();
    await fresh.screenshot({ path: path.join(SHOTS, 'eventlog-alerts-en.png') });
    await fresh.getByTestId('nav-events').click();
    await fresh.getByTestId('event-log-message').filter({ hasText: 'Unknown → Online' }).waitFor();
    await fresh.screenshot({ path: path.join(SHOTS, 'eventlog-en.png') });
    await fresh.close();
  });

  it('keeps the event log and network alerts from staff', async () => {
    const { browser, baseUrl } = stage!;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(baseUrl);
    await signIn(page, STAFF);
    expect(await page.getByTestId('nav-events').count()).toBe(0);
    await page.getByTestId('nav-alerts').click();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('alert-message').filter({ hasText: 'OLT Bojonggede' }).count()).toBe(0);
    await page.close();
  });
});
