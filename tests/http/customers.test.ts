// Customers, plans and subscriptions over a real port: the rules a billing clerk relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, type TestServer } from '../helpers';

let t: TestServer;
let admin: string;
let clerk: string;
let home20: number;
let home50: number;

beforeAll(async () => {
  t = await makeServer();
  const people = await staff(t.core);
  admin = await people.token('admin');
  clerk = await people.token('staff');
  // the fake clock stands at 2026-11-27 10:00 in Jakarta
  home20 = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 166500, cycleMonths: 1 } })).body.id;
  home50 = (await t.request('POST', '/api/plans', { token: admin, body: { name: 'Home 50', downloadMbps: 50, uploadMbps: 25, price: 277500, cycleMonths: 1 } })).body.id;
});
afterAll(() => t.close());

const newCustomer = (body: Record<string, unknown>) => t.request('POST', '/api/customers', { token: clerk, body });

describe('plans', () => {
  it('refuses a price with decimals and a cycle that is not 1, 3, 6 or 12', async () => {
    const res = await t.request('POST', '/api/plans', { token: admin, body: { name: 'Bad', downloadMbps: 10, uploadMbps: 5, price: 1000.5, cycleMonths: 2 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cycleMonths', 'price']);
  });

  it('refuses a second plan with the same name', async () => {
    const res = await t.request('POST', '/api/plans', { token: admin, body: { name: 'home 20', downloadMbps: 20, uploadMbps: 10, price: 1, cycleMonths: 1 } });
    expect(res.status).toBe(409);
  });
});

describe('customers', () => {
  it('creates a pending customer with a generated code and an international phone', async () => {
    const res = await newCustomer({ name: 'Budi Santoso', phone: '0812-1000-0001', email: 'Budi@Mail.test', address: 'Jl. Melati 1, Bekasi' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: expect.stringMatching(/^CUST-\d{6}$/), status: 'pending', phone: '+6281210000001', email: 'budi@mail.test' });
  });

  it('answers CONFLICT naming the field for a duplicate phone or email', async () => {
    const phone = await newCustomer({ name: 'Other', phone: '+62 812 1000 0001' });
    expect(phone.status).toBe(409);
    expect(phone.body.error.details.fields[0].field).toBe('phone');
    const email = await newCustomer({ name: 'Other', phone: '0812-1000-0999', email: 'BUDI@mail.test' });
    expect(email.status).toBe(409);
    expect(email.body.error.details.fields[0].field).toBe('email');
  });

  it('refuses a bad phone, a latitude off the globe and unknown fields, naming each', async () => {
    const res = await newCustomer({ name: 'X', phone: '12', latitude: 120, vip: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['latitude', 'phone', 'vip']);
  });

  it('finds a customer by the phone as people type it, by code, by address and by e-mail in any case', async () => {
    const created = (await newCustomer({ name: 'Siti Aminah', phone: '0813 2000 0002', address: 'Perum Griya Asri Blok C2', email: 'Siti.Aminah@Griya.test' })).body;
    for (const search of ['0813-2000', created.code, 'griya asri', 'aminah', 'ti.amINAH@griya']) {
      const res = await t.request('GET', `/api/customers?search=${encodeURIComponent(search)}`, { token: clerk });
      expect(res.body.items.map((c: { id: number }) => c.id), search).toContain(created.id);
    }
  });

  it('finds a fragment inside one field only: not across two fields, not a phone number written in the address', async () => {
    // On PostgreSQL the search reads one text of all the fields (migration 0019); it must find what SQLite's per-field
    // LIKEs find, on both engines.
    const created = (await newCustomer({ name: 'Dewi Lestari', phone: '0813 2000 0003', address: 'Ruko 6281300009999 Blok D', email: 'dewi@toko.test' })).body;
    const found = async (search: string) =>
      (await t.request('GET', `/api/customers?search=${encodeURIComponent(search)}`, { token: clerk })).body.items.some((c: { id: number }) => c.id === created.id);
    expect(await found('lestari')).toBe(true);
    expect(await found('0813-2000-0003')).toBe(true); // the phone as people write it, matched against the stored +62 form
    expect(await found('6281300009999')).toBe(true); // digits that are in the address
    expect(await found(`Lestari${created.code}`)).toBe(false); // the end of the name and the code
    expect(await found(`Lestari\u001f${created.code}`)).toBe(false); // …also with the separator between them
    expect(await found(`${created.code}+6281320000003`)).toBe(false);
    expect(await found('0813 0000 9999')).toBe(false); // its phone form (+6281300009999) is in the address, not the phone
    expect(await found('dewi%toko')).toBe(false); // % and _ are letters in a search
    expect(await found('dewi@toko')).toBe(true);
  });

  it('gives every page the rows of the whole ordered list, also the back half (read from the other end)', async () => {
    for (const [i, name] of ['andi', 'Andi', 'ANDI', 'Bayu', 'bayu', 'Citra', 'Rudi'].entries()) {
      expect((await newCustomer({ name, phone: `0813 4000 ${String(i).padStart(4, '0')}` })).status).toBe(201);
    }
    for (const sort of ['name', 'code', 'status', 'createdAt']) {
      for (const order of ['asc', 'desc']) {
        const ids = async (query: string) => (await t.request('GET', `/api/customers?sort=${sort}&order=${order}&${query}`, { token: clerk })).body.items.map((c: { id: number }) => c.id);
        const whole: number[] = await ids('pageSize=200');
        expect(whole.length).toBeGreaterThan(9);
        const paged: number[] = [];
        for (let page = 1; page <= Math.ceil(whole.length / 4); page++) paged.push(...(await ids(`pageSize=4&page=${page}`)));
        expect(paged, `${sort} ${order}`).toEqual(whole);
        expect(await ids(`pageSize=4&page=${Math.ceil(whole.length / 4) + 1}`)).toEqual([]);
        const search: number[] = await ids('pageSize=200&search=andi');
        expect(search).toHaveLength(3);
        expect([...(await ids('pageSize=2&page=1&search=andi')), ...(await ids('pageSize=2&page=2&search=andi'))]).toEqual(search);
      }
    }
  });

  it('pages, sorts and filters, and caps the page size at 200', async () => {
    const page = await t.request('GET', '/api/customers?sort=name&order=desc&pageSize=1&page=1', { token: clerk });
    expect(page.body).toMatchObject({ page: 1, pageSize: 1, total: expect.any(Number) });
    expect(page.body.items[0].name).toBe('Siti Aminah');
    const pending = await t.request('GET', '/api/customers?status=pending', { token: clerk });
    expect(pending.body.items.every((c: { status: string }) => c.status === 'pending')).toBe(true);
    expect((await t.request('GET', '/api/customers?pageSize=500', { token: clerk })).status).toBe(400);
  });

  it('records who changed which fields, from what to what', async () => {
    const c = (await newCustomer({ name: 'Agus', phone: '0814 3000 0003' })).body;
    await t.request('PUT', `/api/customers/${c.id}`, { token: clerk, body: { address: 'Jl. Kenanga 9', name: 'Agus Salim' } });
    const history = await t.request('GET', `/api/customers/${c.id}/history`, { token: admin });
    expect(history.body.total).toBe(2);
    expect(history.body.items[0]).toMatchObject({
      kind: 'customer.updated',
      actor: 'Sari Staff',
      changes: { name: { from: 'Agus', to: 'Agus Salim' }, address: { from: '', to: 'Jl. Kenanga 9' } },
    });
    expect(history.body.items[1].kind).toBe('customer.created');
  });
});

describe('subscriptions and the customer lifecycle', () => {
  let customer: { id: number; code: string };
  let subscription: { id: number };

  it('starting the first subscription makes the customer active, with history', async () => {
    customer = (await newCustomer({ name: 'Dewi Lestari', phone: '0815 4000 0004' })).body;
    const res = await t.request('POST', '/api/subscriptions', {
      token: clerk,
      body: { customerId: customer.id, planId: home20, startDate: '2026-11-15', billingAnchorDay: 1, serviceNote: 'ONU ZTE F609 @ ODP-12, 10.20.3.44' },
    });
    expect(res.status).toBe(201);
    subscription = res.body;
    expect(res.body).toMatchObject({ status: 'active', currentPeriodStart: '2026-11-15', currentPeriodEnd: '2026-11-30', price: 166500, planName: 'Home 20', customerCode: customer.code });
    expect((await t.request('GET', `/api/customers/${customer.id}`, { token: clerk })).body.status).toBe('active');
    const kinds = (await t.request('GET', `/api/customers/${customer.id}/history`, { token: clerk })).body.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(['customer.status', 'subscription.created', 'customer.created']);
  });

  it('a price override needs a reason', async () => {
    const res = await t.request('PUT', `/api/subscriptions/${subscription.id}`, { token: clerk, body: { priceOverride: 150000 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('overrideReason');
    const ok = await t.request('PUT', `/api/subscriptions/${subscription.id}`, { token: clerk, body: { priceOverride: 150000, overrideReason: 'RT/RW community discount' } });
    expect(ok.body).toMatchObject({ price: 150000, priceOverride: 150000 });
  });

  it('a plan change is recorded with its effective date', async () => {
    const res = await t.request('PUT', `/api/subscriptions/${subscription.id}`, { token: clerk, body: { planId: home50 } });
    expect(res.body.planName).toBe('Home 50');
    const latest = (await t.request('GET', `/api/customers/${customer.id}/history`, { token: clerk })).body.items[0];
    expect(latest).toMatchObject({ kind: 'subscription.planChanged', changes: { planName: { from: 'Home 20', to: 'Home 50' }, effectiveDate: { to: '2026-11-27' } } });
  });

  it('a plan in use cannot be deleted but can be deactivated, and is then not offered', async () => {
    expect((await t.request('DELETE', `/api/plans/${home50}`, { token: admin })).status).toBe(409);
    const off = await t.request('PUT', `/api/plans/${home50}`, { token: admin, body: { active: false } });
    expect(off.body.active).toBe(false);
    const other = (await newCustomer({ name: 'Rina', phone: '0816 5000 0005' })).body;
    const res = await t.request('POST', '/api/subscriptions', { token: clerk, body: { customerId: other.id, planId: home50, startDate: '2026-11-27' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('planId');
    await t.request('PUT', `/api/plans/${home50}`, { token: admin, body: { active: true } });
  });

  it('refuses a status change the machine does not allow, and one without a reason', async () => {
    const bad = await t.request('PUT', `/api/customers/${customer.id}/status`, { token: clerk, body: { status: 'pending', reason: 'oops' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('status');
    const noReason = await t.request('PUT', `/api/customers/${customer.id}/status`, { token: clerk, body: { status: 'suspended', reason: '' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].field).toBe('reason');
  });

  it('suspending the customer suspends its subscriptions; resuming brings them back', async () => {
    const res = await t.request('PUT', `/api/customers/${customer.id}/status`, { token: clerk, body: { status: 'suspended', reason: 'Unpaid since October' } });
    expect(res.body.status).toBe('suspended');
    expect((await t.request('GET', `/api/subscriptions/${subscription.id}`, { token: clerk })).body.status).toBe('suspended');
    const entry = (await t.request('GET', `/api/customers/${customer.id}/history`, { token: clerk })).body.items[0];
    expect(entry).toMatchObject({ kind: 'subscription.status', reason: 'Unpaid since October' });
    await t.request('PUT', `/api/customers/${customer.id}/status`, { token: clerk, body: { status: 'active', reason: 'Paid in full' } });
    expect((await t.request('GET', `/api/subscriptions/${subscription.id}`, { token: clerk })).body.status).toBe('active');
  });

  it('a customer with an open subscription cannot be deleted; a terminated one is soft-deleted', async () => {
    expect((await t.request('DELETE', `/api/customers/${customer.id}`, { token: admin })).status).toBe(409);
    await t.request('PUT', `/api/customers/${customer.id}/status`, { token: clerk, body: { status: 'terminated', reason: 'Moved to Surabaya' } });
    expect((await t.request('GET', `/api/subscriptions/${subscription.id}`, { token: clerk })).body.status).toBe('cancelled');
    expect((await t.request('DELETE', `/api/customers/${customer.id}`, { token: clerk })).status).toBe(403);
    expect((await t.request('DELETE', `/api/customers/${customer.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/customers/${customer.id}`, { token: clerk })).status).toBe(404);
    const list = await t.request('GET', `/api/customers?search=${customer.code}`, { token: clerk });
    expect(list.body.total).toBe(0);
    const history = await t.request('GET', `/api/customers/${customer.id}/history`, { token: admin });
    expect(history.body.items[0].kind).toBe('customer.deleted');
    expect(history.body.total).toBeGreaterThan(5);
  });

  it('never reuses a code, and a deleted customer frees its phone', async () => {
    const again = await newCustomer({ name: 'Dewi Lestari', phone: '0815 4000 0004' });
    expect(again.status).toBe(201);
    expect(again.body.code > customer.code).toBe(true);
  });

  it('lists non-renewing subscriptions that end within N days', async () => {
    const c = (await newCustomer({ name: 'Yusuf', phone: '0817 6000 0006' })).body;
    const sub = (await t.request('POST', '/api/subscriptions', { token: clerk, body: { customerId: c.id, planId: home20, startDate: '2026-11-05', autoRenew: false } })).body;
    expect(sub.currentPeriodEnd).toBe('2026-12-04');
    const within7 = await t.request('GET', '/api/subscriptions?expiringWithinDays=7', { token: clerk });
    expect(within7.body.items.map((s: { id: number }) => s.id)).toContain(sub.id);
    const within3 = await t.request('GET', '/api/subscriptions?expiringWithinDays=3', { token: clerk });
    expect(within3.body.items.map((s: { id: number }) => s.id)).not.toContain(sub.id);
    const mine = await t.request('GET', `/api/subscriptions?customerId=${c.id}`, { token: await t.core.auth.sessionFor((await t.core.users.findByEmail('tech@isp.test'))!).token });
    expect(mine.body.total).toBe(1);
  });
});

describe('CSV', () => {
  it('a file with bad rows imports nothing and reports every bad row', async () => {
    const csv = [
      'name;phone;email;address;plan;startDate',
      'Ok One;0821 0000 0001;;Jl. A;Home 20;01/11/2026',
      'No Plan;0821 0000 0002;;Jl. B;Gamer 1000;01/11/2026',
      'Dup Phone;0821-0000-0001;;Jl. C;Home 20;2026-11-01',
      'Bad Date;0821 0000 0004;;Jl. D;Home 20;2026-02-30',
      'Existing;0812 1000 0001;;Jl. E;Home 20;2026-11-01',
    ].join('\n');
    const before = (await t.request('GET', '/api/customers', { token: clerk })).body.total;
    for (const dryRun of [true, false]) {
      const res = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv, dryRun } });
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(0);
      expect(res.body.rows).toBe(5);
      expect(res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:plan', '4:phone', '5:startDate', '6:phone']);
      expect(res.body.errors[1]).toEqual({ row: 4, field: 'phone', column: 'phone', text: { key: 'importError.samePhone', params: { row: 2 } }, message: 'Telepon sama dengan baris 2' });
    }
    expect((await t.request('GET', '/api/customers', { token: clerk })).body.total).toBe(before);
  });

  it('a clean file imports every customer with a subscription, in one go', async () => {
    const csv = 'name,phone,email,address,plan,startDate\r\nImam,0822 0000 0001,imam@mail.test,Jl. F,Home 20,2026-11-01\r\nJoko,0822 0000 0002,,Jl. G,home 50,2026-12-01\r\n';
    const dry = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv, dryRun: true } });
    expect(dry.body).toEqual({ imported: 0, rows: 2, errors: [] });
    const res = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv, dryRun: false } });
    expect(res.body).toEqual({ imported: 2, rows: 2, errors: [] });
    const imam = (await t.request('GET', '/api/customers?search=imam', { token: clerk })).body.items[0];
    expect(imam).toMatchObject({ status: 'active', phone: '+6282200000001' });
    const joko = (await t.request('GET', '/api/customers?search=joko', { token: clerk })).body.items[0];
    expect(joko.status).toBe('pending');
    const subs = await t.request('GET', `/api/subscriptions?customerId=${imam.id}`, { token: clerk });
    expect(subs.body.items[0]).toMatchObject({ planName: 'Home 20', currentPeriodStart: '2026-11-01', currentPeriodEnd: '2026-11-30' });
    const history = await t.request('GET', `/api/customers/${imam.id}/history`, { token: clerk });
    expect(history.body.items.map((i: { kind: string }) => i.kind)).toEqual(['subscription.created', 'customer.created']);
    const again = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv, dryRun: false } });
    expect(again.body.imported).toBe(0);
    expect(again.body.errors).toHaveLength(3);
  });

  it('exports the filtered list as CSV with plan and start date', async () => {
    const res = await fetch(`${t.url}/api/customers/export?search=imam&lang=en`, { headers: { Authorization: `Bearer ${clerk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('name,phone,email,address,plan,startDate,code,status');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Imam,'\+6282200000001,imam@mail\.test,Jl\. F,Home 20,2026-11-01,CUST-\d{6},Active$/);
  });

  it('exports in Indonesian by default on an Indonesian site, and that file imports back (round trip)', async () => {
    const res = await fetch(`${t.url}/api/customers/export?search=joko`, { headers: { Authorization: `Bearer ${clerk}` } });
    const csv = await res.text();
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('nama,telepon,email,alamat,paket,tanggal mulai,kode,status');
    expect(row).toMatch(/^Joko,'\+6282200000002,,Jl\. G,Home 50,2026-12-01,CUST-\d{6},Menunggu$/);
    // The same customers again are refused as duplicates, named by the file's own columns, in the UI's language.
    const again = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv, dryRun: true } });
    expect(again.body.errors).toEqual([
      { row: 2, field: 'phone', column: 'telepon', text: { key: 'importError.taken', params: {} }, message: 'Sudah dipakai pelanggan yang ada' },
    ]);
    // Edited to a new person, it imports.
    const edited = csv.replace('Joko', 'Joko Baru').replace("'+6282200000002", '0822 0000 0099');
    const imported = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv: edited, dryRun: false } });
    expect(imported.body).toEqual({ imported: 1, rows: 1, errors: [] });
  });

  it('accepts Indonesian headers in any case and spacing, and names each problem by the column as the file writes it', async () => {
    const csv = [
      'Nama;TELEPON;Email;alamat;Paket;Tanggal_Mulai',
      'Ketut;0823 0000 0001;;Jl. H;Home 20;01/12/2026',
      'Made;12;;Jl. I;Tidak Ada;31/02/2026',
    ].join('\n');
    const res = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv, dryRun: true } });
    expect(res.body.errors.map((e: { row: number; column: string; text: { key: string } }) => [e.row, e.column, e.text.key])).toEqual([
      [3, 'TELEPON', 'importError.phone'],
      [3, 'Tanggal_Mulai', 'importError.date'],
    ]);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual(['Nomor telepon tidak valid: 12', 'Bukan tanggal (YYYY-MM-DD atau DD/MM/YYYY): 31/02/2026']);
    const missing = await t.request('POST', '/api/customers/import', { token: clerk, body: { csv: 'nama,telepon,alamat\nA,0823 0000 0002,Jl. J', dryRun: true } });
    expect(missing.body.errors.map((e: { column: string; message: string }) => [e.column, e.message])).toEqual([
      ['paket', 'Kolom "paket" tidak ada di berkas'],
      ['tanggal mulai', 'Kolom "tanggal mulai" tidak ada di berkas'],
    ]);
  });
});
