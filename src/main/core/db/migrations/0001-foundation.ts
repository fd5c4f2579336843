// Schema 1: users, settings and the audit log.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

export class Foundation1764201600001 implements MigrationInterface {
  name = 'Foundation1764201600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL: SQLite's `COLLATE NOCASE` columns become citext (db/dialect.ts); a trusted extension since PG 13.
    if (dialectOf(queryRunner) === 'postgres') await queryRunner.query('CREATE EXTENSION IF NOT EXISTS citext');
    await queryRunner.query(`
      CREATE TABLE "user" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "name" TEXT NOT NULL,
        "email" TEXT NOT NULL COLLATE NOCASE,
        "password_hash" TEXT NOT NULL,
        "role" TEXT NOT NULL CHECK ("role" IN ('admin','staff','technician')),
        "active" BOOLEAN NOT NULL DEFAULT 1,
        "language" TEXT CHECK ("language" IN ('id','en')),
        "token_version" INTEGER NOT NULL DEFAULT 0,
        "failed_logins" INTEGER NOT NULL DEFAULT 0,
        "locked_until" TEXT,
        "last_login_at" TEXT,
        "created_at" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_user_email" ON "user" ("email" COLLATE NOCASE)`);
    await queryRunner.query(`
      CREATE TABLE "setting" (
        "key" TEXT PRIMARY KEY NOT NULL,
        "value" TEXT NOT NULL,
        "updated_at" TEXT NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT,
        "at" TEXT NOT NULL,
        "actor_id" INTEGER,
        "actor_name" TEXT NOT NULL,
        "operation" TEXT NOT NULL,
        "entity" TEXT NOT NULL,
        "entity_id" TEXT,
        "changes" TEXT NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entity" ON "audit_log" ("entity", "entity_id", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "setting"`);
    await queryRunner.query(`DROP TABLE "user"`);
  }
}
