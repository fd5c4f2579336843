// Schema 13: messages to customers and the team. One outbox row per message (written in the transaction of the event
// that causes it; `dedupe_key` is unique so a replayed event never queues it twice), the channels with their sealed
// secrets, edited templates, and who hears what: a customer's language and opt-out, a user's own alert channel.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1764201600013 implements MigrationInterface {
  name = 'Outbox1764201600013';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "outbox" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "created_at" TEXT NOT NULL,
        "channel" TEXT NOT NULL CHECK ("channel" IN ('whatsapp','email','telegram')),
        "audience" TEXT NOT NULL CHECK ("audience" IN ('customer','team')),
        "event" TEXT NOT NULL,
        "dedupe_key" TEXT NOT NULL UNIQUE,
        "customer_id" INTEGER REFERENCES "customer" ("id") ON DELETE SET NULL,
        "user_id" INTEGER REFERENCES "user" ("id") ON DELETE SET NULL,
        "recipient" TEXT NOT NULL,
        "language" TEXT NOT NULL CHECK ("language" IN ('id','en')),
        "subject" TEXT,
        "text" TEXT NOT NULL,
        "attachment" TEXT CHECK ("attachment" IS NULL OR "attachment" IN ('invoice','receipt')),
        "invoice_id" INTEGER,
        "payment_id" INTEGER,
        "device_id" INTEGER,
        "alert_id" INTEGER,
        "status" TEXT NOT NULL CHECK ("status" IN ('queued','sending','sent','failed','skipped','cancelled')),
        "reason" TEXT,
        "attempts" INTEGER NOT NULL DEFAULT 0,
        "not_before" TEXT NOT NULL,
        "last_attempt_at" TEXT,
        "sent_at" TEXT,
        "answer" TEXT
      )`);
    await run(`CREATE INDEX "ix_outbox_due" ON "outbox" ("status", "not_before")`);
    await run(`CREATE INDEX "ix_outbox_customer" ON "outbox" ("customer_id", "id")`);
    await run(`CREATE INDEX "ix_outbox_sent" ON "outbox" ("channel", "sent_at")`);
    await run(`
      CREATE TABLE "message_channel" (
        "channel" TEXT PRIMARY KEY CHECK ("channel" IN ('whatsapp','email','telegram')),
        "enabled" INTEGER NOT NULL DEFAULT 0,
        "config" TEXT NOT NULL,
        "secret" TEXT,
        "rate_per_min" INTEGER NOT NULL,
        "daily_cap" INTEGER NOT NULL,
        "updated_at" TEXT
      )`);
    await run(`
      CREATE TABLE "message_template" (
        "event" TEXT NOT NULL,
        "language" TEXT NOT NULL CHECK ("language" IN ('id','en')),
        "subject" TEXT NOT NULL,
        "text" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        PRIMARY KEY ("event", "language")
      )`);
    await run(`ALTER TABLE "customer" ADD COLUMN "language" TEXT CHECK ("language" IS NULL OR "language" IN ('id','en'))`);
    await run(`ALTER TABLE "customer" ADD COLUMN "messages_opt_out" INTEGER NOT NULL DEFAULT 0`);
    await run(`ALTER TABLE "user" ADD COLUMN "notify_channel" TEXT NOT NULL DEFAULT 'none' CHECK ("notify_channel" IN ('none','telegram','whatsapp','email'))`);
    await run(`ALTER TABLE "user" ADD COLUMN "notify_address" TEXT NOT NULL DEFAULT ''`);
    await run(`ALTER TABLE "user" ADD COLUMN "notify_min_severity" TEXT NOT NULL DEFAULT 'critical' CHECK ("notify_min_severity" IN ('critical','warning'))`);
    await run(`ALTER TABLE "user" ADD COLUMN "on_call_start" TEXT`);
    await run(`ALTER TABLE "user" ADD COLUMN "on_call_end" TEXT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const column of ['on_call_end', 'on_call_start', 'notify_min_severity', 'notify_address', 'notify_channel']) await run(`ALTER TABLE "user" DROP COLUMN "${column}"`);
    await run(`ALTER TABLE "customer" DROP COLUMN "messages_opt_out"`);
    await run(`ALTER TABLE "customer" DROP COLUMN "language"`);
    await run(`DROP TABLE "message_template"`);
    await run(`DROP TABLE "message_channel"`);
    await run(`DROP TABLE "outbox"`);
  }
}
