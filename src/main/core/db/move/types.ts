// The shapes shared by the two sides of `nocman migrate` (moving a site from its SQLite file to PostgreSQL).

export type Row = Record<string, unknown>;

/** A table of the SQLite site as the move sees it. */
export interface SourceTable {
  name: string;
  /** Columns in table order. */
  columns: string[];
  primaryKey: string[];
  withoutRowid: boolean;
  /** Foreign keys: this table's `column` references `table`.`to`. */
  references: { table: string; column: string; to: string }[];
  /** The largest id AUTOINCREMENT ever gave in this table (sqlite_sequence), 0 when none. */
  sequence: number;
}

/** The move will not start: the source or the target is not in a state to move (nothing was written anywhere). */
export class MoveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoveRefused';
  }
}

/** One difference the verification found between the SQLite file and the PostgreSQL copy. */
export interface Mismatch {
  /** `customer rows`, `invoice.total sum`, `payment max id`, `migrations`, … */
  what: string;
  sqlite: string;
  postgres: string;
}

/** The copy did not match the source: nothing was committed on the target (its schema stays, with no rows). */
export class MoveFailed extends Error {
  constructor(
    message: string,
    readonly mismatches: Mismatch[],
  ) {
    super(message);
    this.name = 'MoveFailed';
  }
}

export interface TableMoved {
  table: string;
  rows: number;
  seconds: number;
}

export interface MoneyTotal {
  /** `invoice.total` */
  column: string;
  /** Exact integer Rupiah as a decimal string (sums may pass 2^53 in principle). */
  total: string;
}

export interface MoveResult {
  tables: TableMoved[];
  rows: number;
  money: MoneyTotal[];
  /** Identity sequences set: table → the id the next row gets. */
  sequences: Record<string, number>;
  /** Seconds ANALYZE took after the COMMIT, or null when it failed (then `warnings` says why; the move still stands). */
  analyzeSeconds: number | null;
  /** What went wrong after the verified COMMIT and does not undo the move (a failed ANALYZE). */
  warnings: string[];
  seconds: number;
}
