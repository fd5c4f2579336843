// The desktop app's join page in Chromium, as Electron shows it (a data: URL, no script): the form submits the typed
// address to the intercepted join address, which its own Content-Security-Policy allows and nothing else.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_FORM_ACTION, joinPageHtml, offlinePageHtml } from '../../src/main/electron/site';
import { launchBrowser } from './harness';

describe('the join page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('submits the typed address to the join address, and shows the problem of the last try', async () => {
    const page = await browser.newPage();
    const submitted: string[] = [];
    await page.route(`${JOIN_FORM_ACTION}**`, async (route) => {
      submitted.push(route.request().url());
      await route.fulfill({ status: 204 });
    });
    const blocked: string[] = [];
    page.on('console', (message) => blocked.push(message.text()));
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(joinPageHtml('en', '10.0.0.5', 'Type an address like https://10.0.0.5:5000'))}`);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Type an address like https://10.0.0.5:5000');
    await expect(page.getByLabel('Host address').inputValue()).resolves.toBe('10.0.0.5');
    await page.getByLabel('Host address').fill('10.0.0.5:5443');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => submitted).toEqual([`${JOIN_FORM_ACTION}?address=10.0.0.5%3A5443`]);
    expect(blocked.filter((text) => text.includes('Content Security Policy'))).toEqual([]);
    await page.close();
  });

  it('is in Indonesian for an Indonesian user', async () => {
    const page = await browser.newPage();
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(joinPageHtml('id'))}`);
    await expect(page.getByRole('heading').textContent()).resolves.toBe('Gabung ke situs NOCman');
    await expect(page.getByRole('button', { name: 'Hubungkan' }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('shows a host that does not answer, with the reason and the next try, as text a person reads', async () => {
    const page = await browser.newPage();
    const html = offlinePageHtml('en', { url: 'https://10.0.0.5:5000', reason: 'ERR_CONNECTION_REFUSED', retrySec: 8, siteFile: '/home/noc/.config/NOCman/site.json' });
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const text = await page.getByRole('alert').innerText();
    expect(text).toContain('The NOCman host https://10.0.0.5:5000 does not answer (ERR_CONNECTION_REFUSED).');
    expect(text).toContain('next try in 8 s');
    expect(text).toContain('delete /home/noc/.config/NOCman/site.json');
    await page.close();
  });
});
