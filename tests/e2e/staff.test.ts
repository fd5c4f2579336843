// End to end in Chromium as STAFF, in Bahasa Indonesia and in English (each user's own language, set through the
// REST API): a payment above its invoice paying the oldest invoice first (the server's split previewed, then the
// customer's cards), the subscriptions search by phone, PPPoE username and plan, bulk print/remind of invoices and bulk
// suspend/reactivate of customers with the confirmation stating count and effect, and dates typed day first. Then a
// TECHNICIAN: the device page in English (availability 24 h / 7 d / 30 d, heartbeat strip, 1 h / 6 h chart ranges) and
// a maintenance window typed with the 24-hour clock as each language writes it. Screenshots at 1366×768.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import type { Clock } from '../../src/main/core/clock';
import type { Pinger } from '../../src/main/core/monitoring/pinger';
import type { Language } from '../../src/shared/contract';
import { addMonthsIso, dateInZone } from '../../src/shared/dates';
import { BUILT, SHOTS, startInProcessStage, type InProcessStage } from './harness';

const ADMIN = { name: 'Wahyu Admin', email: 'wahyu@contoh.net.id', password: 'rahasia-admin-3' };
type Person = { name: string; email: string; password: string };
const STAFF: Record<Language, Person> = {
  id: { name: 'Sari Kasir', email: 'sari@contoh.net.id', password: 'rahasia-staf-11' },
  en: { name: 'Dian Cashier', email: 'dian@contoh.net.id', password: 'rahasia-staf-12' },
};
const TECHNICIAN: Record<Language, Person> = {
  id: { name: 'Joko Teknisi', email: 'joko@contoh.net.id', password: 'rahasia-tek-13' },
  en: { name: 'Agus Technician', email: 'agus@contoh.net.id', password: 'rahasia-tek-14' },
};
/** Per language: the customer paying two invoices at once, and two customers for the bulk actions. */
const CUSTOMERS: Record<Language, { payer: string; bulk: [string, string] }> = {
  id: { payer: 'Budi Santoso', bulk: ['Ahmad Fauzi', 'Dewi Lestari'] },
  en: { payer: 'Made Wirawan', bulk: ['Ketut Arsana', 'Nyoman Sudarsana'] },
};
const VIEWPORT = { width: 1366, height: 768 };
const STAFF_SHOTS = path.join(SHOTS, 'staff');
const MINUTE = 60_000;

const TEXT: Record<
  Language,
  {
    owed: string;
    credit: string;
    lastPayment: string;
    openCount: (n: number) => string;
    openInvoices: string;
    pay: string;
    keepCredit: string;
    oldestFirst: string;
    creditAfter: (amount: string) => string;
    recorded: (parts: string) => string;
    paid: string;
    searchPlaceholder: string;
    /** The list footer's "1–N of N", the whole count ("of 2" is not "of 20"). */
    of: (n: number) => RegExp;
    selected: (n: number) => string;
    printConfirm: string;
    printed: string;
    pdf: string;
    remindConfirm: string;
    reminded: string;
    suspendConfirm: string;
    reactivateConfirm: string;
    reasonRequired: string;
    changed: string;
    suspended: string;
    active: string;
    datePlaceholder: string;
    dateInvalid: string;
    period: (year: number) => string;
  }
