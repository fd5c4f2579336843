// Schema 2: plans, customers, subscriptions, the customer timeline, and named counters for human numbers.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Customers1764201600002 implements MigrationInterface {
  name = 'Customers1764201600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "counter" (
        "name" TEXT PRIMARY KEY NOT NULL,
        "value" INTEGER NOT NULL
      )`);
    await run(`
      CREATE TABLE "plan" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "name" TEXT NOT NULL COLLATE NOCASE,
        "download_mbps" INTEGER NOT NULL CHECK ("download_mbps" > 0),
        "upload_mbps" INTEGER NOT NULL CHECK ("upload_mbps" > 0),
        "price" INTEGER NOT NULL CHECK ("price" >= 0),
        "cycle_months" INTEGER NOT NULL CHECK ("cycle_months" IN (1, 3, 6, 12)),
        "description" TEXT NOT NULL DEFAULT '',
        "active" BOOLEAN NOT NULL DEFAULT 1,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
    await run(`CREATE UNIQUE INDEX "ux_plan_name" ON "plan" ("name" COLLATE NOCASE)`);
    await run(`
      CREATE TABLE "customer" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "code" TEXT NOT NULL UNIQUE,
        "name" TEXT NOT NULL,
        "phone" TEXT NOT NULL,
        "email" TEXT COLLATE NOCASE,
        "address" TEXT NOT NULL DEFAULT '',
        "latitude" REAL,
        "longitude" REAL,
        "notes" TEXT NOT NULL DEFAULT '',
        "status" TEXT NOT NULL CHECK ("status" IN ('pending','active','suspended','terminated')),
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        "deleted_at" TEXT,
        "deleted_by" TEXT
      )`);
    // Uniqueness among customers still on the books: a deleted customer frees its phone and email.
    await run(`CREATE UNIQUE INDEX "ux_customer_phone" ON "customer" ("phone") WHERE "deleted_at" IS NULL`);
    await run(`CREATE UNIQUE INDEX "ux_customer_email" ON "customer" ("email" COLLATE NOCASE) WHERE "deleted_at" IS NULL AND "email" IS NOT NULL`);
    await run(`CREATE INDEX "ix_customer_status" ON "customer" ("status", "id") WHERE "deleted_at" IS NULL`);
    await run(`CREATE INDEX "ix_customer_name" ON "customer" ("name" COLLATE NOCASE, "id") WHERE "deleted_at" IS NULL`);
    await run(`CREATE INDEX "ix_customer_created" ON "customer" ("created_at", "id") WHERE "deleted_at" IS NULL`);
    await run(`
      CREATE TABLE "subscription" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "customer_id" INTEGER NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
        "plan_id" INTEGER NOT NULL REFERENCES "plan" ("id") ON DELETE RESTRICT,
        "start_date" TEXT NOT NULL,
        "billing_anchor_day" INTEGER NOT NULL CHECK ("billing_anchor_day" BETWEEN 1 AND 28),
        "current_period_start" TEXT NOT NULL,
        "current_period_end" TEXT NOT NULL,
        "auto_renew" BOOLEAN NOT NULL DEFAULT 1,
        "status" TEXT NOT NULL CHECK ("status" IN ('active','suspended','expired','cancelled')),
        "price_override" INTEGER CHECK ("price_override" IS NULL OR "price_override" >= 0),
        "override_reason" TEXT,
        "service_note" TEXT NOT NULL DEFAULT '',
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        "deleted_at" TEXT,
        CHECK ("current_period_end" >= "current_period_start")
      )`);
    await run(`CREATE INDEX "ix_subscription_customer" ON "subscription" ("customer_id")`);
    await run(`CREATE INDEX "ix_subscription_plan" ON "subscription" ("plan_id")`);
    await run(`CREATE INDEX "ix_subscription_status_end" ON "subscription" ("status", "current_period_end") WHERE "deleted_at" IS NULL`);
    await run(`
      CREATE TABLE "history" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "at" TEXT NOT NULL,
        "actor_id" INTEGER,
        "actor_name" TEXT NOT NULL,
        "customer_id" INTEGER NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
        "entity" TEXT NOT NULL,
        "entity_id" INTEGER,
        "kind" TEXT NOT NULL,
        "summary" TEXT NOT NULL,
        "changes" TEXT NOT NULL,
        "reason" TEXT
      )`);
    await run(`CREATE INDEX "ix_history_customer" ON "history" ("customer_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['history', 'subscription', 'customer', 'plan', 'counter']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
