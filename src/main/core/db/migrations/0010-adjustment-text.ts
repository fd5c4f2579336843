// Schema 10: a pending plan-change line keeps its text as a message key (`{key, params}` JSON) so the invoice
// it lands on reads in each reader's language; rows written before keep their English `description`.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AdjustmentText1764201600010 implements MigrationInterface {
  name = 'AdjustmentText1764201600010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "billing_adjustment" ADD COLUMN "text" TEXT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "billing_adjustment" DROP COLUMN "text"`);
  }
}
