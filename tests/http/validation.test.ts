// Bad numbers are refused over HTTP with VALIDATION_FAILED naming the field, and change nothing: never clamped,
// never made positive, never rounded (PPN, coordinates, billing anchor day, plan price).
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromError } from '../../src/renderer/forms/errors';
import { en } from '../../src/renderer/i18n/en';
import { id } from '../../src/renderer/i18n/id';
import { AppError, type ErrorBody } from '../../src/shared/errors';
import { makeServer, staff, type TestServer } from '../helpers';

let t: TestServer;
let admin: string;
let planId: number;
let customerId: number;

interface Refusal {
  code: string;
  fields: string[];
}

/** The tables a refused write must leave alone, as row counts plus the newest audit entry. */
async function snapshot(): Promise<string> {
  const rows = await t.core.db.dataSource.query(
    `SELECT (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT MAX(id) FROM audit_log) AS lastAudit,
            (SELECT COUNT(*) FROM customer) AS customers, (SELECT COUNT(*) FROM subscription) AS subscriptions,
            (SELECT COUNT(*) FROM plan) AS plans, (SELECT COUNT(*) FROM setting) AS settings`,
  );
  return JSON.stringify(rows);
}

async function refused(method: string, path: string, body: Record<string, unknown>): Promise<Refusal> {
  const before = await snapshot();
  const res = await t.request(method, path, { token: admin, body });
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(await snapshot()).toBe(before);
  // A field with two faults (100.001: too big and more than two decimals) is named once.
  return { code: res.body.error.code, fields: [...new Set<string>(res.body.error.details.fields.map((f: { field: string }) => f.field))] };
}

async function get(path: string) {
  return (await t.request('GET', path, { token: admin })).body;
}

beforeAll(async () => {
  t = await makeServer();
  admin = await (await staff(t.core)).token('admin');
  planId = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166500, cycleMonths: 1 } })).body.id;
  customerId = (await t.request('POST', '/api/customers', { token: admin, body: { name: 'Budi', phone: '0812 1000 0001', latitude: -6.2, longitude: 106.8 } })).body.id;
});
afterAll(() => t.close());

describe('PPN (settings.taxRate)', () => {
  it.each([-5, 100.001, 11.005])('refuses %s and keeps 11', async (taxRate) => {
    await expect(refused('PUT', '/api/settings', { taxRate })).resolves.toEqual({ code: 'VALIDATION_FAILED', fields: ['taxRate'] });
    expect((await get('/api/settings')).taxRate).toBe(11);
  });

  it('refuses the whole change when one field is bad, so a good field beside it is not saved either', async () => {
    await expect(refused('PUT', '/api/settings', { companyName: 'PT Contoh', taxRate: -5 })).resolves.toMatchObject({ fields: ['taxRate'] });
    expect(await get('/api/settings')).toMatchObject({ companyName: '', taxRate: 11 });
  });

  it('takes 0, 12 and 100 as they are', async () => {
    for (const taxRate of [0, 12, 100, 11]) {
      const res = await t.request('PUT', '/api/settings', { token: admin, body: { taxRate } });
      expect(res.body.taxRate).toBe(taxRate);
    }
  });
});

describe('coordinates of a customer', () => {
  it('refuses latitude 123 and longitude 200 on a new customer, naming both', async () => {
    const refusal = await refused('POST', '/api/customers', { name: 'Siti', phone: '0812 1000 0002', latitude: 123, longitude: 200 });
    expect(refusal).toEqual({ code: 'VALIDATION_FAILED', fields: ['latitude', 'longitude'] });
  });

  it.each([
    { latitude: 123 },
    { latitude: -90.5 },
    { longitude: 200 },
    { longitude: -180.01 },
  ])('refuses %o on an edit and keeps -6.2, 106.8', async (body) => {
    const refusal = await refused('PUT', `/api/customers/${customerId}`, body);
    expect(refusal.fields).toEqual(Object.keys(body));
    expect(await get(`/api/customers/${customerId}`)).toMatchObject({ latitude: -6.2, longitude: 106.8 });
  });
});

describe('billing anchor day of a subscription', () => {
  it.each([31, 29, 0, -1, 1.5])('refuses day %s and creates no subscription', async (billingAnchorDay) => {
    const refusal = await refused('POST', '/api/subscriptions', { customerId, planId, startDate: '2026-11-27', billingAnchorDay });
    expect(refusal).toEqual({ code: 'VALIDATION_FAILED', fields: ['billingAnchorDay'] });
    expect((await get(`/api/subscriptions?customerId=${customerId}`)).total).toBe(0);
  });

  it('keeps day 28 as given', async () => {
    const res = await t.request('POST', '/api/subscriptions', { token: admin, body: { customerId, planId, startDate: '2026-11-27', billingAnchorDay: 28 } });
    expect(res.status).toBe(201);
    expect(res.body.billingAnchorDay).toBe(28);
  });
});

