// Schema 3: alerts, with one open alert per dedupe key enforced by a partial unique index.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1764201600003 implements MigrationInterface {
  name = 'Alerts1764201600003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "alert" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "dedupe_key" TEXT NOT NULL,
        "type" TEXT NOT NULL,
        "severity" TEXT NOT NULL CHECK ("severity" IN ('critical','warning','info')),
        "status" TEXT NOT NULL CHECK ("status" IN ('open','acknowledged','resolved')),
        "domain" TEXT NOT NULL CHECK ("domain" IN ('network','billing')),
        "message" TEXT NOT NULL,
        "device_id" INTEGER,
        "customer_id" INTEGER,
        "subscription_id" INTEGER,
        "invoice_id" INTEGER,
        "first_seen_at" TEXT NOT NULL,
        "last_seen_at" TEXT NOT NULL,
        "count" INTEGER NOT NULL DEFAULT 1,
        "acknowledged_at" TEXT,
        "acknowledged_by" TEXT,
        "ack_note" TEXT,
        "resolved_at" TEXT,
        "resolved_by" TEXT,
        "resolve_note" TEXT
      )`);
    // The heart of deduplication: at most one unresolved alert per cause, whatever races.
    await run(`CREATE UNIQUE INDEX "ux_alert_open_key" ON "alert" ("dedupe_key") WHERE "status" <> 'resolved'`);
    await run(`CREATE INDEX "ix_alert_domain_seen" ON "alert" ("domain", "last_seen_at", "id")`);
    await run(`CREATE INDEX "ix_alert_status_domain" ON "alert" ("status", "domain", "severity")`);
    await run(`CREATE INDEX "ix_alert_customer" ON "alert" ("customer_id") WHERE "customer_id" IS NOT NULL`);
    await run(`CREATE INDEX "ix_alert_device" ON "alert" ("device_id") WHERE "device_id" IS NOT NULL`);
    await run(`CREATE INDEX "ix_alert_invoice" ON "alert" ("invoice_id") WHERE "invoice_id" IS NOT NULL`);
    await run(`CREATE INDEX "ix_alert_subscription" ON "alert" ("subscription_id") WHERE "subscription_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert"`);
  }
}
