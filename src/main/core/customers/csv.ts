// CSV in and out: customers with their plan and start date, as a spreadsheet saves them (comma or semicolon).
import Papa from 'papaparse';
import { customersOperations } from '../../../shared/contract';
import { isIsoDate } from '../../../shared/dates';
import { normalizePhone } from '../../../shared/phone';
import { fromSpreadsheetText } from '../csv';

export const IMPORT_COLUMNS = ['name', 'phone', 'email', 'address', 'plan', 'startDate'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header names accepted for each column, in English and Bahasa Indonesia, compared without case and spaces. */
const ALIASES: Record<string, ImportColumn | 'ignored'> = {
  name: 'name', nama: 'name', customer: 'name', pelanggan: 'name',
  phone: 'phone', telepon: 'phone', telp: 'phone', hp: 'phone', nohp: 'phone', whatsapp: 'phone', wa: 'phone',
  email: 'email', surel: 'email',
  address: 'address', alamat: 'address',
  plan: 'plan', paket: 'plan', layanan: 'plan',
  startdate: 'startDate', start: 'startDate', tanggalmulai: 'startDate', mulai: 'startDate', tglmulai: 'startDate',
  // columns our own export adds: read and ignored, so an export can be edited and imported elsewhere
  code: 'ignored', kode: 'ignored', status: 'ignored',
};

export interface ImportRow {
  row: number;
  name: string;
  phone: string;
  email: string | null;
  address: string;
  plan: string;
  startDate: string;
}

export interface ImportError {
  row: number;
  field: string;
  message: string;
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

/** Parses and checks the shape of every row; database checks (plan, duplicates) come after. */
export function parseImport(csv: string): { rows: ImportRow[]; errors: ImportError[] } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: '', skipEmptyLines: false });
  // A cell our export wrote as text (`'=…`, `'+62…`) reads back as it was.
  const records = parsed.data.map((cells) => cells.map(fromSpreadsheetText));
  const errors: ImportError[] = [];
  const header = records[0] ?? [];
  const columns = header.map((name) => ALIASES[name.toLowerCase().replace(/[\s_-]/g, '')]);
  header.forEach((name, i) => {
    if (!columns[i]) errors.push({ row: 1, field: name || `column ${i + 1}`, message: `Unknown column; expected ${IMPORT_COLUMNS.join(', ')}` });
  });
  for (const required of ['name', 'phone', 'plan', 'startDate'] as const) {
    if (!columns.includes(required)) errors.push({ row: 1, field: required, message: 'Missing column' });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: ImportRow[] = [];
  records.slice(1).forEach((cells, index) => {
    const row = index + 2; // as the spreadsheet numbers it: the header is row 1
    if (cells.every((cell) => cell.trim() === '')) return;
    const value = (column: ImportColumn) => {
      const i = columns.indexOf(column);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    const rowErrors: ImportError[] = [];
    const name = value('name');
    if (!name) rowErrors.push({ row, field: 'name', message: 'Required' });
    else if (name.length > 120) rowErrors.push({ row, field: 'name', message: 'At most 120 characters' });
    const phone = normalizePhone(value('phone'));
    if (!phone) rowErrors.push({ row, field: 'phone', message: value('phone') ? `Not a valid phone number: ${value('phone')}` : 'Required' });
    const email = emailCheck.safeParse(value('email'));
    if (!email.success) rowErrors.push({ row, field: 'email', message: `Not a valid email address: ${value('email')}` });
    const plan = value('plan');
    if (!plan) rowErrors.push({ row, field: 'plan', message: 'Required' });
    const startDate = parseSheetDate(value('startDate'));
    if (!startDate) rowErrors.push({ row, field: 'startDate', message: `Not a date (YYYY-MM-DD or DD/MM/YYYY): ${value('startDate')}` });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }
    rows.push({ row, name, phone: phone!, email: email.data ?? null, address: value('address'), plan, startDate: startDate! });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 2, field: 'name', message: 'The file has no customer rows' });
  return { rows, errors };
}

// Every export writes through the one shared writer; kept importable from here for existing callers.
export { toCsv } from '../csv';
