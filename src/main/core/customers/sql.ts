// SQL of customer lists and exports: one WHERE builder for both, so the export matches the screen.
import { normalizePhone } from '../../../shared/phone';
import type { CustomerStatus } from '../../../shared/contract';
import type { Dialect } from '../db/dialect';
import { customerSearchText, SEARCH_SEPARATOR } from '../db/migrations/0019-customer-search-text';

export interface CustomerFilter {
  search?: string;
  status?: CustomerStatus;
  sort: 'code' | 'name' | 'status' | 'createdAt';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS: Record<CustomerFilter['sort'], string> = {
  code: 'c.id',
  name: 'c.name COLLATE NOCASE',
  status: 'c.status',
  createdAt: 'c.created_at',
};

export const CUSTOMER_COLUMNS = `c.id, c.code, c.name, c.phone, c.email, c.address, c.latitude, c.longitude, c.notes,
  c.status, c.credit_balance AS creditBalance, c.created_at AS createdAt, c.updated_at AS updatedAt`;

/** A value for LIKE with a backslash escape: its own % and _ match themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** 0812-3456 finds +6281234…: the search as the stored phone form, for `c.phone LIKE ?`; null when it is no phone. */
export function phoneLike(search: string): string | null {
  const phone = normalizePhone(search);
  const digits = search.replace(/\D/g, '');
  if (phone) return `%${phone.slice(1)}%`;
  if (digits.length >= 4 && digits.startsWith('0')) return `%62${digits.slice(1)}%`;
  return null;
}

/**
 * The WHERE of a customer list: not deleted, the status, and the search — a fragment of the name, code, phone, e-mail
 * or address (any case), or a phone number as people write it. Both engines find the same customers.
 */
export function customerWhere(filter: CustomerFilter, dialect: Dialect): { sql: string; params: unknown[] } {
  const where = ['c.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('c.status = ?');
    params.push(filter.status);
  }
  if (filter.search) {
    const search = dialect === 'postgres' && !filter.search.includes(SEARCH_SEPARATOR) ? searchText(filter.search) : searchColumns(filter.search);
    where.push(search.sql);
    params.push(...search.params);
  }
  return { sql: `WHERE ${where.join(' AND ')}`, params };
}

/**
 * SQLite: a LIKE per column, OR-ed (no index serves `%fragment%` there; a row stops at its first match). PostgreSQL
 * runs it too for a search that holds U+001F (nobody's, but it must not match across two columns): read in full.
 */
function searchColumns(search: string): { sql: string; params: unknown[] } {
  const like = `%${escapeLike(search)}%`;
  // The e-mail as TEXT: on PostgreSQL the column is citext.
  const terms = ['c.name', 'c.code', 'c.phone', 'CAST(c.email AS TEXT)', 'c.address'].map((col) => `${col} LIKE ? ESCAPE '\\'`);
  const params: unknown[] = [like, like, like, like, like];
  const phone = phoneLike(search);
  if (phone) {
    terms.push('c.phone LIKE ?');
    params.push(phone);
  }
  return { sql: `(${terms.join(' OR ')})`, params };
}

/**
 * PostgreSQL: one LIKE (ILIKE once translated) on the customer's search text, the columns joined by U+001F — the
 * expression of the one trigram index of migration 0019, so the planner costs one bitmap index scan, not an OR of six
 * (with PostgreSQL's default settings it chose to read every customer over those: 293–627 ms at 200,000 customers).
 * It finds exactly what the per-column OR finds: the fragment holds no U+001F (a search that does takes the OR above),
 * so it can only match inside one column. The phone form of the search must match the phone itself, so that term keeps
 * `c.phone LIKE` as its check, behind the index's.
 */
function searchText(search: string): { sql: string; params: unknown[] } {
  const text = customerSearchText('c.');
  const like = `%${escapeLike(search)}%`;
  const phone = phoneLike(search);
  if (!phone) return { sql: `(${text}) LIKE ? ESCAPE '\\'`, params: [like] };
  return { sql: `((${text}) LIKE ? ESCAPE '\\' OR ((${text}) LIKE ? AND c.phone LIKE ?))`, params: [like, phone, phone] };
}

export function customerOrder(filter: CustomerFilter): string {
  const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${SORT_COLUMNS[filter.sort]} ${direction}, c.id ${direction}`;
}
