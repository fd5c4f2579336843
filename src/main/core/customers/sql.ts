// SQL of customer lists and exports: one WHERE builder for both, so the export matches the screen.
import { normalizePhone } from '../../../shared/phone';
import type { CustomerStatus } from '../../../shared/contract';

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

export function customerWhere(filter: CustomerFilter): { sql: string; params: unknown[] } {
  const where = ['c.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('c.status = ?');
    params.push(filter.status);
  }
  if (filter.search) {
    const like = `%${escapeLike(filter.search)}%`;
    // The e-mail as TEXT: on PostgreSQL the column is citext, whose ILIKE the trigram index (migration 0017) cannot
    // serve, and one unindexed term turns the whole OR into a scan of every customer. Same match on both engines.
    const terms = ['c.name', 'c.code', 'c.phone', 'CAST(c.email AS TEXT)', 'c.address'].map((col) => `${col} LIKE ? ESCAPE '\\'`);
    params.push(like, like, like, like, like);
    const phone = phoneLike(filter.search);
    if (phone) {
      terms.push('c.phone LIKE ?');
      params.push(phone);
    }
    where.push(`(${terms.join(' OR ')})`);
  }
  return { sql: `WHERE ${where.join(' AND ')}`, params };
}

export function customerOrder(filter: CustomerFilter): string {
  const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${SORT_COLUMNS[filter.sort]} ${direction}, c.id ${direction}`;
}
