// What `nocman migrate` compares before it says done: per table the row count and the largest id, and every money
// column's total (integer Rupiah, compared exactly as decimal strings), on the SQLite snapshot and on the PostgreSQL
// copy inside the transaction that will commit it.
import type { Mismatch, MoneyTotal, SourceTable } from './types';

/** The money columns of the schema (integer Rupiah). A new money column is added here (a test checks the schema). */
export const MONEY_COLUMNS: Record<string, string[]> = {
  plan: ['price'],
  customer: ['credit_balance'],
  subscription: ['price_override'],
  invoice: ['subtotal', 'tax', 'total', 'amount_paid'],
  payment: ['amount', 'credited_amount'],
  payment_allocation: ['amount'],
  billing_adjustment: ['amount'],
};

/** Counts and totals of one table, every figure as an exact decimal string. */
export interface TableFigures {
  rows: string;
  maxId: string | null;
  sums: Record<string, string>;
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * One statement, the same SQL text on both engines: `CAST(… AS TEXT)` keeps counts and sums exact (no float, no
 * int8 parser), COALESCE makes the sum of an empty table 0 on both.
 */
export async function figuresOf(query: Query, table: string, idColumn: string | null): Promise<TableFigures> {
  const money = MONEY_COLUMNS[table] ?? [];
  const parts = ['CAST(COUNT(*) AS TEXT) AS "rows"'];
  if (idColumn) parts.push(`CAST(MAX("${idColumn}") AS TEXT) AS "maxId"`);
  money.forEach((column, i) => parts.push(`CAST(COALESCE(SUM("${column}"), 0) AS TEXT) AS "s${i}"`));
  const [row] = await query(`SELECT ${parts.join(', ')} FROM "${table}"`);
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    rows: text(row!['rows']) ?? '0',
    maxId: idColumn ? text(row!['maxId']) : null,
    sums: Object.fromEntries(money.map((column, i) => [column, text(row![`s${i}`]) ?? '0'])),
  };
}

/** The differences between the figures of each table on both sides. */
export function compareFigures(table: string, sqlite: TableFigures, postgres: TableFigures): Mismatch[] {
  const out: Mismatch[] = [];
  if (sqlite.rows !== postgres.rows) out.push({ what: `${table} rows`, sqlite: sqlite.rows, postgres: postgres.rows });
  if (sqlite.maxId !== postgres.maxId) out.push({ what: `${table} max id`, sqlite: sqlite.maxId ?? 'none', postgres: postgres.maxId ?? 'none' });
  for (const [column, total] of Object.entries(sqlite.sums)) {
    const other = postgres.sums[column] ?? 'missing';
    if (total !== other) out.push({ what: `${table}.${column} total`, sqlite: total, postgres: other });
  }
  return out;
}

/** The money totals of the source, for the summary. */
export function moneyTotals(figures: Map<string, TableFigures>): MoneyTotal[] {
  const out: MoneyTotal[] = [];
  for (const [table, columns] of Object.entries(MONEY_COLUMNS)) {
    for (const column of columns) {
      const total = figures.get(table)?.sums[column];
      if (total !== undefined) out.push({ column: `${table}.${column}`, total });
    }
  }
  return out;
}

/** The tables in an order where every table comes after the tables it references (a self-reference aside). */
export function dependencyOrder(tables: SourceTable[]): SourceTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: SourceTable[] = [];
  const visit = (table: SourceTable) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`the tables reference each other in a cycle through ${table.name}`);
    visiting.add(table.name);
    for (const ref of table.references) {
      const parent = byName.get(ref.table);
      if (parent && parent.name !== table.name) visit(parent);
    }
    visiting.delete(table.name);
    done.add(table.name);
    order.push(table);
  };
  for (const table of tables) visit(table);
  return order;
}
