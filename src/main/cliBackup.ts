// `nocman backup` and `nocman restore`: the same verified copies and checks as the Backups screen, from a shell.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR, type Actor } from './core/actor';
import { createCore } from './core';
import { assertRestorable, assertRestorableDump } from './core/backups/service';
import { swapDatabaseFile } from './core/backups/swap';
import { DATABASE_FILE } from './core/db/database';
import { checkDataFolder, DatabaseRefused } from './core/db/preflight';
import { readServeConfig } from './env';
import { aliveServer } from './pidFile';
import { APP_VERSION } from './version';

const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'nocman cli' };

function dataDirOf(value: string | undefined): string {
  return readServeConfig(process.env, { dataDir: value }, APP_VERSION).core.dataDir;
}

/** The site's database: NOCMAN_DATABASE_URL (PostgreSQL) when set, else the SQLite file in the data dir. */
function databaseUrlOf(): string | undefined {
  return readServeConfig(process.env, {}, APP_VERSION).core.databaseUrl;
}

/** `nocman backup [--to FILE] [--data-dir DIR]`: an online, verified backup; safe while the site runs. */
export async function backupCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { to: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = dataDirOf(values['data-dir']);
  const databaseUrl = databaseUrlOf();
  const core = await createCore({ dataDir, version: APP_VERSION, databaseUrl });
  try {
    if (values.to) {
      const target = path.resolve(values.to);
      const copy = await core.backups.copyTo(target);
      const check = databaseUrl ? 'pg_restore read it whole' : 'integrity_check ok';
      console.log(`Backed up to ${target}: ${copy.sizeBytes} bytes, verified (${check}, ${Object.keys(copy.counts).length} tables counted)`);
      return 0;
    }
    const backup = await core.backups.run('cli', CLI_ACTOR);
    if (backup.status === 'failed') {
      console.error(`Backup ${backup.id} failed (${backup.errorCode ?? ''}): ${backup.error ?? ''}`);
      return 1;
    }
    console.log(`Backup ${backup.id} verified: ${path.join(await core.backups.folder(), backup.fileName ?? '')} (${backup.sizeBytes ?? 0} bytes)`);
    return 0;
  } finally {
    await core.close();
  }
}

async function confirmed(file: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    console.error('nocman restore: add --yes to restore without a prompt');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`This replaces the site database with ${file} and signs everyone out. Type RESTORE to go on: `);
    return answer.trim() === 'RESTORE';
  } finally {
    rl.close();
  }
}

/**
 * `nocman restore FILE [--data-dir DIR] [--yes]`: refuses a file that is not a sound NOCman database or comes from a
 * newer NOCman; keeps the current database (a verified safety backup, or the damaged file moved aside); swaps
 * atomically; migrates an older schema; signs everyone out. Refused while `nocman serve` runs on the folder.
 */
export async function restoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, yes: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) {
    console.error('Usage: nocman restore FILE [--data-dir DIR] [--yes]');
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  const dataDir = dataDirOf(values['data-dir']);
  if (!existsSync(file)) {
    console.error(`nocman restore: ${file} does not exist`);
    return 1;
  }
  const server = aliveServer(dataDir);
  if (server !== null) {
    console.error(`nocman restore: NOCman (pid ${server}) is running on ${dataDir}; stop it first, or restore from Settings → Backups`);
    return 1;
  }
  const databaseUrl = databaseUrlOf();
  if (databaseUrl) return restorePostgres(file, dataDir, databaseUrl, values.yes === true);
  await assertRestorable(file);
  if (!(await confirmed(file, values.yes === true))) return 1;

  const current = path.join(dataDir, DATABASE_FILE);
  let safetyId: string | null = null;
  try {
    await checkDataFolder(dataDir);
    if (existsSync(current)) {
      const core = await createCore({ dataDir, version: APP_VERSION });
      try {
        const safety = await core.backups.run('safety', CLI_ACTOR);
        if (safety.status !== 'verified') throw new Error(`the safety backup of the current database failed: ${safety.error ?? ''}`);
        safetyId = safety.id;
        console.log(`Safety backup of the current database: ${safety.id}`);
      } finally {
        await core.close();
      }
    }
  } catch (error) {
    if (!(error instanceof DatabaseRefused)) throw error;
    if (existsSync(current)) {
      const aside = `${current}.damaged-${Date.now()}`;
      renameSync(current, aside);
      console.log(`The current database could not be used; it was kept as ${aside}`);
    }
  }
  await swapDatabaseFile(file, current);
  const core = await createCore({ dataDir, version: APP_VERSION });
  try {
    await core.backups.recordRestore(CLI_ACTOR, path.basename(file), safetyId);
  } finally {
    await core.close();
  }
  console.log(`Restored ${file} into ${current}; everyone has been signed out.`);
  return 0;
}

/**
 * `nocman restore FILE` on a PostgreSQL site (NOCMAN_DATABASE_URL): the app's restore with the site stopped (no live
 * pid file here, no unexpired runner lease) — the archive read whole and checked, a verified safety backup, pg_restore's SQL in one transaction, migrations, everyone
 * signed out.
 */
async function restorePostgres(file: string, dataDir: string, databaseUrl: string, yes: boolean): Promise<number> {
  await assertRestorableDump(file);
  const core = await createCore({ dataDir, version: APP_VERSION, databaseUrl });
  try {
    // The site may run on another machine (its pid file is not here): its runner lease, renewed every few seconds, says.
    const [lease] = (await core.db.dataSource.query('SELECT label, expires_at FROM runner_lease WHERE expires_at > ?', [core.clock.now().getTime()])) as {
      label: string;
      expires_at: number;
    }[];
    if (lease) {
      console.error(
        `nocman restore: a NOCman process (${lease.label}) runs this site; stop it first (or restore from Settings → Backups). ` +
          `If it is already gone, run this again after ${new Date(Number(lease.expires_at)).toISOString()}, when its lease has expired`,
      );
      return 1;
    }
    if (!(await confirmed(file, yes))) return 1;
    const safety = await core.backups.restoreFile(file, CLI_ACTOR);
    console.log(`Safety backup of the current database: ${safety.id}`);
    await core.backups.recordRestore(CLI_ACTOR, path.basename(file), safety.id);
  } finally {
    await core.close();
  }
  console.log(`Restored ${file} into ${core.db.file}; everyone has been signed out.`);
  return 0;
}