describe('plan price', () => {
  it.each([-150000, 1.5, -0.5])('refuses %s for a new plan and creates none', async (price) => {
    const refusal = await refused('POST', '/api/plans', { name: 'Bad price', downloadMbps: 10, uploadMbps: 5, price, cycleMonths: 1 });
    expect(refusal).toEqual({ code: 'VALIDATION_FAILED', fields: ['price'] });
    expect((await get('/api/plans?search=Bad')).total).toBe(0);
  });

  it.each([-150000, 1.5])('refuses %s on an edit and keeps Rp 166.500', async (price) => {
    await expect(refused('PUT', `/api/plans/${planId}`, { price })).resolves.toEqual({ code: 'VALIDATION_FAILED', fields: ['price'] });
    expect((await get(`/api/plans/${planId}`)).price).toBe(166500);
  });

  it.each([-150000, 2.5])('refuses a special price of %s on a subscription', async (priceOverride) => {
    const sub = (await get(`/api/subscriptions?customerId=${customerId}`)).items[0];
    const refusal = await refused('PUT', `/api/subscriptions/${sub.id}`, { priceOverride, overrideReason: 'Tetangga' });
    expect(refusal.fields).toEqual(['priceOverride']);
    expect((await get(`/api/subscriptions/${sub.id}`)).priceOverride).toBeNull();
  });
});

describe("the screens' backstop: the server's refusal read into the UI language", () => {
  let translate: Record<'id' | 'en', TFunction>;

  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
    translate = { id: i18n.getFixedT('id'), en: i18n.getFixedT('en') };
  });

  async function fieldErrors(method: string, path: string, body: Record<string, unknown>, language: 'id' | 'en') {
    const res = await t.request(method, path, { token: admin, body });
    const { error } = res.body as ErrorBody;
    return fromError(new AppError(error.code, error.message, error.details), translate[language]);
  }

  it.each([
    ['id', { taxRate: -5 }, 'Minimal 0'],
    ['id', { taxRate: 100.001 }, 'Maksimal 100'],
    ['id', { taxRate: 11.005 }, 'Maksimal 2 angka di belakang koma'],
    ['en', { taxRate: -5 }, 'Must be at least 0'],
    ['en', { taxRate: 11.005 }, 'At most 2 decimal places'],
    ['id', { graceDays: 1.5 }, 'Harus bilangan bulat, tanpa desimal'],
    ['id', { graceDays: 'tujuh' }, 'Isi dengan angka'],
  ] as const)('%s: settings %o gives "%s" beside the field, in no English of zod', async (language, body, message) => {
    const errors = await fieldErrors('PUT', '/api/settings', body, language);
    expect(errors.general).toBeNull();
    expect(errors.fields).toEqual({ [Object.keys(body)[0]!]: message });
  });

  it('reads the contract\'s own messages and big bounds in Indonesian (price, coordinates, anchor day)', async () => {
    const plan = await fieldErrors('POST', '/api/plans', { name: 'X', downloadMbps: 10, uploadMbps: 5, price: 2_000_000_000, cycleMonths: 1 }, 'id');
    expect(plan.fields).toEqual({ price: 'Maksimal 1.000.000.000' });
    const customer = await fieldErrors('POST', '/api/customers', { name: 'Siti', phone: '0812 1000 0002', latitude: 123, longitude: -200 }, 'id');
    expect(customer.fields).toEqual({ latitude: 'Antara -90 dan 90', longitude: 'Antara -180 dan 180' });
    const sub = await fieldErrors('POST', '/api/subscriptions', { customerId, planId, startDate: '2026-11-27', billingAnchorDay: 31 }, 'id');
    expect(sub.fields).toEqual({ billingAnchorDay: 'Tanggal 1 sampai 28, agar ada di setiap bulan' });
  });

  it.each([
    ['id', { latitude: -6.2, longitude: null }, { longitude: 'Isi lintang dan bujur, atau kosongkan keduanya' }],
    ['en', { latitude: null, longitude: 106.8 }, { latitude: 'Give both latitude and longitude, or neither' }],
    ['en', { latitude: 91, longitude: 106.8 }, { latitude: 'Between -90 and 90' }],
  ] as const)('%s: a device with coordinates %o is refused beside the field in that language', async (language, coordinates, fields) => {
    const device = { name: 'OLT Cibinong', type: 'olt', host: '127.0.0.1', location: '', parentId: null, subscriptionIds: [], monitored: false, echoCount: 1, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '' };
    const errors = await fieldErrors('POST', '/api/devices', { ...device, ...coordinates }, language);
    expect(errors.fields).toEqual(fields);
  });
});
