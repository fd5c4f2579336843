// Moves a site from its SQLite file to an empty PostgreSQL database (`nocman migrate`), and verifies the copy before
// it says done.
//
// Decisions:
// - The SQLite file is opened read-only and never written: no migration, no checkpoint. It is refused while a NOCman
//   process runs the site on it (a live pid file in its folder, or a runner lease not yet expired), and the move fails
//   if anything wrote to it meanwhile (`PRAGMA data_version`), since those rows would be missing on the target.
// - The target gets NOCman's schema from the same migrations (so its migrations bookkeeping lists the same ones and the
//   site never runs them again), and must hold no rows: two sites are never merged.
// - All rows are copied, verified and committed in ONE PostgreSQL transaction under the writers' advisory lock. On any
//   error or mismatch it is rolled back: the target keeps the empty schema, ready for another run; nothing half-copied
//   is ever left behind to be mistaken for a site.
// - After the COMMIT, outside that transaction, the moved tables are analysed (ANALYZE), so the first searches and list
//   pages of the site on PostgreSQL are planned with statistics instead of waiting for autovacuum. The copy is complete
//   and verified by then: a failed ANALYZE is a warning in the result, never a failed move.
import path from 'node:path';
import type { Clock } from '../../clock';
import { systemClock } from '../../clock';
import { openPostgresDatabase } from '../postgres';
import { KNOWN_MIGRATIONS } from '../sqliteFile';
import { MIGRATIONS_TABLE, SiteSource } from './source';
import { SiteTarget } from './target';
import { compareFigures, dependencyOrder, figuresOf, moneyTotals, type TableFigures } from './verify';
import { MoveFailed, MoveRefused, type Mismatch, type MoveResult, type Row, type SourceTable, type TableMoved } from './types';

export { MoveFailed, MoveRefused, type Mismatch, type MoveResult, type TableMoved } from './types';
export { MONEY_COLUMNS } from './verify';

export interface MoveOptions {
  /** The site's SQLite file. */
  from: string;
  /** The PostgreSQL database (postgres://…), empty or with an empty NOCman schema. */
  to: string;
  /** How the target is named in messages (the URL without its password). */
  targetName: string;
  clock?: Clock;
  /** The pid of a live `nocman serve` on a data dir (src/main/pidFile.ts), or null. */
  aliveServer?: (dataDir: string) => number | null;
  /** Told when a table starts and when it is copied. */
  onProgress?: (event: { table: string; rows: number; seconds: number; done: boolean }) => void;
  /** Rows per INSERT statement (default: about 100,000 values a statement). */
  batchRows?: number;
  /** Tests only: runs after the verified COMMIT, before ANALYZE (to prove a failed ANALYZE leaves the move done). */
  beforeAnalyze?: () => void | Promise<void>;
  /** Tests only: changes a batch before it is inserted, to prove the verification catches a fault. */
  tamper?: (table: string, rows: Row[]) => Row[] | Promise<Row[]>;
}

function rowsPerBatch(table: SourceTable, wanted?: number): number {
  return wanted ?? Math.min(20_000, Math.max(1_000, Math.floor(100_000 / table.columns.length)));
}

/** The source and target hold the same tables with the same columns, or the move is refused before any row moves. */
function assertSameSchema(tables: SourceTable[], targetColumns: Map<string, string[]>): void {
  const problems: string[] = [];
  const names = new Set(tables.map((t) => t.name));
  for (const table of tables) {
    const theirs = targetColumns.get(table.name);
    if (!theirs) {
      problems.push(`table ${table.name} is missing on PostgreSQL`);
      continue;
    }
    const missing = table.columns.filter((c) => !theirs.includes(c));
    const extra = theirs.filter((c) => !table.columns.includes(c));
    if (missing.length + extra.length > 0) problems.push(`${table.name}: columns differ (SQLite only: ${missing.join(', ') || '-'}; PostgreSQL only: ${extra.join(', ') || '-'})`);
  }
  for (const name of targetColumns.keys()) if (name !== MIGRATIONS_TABLE && !names.has(name)) problems.push(`table ${name} is missing in the SQLite file`);
  if (problems.length > 0) throw new MoveRefused(`the two schemas differ: ${problems.join('; ')}`);
}

/** Copies one table batch by batch, reading the next batch from SQLite while PostgreSQL inserts this one. */
async function copyTable(source: SiteSource, target: SiteTarget, table: SourceTable, options: MoveOptions): Promise<number> {
  const selfRefs = table.references.filter((ref) => ref.table === table.name);
  const later = new Map(selfRefs.map((ref) => [ref.column, [] as { key: unknown; value: unknown }[]]));
  const batches = source.rows(table, rowsPerBatch(table, options.batchRows));
  let copied = 0;
  let next = batches.next();
  for (;;) {
    const batch = await next;
    if (batch.done) break;
    next = batches.next();
    let rows = batch.value;
    // A row may reference a row of its own table that comes later (a device's parent added after it): set afterwards.
    for (const ref of selfRefs) {
      const pairs = later.get(ref.column)!;
      for (const row of rows) {
        if (row[ref.column] === null || row[ref.column] === undefined) continue;
        pairs.push({ key: row[ref.to], value: row[ref.column] });
        row[ref.column] = null;
      }
    }
    if (options.tamper) rows = await options.tamper(table.name, rows);
    await target.insert(table.name, table.columns, rows);
    copied += rows.length;
  }
  for (const ref of selfRefs) await target.setReferences(table.name, ref.to, ref.column, later.get(ref.column)!);
  return copied;
}

