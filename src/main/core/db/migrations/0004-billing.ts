// Schema 4: invoices (unique per subscription and period), payments (reference unique per method),
// customer credit, pending plan-change adjustments, and the billing jobs' last runs.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Billing1764201600004 implements MigrationInterface {
  name = 'Billing1764201600004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "customer" ADD COLUMN "credit_balance" INTEGER NOT NULL DEFAULT 0 CHECK ("credit_balance" >= 0)`);
    // Set when a suspended subscription resumes: periods that ended before it are not billed afterwards.
    await run(`ALTER TABLE "subscription" ADD COLUMN "billing_resumed_on" TEXT`);
    await run(`
      CREATE TABLE "invoice" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "number" TEXT NOT NULL UNIQUE,
        "customer_id" INTEGER NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
        "subscription_id" INTEGER NOT NULL REFERENCES "subscription" ("id") ON DELETE RESTRICT,
        "period_start" TEXT NOT NULL,
        "period_end" TEXT NOT NULL,
        "issue_date" TEXT NOT NULL,
        "due_date" TEXT NOT NULL,
        "lines" TEXT NOT NULL,
        "subtotal" INTEGER NOT NULL CHECK ("subtotal" >= 0),
        "tax_rate" REAL NOT NULL,
        "tax" INTEGER NOT NULL CHECK ("tax" >= 0),
        "total" INTEGER NOT NULL CHECK ("total" >= 0),
        "amount_paid" INTEGER NOT NULL DEFAULT 0 CHECK ("amount_paid" >= 0),
        "status" TEXT NOT NULL CHECK ("status" IN ('unpaid','partial','paid','overdue','void')),
        "void_reason" TEXT,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        CHECK ("amount_paid" <= "total")
      )`);
    // Never two invoices for the same period of a subscription, whatever reruns or crashes.
    await run(`CREATE UNIQUE INDEX "ux_invoice_period" ON "invoice" ("subscription_id", "period_start")`);
    await run(`CREATE INDEX "ix_invoice_customer" ON "invoice" ("customer_id", "issue_date")`);
    await run(`CREATE INDEX "ix_invoice_status_due" ON "invoice" ("status", "due_date")`);
    await run(`CREATE INDEX "ix_invoice_issue" ON "invoice" ("issue_date", "id")`);
    await run(`
      CREATE TABLE "payment" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "invoice_id" INTEGER NOT NULL REFERENCES "invoice" ("id") ON DELETE RESTRICT,
        "customer_id" INTEGER NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
        "amount" INTEGER NOT NULL CHECK ("amount" > 0),
        "method" TEXT NOT NULL CHECK ("method" IN ('cash','bank_transfer','ewallet','other')),
        "reference" TEXT,
        "note" TEXT NOT NULL DEFAULT '',
        "status" TEXT NOT NULL CHECK ("status" IN ('pending','completed','failed','cancelled')),
        "received_by" TEXT NOT NULL,
        "created_at" TEXT NOT NULL,
        "paid_at" TEXT,
        "processed_by" TEXT,
        "credited_amount" INTEGER NOT NULL DEFAULT 0
      )`);
    await run(`CREATE UNIQUE INDEX "ux_payment_reference" ON "payment" ("method", "reference") WHERE "reference" IS NOT NULL AND "status" IN ('pending','completed')`);
    await run(`CREATE INDEX "ix_payment_invoice" ON "payment" ("invoice_id")`);
    await run(`CREATE INDEX "ix_payment_customer" ON "payment" ("customer_id")`);
    await run(`CREATE INDEX "ix_payment_paid" ON "payment" ("status", "paid_at")`);
    await run(`
      CREATE TABLE "billing_adjustment" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "subscription_id" INTEGER NOT NULL REFERENCES "subscription" ("id") ON DELETE RESTRICT,
        "description" TEXT NOT NULL,
        "amount" INTEGER NOT NULL,
        "created_at" TEXT NOT NULL,
        "invoice_id" INTEGER REFERENCES "invoice" ("id") ON DELETE RESTRICT
      )`);
    await run(`CREATE INDEX "ix_adjustment_open" ON "billing_adjustment" ("subscription_id") WHERE "invoice_id" IS NULL`);
    await run(`
      CREATE TABLE "job_run" (
        "name" TEXT PRIMARY KEY NOT NULL,
        "last_run_for" TEXT,
        "last_started_at" TEXT,
        "last_finished_at" TEXT,
        "last_result" TEXT
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['job_run', 'billing_adjustment', 'payment', 'invoice']) await queryRunner.query(`DROP TABLE "${table}"`);
    await queryRunner.query(`ALTER TABLE "subscription" DROP COLUMN "billing_resumed_on"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "credit_balance"`);
  }
}
