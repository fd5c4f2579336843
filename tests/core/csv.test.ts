// The shared CSV writer: which cells a spreadsheet would run, how they are written, and how the importer reads them back.
import { describe, expect, it } from 'vitest';
import { fromSpreadsheetText, spreadsheetSafe, toCsv } from '../../src/main/core/csv';
import { parseImport } from '../../src/main/core/customers/csv';

describe('spreadsheet-safe CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\tplain', "'\tplain"],
    [' =1', "' =1"],
    ['\u3000=1', "'\u3000=1"],
    ['＝1+1', "'＝1+1"],
    ['＋cmd', "'＋cmd"],
    ['－1', "'－1"],
    ['＠SUM(1)', "'＠SUM(1)"],
    ['+6281234567890', "'+6281234567890"],
    ['-5', "'-5"],
  ])('writes %j as text: %j', (cell, written) => expect(spreadsheetSafe(cell)).toBe(written));

  it.each([['Budi Santoso'], ['Jl. Sudirman 1 = pusat'], ['CUST-000001'], ['2026-11-27'], ['INV/2026/11/0001'], ["O'Brien"], ['']])(
    'leaves %j as it is',
    (cell) => expect(spreadsheetSafe(cell)).toBe(cell),
  );

  it('keeps numbers, negative ones too, as numbers', () => {
    expect(toCsv(['amount', 'note'], [[-150000, null], [166500, undefined]]).split('\r\n')).toEqual(['amount,note', '-150000,', '166500,']);
  });

  it('quotes a formula-like header too', () => {
    expect(toCsv(['=HYPERLINK("x")'], []).split('\r\n')[0]).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('reads back only the apostrophe it wrote', () => {
    expect(fromSpreadsheetText("'+6281234567890")).toBe('+6281234567890');
    expect(fromSpreadsheetText("'=1+1")).toBe('=1+1');
    expect(fromSpreadsheetText("'quoted text")).toBe("'quoted text");
  });

  it('imports an exported row again: the phone written as text is a phone', () => {
    const csv = toCsv(['name', 'phone', 'email', 'address', 'plan', 'startDate'], [['Budi', '+6281234567890', '', '=Jl. Uji', 'Home 20', '2026-11-01']]);
    const { rows, errors } = parseImport(csv);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ phone: '+6281234567890', address: '=Jl. Uji' });
  });
});
