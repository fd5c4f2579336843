// Schema 5: devices with their runtime state, the subscriptions they serve, maintenance windows, the network
// log, outages, and compact latency samples with 5-minute and hourly rollups.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

export class Monitoring1764201600005 implements MigrationInterface {
  name = 'Monitoring1764201600005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "device" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "name" TEXT NOT NULL,
        "type" TEXT NOT NULL CHECK ("type" IN ('router','switch','access_point','olt','server','cpe','other')),
        "host" TEXT NOT NULL,
        "location" TEXT NOT NULL DEFAULT '',
        "parent_id" INTEGER REFERENCES "device" ("id") ON DELETE SET NULL,
        "monitored" BOOLEAN NOT NULL DEFAULT 1,
        "interval_sec" INTEGER NOT NULL,
        "echo_count" INTEGER NOT NULL,
        "timeout_ms" INTEGER NOT NULL,
        "fail_threshold" INTEGER NOT NULL,
        "latency_warn_ms" REAL,
        "loss_warn_pct" REAL,
        "notes" TEXT NOT NULL DEFAULT '',
        "status" TEXT NOT NULL DEFAULT 'unknown' CHECK ("status" IN ('online','offline','unreachable','maintenance','unknown')),
        "status_since" TEXT,
        "last_check_at" TEXT,
        "last_min_ms" REAL,
        "last_avg_ms" REAL,
        "last_max_ms" REAL,
        "last_loss_pct" REAL,
        "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
    await run(`CREATE INDEX "ix_device_parent" ON "device" ("parent_id")`);
    await run(`CREATE INDEX "ix_device_status" ON "device" ("status")`);
    await run(`
      CREATE TABLE "device_subscription" (
        "device_id" INTEGER NOT NULL REFERENCES "device" ("id") ON DELETE CASCADE,
        "subscription_id" INTEGER NOT NULL REFERENCES "subscription" ("id") ON DELETE CASCADE,
        PRIMARY KEY ("device_id", "subscription_id")
      ) WITHOUT ROWID`);
    await run(`CREATE INDEX "ix_device_subscription_sub" ON "device_subscription" ("subscription_id")`);
    await run(`
      CREATE TABLE "maintenance_window" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "device_id" INTEGER NOT NULL REFERENCES "device" ("id") ON DELETE CASCADE,
        "starts_at" TEXT NOT NULL,
        "ends_at" TEXT NOT NULL,
        "reason" TEXT NOT NULL,
        "created_by" TEXT NOT NULL,
        CHECK ("ends_at" > "starts_at")
      )`);
    await run(`CREATE INDEX "ix_maintenance_device" ON "maintenance_window" ("device_id", "ends_at")`);
    await run(`
      CREATE TABLE "device_log" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "device_id" INTEGER NOT NULL REFERENCES "device" ("id") ON DELETE CASCADE,
        "at" TEXT NOT NULL,
        "event" TEXT NOT NULL,
        "message" TEXT NOT NULL,
        "latency_ms" REAL,
        "loss_pct" REAL
      )`);
    await run(`CREATE INDEX "ix_device_log" ON "device_log" ("device_id", "id")`);
    await run(`
      CREATE TABLE "outage" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "device_id" INTEGER NOT NULL REFERENCES "device" ("id") ON DELETE CASCADE,
        "started_at" TEXT NOT NULL,
        "ended_at" TEXT,
        "affected_customers" INTEGER NOT NULL DEFAULT 0
      )`);
    await run(`CREATE UNIQUE INDEX "ux_outage_open" ON "outage" ("device_id") WHERE "ended_at" IS NULL`);
    // Compact samples: epoch seconds and integer microseconds keep a row near 20 bytes (NULL = no reply).
    // PostgreSQL: raw samples are partitioned by day of `at` (db/partitions.ts), so retention drops whole days.
    const postgres = dialectOf(queryRunner) === 'postgres';
    for (const table of ['sample', 'sample_5m', 'sample_1h']) {
      await run(`
        CREATE TABLE "${table}" (
          "device_id" INTEGER NOT NULL,
          "at" INTEGER NOT NULL,
          "min_us" INTEGER,
          "avg_us" INTEGER,
          "max_us" INTEGER,
          "loss" INTEGER NOT NULL,
          ${table === 'sample' ? '' : '"n" INTEGER NOT NULL,'}
          PRIMARY KEY ("device_id", "at")
        ) ${postgres && table === 'sample' ? 'PARTITION BY RANGE ("at")' : 'WITHOUT ROWID'}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sample_1h', 'sample_5m', 'sample', 'outage', 'device_log', 'maintenance_window', 'device_subscription', 'device']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