> = {
  id: {
    owed: 'Sisa tagihan',
    credit: 'Saldo kredit',
    lastPayment: 'Pembayaran terakhir',
    openCount: (n) => `${n} faktur terbuka`,
    openInvoices: 'Faktur terbuka',
    pay: 'Catat pembayaran',
    keepCredit: 'Jadikan saldo kredit',
    oldestFirst: 'Lunasi faktur terlama dulu',
    creditAfter: (amount) => `${amount} menjadi saldo kredit.`,
    recorded: (parts) => `Pembayaran Rp 400.000 dicatat: ${parts}. Rp 67.000 menjadi saldo kredit.`,
    paid: 'Lunas',
    searchPlaceholder: 'Cari nama, telepon, kode, paket, username PPPoE',
    of: (n) => new RegExp(`dari ${n}$`),
    selected: (n) => `${n} dipilih`,
    printConfirm: '3 faktur dicetak menjadi satu PDF, satu faktur per halaman.',
    printed: '3 faktur dicetak.',
    pdf: 'FAKTUR TAGIHAN',
    remindConfirm: 'Untuk 3 faktur: pengingat dicatat di riwayat pelanggan dan peringatan jatuh tempo/terlambat dimunculkan lagi.',
    reminded: '3 dari 3 faktur diberi pengingat.',
    suspendConfirm: '2 pelanggan ditangguhkan beserta langganannya; sesi PPPoE mereka diputus.',
    reactivateConfirm: '2 pelanggan yang ditangguhkan diaktifkan kembali beserta langganannya.',
    reasonRequired: 'Tuliskan alasan (minimal 3 karakter)',
    changed: '2 dari 2 pelanggan diubah.',
    suspended: 'Ditangguhkan',
    active: 'Aktif',
    datePlaceholder: 'hh/bb/tttt',
    dateInvalid: 'Tulis tanggal sebagai hh/bb/tttt, mis. 04/12/2026',
    period: (year) => `17 Jul ${year} – 16 Agu ${year}`,
  },
  en: {
    owed: 'Balance owed',
    credit: 'Credit',
    lastPayment: 'Last payment',
    openCount: (n) => `${n} open invoice${n === 1 ? '' : 's'}`,
    openInvoices: 'Open invoices',
    pay: 'Record payment',
    keepCredit: 'Keep as credit',
    oldestFirst: 'Pay the oldest invoices first',
    creditAfter: (amount) => `${amount} becomes credit.`,
    recorded: (parts) => `Payment of Rp 400.000 recorded: ${parts}. Rp 67.000 becomes credit.`,
    paid: 'Paid',
    searchPlaceholder: 'Search name, phone, code, plan, PPPoE username',
    of: (n) => new RegExp(`of ${n}$`),
    selected: (n) => `${n} selected`,
    printConfirm: '3 invoices are printed as one PDF, one invoice per page.',
    printed: '3 invoices printed.',
    pdf: 'INVOICE',
    remindConfirm: 'For 3 invoices: a reminder is written to each customer timeline and the due/overdue alert is raised again.',
    reminded: '3 of 3 invoices reminded.',
    suspendConfirm: '2 customers are suspended with their subscriptions; their PPPoE sessions are disconnected.',
    reactivateConfirm: '2 suspended customers are reactivated with their subscriptions.',
    reasonRequired: 'Give a reason (at least 3 characters)',
    changed: '2 of 2 customers changed.',
    suspended: 'Suspended',
    active: 'Active',
    datePlaceholder: 'dd/mm/yyyy',
    dateInvalid: 'Write the date as dd/mm/yyyy, e.g. 04/12/2026',
    period: (year) => `17 Jul ${year} – 16 Aug ${year}`,
  },
};

/** Real time shifted by `offset`: the device's checks are recorded "three hours ago", the browser part runs now. */
class ShiftedClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(STAFF_SHOTS, `${name}.png`) });
}

/** Whether a text field shows all of its text (a date cut to "17/08/202" does not). */
async function showsWholeText(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((input) => input.scrollWidth <= input.clientWidth);
}

