// Schema 19: the customer search on PostgreSQL reads ONE trigram index over one text — the searched columns joined by
// a separator nobody types — instead of the five per-column indexes of 0017, so that it is fast with PostgreSQL's
// default planner settings (0017 needed `random_page_cost = 1.1`). Measured at 200,000 customers (bench/pg-customers.ts
// and EXPLAIN ANALYZE on a seeded database, default settings), three things made the planner read every customer:
// - the OR of six bitmap index scans is costed as six scans, each with its GIN pending list (below);
// - GIN's pending list (fastupdate): rows inserted since the last vacuum sit in an unsorted list, up to 4 MB per index,
//   that every search reads whole and that the planner costs at random_page_cost a page — after a CSV import of
//   200,000 customers the five indexes held 1,280 such pages, costed above a sequential scan of the table. This index
//   keeps its list at 64 kB (the minimum, 8 pages): it is merged into the index that often, which cost about what the
//   five indexes cost to write (100,000 inserts in batches of 5,000: 11.3 s vs 10.5 s) — `fastupdate = off` would keep
//   no list at all but made the same inserts 3.5× slower (37 s), and a customer's every non-HOT update pays it;
// - estimates: the planner ignores the statistics of a PARTIAL index's expression, and without them it guessed 64 rows
//   for a street that 25,000 customers share, sorted all of them for a page instead of walking the primary key. So this
//   index is whole (soft-deleted customers are in it too; the search still filters them) and ANALYZE runs here, so
//   its expression has statistics from the start (autovacuum keeps them).
// Not lower(): pg_trgm folds case in its trigrams, so `ILIKE` (what the translator makes of `LIKE`) uses the index as
// is. The e-mail (citext) is read as TEXT, as in 0017; a NULL e-mail is '', so that it does not make the whole text NULL.
// SQLite: nothing, as in 0017 — its LIKE '%…%' cannot use an index.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/** Between two columns of the search text: U+001F (unit separator), which no one types into a search box. */
export const SEARCH_SEPARATOR = '\u001f';

/**
 * The customer's search text, as the index below holds it. customers/sql.ts searches this same expression (with the
 * table alias `c.`); PostgreSQL uses the index only for an identical expression, which tests/core/postgres.test.ts pins.
 */
export function customerSearchText(alias = ''): string {
  const sep = ' || chr(31) || ';
  return [`${alias}"name"`, `${alias}"code"`, `${alias}"phone"`, `COALESCE(CAST(${alias}"email" AS TEXT), '')`, `${alias}"address"`].join(sep);
}

const OLD_INDEXES: [index: string, expression: string][] = [
  ['ix_customer_name_trgm', '"name"'],
  ['ix_customer_code_trgm', '"code"'],
  ['ix_customer_phone_trgm', '"phone"'],
  ['ix_customer_email_trgm', 'CAST("email" AS TEXT)'],
  ['ix_customer_address_trgm', '"address"'],
];

export class CustomerSearchText1764201600019 implements MigrationInterface {
  name = 'CustomerSearchText1764201600019';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner) !== 'postgres') return;
    for (const [index] of OLD_INDEXES) await queryRunner.query(`DROP INDEX IF EXISTS "${index}"`);
    await queryRunner.query(`CREATE INDEX "ix_customer_search_trgm" ON "customer" USING gin ((${customerSearchText()}) gin_trgm_ops) WITH (gin_pending_list_limit = 64)`);
    await queryRunner.query('ANALYZE "customer"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner) !== 'postgres') return;
    await queryRunner.query('DROP INDEX "ix_customer_search_trgm"');
    for (const [index, expression] of OLD_INDEXES) {
      await queryRunner.query(`CREATE INDEX "${index}" ON "customer" USING gin ((${expression}) gin_trgm_ops) WHERE "deleted_at" IS NULL`);
    }
  }
}
