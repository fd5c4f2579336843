// End to end in Chromium with the core in this process and a real SNMP agent (Debian's snmpd on a loopback port): the
// SNMP card, Discover, monitoring `lo` for a customer's subscription, two real polls around real loopback traffic,
// then the interface chart, the customer's usage card, top talkers on the Bandwidth page, the report CSV and the
// dashboard's throughput panel.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import type { Clock } from '../../src/main/core/clock';
import type { DeviceInput } from '../../src/main/core/monitoring/devices';
import { dateInZone } from '../../src/shared/dates';
import { COMMUNITY, SNMPD, startSnmpd, type Agent } from '../snmpd';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };
const run = promisify(execFile);

/**
 * Real time shifted by `offset`. The usage summary reads closed 5-minute buckets only, so the two polls are recorded
 * 6 minutes in the past (their bucket is closed when the rollup runs); the counters and the 6 s between polls are real.
 */
class ShiftedClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, `bandwidth-${name}.png`), fullPage: true });
}

describe.skipIf(!BUILT || !existsSync(SNMPD))('Bandwidth in the browser', () => {
  let stage: InProcessStage | undefined;
  let agent: Agent | null = null;
  let page: Page;
  let deviceId = 0;
  let customerId = 0;
  let customerCode = '';
  const clock = new ShiftedClock();

  beforeAll(async () => {
    agent = await startSnmpd();
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN, clock });
    const { core } = stage;
    const plan = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166_500, cycleMonths: 1, description: '', active: true });
    const customer = await core.customers.create(SYSTEM_ACTOR, { name: 'Bambang Sutrisno', phone: '+6281277788899', email: null, address: 'Cibinong', latitude: null, longitude: null, notes: '', status: 'pending' });
    customerId = customer.id;
    customerCode = customer.code;
    const startDate = `${dateInZone(new Date(), 'Asia/Jakarta').slice(0, 8)}01`;
    await core.subscriptions.create(SYSTEM_ACTOR, { customerId, planId: plan.id, startDate, autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
    const input: DeviceInput = {
      name: 'Router Inti Cibinong',
      type: 'router',
      host: '127.0.0.1',
      location: 'POP Cibinong',
      parentId: null,
      subscriptionIds: [],
      monitored: false,
      echoCount: 3,
      timeoutMs: 1000,
      failThreshold: 3,
      latencyWarnMs: null,
      lossWarnPct: null,
      notes: '',
      snmp: { enabled: true, port: agent!.port, community: COMMUNITY, timeoutMs: 1000, retries: 1 },
    };
    deviceId = (await core.devices.create(SYSTEM_ACTOR, input)).id;

    page = stage.page;
    await page.goto(stage.baseUrl);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
  }, 60_000);

  afterAll(async () => {
    await stage?.stop();
    await agent?.stop();
  });

  const ifRow = (name: string) => page.locator(`[data-testid="interface-row"][data-name="${name}"]`);

  it('discovers the interfaces over SNMP and maps lo to the customer’s subscription', async () => {
    await page.goto(`${stage!.baseUrl}/#/devices/${deviceId}`);
    await page.getByTestId('snmp-card').waitFor();
    await expect(page.getByTestId('snmp-community').getAttribute('placeholder')).resolves.toBe('Tersimpan (biarkan kosong)');
    await page.getByTestId('interfaces-empty').waitFor();
    await page.getByTestId('interfaces-discover').click();
    await page.getByTestId('device-notice').filter({ hasText: 'antarmuka ditemukan' }).waitFor();
    await ifRow('lo').waitFor();

    await ifRow('lo').getByTestId('interface-monitored').click({ force: true });
    await page.locator('[data-testid="interface-row"][data-name="lo"][data-monitored="true"]').waitFor();
    await ifRow('lo').getByTestId('interface-subscription').fill('Bambang');
    await page.getByRole('option', { name: new RegExp(`${customerCode} Bambang Sutrisno`) }).click();
    // The monitored switch showed the same "saved" notice a moment ago: wait for the stored mapping itself.
    await expect
      .poll(async () => (await stage!.core.bandwidth.interfaces(deviceId)).find((i) => i.name === 'lo'), { timeout: 15_000 })
      .toMatchObject({ monitored: true, subscriptionId: expect.any(Number) });
    await page.getByTestId('interface-traffic-empty').waitFor();
  });

  it('draws the interface chart after two real polls around loopback traffic', async () => {
    const { core } = stage!;
    clock.offset = -6 * 60_000;
    await core.bandwidth.poll(true);
    await run('ping', ['-c', '30', '-i', '0.01', '-s', '1400', '-q', '127.0.0.1']);
    await new Promise((resolve) => setTimeout(resolve, 6000)); // snmpd caches the counters for a few seconds
    const polled = await core.bandwidth.poll(true);
    expect(polled.failed).toBe(0);
    clock.offset = 0;
    await core.bandwidth.rollup();

    await page.reload();
    await ifRow('lo').waitFor();
    const chart = page.getByTestId('interface-traffic');
    await page.locator('[data-testid="interface-traffic"] [data-testid="traffic-in"]').first().waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    await expect(page.getByTestId('snmp-last-poll').textContent()).resolves.not.toBe('Belum pernah');
    await shot(page, 'device');
  }, 30_000);

  it('shows the customer’s usage in GB and the traffic chart with the plan line', async () => {
    await page.goto(`${stage!.baseUrl}/#/customers/${customerId}`);
    const card = page.getByTestId('usage-card');
    await page.getByTestId('usage-total-out').waitFor();
    expect(Number(await card.getAttribute('data-total-out-gb'))).toBeGreaterThan(0);
    await expect(page.getByTestId('usage-total-out').textContent()).resolves.toMatch(/\d.*(MB|GB)$/);
    await page.locator('[data-testid="customer-traffic"] [data-testid="traffic-plan"]').waitFor({ state: 'attached' }); // a flat line has no height: "hidden" to Playwright
    expect(Number(await page.getByTestId('customer-traffic').getAttribute('data-points'))).toBeGreaterThan(0);
    await shot(page, 'customer');
  });

  it('lists lo among the top talkers and downloads the month’s report as CSV', async () => {
    await page.getByTestId('nav-bandwidth').click();
    await page.getByTestId('page-title').filter({ hasText: 'Bandwidth' }).waitFor();
    await page.locator('[data-testid="top-row"][data-if-name="lo"]').waitFor();
    await expect(page.locator('[data-testid="top-row"][data-if-name="lo"]').textContent()).resolves.toContain('Bambang Sutrisno');
    await page.locator(`[data-testid="report-row"][data-customer-id="${customerId}"]`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header).toMatch(/code/i);
    expect(rows.some((row) => row.includes(customerCode))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^pemakaian-\d{4}-\d{2}\.csv$/);
    await shot(page, 'page');
  });

  it('polls now from the page and shows the throughput on the dashboard', async () => {
    await page.getByTestId('bandwidth-poll').click();
    await page.getByTestId('bandwidth-notice').filter({ hasText: 'antarmuka dari 1 perangkat' }).waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.locator('[data-testid="dashboard-busiest"][data-if-name="lo"]').waitFor();
    await expect(page.getByTestId('dashboard-traffic-out').textContent()).resolves.toMatch(/(Kbps|Mbps|Gbps)/);
    await shot(page, 'dashboard');
  });
});
