// Schema 6: SNMP settings per device, discovered interfaces (mapped to subscriptions), traffic samples and
// their 5-minute, hourly and daily rollups.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Bandwidth1764201600006 implements MigrationInterface {
  name = 'Bandwidth1764201600006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "device_snmp" (
        "device_id" INTEGER PRIMARY KEY REFERENCES "device" ("id") ON DELETE CASCADE,
        "enabled" BOOLEAN NOT NULL DEFAULT 1,
        "port" INTEGER NOT NULL DEFAULT 161,
        "community" TEXT NOT NULL DEFAULT '',
        "timeout_ms" INTEGER NOT NULL DEFAULT 2000,
        "retries" INTEGER NOT NULL DEFAULT 1,
        "failures" INTEGER NOT NULL DEFAULT 0,
        "next_try_at" INTEGER NOT NULL DEFAULT 0,
        "last_error" TEXT,
        "last_poll_at" TEXT
      )`);
    await run(`
      CREATE TABLE "device_interface" (
        "device_id" INTEGER NOT NULL REFERENCES "device" ("id") ON DELETE CASCADE,
        "if_index" INTEGER NOT NULL,
        "name" TEXT NOT NULL,
        "descr" TEXT NOT NULL DEFAULT '',
        "alias" TEXT NOT NULL DEFAULT '',
        "speed_mbps" INTEGER,
        "oper_up" BOOLEAN NOT NULL DEFAULT 0,
        "monitored" BOOLEAN NOT NULL DEFAULT 0,
        "subscription_id" INTEGER REFERENCES "subscription" ("id") ON DELETE SET NULL,
        "last_in" TEXT,
        "last_out" TEXT,
        "last_uptime" INTEGER,
        "last_at" INTEGER,
        PRIMARY KEY ("device_id", "if_index")
      ) WITHOUT ROWID`);
    await run(`CREATE INDEX "ix_interface_subscription" ON "device_interface" ("subscription_id") WHERE "subscription_id" IS NOT NULL`);
    for (const table of ['bw_sample', 'bw_5m', 'bw_1h', 'bw_1d']) {
      await run(`
        CREATE TABLE "${table}" (
          "device_id" INTEGER NOT NULL,
          "if_index" INTEGER NOT NULL,
          "at" INTEGER NOT NULL,
          "in_bps" INTEGER NOT NULL,
          "out_bps" INTEGER NOT NULL,
          "in_bytes" INTEGER NOT NULL,
          "out_bytes" INTEGER NOT NULL,
          "peak_in_bps" INTEGER NOT NULL,
          "peak_out_bps" INTEGER NOT NULL,
          PRIMARY KEY ("device_id", "if_index", "at")
        ) WITHOUT ROWID`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['bw_1d', 'bw_1h', 'bw_5m', 'bw_sample', 'device_interface', 'device_snmp']) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
