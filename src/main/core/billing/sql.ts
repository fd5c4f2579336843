// Multi-row statements shared by the bulk writers (CSV import, invoice generation).
import type { EntityManager } from 'typeorm';

const CHUNK_ROWS = 150;

/** INSERTs `rows` in chunks of multi-row VALUES: thousands of rows without one statement each. */
export async function insertMany(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',');
    await em.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders}`, chunk.flat());
  }
}

export const HISTORY_COLUMNS = ['at', 'actor_id', 'actor_name', 'customer_id', 'entity', 'entity_id', 'kind', 'summary', 'changes', 'reason'];
export const AUDIT_COLUMNS = ['at', 'actor_id', 'actor_name', 'operation', 'entity', 'entity_id', 'changes'];
