// Schema 12: device coordinates for the map, and the state history availability is computed from: one row per
// status change (epoch seconds), backfilled from the network log's status lines and each device's creation.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

export class DeviceMapAvailability1764201600012 implements MigrationInterface {
  name = 'DeviceMapAvailability1764201600012';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "device" ADD COLUMN "latitude" REAL CHECK ("latitude" IS NULL OR ("latitude" BETWEEN -90 AND 90))`);
    await run(`ALTER TABLE "device" ADD COLUMN "longitude" REAL CHECK ("longitude" IS NULL OR ("longitude" BETWEEN -180 AND 180))`);
    await run(`
      CREATE TABLE "device_state" (
        "device_id" INTEGER NOT NULL REFERENCES "device" ("id") ON DELETE CASCADE,
        "at" INTEGER NOT NULL,
        "status" TEXT NOT NULL CHECK ("status" IN ('online','offline','unreachable','maintenance','unknown')),
        PRIMARY KEY ("device_id", "at")
      ) WITHOUT ROWID`);
    // PostgreSQL starts empty (see 0009): no device or log line to backfill from.
    if (dialectOf(queryRunner) === 'postgres') return;
    await run(`INSERT OR REPLACE INTO "device_state" ("device_id", "at", "status")
      SELECT "id", CAST(strftime('%s', "created_at") AS INTEGER), 'unknown' FROM "device"`);
    // The log line of a status change reads "from → to" (later schemas may store it as a message reference).
    await run(`INSERT OR REPLACE INTO "device_state" ("device_id", "at", "status")
      SELECT "device_id", CAST(strftime('%s', "at") AS INTEGER), "to_status" FROM (
        SELECT "device_id", "at", "id",
          CASE WHEN json_valid("message") THEN json_extract("message", '$.params.to') ELSE trim(substr("message", instr("message", '→') + 1)) END AS "to_status"
        FROM "device_log" WHERE "event" = 'status' ORDER BY "id")
      WHERE "to_status" IN ('online','offline','unreachable','maintenance','unknown')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "device_state"`);
    await queryRunner.query(`ALTER TABLE "device" DROP COLUMN "longitude"`);
    await queryRunner.query(`ALTER TABLE "device" DROP COLUMN "latitude"`);
  }
}
