// Backups of a PostgreSQL site: pg_dump's custom-format archive of one snapshot, with the row counts of that same
// snapshot; its check without a second database (pg_restore's SQL read back and counted); and its restore, all or
// nothing, in one transaction.
import { once } from 'node:events';
import { chmodSync } from 'node:fs';
import pg from 'pg';
import { COUNTED_TABLES, KNOWN_MIGRATIONS, type SchemaInfo } from '../db/sqliteFile';
import { WRITER_LOCK } from '../db/postgres';
import { connectionOf, scrubPassword, startPgTool } from '../db/pgTools';
import { VerifyError, type Snapshot, type Verified } from './copy';

/** The schema NOCman's tables live in (TypeORM's default), as pg_dump names it in `COPY public.<table>`. */
const SCHEMA = 'public';

/** A failure of a PostgreSQL program or connection, its message free of the password. */
export class PgBackupError extends Error {
  constructor(
    message: string,
    readonly code = 'write_failed',
  ) {
    super(message);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Dumps the database at `url` into `target` (custom format, no owners or grants, so it restores under any role)
 * from one exported snapshot, counting the counted tables in that same snapshot while pg_dump reads it.
 */
export async function dumpSnapshot(url: string, target: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url, application_name: 'nocman backup' });
  try {
    await client.connect();
  } catch (error) {
    throw new PgBackupError(`cannot connect to the database: ${scrubPassword(error instanceof Error ? error.message : String(error), url)}`);
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
    const present = new Set(
      (await client.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1', [SCHEMA])).rows.map((r) => r.name),
    );
    const tables = COUNTED_TABLES.filter((t) => present.has(t));
    const counts: Record<string, number> = {};
    if (tables.length > 0) {
      const sql = tables.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM ${SCHEMA}.${quoteIdent(t)}`).join(' UNION ALL ');
      for (const row of (await client.query<{ name: string; n: string | number }>(sql)).rows) counts[row.name] = Number(row.n);
    }
    const { dbname, env } = connectionOf(url);
    const run = startPgTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${target}`, `--dbname=${dbname}`],
      { env, url },
    );
    const { code, stderr } = await run.done;
    if (code !== 0) throw new PgBackupError(`pg_dump failed (exit ${String(code)}): ${stderr || 'no message'}`, /No space left/i.test(stderr) ? 'no_space' : 'write_failed');
    chmodSync(target, 0o600);
    await client.query('COMMIT');
    return { counts };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `COPY public.user (id, name) FROM stdin;` → table and columns, or null for another line. */
function copyHeader(line: string): { schema: string; table: string; columns: string[] } | null {
  const match = /^COPY ("(?:[^"]|"")+"|[^\s."]+)\.("(?:[^"]|"")+"|[^\s."]+) \((.*)\) FROM stdin;$/.exec(line);
  if (!match) return null;
  const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);
  return { schema: unquote(match[1]!), table: unquote(match[2]!), columns: match[3]!.split(', ').map(unquote) };
}

/** One line of COPY text data, a field unescaped enough for the plain names and numbers of `migrations`. */
function copyField(line: string, index: number): string {
  return (line.split('\t')[index] ?? '').replace(/\\(.)/g, (_all, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === '\\' ? '\\' : c));
}

/**
 * Reads the whole archive through `pg_restore --file=-` (its SQL, no database needed) and counts the data lines of
 * each COPY block: every data block must decompress and end, pg_restore must exit 0, the migrations must be
 * NOCman's, and with `expected` the counted tables must hold exactly those rows.
 */
export async function inspectDump(file: string, expected?: Record<string, number>): Promise<Verified> {
  const run = startPgTool('pg_restore', ['--file=-', '--no-owner', '--no-privileges', '--no-comments', file], { stdout: 'pipe' });
  const counted = new Set<string>(COUNTED_TABLES);
  const counts: Record<string, number> = {};
  const tablesSeen = new Set<string>();
  const migrationRows: { id: number; name: string }[] = [];
  // `lines`: the block's rows are looked at one by one (counted tables, migrations); else only its end is looked for.
  let block: { table: string; lines: boolean; idIndex: number; nameIndex: number } | null = null;
  const take = (line: string) => {
    if (block) {
      if (line === '\\.') {
        block = null;
        return;
      }
      if (counted.has(block.table)) counts[block.table] = (counts[block.table] ?? 0) + 1;
      if (block.table === 'migrations') migrationRows.push({ id: Number(copyField(line, block.idIndex)), name: copyField(line, block.nameIndex) });
      return;
    }
    if (!line.startsWith('COPY ')) return;
    const header = copyHeader(line);
    if (!header || header.schema !== SCHEMA) return;
    tablesSeen.add(header.table);
    const lines = counted.has(header.table) || header.table === 'migrations';
    block = { table: header.table, lines, idIndex: header.columns.indexOf('id'), nameIndex: header.columns.indexOf('name') };
    if (counted.has(header.table)) counts[header.table] ??= 0;
  };
  let buffer = '';
  /** Consumes the whole lines of `buffer`; the rows of a table nobody counts (samples) are skipped to their end. */
  const consume = () => {
    let pos = 0;
    for (;;) {
      if (block && !block.lines) {
        // The end of a COPY block is the line `\.`; a data line never is (a backslash in data is written `\\`).
        let end = buffer.indexOf('\\.\n', pos);
        while (end > pos && buffer[end - 1] !== '\n') end = buffer.indexOf('\\.\n', end + 1);
        if (end < 0) {
          pos = Math.max(pos, buffer.lastIndexOf('\n') + 1);
          break;
        }
        block = null;
        pos = end + 3;
        continue;
      }
      const newline = buffer.indexOf('\n', pos);
      if (newline < 0) break;
      take(buffer.slice(pos, newline));
      pos = newline + 1;
    }
    buffer = buffer.slice(pos);
  };
  const stdout = run.child.stdout!;
  stdout.setEncoding('utf8');
  const reading = (async () => {
    for await (const chunk of stdout as AsyncIterable<string>) {
      buffer += chunk;
      consume();
    }
    if (buffer) take(buffer);
  })();
  let result: { code: number | null; stderr: string };
  try {
    [result] = await Promise.all([run.done, reading]);
  } catch (error) {
    run.child.kill();
    throw error;
  }
  if (result.code !== 0) throw new VerifyError('verify_failed', `pg_restore cannot read the archive (exit ${String(result.code)}): ${result.stderr || 'no message'}`);
  if (block !== null) throw new VerifyError('verify_failed', 'the archive ends inside the data of a table');
  if (!tablesSeen.has('migrations') || !tablesSeen.has('user') || !tablesSeen.has('setting')) throw new VerifyError('verify_failed', 'not a NOCman database');
  const applied = migrationRows.sort((a, b) => a.id - b.id).map((r) => r.name);
  if (applied[0] !== KNOWN_MIGRATIONS[0]) throw new VerifyError('verify_failed', 'not a NOCman database');
  const schema: SchemaInfo = { applied, unknown: applied.filter((name) => !KNOWN_MIGRATIONS.includes(name)) };
  if (expected) {
    const differ = Object.keys({ ...expected, ...counts }).filter((table) => expected[table] !== counts[table]);
    if (differ.length > 0) {
      const detail = differ.map((t) => `${t} ${String(expected[t])} vs ${String(counts[t])}`).join(', ');
      throw new VerifyError('counts_differ', `row counts differ from the source: ${detail}`);
    }
  }
  return { schema, counts };
}

