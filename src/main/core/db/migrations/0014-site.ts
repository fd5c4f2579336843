// Schema 14: one site, several processes on one database file. `runner_lease` names the one process that runs the
// monitor, the SNMP poller, the billing and backup schedules and the outbox (holder, heartbeat, expiry; times in ms
// since the epoch so a comparison is a number comparison). `event_journal` holds the live events of every process in
// one order: each process streams it to its SSE clients, so an event raised by the runner reaches a workstation
// connected to another process, and an event id stays valid across a restart (`Last-Event-ID` replays from here).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Site1764201600014 implements MigrationInterface {
  name = 'Site1764201600014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "runner_lease" (
        "name" TEXT PRIMARY KEY,
        "holder" TEXT NOT NULL,
        "label" TEXT NOT NULL,
        "acquired_at" INTEGER NOT NULL,
        "heartbeat_at" INTEGER NOT NULL,
        "expires_at" INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "event_journal" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "origin" TEXT NOT NULL,
        "name" TEXT NOT NULL,
        "at" TEXT NOT NULL,
        "payload" TEXT NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "event_journal"');
    await queryRunner.query('DROP TABLE "runner_lease"');
  }
}
