// Schema 17: the customer search ('%fragment%' in name, code, phone, e-mail and address) through trigram indexes on
// PostgreSQL. Without them every search read all customers with six ILIKEs per row: 375-460 ms a search at 200,000
// customers (bench/pg-customers.ts), where the goal is < 100 ms. pg_trgm's GIN indexes serve `ILIKE '%…%'` (one
// bitmap index scan per column, OR-ed); the e-mail is indexed as text, since the citext column's own ILIKE is not an
// operator of the trigram index (customers/sql.ts searches CAST(email AS TEXT)). pg_trgm ships with Debian's
// PostgreSQL and is a trusted extension (PostgreSQL 13+), like citext in 0001.
// SQLite: nothing — its LIKE '%…%' cannot use an index (a full-text trigram table would be another design).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

const COLUMNS: [index: string, expression: string][] = [
  ['ix_customer_name_trgm', '"name"'],
  ['ix_customer_code_trgm', '"code"'],
  ['ix_customer_phone_trgm', '"phone"'],
  ['ix_customer_email_trgm', 'CAST("email" AS TEXT)'],
  ['ix_customer_address_trgm', '"address"'],
];

export class CustomerSearch1764201600017 implements MigrationInterface {
  name = 'CustomerSearch1764201600017';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner) !== 'postgres') return;
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    for (const [index, expression] of COLUMNS) {
      await queryRunner.query(`CREATE INDEX "${index}" ON "customer" USING gin ((${expression}) gin_trgm_ops) WHERE "deleted_at" IS NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner) !== 'postgres') return;
    for (const [index] of COLUMNS) await queryRunner.query(`DROP INDEX "${index}"`);
  }
}
