// CSV in and out: customers with their plan and start date, as a spreadsheet saves them (comma or semicolon),
// with English or Indonesian headers; every problem is answered as a message key with the column as the file names it.
import Papa from 'papaparse';
import { customersOperations } from '../../../shared/contract';
import { isIsoDate } from '../../../shared/dates';
import { normalizePhone } from '../../../shared/phone';
import type { Language } from '../../../shared/contract';
import { message, SERVER_MESSAGES, type MessageParams, type MessageRef } from '../../../shared/i18n/messages';
import { fromSpreadsheetText } from '../csv';

/** The export's column headers per language: the catalog's, which the aliases below accept back. */
export const HEADERS: Record<Language, Record<CsvColumn, string>> = {
  id: SERVER_MESSAGES.id.customerCsv.header,
  en: SERVER_MESSAGES.en.customerCsv.header,
};

export const IMPORT_COLUMNS = ['name', 'phone', 'email', 'address', 'plan', 'startDate'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** Columns the export writes beyond the importable ones; read back and ignored. */
export const EXPORT_ONLY_COLUMNS = ['code', 'status'] as const;
export type CsvColumn = ImportColumn | (typeof EXPORT_ONLY_COLUMNS)[number];

/**
 * Header names accepted for each column, English and Bahasa Indonesia, compared without case, spaces, `_` and `-`
 * (so `Tanggal Mulai`, `tanggal_mulai` and `TANGGALMULAI` are one name). The export's headers in either language
 * (server/billing.*.ts `customerCsv.header`) are among them, so an export imports back.
 */
const ALIASES: Record<string, { column: CsvColumn; language: Language }> = {};
const alias = (language: Language, column: CsvColumn, ...names: string[]) => {
  for (const name of names) ALIASES[normalizeHeader(name)] = { column, language };
};
alias('en', 'name', 'name', 'customer');
alias('id', 'name', 'nama', 'pelanggan', 'nama pelanggan');
alias('en', 'phone', 'phone', 'whatsapp', 'wa');
alias('id', 'phone', 'telepon', 'telp', 'hp', 'no hp', 'nomor hp', 'no telepon', 'nomor telepon');
alias('en', 'email', 'email');
alias('id', 'email', 'surel');
alias('en', 'address', 'address');
alias('id', 'address', 'alamat');
alias('en', 'plan', 'plan');
alias('id', 'plan', 'paket', 'layanan', 'nama paket');
alias('en', 'startDate', 'startDate', 'start date', 'start');
alias('id', 'startDate', 'tanggal mulai', 'tgl mulai', 'mulai');
alias('en', 'code', 'code');
alias('id', 'code', 'kode');
alias('en', 'status', 'status');

function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

export interface ImportRow {
  row: number;
  name: string;
  phone: string;
  email: string | null;
  address: string;
  plan: string;
  startDate: string;
}

/**
 * One problem of the file: `field` is the column (`phone`, `plan`, …; the header itself for an unknown one),
 * `column` that column's name as the file's header writes it (`telepon`), `text` the message key for the reader.
 */
export interface ImportError {
  row: number;
  field: string;
  column: string;
  text: MessageRef;
}

/** The file's header names of the columns, and for a missing one its name in the language the file is written in. */
interface Header {
  names: Map<ImportColumn, string>;
  language: Language;
}

/** `2026-11-27`, `27/11/2026`, `27-11-2026` or `27.11.2026` (day first, as Indonesian spreadsheets write it). */
export function parseSheetDate(value: string): string | null {
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const emailCheck = customersOperations['customers.create'].input.shape.email;

const MAX_NAME = 120;

/** Parses and checks the shape of every row; database checks (plan, duplicates) come after. */
export function parseImport(csv: string): { rows: ImportRow[]; errors: ImportError[]; header: Header } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: '', skipEmptyLines: false });
  // A cell our export wrote as text (`'=…`, `'+62…`) reads back as it was.
  const records = parsed.data.map((cells) => cells.map(fromSpreadsheetText));
  const errors: ImportError[] = [];
  const titles = records[0] ?? [];
  const matched = titles.map((name) => ALIASES[normalizeHeader(name)]);
  const indonesian = matched.filter((m) => m?.language === 'id').length > matched.filter((m) => m?.language === 'en').length;
  const language: Language = indonesian ? 'id' : 'en';
  const expected = IMPORT_COLUMNS.map((column) => HEADERS[language][column]);
  const names = new Map<ImportColumn, string>(IMPORT_COLUMNS.map((column) => [column, HEADERS[language][column]]));
  titles.forEach((name, i) => {
    const found = matched[i];
    if (!found) {
      errors.push({ row: 1, field: name, column: name, text: message('importError.unknownColumn', { expected: expected.join(', ') }) });
    } else if (found.column !== 'code' && found.column !== 'status') names.set(found.column, name.trim());
  });
  const columns = matched.map((m) => m?.column);
  for (const required of ['name', 'phone', 'plan', 'startDate'] as const) {
    if (!columns.includes(required)) errors.push({ row: 1, field: required, column: names.get(required)!, text: message('importError.missingColumn', { column: names.get(required)! }) });
  }
  const header = { names, language };
  if (errors.length > 0) return { rows: [], errors, header };

  const rows: ImportRow[] = [];
  records.slice(1).forEach((cells, index) => {
    const row = index + 2; // as the spreadsheet numbers it: the header is row 1
    if (cells.every((cell) => cell.trim() === '')) return;
    const value = (column: ImportColumn) => {
      const i = columns.indexOf(column);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    const rowErrors: ImportError[] = [];
    const fail = (field: ImportColumn, key: string, params: MessageParams = {}) =>
      rowErrors.push({ row, field, column: names.get(field)!, text: message(`importError.${key}`, params) });
    const name = value('name');
    if (!name) fail('name', 'required');
    else if (name.length > MAX_NAME) fail('name', 'tooLong', { max: MAX_NAME });
    const phone = normalizePhone(value('phone'));
    if (!phone) {
      if (value('phone')) fail('phone', 'phone', { value: value('phone') });
      else fail('phone', 'required');
    }
    const email = emailCheck.safeParse(value('email'));
    if (!email.success) fail('email', 'email', { value: value('email') });
    const plan = value('plan');
    if (!plan) fail('plan', 'required');
    const startDate = parseSheetDate(value('startDate'));
    if (!startDate) {
      if (value('startDate')) fail('startDate', 'date', { value: value('startDate') });
      else fail('startDate', 'required');
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }
    rows.push({ row, name, phone: phone!, email: email.data ?? null, address: value('address'), plan, startDate: startDate! });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 2, field: 'name', column: names.get('name')!, text: message('importError.noRows') });
  return { rows, errors, header };
}

// Every export writes through the one shared writer; kept importable from here for existing callers.
export { toCsv } from '../csv';