/** One call of the REST API, as a person with a token or signed out. */
async function rest<T>(baseUrl: string, method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function signIn(stage: InProcessStage, who: Person): Promise<Page> {
  const page = await stage.browser.newPage({ viewport: VIEWPORT, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  // A cold first load on a busy machine can take longer than a click.
  await page.goto(stage.baseUrl, { timeout: 30_000 });
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
  return page;
}

describe.skipIf(!BUILT)('Staff and technician screens in Bahasa Indonesia and English', () => {
  let stage: InProcessStage | undefined;
  const clock = new ShiftedClock();
  const today = dateInZone(new Date(), 'Asia/Jakarta');
  const lastMonth = addMonthsIso(`${today.slice(0, 8)}01`, -1);
  /** Dates certainly in the future, in July and August (Agu/Aug: the month name differs per language). */
  const nextYear = Number(today.slice(0, 4)) + 1;
  const customerIds: Record<string, number> = {};
  const subscriptionIds: Record<string, number> = {};
  let routerId = 0;

  beforeAll(async () => {
    mkdirSync(STAFF_SHOTS, { recursive: true });
    // The router's checks start three hours back so the page has a history to show.
    clock.offset = -180 * MINUTE;
    stage = await startInProcessStage({ bootstrapAdmin: ADMIN, clock });
    const { core, baseUrl } = stage;

    // The people, through the REST API as the administrator would add them; each sets their own language.
    const admin = await rest<{ token: string }>(baseUrl, 'POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    for (const [who, role] of [
      [STAFF, 'staff'],
      [TECHNICIAN, 'technician'],
    ] as const) {
      for (const language of ['id', 'en'] as const) {
        const user = await rest<{ role: string }>(baseUrl, 'POST', '/api/auth/register', { ...who[language], role }, admin.token);
        expect(user.role).toBe(role);
        const own = await rest<{ token: string }>(baseUrl, 'POST', '/api/auth/login', { email: who[language].email, password: who[language].password });
        await rest(baseUrl, 'PUT', '/api/auth/profile', { language }, own.token);
      }
    }

    // A router checked every 10 minutes for three hours, with 20 minutes without a reply in the middle.
    let tick = 0;
    const pinger: Pinger = {
      name: 'test',
      probe: async () => {
        const silent = tick === 8 || tick === 9;
        return silent ? { alive: false, min: null, avg: null, max: null, lossPct: 100 } : { alive: true, min: 2, avg: 3 + (tick % 4), max: 8, lossPct: 0 };
      },
    };
    core.monitor.usePinger(pinger);
    routerId = (
      await core.devices.create(SYSTEM_ACTOR, {
        name: 'Router Inti Denpasar', type: 'router', host: '127.0.0.1', location: 'POP Denpasar', parentId: null, subscriptionIds: [],
        monitored: true, echoCount: 1, timeoutMs: 1000, failThreshold: 1, latencyWarnMs: null, lossWarnPct: null, notes: '',
      })
    ).id;
    for (; clock.offset < 0; clock.offset = Math.min(0, clock.offset + 10 * MINUTE), tick++) await core.monitor.sweepAll();
    await core.monitor.sweepAll();

    // Billing: every subscription starts on the first of last month and is billed up to today only, so each
    // customer has exactly two open invoices of Rp 166.500 (Rp 150.000 + PPN 11%), last month's the older.
    await core.settings.update(SYSTEM_ACTOR, { invoiceLeadDays: 0 });
    const home = await core.plans.create(SYSTEM_ACTOR, { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150_000, cycleMonths: 1, description: '', active: true });
    const gamer = await core.plans.create(SYSTEM_ACTOR, { name: 'Gamer 100', downloadMbps: 100, uploadMbps: 50, price: 450_000, cycleMonths: 1, description: '', active: true });
    let phone = 0;
    const subscribe = async (name: string, planId: number, phoneNumber = `+62812400${String(++phone).padStart(5, '0')}`) => {
      const customer = await core.customers.create(SYSTEM_ACTOR, { name, phone: phoneNumber, email: null, address: 'Jl. Raya Ubud 7, Gianyar', latitude: null, longitude: null, notes: '', status: 'pending' });
      const subscription = await core.subscriptions.create(SYSTEM_ACTOR, { customerId: customer.id, planId, startDate: lastMonth, billingAnchorDay: 1, autoRenew: true, priceOverride: null, overrideReason: null, serviceNote: '' });
      customerIds[name] = customer.id;
      subscriptionIds[name] = subscription.id;
    };
    for (const language of ['id', 'en'] as const) {
      await subscribe(CUSTOMERS[language].payer, home.id);
      for (const name of CUSTOMERS[language].bulk) await subscribe(name, home.id);
    }
    // What the search box is tried on: a phone, a PPPoE username of its own, a plan two customers have.
    await subscribe('Rina Marlina', home.id, '+6281398765432');
    await subscribe('Yusuf Hidayat', home.id);
    await core.radius.credentials.update(SYSTEM_ACTOR, subscriptionIds['Yusuf Hidayat']!, { username: 'rt05-gamezone' });
    await subscribe('Andi Pratama', gamer.id);
    await subscribe('Lina Kurniawati', gamer.id);
    await core.billing.runAll();
    for (const language of ['id', 'en'] as const) {
      const open = await core.invoices.list({ customerId: customerIds[CUSTOMERS[language].payer], page: 1, pageSize: 10 });
      expect(open.items.map((inv) => [inv.periodStart, inv.total, inv.status]).sort()).toEqual([
        [lastMonth, 166_500, 'unpaid'],
        [`${today.slice(0, 8)}01`, 166_500, 'unpaid'],
      ]);
    }
  }, 60_000);

  afterAll(async () => {
    await stage?.stop();
  });

  for (const language of ['id', 'en'] as const) {
    describe(`as staff in ${language}`, () => {
      let page: Page;
      const text = TEXT[language];
      const payer = CUSTOMERS[language].payer;

      beforeAll(async () => {
        page = await signIn(stage!, STAFF[language]);
      });

      afterAll(async () => {
        await page?.close();
      });

      it('pays the oldest invoice first with what is above the newer one, and the cards show the money', async () => {
        const { core } = stage!;
        const [older, newer] = (await core.invoices.list({ customerId: customerIds[payer], page: 1, pageSize: 10 })).items.sort((a, b) => a.periodStart.localeCompare(b.periodStart));
        await page.getByTestId('nav-customers').click();
        await page.getByRole('link', { name: payer }).click();
        await page.getByTestId('customer-title').filter({ hasText: payer }).waitFor();
        const owed = page.getByTestId('account-owed');
        await page.locator('[data-testid="account-owed"][data-value="333000"]').waitFor();
        await expect(owed.textContent()).resolves.toBe(`${text.owed}Rp 333.000${text.openCount(2)}`);
        await page.getByText(text.openInvoices, { exact: true }).waitFor();
        await expect(page.getByTestId('open-invoice-row').count()).resolves.toBe(2);

        await page.locator(`[data-testid="open-invoice-row"][data-invoice-id="${newer!.id}"]`).getByRole('button', { name: text.pay }).click();
        // The amount is the chosen invoice's balance once the customer's open invoices are in.
        await expect.poll(() => page.getByTestId('payment-amount').inputValue()).toBe('Rp 166.500');
        await page.getByTestId('payment-amount').fill('400000');
        // Kept as credit unless told otherwise: the server's split says so.
        await page.getByRole('radio', { name: text.keepCredit }).waitFor();
        await page.getByTestId('payment-allocation-preview').filter({ hasText: `Rp 400.000: ${newer!.number} Rp 166.500` }).waitFor();
        await page.getByTestId('payment-credit-hint').filter({ hasText: text.creditAfter('Rp 233.500') }).waitFor();
        await page.getByRole('radio', { name: text.oldestFirst }).check();
        const parts = `${newer!.number} Rp 166.500, ${older!.number} Rp 166.500`;
        await page.getByTestId('payment-allocation-preview').filter({ hasText: `Rp 400.000: ${parts}` }).waitFor();
        await page.getByTestId('payment-credit-hint').filter({ hasText: text.creditAfter('Rp 67.000') }).waitFor();
        await shot(page, `pay-oldest-first-${language}`);
        await page.getByTestId('payment-save').click();
        await page.getByTestId('payment-form').waitFor({ state: 'detached' });

        await page.getByTestId('customer-notice').filter({ hasText: text.recorded(parts) }).waitFor();
        await page.locator('[data-testid="account-owed"][data-value="0"]').waitFor();
        await expect(owed.textContent()).resolves.toBe(`${text.owed}Rp 0${text.openCount(0)}`);
        await expect(page.getByTestId('account-credit').textContent()).resolves.toBe(`${text.credit}Rp 67.000`);
        await expect(page.getByTestId('account-last-payment').textContent()).resolves.toMatch(new RegExp(`^${text.lastPayment}Rp 400\\.000\\d{2} \\S+ \\d{4},? \\d{2}[.:]\\d{2} · ${newer!.number.replace(/\//g, '\\/')}$`));
        await expect(page.getByTestId('open-invoice-row').count()).resolves.toBe(0);
        await shot(page, `customer-cards-${language}`);
        expect((await core.invoices.get(older!.id)).status).toBe('paid');
        expect((await core.invoices.get(newer!.id)).status).toBe('paid');

        // Both are paid on the invoices list too.
        await page.getByTestId('nav-invoices').click();
        await page.getByTestId('invoices-search').fill(payer);
        await page.getByTestId('invoices-range').filter({ hasText: text.of(2) }).waitFor();
        for (const invoice of [older!, newer!]) {
          const row = page.locator(`[data-testid="invoice-row"][data-invoice-id="${invoice.id}"][data-status="paid"]`);
          await row.waitFor();
          await expect(row.textContent()).resolves.toContain(text.paid);
        }
        await expect(page.getByTestId('invoice-row').count()).resolves.toBe(2);
      });

      it('narrows the subscriptions to a typed phone, PPPoE username or plan', async () => {
        await page.getByTestId('nav-subscriptions').click();
        const search = page.getByTestId('subscriptions-search');
        await expect(search.getAttribute('placeholder')).resolves.toBe(text.searchPlaceholder);
        const all = (await stage!.core.subscriptions.list({ page: 1, pageSize: 1 })).total;
        await page.getByTestId('subscriptions-range').filter({ hasText: text.of(all) }).waitFor();
        const rows = page.locator('[data-testid="subscriptions-table"] tbody tr');
        // The link names the customer; the code is on the line beneath it.
        const shown = async () => (await page.getByTestId('subscription-customer').allTextContents()).map((c) => c.trim()).sort();
        const shows = async (typed: string, names: string[]) => {
          await search.fill(typed);
          await expect.poll(shown).toEqual([...names].sort());
          await page.getByTestId('subscriptions-range').filter({ hasText: text.of(names.length) }).waitFor();
          await expect(rows.count()).resolves.toBe(names.length);
        };
        // The phone as people say it (0813-9876…), stored as +62813…
        await shows('0813-9876', ['Rina Marlina']);
        await shows('gamezone', ['Yusuf Hidayat']);
        await shows('gamer', ['Andi Pratama', 'Lina Kurniawati']);
        await expect(rows.first().textContent()).resolves.toContain('Gamer 100');
        await shot(page, `subscriptions-search-${language}`);
        await search.fill('');
        await page.getByTestId('subscriptions-range').filter({ hasText: text.of(all) }).waitFor();
      });

      it('prints and reminds a selection of invoices after a confirmation stating the count and the effect', async () => {
        const { core } = stage!;
        const [first, second] = CUSTOMERS[language].bulk;
        const invoicesOf = async (name: string) => (await core.invoices.list({ customerId: customerIds[name], page: 1, pageSize: 10 })).items;
        const chosen = [...(await invoicesOf(first)), (await invoicesOf(second))[0]!];
        await page.getByTestId('nav-invoices').click();
        await page.getByTestId('invoices-search').fill('');
        const all = (await core.invoices.list({ page: 1, pageSize: 1 })).total;
        await page.getByTestId('invoices-range').filter({ hasText: text.of(all) }).waitFor();
        for (const invoice of chosen) await page.locator(`[data-testid="invoice-row"][data-invoice-id="${invoice.id}"]`).getByTestId('invoice-select').check();
        await page.getByTestId('invoices-bulk-count').filter({ hasText: text.selected(3) }).waitFor();

        await page.getByTestId('invoices-bulk-print').click();
        await expect(page.getByTestId('invoices-bulk-print-modal-text').textContent()).resolves.toBe(text.printConfirm);
        await shot(page, `bulk-print-${language}`);
        const [response, popup] = await Promise.all([
          page.waitForResponse((r) => r.url().includes('/api/invoices/bulk/print')),
          page.waitForEvent('popup'),
          page.getByTestId('invoices-bulk-print-modal-confirm').click(),
        ]);
        expect(response.headers()['content-type']).toContain('application/pdf');
        const file = path.join(STAFF_SHOTS, `bulk-print-${language}.pdf`);
        writeFileSync(file, await response.body());
        const pdf = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        for (const invoice of chosen) expect(pdf).toContain(invoice.number);
        expect(pdf.split('\f').filter((pageText) => pageText.includes(text.pdf)).length).toBe(3);
        await popup.close();
        await expect(page.getByTestId('invoices-bulk-print-modal-result').textContent()).resolves.toBe(text.printed);
        await page.getByTestId('invoices-bulk-print-modal-close').click();

        await page.getByTestId('invoices-bulk-count').filter({ hasText: text.selected(3) }).waitFor();
        await page.getByTestId('invoices-bulk-remind').click();
        await expect(page.getByTestId('invoices-bulk-remind-modal-text').textContent()).resolves.toContain(text.remindConfirm);
        await page.getByTestId('invoices-bulk-remind-modal-confirm').click();
        await expect(page.getByTestId('invoices-bulk-remind-modal-result').textContent()).resolves.toBe(text.reminded);
        await page.getByTestId('invoices-bulk-remind-modal-close').click();
        const history = (await core.customers.historyOf(customerIds[first]!, 1, 20, 'staff')).items;
        expect(history.filter((h) => h.kind === 'invoice.reminded')).toHaveLength(2);
      });

      it('suspends two customers and reactivates them, each after a confirmation with a reason', async () => {
        const { core } = stage!;
        const names = CUSTOMERS[language].bulk;
        await page.getByTestId('nav-customers').click();
        const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
        for (const name of names) await rowOf(name).getByTestId('customer-select').check();
        await page.getByTestId('customers-bulk-count').filter({ hasText: text.selected(2) }).waitFor();

        await page.getByTestId('customers-bulk-suspend').click();
        await expect(page.getByTestId('customers-bulk-modal-text').textContent()).resolves.toContain(text.suspendConfirm);
        await page.getByTestId('customers-bulk-modal-confirm').click();
        await page.getByText(text.reasonRequired).waitFor();
        await page.getByTestId('customers-bulk-modal-reason').fill(language === 'id' ? 'Tunggakan dua bulan' : 'Two months in arrears');
        await shot(page, `bulk-suspend-${language}`);
        await page.getByTestId('customers-bulk-modal-confirm').click();
        await expect(page.getByTestId('customers-bulk-modal-result').textContent()).resolves.toBe(text.changed);
        await page.getByTestId('customers-bulk-modal-close').click();
        for (const name of names) await rowOf(name).getByText(text.suspended, { exact: true }).waitFor();
        for (const name of names) expect((await core.customers.get(customerIds[name]!)).status).toBe('suspended');

        for (const name of names) await rowOf(name).getByTestId('customer-select').check();
        await page.getByTestId('customers-bulk-reactivate').click();
        await expect(page.getByTestId('customers-bulk-modal-text').textContent()).resolves.toBe(text.reactivateConfirm);
        await page.getByTestId('customers-bulk-modal-reason').fill(language === 'id' ? 'Sudah bayar di kantor' : 'Paid at the office');
        await page.getByTestId('customers-bulk-modal-confirm').click();
        await expect(page.getByTestId('customers-bulk-modal-result').textContent()).resolves.toBe(text.changed);
        await page.getByTestId('customers-bulk-modal-close').click();
        for (const name of names) await rowOf(name).getByText(text.active, { exact: true }).waitFor();
        for (const name of names) expect((await core.customers.get(customerIds[name]!)).status).toBe('active');
      });

      it('takes a start date typed day first, refuses month first, and shows the saved date in the language', async () => {
        await page.getByRole('link', { name: payer, exact: true }).click();
        await page.getByTestId('subscription-new').click();
        await page.getByTestId('subscription-plan').click();
        await page.getByRole('option', { name: /^Home 20/ }).click();
        const start = page.getByTestId('subscription-start');
        await expect(start.getAttribute('placeholder')).resolves.toBe(text.datePlaceholder);
        // Today, day first, whatever the browser's own order is.
        await expect(start.inputValue()).resolves.toBe(`${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
        await start.fill(`07/17/${nextYear}`);
        await start.blur();
        await page.getByText(text.dateInvalid).waitFor();
        await start.fill(`17/07/${nextYear}`);
        await expect(page.getByText(text.dateInvalid).count()).resolves.toBe(0);
        expect(await showsWholeText(page, 'subscription-start')).toBe(true);
        await shot(page, `date-input-${language}`);
        await page.getByTestId('subscription-save').click();
        await page.getByTestId('subscription-form').waitFor({ state: 'detached' });
        const saved = (await stage!.core.subscriptions.list({ customerId: customerIds[payer], page: 1, pageSize: 10 })).items.find((s) => s.startDate !== lastMonth);
        expect(saved?.startDate).toBe(`${nextYear}-07-17`);
        await expect(page.getByTestId(`subscription-row-${saved!.id}`).textContent()).resolves.toContain(text.period(nextYear));
      });
    });
  }

  for (const language of ['id', 'en'] as const) {
    describe(`as a technician in ${language}`, () => {
      let page: Page;

      beforeAll(async () => {
        page = await signIn(stage!, TECHNICIAN[language]);
        await page.getByTestId('nav-devices').click();
        await page.locator(`[data-testid="device-row"][data-device-id="${routerId}"]`).getByTestId('device-open').click();
        await page.getByTestId('device-detail').waitFor();
      });

      afterAll(async () => {
        await page?.close();
      });

      if (language === 'en') {
        it('shows the device page in English: availability 24 h / 7 d / 30 d, the heartbeat strip, the 1 h and 6 h ranges', async () => {
          const health = page.getByTestId('device-health');
          await health.getByText('Availability', { exact: true }).waitFor();
          await health.getByText('Last checks', { exact: true }).waitFor();
          // 19 checks, two of them without a reply.
          await page.locator('[data-testid="heartbeat"][data-count="19"]').waitFor();
          await health.getByText('Last 19 checks').waitFor();
          const strip = page.getByTestId('heartbeat');
          await expect(strip.locator('[data-kind="down"]').count()).resolves.toBe(2);
          await expect(strip.locator('[data-kind="up"]').count()).resolves.toBe(17);
          await strip.locator('[data-kind="down"]').first().hover();
          await expect(page.getByRole('tooltip').textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} WIB — No reply$/);

          // 20 minutes down in three hours: about 88.9 % in every window (the device is younger than a day).
          const api = (await stage!.core.availability.of([routerId])).get(routerId)!;
          for (const [window, label] of [
            ['24h', '24 h'],
            ['7d', '7 days'],
            ['30d', '30 days'],
          ] as const) {
            const figure = page.getByTestId(`availability-${window}`);
          await page.locator(`[data-testid="availability-${window}"]:not([data-pct=""])`).waitFor();
            const shown = Number(await figure.getAttribute('data-pct'));
            expect(Math.abs(shown - api.find((w) => w.window === window)!.pct!)).toBeLessThan(0.05);
            expect(shown).toBeGreaterThan(88);
            expect(shown).toBeLessThan(90);
            await expect(figure.textContent()).resolves.toBe(`${label}${shown.toFixed(2).replace(/0$/, '').replace(/\.$/, '')}%`);
          }
          await page.getByTestId('availability-24h').hover();
          await page.getByRole('tooltip').filter({ hasText: /down 20 min/ }).waitFor();

          const chart = page.getByTestId('latency-chart');
          const range = page.getByTestId('latency-range');
          for (const label of ['1 h', '6 h', 'Day', 'Week']) await range.getByText(label, { exact: true }).waitFor();
          // The chart keeps the previous range's points until the new ones arrive: wait for the count to change.
          const points = async () => Number(await chart.getAttribute('data-points'));
          await range.getByText('1 h', { exact: true }).click();
          await page.locator('[data-testid="latency-chart"][data-range="hour1"][data-resolution="raw"]').waitFor();
          await expect.poll(points).toBeLessThanOrEqual(7);
          expect(await points()).toBeGreaterThanOrEqual(6);
          await range.getByText('6 h', { exact: true }).click();
          await page.locator('[data-testid="latency-chart"][data-range="hour6"]').waitFor();
          // Three hours old: the 6 h range holds every check since the device was added.
          await expect.poll(points).toBe(19);
          await shot(page, 'device-technician-en');
        });
      }

      it(`schedules maintenance with the time typed on the 24-hour clock as ${language} writes it`, async () => {
        await page.getByTestId('maintenance-add').click();
        const startsTime = page.getByTestId('maintenance-starts-time');
        const placeholder = language === 'id' ? 'jj.mm' : 'hh:mm';
        await expect(startsTime.getAttribute('placeholder')).resolves.toBe(placeholder);
        // The proposed time is shown in the language's own way: 14.15 in Indonesian, 14:15 in English.
        await expect(startsTime.inputValue()).resolves.toMatch(language === 'id' ? /^\d{2}\.\d{2}$/ : /^\d{2}:\d{2}$/);
        await page.getByTestId('maintenance-starts-date').fill(`17/08/${nextYear}`);
        await page.getByTestId('maintenance-ends-date').fill(`17/08/${nextYear}`);
        await startsTime.fill('10:30 PM');
        await startsTime.blur();
        await page.getByText(language === 'id' ? 'Tulis jam 24 jam sebagai jj.mm, mis. 20.55' : 'Write a 24-hour time as hh:mm, e.g. 20:55').waitFor();
        await startsTime.fill(language === 'id' ? '22.30' : '22:30');
        await page.getByTestId('maintenance-ends-time').fill(language === 'id' ? '23.45' : '23:45');
        await page.getByTestId('maintenance-reason').fill(language === 'id' ? 'Ganti kabel uplink' : 'Replace the uplink cable');
        for (const field of ['starts-date', 'starts-time', 'ends-date', 'ends-time']) expect(await showsWholeText(page, `maintenance-${field}`), field).toBe(true);
        await shot(page, `time-input-${language}`);
        await page.getByTestId('maintenance-save').click();
        const row = page.getByTestId('maintenance-row').filter({ hasText: language === 'id' ? 'Ganti kabel uplink' : 'Replace the uplink cable' });
        await row.waitFor();
        await expect(row.textContent()).resolves.toContain(language === 'id' ? `17 Agu ${nextYear}, 22.30 – 17 Agu ${nextYear}, 23.45` : `17 Aug ${nextYear}, 22:30 – 17 Aug ${nextYear}, 23:45`);
        const saved = (await stage!.core.devices.maintenance(routerId)).find((w) => w.reason.startsWith(language === 'id' ? 'Ganti' : 'Replace'));
        // 22.30 WIB is 15.30 UTC.
        expect([saved?.startsAt, saved?.endsAt].map((iso) => new Date(iso!).toISOString())).toEqual([`${nextYear}-08-17T15:30:00.000Z`, `${nextYear}-08-17T16:45:00.000Z`]);
      });
    });
  }
});

if (!BUILT) {
  describe('Staff and technician screens in Bahasa Indonesia and English', () => {
    it.skip('needs `npm run build` first (out/renderer/index.html or out/main/cli.js is missing)', () => undefined);
  });
}
