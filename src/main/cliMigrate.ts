// `nocman migrate --from SQLITE_FILE --to URL`: moves a stopped site from its SQLite file into an empty PostgreSQL
// database and verifies row counts, largest ids and money totals before it says done.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from './core/db/database';
import { maskUrl, scrubPassword as scrub } from './core/db/pgTools';
import { isPostgresUrl } from './core/db/postgres';
import { moveSiteToPostgres, MoveFailed, MoveRefused, type MoveOptions, type MoveResult } from './core/db/move';
import { aliveServer } from './pidFile';

export const MIGRATE_USAGE = `Usage: nocman migrate --from SQLITE_FILE [--to postgres://USER:PASSWORD@HOST:5432/DB]
  Moves a stopped site from its SQLite file (or a data dir holding ${DATABASE_FILE}) into an empty PostgreSQL
  database, then checks row counts, largest ids and money totals on both sides. Without --to, NOCMAN_DATABASE_URL
  is used (keeps the password out of the process list). The SQLite file is only read, never changed.`;

const group = (n: number | string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function printSummary(result: MoveResult, target: string, url: string): void {
  const width = Math.max(...result.tables.map((t) => t.table.length));
  console.log(`Verified: ${result.tables.length} tables, ${group(result.rows)} rows — row counts and largest ids equal on both sides.`);
  console.log('Money totals (Rupiah), equal on both sides:');
  for (const money of result.money) console.log(`  ${money.column.padEnd(width + 16)} ${group(money.total).padStart(20)}`);
  if (result.analyzeSeconds !== null) console.log(`Statistics for PostgreSQL's planner gathered (ANALYZE) in ${result.analyzeSeconds.toFixed(1)} s.`);
  for (const warning of result.warnings) console.warn(`Warning: ${scrub(warning, url)}`);
  console.log(`Done in ${result.seconds.toFixed(1)} s. The SQLite file was not changed.`);
  console.log(`Start the site on PostgreSQL with NOCMAN_DATABASE_URL=${target} and the same data dir (it keeps the site's secrets).`);
}

/** `nocman migrate …`: 0 when moved and verified, 1 when refused or failed, 2 on bad arguments. */
export async function migrateCommand(argv: string[], env: NodeJS.ProcessEnv = process.env, extra: Pick<MoveOptions, 'tamper' | 'batchRows' | 'beforeAnalyze'> = {}): Promise<number> {
  let values: { from?: string; to?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    console.error(`nocman migrate: ${error instanceof Error ? error.message : String(error)}\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(MIGRATE_USAGE);
    return 0;
  }
  const url = values.to ?? env['NOCMAN_DATABASE_URL'];
  if (!values.from || !url) {
    console.error(`nocman migrate: ${values.from ? '--to (or NOCMAN_DATABASE_URL) is required' : '--from is required'}\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (!isPostgresUrl(url)) {
    console.error(`nocman migrate: --to must be a postgres:// or postgresql:// URL, not ${maskUrl(url)}\n${MIGRATE_USAGE}`);
    return 2;
  }
  let file = path.resolve(values.from);
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, DATABASE_FILE);
  const target = maskUrl(url);
  console.log(`Moving ${file} to ${target}`);
  try {
    const result = await moveSiteToPostgres({
      ...extra,
      from: file,
      to: url,
      targetName: target,
      aliveServer,
      onProgress: (event) => {
        if (event.done) console.log(`  ${event.table.padEnd(22)} ${group(event.rows).padStart(11)} rows  ${event.seconds.toFixed(1).padStart(6)} s`);
      },
    });
    printSummary(result, target, url);
    return 0;
  } catch (error) {
    const message = scrub(error instanceof Error ? error.message : String(error), url);
    if (error instanceof MoveRefused) {
      console.error(`nocman migrate: refused: ${message}. Nothing was changed.`);
    } else if (error instanceof MoveFailed) {
      console.error(`nocman migrate: verification FAILED, nothing was committed to PostgreSQL (it keeps NOCman's empty schema):`);
      for (const m of error.mismatches) console.error(`  ${m.what}: SQLite ${m.sqlite}, PostgreSQL ${m.postgres}`);
      console.error('The SQLite file was not changed; the site can go on running on it.');
    } else {
      console.error(`nocman migrate: failed: ${message}`);
      console.error('Nothing was committed to PostgreSQL; the SQLite file was not changed.');
    }
    return 1;
  }
}
