// Schema 8: the MikroTik burst of a plan (sent in Mikrotik-Rate-Limit by the RADIUS bridge): all four or none.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = ['burst_up_mbps', 'burst_down_mbps', 'burst_threshold_mbps', 'burst_time_sec'];

export class PlanBurst1764201600008 implements MigrationInterface {
  name = 'PlanBurst1764201600008';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of COLUMNS) {
      await queryRunner.query(`ALTER TABLE "plan" ADD COLUMN "${column}" INTEGER CHECK ("${column}" IS NULL OR "${column}" > 0)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [...COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "${column}"`);
  }
}
