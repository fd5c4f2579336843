// Schema 16: SNMP interface discovery through a remote poller. The site cannot walk a device only its POP reaches:
// `discover_requested_at` asks the device's poller to (it reads it in its assignment), and the poller's answer — the
// interfaces, or what the agent said — is applied with `discover_done_at` / `discover_error` for the request it answers.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PollerDiscovery1764201600016 implements MigrationInterface {
  name = 'PollerDiscovery1764201600016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "device_snmp" ADD COLUMN "discover_requested_at" TEXT');
    await queryRunner.query('ALTER TABLE "device_snmp" ADD COLUMN "discover_done_at" TEXT');
    await queryRunner.query('ALTER TABLE "device_snmp" ADD COLUMN "discover_error" TEXT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['discover_error', 'discover_done_at', 'discover_requested_at']) await queryRunner.query(`ALTER TABLE "device_snmp" DROP COLUMN "${column}"`);
  }
}
