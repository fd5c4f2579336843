// Schema 9: alerts and device log lines keep their sentence as a message key (`{key, params}` JSON in `text`) so
// each reader sees it in their language. Rows written before keep their English sentence under a `legacy` key;
// old status lines ("unknown → offline") become the `deviceLog.status` key with their two states.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

const ARROW = ' → ';

export class AlertText1764201600009 implements MigrationInterface {
  name = 'AlertText1764201600009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alert" ADD COLUMN "text" TEXT`);
    // A PostgreSQL database is always made by these migrations from empty (a site moves its rows in afterwards), so
    // it has no legacy rows to rewrite, and the rewrite below is SQLite's JSON and string functions.
    if (dialectOf(queryRunner) === 'postgres') {
      await queryRunner.query(`ALTER TABLE "device_log" ADD COLUMN "text" TEXT`);
      await queryRunner.query(`CREATE INDEX "ix_device_log_at" ON "device_log" ("at")`);
      return;
    }
    await queryRunner.query(
      `UPDATE "alert" SET "text" = json_object('key', 'alert.legacy', 'params', json_object('text', "message"))`,
    );
    await queryRunner.query(`ALTER TABLE "device_log" ADD COLUMN "text" TEXT`);
    await queryRunner.query(
      `UPDATE "device_log" SET "text" = json_object('key', 'deviceLog.status', 'params', json_object(
         'from', substr("message", 1, instr("message", ?) - 1), 'to', substr("message", instr("message", ?) + ?)))
       WHERE "event" = 'status' AND instr("message", ?) > 0`,
      [ARROW, ARROW, ARROW.length, ARROW],
    );
    await queryRunner.query(
      `UPDATE "device_log" SET "text" = json_object('key', 'deviceLog.legacy', 'params', json_object('text', "message")) WHERE "text" IS NULL`,
    );
    // The network-wide event log reads newest first across devices, and filters by time.
    await queryRunner.query(`CREATE INDEX "ix_device_log_at" ON "device_log" ("at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_device_log_at"`);
    await queryRunner.query(`ALTER TABLE "device_log" DROP COLUMN "text"`);
    await queryRunner.query(`ALTER TABLE "alert" DROP COLUMN "text"`);
  }
}