/**
 * What runs before the archive's SQL, in its transaction: other NOCman processes' writers wait (the writer lock),
 * a lock held elsewhere for too long fails the restore instead of hanging it, and every table, view and sequence
 * of the schema is dropped — not only those the archive names (pg_restore --clean): a table added by a later
 * migration or a foreign key onto a restored table would otherwise survive, or stop the restore.
 */
function prelude(lockTimeout: string): string {
  return `BEGIN;
SET lock_timeout = '${lockTimeout.replace(/[^\w ]/g, '')}';
SET client_min_messages = warning;
SELECT pg_advisory_xact_lock(${WRITER_LOCK});
DO $nocman$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = '${SCHEMA}' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    -- Views first, sequences last: a table's own sequences go with it (DROP … IF EXISTS skips them then).
    ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 0 WHEN 'S' THEN 2 ELSE 1 END
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      '${SCHEMA}', r.relname);
  END LOOP;
END
$nocman$;
`;
}

/**
 * Replaces the database at `url` with the archive, in one transaction: psql runs the prelude, then the archive's
 * SQL as pg_restore writes it, and COMMIT only once pg_restore has read the whole archive and exited 0. Any error
 * (a statement, a lock, pg_restore, psql) ends the session without COMMIT: PostgreSQL rolls everything back and the
 * database is as it was. The caller has closed the site's own connections; a lock another session holds on a table
 * for longer than `lockTimeout` fails the restore.
 */
export async function restoreDump(url: string, file: string, lockTimeout = '30s'): Promise<void> {
  const { dbname, env } = connectionOf(url);
  const psql = startPgTool('psql', ['--no-psqlrc', '--quiet', '--no-password', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`, '--file=-'], {
    env,
    url,
    stdin: 'pipe',
  });
  const input = psql.child.stdin!;
  let psqlGone = false;
  input.on('error', () => {
    psqlGone = true;
  });
  const psqlDone = psql.done.finally(() => {
    psqlGone = true;
  });
  const write = async (text: string) => {
    if (psqlGone) return;
    if (!input.write(text)) await Promise.race([once(input, 'drain'), psqlDone.catch(() => undefined)]);
  };
  let restoreFailure: string | null = null;
  let committed = false;
  try {
    await write(prelude(lockTimeout));
    const source = startPgTool('pg_restore', ['--file=-', '--no-owner', '--no-privileges', '--no-comments', file], { stdout: 'pipe' });
    const output = source.child.stdout!;
    output.setEncoding('utf8');
    let rest = '';
    try {
      for await (const chunk of output as AsyncIterable<string>) {
        if (psqlGone) break;
        // pg_restore 17+ writes `SET transaction_timeout = 0;` into plain SQL, which servers before 17 refuse; 0 is
        // the default anyway.
        const text = (rest + chunk).replace(/^SET transaction_timeout = 0;$/m, '');
        const cut = text.lastIndexOf('\n') + 1;
        rest = text.slice(cut);
        await write(text.slice(0, cut));
      }
      await write(rest);
    } finally {
      if (psqlGone) source.child.kill();
    }
    const { code, stderr } = await source.done;
    if (code !== 0) restoreFailure = `pg_restore cannot read the archive (exit ${String(code)}): ${stderr || 'no message'}`;
    else if (!psqlGone) {
      await write('COMMIT;\n');
      committed = true;
    }
  } finally {
    input.end();
  }
  const { code, stderr } = await psqlDone;
  if (code !== 0) throw new PgBackupError(`psql failed (exit ${String(code)}): ${stderr || 'no message'}; the database was not changed`);
  if (restoreFailure) throw new PgBackupError(`${restoreFailure}; the database was not changed`);
  if (!committed) throw new PgBackupError('psql ended before the archive was restored; the database was not changed');
}
