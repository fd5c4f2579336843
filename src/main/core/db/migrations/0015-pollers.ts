// Schema 15: remote pollers. A `poller` is a headless `nocman poller` at a POP with its key (only its SHA-256 is kept;
// the key is shown once), what it last said of itself (version, host name, backlog, sweep time) and `down_since` while
// it is silent. `device.poller_id` assigns a device (and its SNMP interfaces) to a poller; NULL is the site itself.
// `poller_batch` holds the ids of the batches applied, so a batch sent again (its answer was lost, the poller was
// killed before it noted the answer) is acknowledged without being applied twice.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Pollers1764201600015 implements MigrationInterface {
  name = 'Pollers1764201600015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "poller" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "name" TEXT NOT NULL,
        "key_hash" TEXT NOT NULL UNIQUE,
        "key_hint" TEXT NOT NULL,
        "created_at" TEXT NOT NULL,
        "revoked_at" TEXT,
        "version" TEXT,
        "hostname" TEXT,
        "last_contact_at" TEXT,
        "backlog" INTEGER NOT NULL DEFAULT 0,
        "last_sweep_at" TEXT,
        "sweep_ms" INTEGER,
        "lag_ms" INTEGER,
        "down_since" TEXT
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX "poller_name" ON "poller" (lower("name"))');
    await queryRunner.query('ALTER TABLE "device" ADD COLUMN "poller_id" INTEGER REFERENCES "poller" ("id")');
    await queryRunner.query('CREATE INDEX "device_poller" ON "device" ("poller_id")');
    await queryRunner.query(`
      CREATE TABLE "poller_batch" (
        "poller_id" INTEGER NOT NULL REFERENCES "poller" ("id"),
        "batch_id" TEXT NOT NULL,
        "at" TEXT NOT NULL,
        "received_at" TEXT NOT NULL,
        "results" INTEGER NOT NULL,
        PRIMARY KEY ("poller_id", "batch_id")
      )`);
    await queryRunner.query('CREATE INDEX "poller_batch_received" ON "poller_batch" ("received_at")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "poller_batch"');
    await queryRunner.query('DROP INDEX "device_poller"');
    await queryRunner.query('ALTER TABLE "device" DROP COLUMN "poller_id"');
    await queryRunner.query('DROP TABLE "poller"');
  }
}
