// Table tests of the pure rules: phone numbers, billing periods, sheet dates, CSV cells, money.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_TRANSITIONS, CUSTOMER_STATUSES, SUBSCRIPTION_TRANSITIONS } from '../../src/shared/contract';
import { formatRupiah, roundRupiah } from '../../src/shared/money';
import { normalizePhone } from '../../src/shared/phone';
import { parseImport, parseSheetDate, toCsv } from '../../src/main/core/customers/csv';
import { defaultAnchorDay, firstPeriod, nextPeriod } from '../../src/main/core/subscriptions/periods';

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['(021) 555-1234', '+62215551234'],
    ['6281234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['+65 6123 4567', '+6561234567'],
  ])('%s → %s', (raw, phone) => expect(normalizePhone(raw)).toBe(phone));

  it.each(['', 'abc', '12345', '0812', '+620812345678', '0812345678901234567', '1-800-FLOWERS'])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('billing periods', () => {
  it.each([
    // start, anchor, cycle, first period end
    ['2026-11-01', 1, 1, '2026-11-30'],
    ['2026-11-15', 15, 1, '2026-12-14'],
    ['2026-11-15', 1, 1, '2026-11-30'],
    ['2026-11-15', 20, 1, '2026-11-19'],
    ['2026-01-31', 1, 1, '2026-01-31'],
    ['2026-12-20', 5, 1, '2027-01-04'],
    ['2026-11-01', 1, 3, '2027-01-31'],
    ['2026-11-10', 1, 12, '2026-11-30'],
    ['2028-02-28', 28, 1, '2028-03-27'],
  ])('a start on %s with anchor %i and a %i-month cycle ends its first period on %s', (start, anchor, cycle, end) => {
    expect(firstPeriod(start, anchor, cycle)).toEqual({ start, end });
  });

  it.each([
    ['2026-11-30', 1, { start: '2026-12-01', end: '2026-12-31' }],
    ['2026-12-14', 1, { start: '2026-12-15', end: '2027-01-14' }],
    ['2027-01-31', 3, { start: '2027-02-01', end: '2027-04-30' }],
    ['2027-01-27', 1, { start: '2027-01-28', end: '2027-02-27' }],
  ])('after a period ending %s comes a %i-month period %o', (end, cycle, next) => {
    expect(nextPeriod(end, cycle)).toEqual(next);
  });

  it.each([
    ['2026-11-15', 15],
    ['2026-11-28', 28],
    ['2026-11-29', 1],
    ['2026-12-31', 1],
  ])('the default anchor day of a start on %s is %i', (start, day) => expect(defaultAnchorDay(start)).toBe(day));
});

describe('status machines', () => {
  it('lets a customer go pending → active → suspended → active → terminated → pending, and nothing else odd', () => {
    expect(CUSTOMER_TRANSITIONS.pending).toContain('active');
    expect(CUSTOMER_TRANSITIONS.active).toContain('suspended');
    expect(CUSTOMER_TRANSITIONS.suspended).toContain('active');
    expect(CUSTOMER_TRANSITIONS.terminated).toEqual(['pending']);
    expect(CUSTOMER_TRANSITIONS.pending).not.toContain('suspended');
    for (const status of CUSTOMER_STATUSES) expect(CUSTOMER_TRANSITIONS[status]).not.toContain(status);
  });

  it('never lets a cancelled subscription come back', () => {
    expect(SUBSCRIPTION_TRANSITIONS.cancelled).toEqual([]);
    expect(SUBSCRIPTION_TRANSITIONS.expired).not.toContain('active');
  });
});

describe('spreadsheet input', () => {
  it.each([
    ['2026-11-27', '2026-11-27'],
    ['27/11/2026', '2026-11-27'],
    ['7/1/2026', '2026-01-07'],
    ['27-11-2026', '2026-11-27'],
    ['27.11.2026', '2026-11-27'],
    ['31/02/2026', null],
    ['11/27/2026', null],
    ['2026-13-01', null],
    ['tomorrow', null],
  ])('reads the date %s as %s', (raw, iso) => expect(parseSheetDate(raw)).toBe(iso));

  it('reads a semicolon file with Indonesian headers and a BOM, numbering rows as the sheet does', () => {
    const csv = '\uFEFFNama;No HP;Email;Alamat;Paket;Tanggal Mulai\r\nBudi;0812-1111-2222;;Jl. Melati 1;Home 20;01/11/2026\r\n;;;;;\r\nSiti;0813 3333 4444;siti@mail.test;Jl. Mawar 2;home 20;2026-11-15\r\n';
    const { rows, errors } = parseImport(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.name, r.phone, r.email, r.startDate])).toEqual([
      [2, 'Budi', '+6281211112222', null, '2026-11-01'],
      [4, 'Siti', '+6281333334444', 'siti@mail.test', '2026-11-15'],
    ]);
  });

  it('reports every bad field of every bad row', () => {
    const csv = 'name,phone,email,address,plan,startDate\n,0812,not-mail,,Home 20,2026-02-30\nAni,08123456789,,,,\n';
    const { errors } = parseImport(csv);
    expect(errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:name', '2:phone', '2:email', '2:startDate', '3:plan', '3:startDate']);
  });

  it('refuses unknown and missing columns on row 1', () => {
    const { errors } = parseImport('name,telefon,plan\nA,0812345678,X\n');
    expect(errors).toEqual([
      expect.objectContaining({ row: 1, field: 'telefon', column: 'telefon', text: expect.objectContaining({ key: 'importError.unknownColumn' }) }),
      expect.objectContaining({ row: 1, field: 'phone', text: { key: 'importError.missingColumn', params: { column: 'phone' } } }),
      expect.objectContaining({ row: 1, field: 'startDate', text: { key: 'importError.missingColumn', params: { column: 'startDate' } } }),
    ]);
  });

  it('defuses spreadsheet formulas in exported cells and keeps phone numbers as text', () => {
    const csv = toCsv(['name', 'phone'], [['=HYPERLINK("x")', '+6281234567890'], ['@SUM(A1)', null]]);
    expect(csv.split('\r\n')).toEqual(['name,phone', '"\'=HYPERLINK(""x"")",\'+6281234567890', "'@SUM(A1),"]);
  });
});

describe('money', () => {
  it.each([
    [150000, 'Rp 150.000'],
    [0, 'Rp 0'],
    [1500000000, 'Rp 1.500.000.000'],
    [-25000, '-Rp 25.000'],
  ])('formats %i as %s', (value, text) => expect(formatRupiah(value)).toBe(text));

  it.each([
    [16500.5, 16501],
    [16500.49, 16500],
    [-0.5, -1],
    [0.4, 0],
  ])('rounds %d half away from zero to %i', (value, rounded) => expect(roundRupiah(value)).toBe(rounded));
});
