// Schema 7: RADIUS — access credentials per subscription (password encrypted at rest), the NAS list, sessions from
// accounting, daily usage per subscription, and the reject log.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Radius1764201600007 implements MigrationInterface {
  name = 'Radius1764201600007';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`
      CREATE TABLE "radius_credential" (
        "subscription_id" INTEGER PRIMARY KEY REFERENCES "subscription" ("id") ON DELETE CASCADE,
        "username" TEXT NOT NULL COLLATE NOCASE,
        "password_enc" TEXT NOT NULL,
        "service_type" TEXT NOT NULL DEFAULT 'pppoe' CHECK ("service_type" IN ('pppoe','hotspot')),
        "static_ip" TEXT,
        "mac_binding" TEXT,
        "password_changed_at" TEXT NOT NULL,
        "last_auth_at" TEXT,
        "last_auth_result" TEXT CHECK ("last_auth_result" IS NULL OR "last_auth_result" IN ('accept','reject')),
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
    // Authorize finds a user by this index alone (one lookup per Access-Request).
    await run(`CREATE UNIQUE INDEX "ux_radius_username" ON "radius_credential" ("username" COLLATE NOCASE)`);
    await run(`CREATE UNIQUE INDEX "ux_radius_static_ip" ON "radius_credential" ("static_ip") WHERE "static_ip" IS NOT NULL`);
    await run(`
      CREATE TABLE "radius_nas" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "name" TEXT NOT NULL,
        "address" TEXT NOT NULL UNIQUE,
        "secret_enc" TEXT NOT NULL,
        "vendor" TEXT NOT NULL CHECK ("vendor" IN ('mikrotik','generic')),
        "coa_port" INTEGER NOT NULL DEFAULT 3799 CHECK ("coa_port" BETWEEN 1 AND 65535),
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
    await run(`
      CREATE TABLE "radius_session" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "subscription_id" INTEGER REFERENCES "subscription" ("id") ON DELETE SET NULL,
        "username" TEXT NOT NULL,
        "nas_address" TEXT NOT NULL,
        "acct_session_id" TEXT NOT NULL,
        "framed_ip" TEXT,
        "mac" TEXT,
        "started_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL,
        "stopped_at" TEXT,
        "input_bytes" INTEGER NOT NULL DEFAULT 0,
        "output_bytes" INTEGER NOT NULL DEFAULT 0,
        "terminate_cause" TEXT
      )`);
    // One row per session of a NAS, whatever the NAS repeats: a second Start or a late Interim never duplicates.
    await run(`CREATE UNIQUE INDEX "ux_radius_session" ON "radius_session" ("nas_address", "acct_session_id")`);
    await run(`CREATE INDEX "ix_radius_session_open" ON "radius_session" ("subscription_id") WHERE "stopped_at" IS NULL`);
    await run(`CREATE INDEX "ix_radius_session_open_nas" ON "radius_session" ("nas_address") WHERE "stopped_at" IS NULL`);
    await run(`CREATE INDEX "ix_radius_session_open_updated" ON "radius_session" ("updated_at") WHERE "stopped_at" IS NULL`);
    await run(`CREATE INDEX "ix_radius_session_subscription" ON "radius_session" ("subscription_id", "started_at")`);
    await run(`CREATE INDEX "ix_radius_session_started" ON "radius_session" ("started_at")`);
    await run(`
      CREATE TABLE "radius_usage" (
        "subscription_id" INTEGER NOT NULL,
        "day" TEXT NOT NULL,
        "input_bytes" INTEGER NOT NULL,
        "output_bytes" INTEGER NOT NULL,
        PRIMARY KEY ("subscription_id", "day")
      ) WITHOUT ROWID`);
    await run(`CREATE INDEX "ix_radius_usage_day" ON "radius_usage" ("day")`);
    await run(`
      CREATE TABLE "radius_reject" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "at" TEXT NOT NULL,
        "username" TEXT NOT NULL,
        "nas_address" TEXT,
        "mac" TEXT,
        "reason" TEXT NOT NULL,
        "message" TEXT,
        "subscription_id" INTEGER,
        "customer_id" INTEGER
      )`);
    await run(`CREATE INDEX "ix_radius_reject_at" ON "radius_reject" ("at")`);
    await run(`CREATE INDEX "ix_radius_reject_username" ON "radius_reject" ("username", "id")`);
    await run(`CREATE INDEX "ix_radius_reject_customer" ON "radius_reject" ("customer_id", "id") WHERE "customer_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['radius_reject', 'radius_usage', 'radius_session', 'radius_nas', 'radius_credential']) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
