// The one CSV writer of every export (customers, invoices, payments, bandwidth report): cells a spreadsheet would
// run as a formula are written as text.
import Papa from 'papaparse';

/**
 * Excel, LibreOffice and Google Sheets start a formula at = + - @ (and at their full-width and small forms, which
 * an IME types), also after leading spaces; some strip a leading tab or CR first. DDE payloads such as
 * `-1+cmd|' /C calc'!A0` start the same way.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B]/;
const CONTROL_START = /^[\t\r\n]/;

export type CsvCell = string | number | null | undefined;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) || CONTROL_START.test(text);
}

/**
 * A text cell a spreadsheet would run gets a leading apostrophe, the mark spreadsheets themselves use for "this is
 * text" (OWASP's advice). Phone numbers take the same path on purpose: `'+6281234567890` stays readable and stays
 * text, where a bare +6281234567890 would become the number 6.28123E+12 (or a formula). The importer drops the
 * apostrophe again, so an export can be edited and imported. Numbers (amounts, negative ones too) stay numbers.
 */
export function spreadsheetSafe(cell: CsvCell): string | number {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return cell;
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/** The exporter's apostrophe taken off again, for the importer: only where the exporter would have put it. */
export function fromSpreadsheetText(cell: string): string {
  return cell.startsWith("'") && isFormulaLike(cell.slice(1)) ? cell.slice(1) : cell;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return Papa.unparse({ fields: header.map((name) => String(spreadsheetSafe(name))), data: rows.map((row) => row.map(spreadsheetSafe)) }, { newline: '\r\n' });
}