/** Moves the site in `options.from` into the PostgreSQL database `options.to`; throws MoveRefused or MoveFailed. */
export async function moveSiteToPostgres(options: MoveOptions): Promise<MoveResult> {
  const clock = options.clock ?? systemClock;
  const started = performance.now();
  const file = path.resolve(options.from);
  const source = await SiteSource.open(file);
  let target: SiteTarget | null = null;
  try {
    await source.assertNotInUse(clock, options.aliveServer ?? (() => null));
    target = await SiteTarget.connect(options.to);
    await target.assertEmpty(options.targetName, KNOWN_MIGRATIONS);
    // The schema, by the same migrations the site runs (with the writers' lock, as a starting site takes it).
    const schema = await openPostgresDatabase(options.to, path.dirname(file), clock);
    await schema.close();

    const tables = dependencyOrder(await source.tables());
    assertSameSchema(tables, await target.columns());
    const identities = await target.identities();

    await source.begin();
    await target.begin();
    let committed = false;
    let copy: { moved: TableMoved[]; sourceFigures: Map<string, TableFigures>; sequences: Record<string, number> };
    try {
      // Asked again under the lock: a site process that started on the target since has not written anything.
      await target.assertEmpty(options.targetName, KNOWN_MIGRATIONS);
      const moved: TableMoved[] = [];
      for (const table of tables) {
        const tableStarted = performance.now();
        options.onProgress?.({ table: table.name, rows: 0, seconds: 0, done: false });
        let rows: number;
        try {
          rows = await copyTable(source, target, table, options);
        } catch (error) {
          throw new Error(`copying table ${table.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        const seconds = (performance.now() - tableStarted) / 1000;
        moved.push({ table: table.name, rows, seconds });
        options.onProgress?.({ table: table.name, rows, seconds, done: true });
      }

      // Each identity continues after the largest id ever given (SQLite's AUTOINCREMENT never reuses a deleted row's id).
      const sequences: Record<string, number> = {};
      const sourceFigures = new Map<string, TableFigures>();
      const mismatches: Mismatch[] = [];
      for (const table of tables) {
        const id = identities.get(table.name) ?? null;
        const mine = await figuresOf((sql) => source.all(sql), table.name, id);
        const theirs = await figuresOf((sql) => target!.query(sql), table.name, id);
        sourceFigures.set(table.name, mine);
        mismatches.push(...compareFigures(table.name, mine, theirs));
        if (id) {
          sequences[table.name] = Math.max(table.sequence, Number(mine.maxId ?? 0)) + 1;
          await target.setIdentity(table.name, id, sequences[table.name]!);
        }
      }
      const sourceMigrations = (await source.all<{ name: string }>(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)).map((r) => r.name);
      const targetMigrations = (await target.query<{ name: string }>(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)).map((r) => r.name);
      if (sourceMigrations.join(',') !== targetMigrations.join(',')) {
        mismatches.push({ what: 'migrations', sqlite: sourceMigrations.join(', '), postgres: targetMigrations.join(', ') });
      }
      const { changed } = await source.end();
      if (changed) mismatches.push({ what: 'SQLite file', sqlite: 'written by another process during the move', postgres: 'copied before that write' });
      if (mismatches.length > 0) {
        throw new MoveFailed(`the copy does not match the SQLite file: ${mismatches.map((m) => `${m.what}: SQLite ${m.sqlite}, PostgreSQL ${m.postgres}`).join('; ')}`, mismatches);
      }
      await target.commit();
      committed = true;
      copy = { moved, sourceFigures, sequences };
    } finally {
      if (!committed) await target.rollback();
    }

    // Committed and verified: from here on nothing turns the move into a failure.
    const warnings: string[] = [];
    let analyzeSeconds: number | null = null;
    await options.beforeAnalyze?.();
    const analyzeStarted = performance.now();
    try {
      await target.analyze(tables.map((t) => t.name));
      analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    } catch (error) {
      warnings.push(
        `ANALYZE after the move failed (${error instanceof Error ? error.message : String(error)}); the copy is committed and verified. ` +
          'Run ANALYZE on the database (psql) before the site gets busy: until then PostgreSQL plans its first searches without statistics',
      );
    }
    return {
      tables: copy.moved,
      rows: copy.moved.reduce((sum, t) => sum + t.rows, 0),
      money: moneyTotals(copy.sourceFigures),
      sequences: copy.sequences,
      analyzeSeconds,
      warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await target?.close();
    await source.close();
  }
}
