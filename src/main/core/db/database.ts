// Opens the one SQLite file of a site: WAL, foreign keys, busy timeout, migrations; serialises writes.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from './entities/all';
import { migrations } from './migrations';
import { systemClock, type Clock } from '../clock';
import { AppError } from '../../../shared/errors';
import { DatabaseHealth, storageCode, storageError } from './health';
import type { Dialect } from './dialect';
import { openPostgresDatabase } from './postgres';

export const DATABASE_FILE = 'nocman.sqlite';

export interface Database {
  /** Which engine: SQLite (the default, one file in the data dir) or PostgreSQL (NOCMAN_DATABASE_URL). */
  readonly dialect: Dialect;
  /** The open connection; replaced (same object, new connection) when a restore swaps the file. */
  readonly dataSource: DataSource;
  /** The SQLite file; on PostgreSQL the URL without its password. */
  file: string;
  dataDir: string;
  health: DatabaseHealth;
  /**
   * Runs `work` in one transaction. SQLite has one writer and TypeORM's sqlite driver one connection, so
   * writers queue here instead of failing with "cannot start a transaction within a transaction".
   */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Runs one self-contained statement in the same queue as `write`, never inside another's transaction. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Closes the connection while no write is in flight, lets `swap` replace the file, and opens it again with the
   * migrations run (an older backup is migrated). If `swap` throws, the old file is opened again.
   * On PostgreSQL the pool is closed instead, `swap` restores into the database (pg_restore), and a new pool is
   * opened with the migrations run.
   */
  reopen(swap: () => Promise<void>): Promise<void>;
  /** PostgreSQL: the full URL, password included, for pg_dump/pg_restore (never to be shown); SQLite: null. */
  connectionUrl(): string | null;
  /** A storage error (read-only, full, corrupt, cannot open) as the AppError that names the file; others unchanged. */
  translate(error: unknown): unknown;
  /** A real write, committed: the health check's probe. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

// TypeORM opens sqlite3 through `driver.verbose()`, which wraps every call to capture a stack and util.inspect all of
// its parameters — a 150-row INSERT formats 2,500 values it never shows. That was a fifth of the main thread's time in
// a billing run of 20,000 subscriptions. The module itself, unwrapped: errors keep SQLite's own message and code.
const sqliteDriver = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

function createDataSource(file: string): DataSource {
  return new DataSource({
    type: 'sqlite',
    driver: sqliteDriver,
    database: file,
    entities: ENTITIES,
    migrations,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    busyTimeout: 5000,
    logging: false,
  });
}

/** The database file and its WAL/shared-memory files are the site's books: only the NOCman user reads them. */
function restrictFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  }
}

async function initialize(file: string): Promise<DataSource> {
  restrictFile(file);
  const dataSource = createDataSource(file);
  await dataSource.initialize();
  try {
    await dataSource.query('PRAGMA busy_timeout = 5000');
    await dataSource.query('PRAGMA foreign_keys = ON');
    await dataSource.query('PRAGMA synchronous = NORMAL');
    // 64 MiB of page cache instead of SQLite's 2 MiB: a billing run touches the invoice, history and outbox indexes
    // of a site of tens of thousands of customers, which a 2 MiB cache reads again from the file for every chunk.
    await dataSource.query('PRAGMA cache_size = -65536');
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  restrictFile(file);
  return dataSource;
}

/**
 * Opens the site database: the SQLite file in `dataDir`, or the PostgreSQL database at `url` (NOCMAN_DATABASE_URL)
 * when one is given. The data dir still holds the TLS files, secrets, backups and pid file either way.
 */
export async function openDatabase(dataDir: string, clock: Clock = systemClock, url?: string): Promise<Database> {
  ensureDataDir(dataDir);
  if (url) return openPostgresDatabase(url, dataDir, clock);
  const file = path.join(dataDir, DATABASE_FILE);
  const health = new DatabaseHealth(clock);
  let dataSource: DataSource;
  try {
    dataSource = await initialize(file);
  } catch (error) {
    const code = storageCode(error);
    if (code) throw new Error(storageError(code, file).message);
    throw error;
  }

  let swapping = false;
  const translate = (error: unknown): unknown => {
    // A read that met the few seconds in which a restore swaps the file: the caller may simply try again.
    if (swapping && !(error instanceof AppError)) {
      return new AppError('STORAGE_UNAVAILABLE', 'The database is being restored from a backup; try again in a moment.', { database: 'restoring' });
    }
    const code = health.note(error);
    if (!code) return error;
    health.invalidate();
    return storageError(code, file);
  };

  // BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout for another process): a
  // deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another connection
  // committed in between (two consoles on one file, or a process killed mid-write).
  const transaction = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const runner = dataSource.createQueryRunner();
    try {
      // Another process's writers can hold the lock back to back past one busy timeout (two consoles billing at once
      // on a loaded machine): nothing is done before BEGIN, so it is simply asked again, up to three busy timeouts.
      for (let attempt = 1; ; attempt++) {
        try {
          await runner.query('BEGIN IMMEDIATE');
          break;
        } catch (error) {
          if (attempt >= 3 || !/SQLITE_BUSY/.test(String((error as Error)?.message))) throw error;
        }
      }
      try {
        const result = await work(runner.manager);
        await runner.query('COMMIT');
        if (!probing) health.clear();
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      throw translate(error);
    } finally {
      await runner.release();
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  const write = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const run = queue.then(() => transaction(work));
    queue = run.catch(() => undefined);
    return run;
  };

  // Self-contained statements queue like transactions; those that pile up while the queue is busy (a storm
  // of alerts) are committed together in one transaction — a group commit — each still answering alone.
  type Pending = { work: (manager: EntityManager) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let pending: Pending[] = [];
  const runBatch = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      await only.work(dataSource.manager).then(only.resolve, (error: unknown) => only.reject(translate(error)));
      return;
    }
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await transaction(async (em) => {
        for (const item of batch) {
          // A failing statement is undone by SQLite alone; the others in the batch still commit.
          await item.work(em).then(
            (value) => outcomes.push({ ok: true, value }),
            (error: unknown) => outcomes.push({ ok: false, value: error }),
          );
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => (outcomes[i]!.ok ? item.resolve(outcomes[i]!.value) : item.reject(outcomes[i]!.value)));
  };
  const run = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (pending.length === 1) queue = queue.then(runBatch).catch(() => undefined);
    });

  const reopen = (swap: () => Promise<void>): Promise<void> => {
    const done = queue.then(async () => {
      swapping = true;
      try {
        await dataSource.destroy();
        try {
          await swap();
        } catch (error) {
          dataSource = await initialize(file);
          throw error;
        }
        dataSource = await initialize(file);
        health.clear();
        health.invalidate();
      } finally {
        swapping = false;
      }
    });
    queue = done.catch(() => undefined);
    return done;
  };

  // The probe commits a real write, but one page: its success alone does not clear an error a bigger write met.
  let probing = false;
  const probe = () => {
    const done = queue.then(async () => {
      probing = true;
      try {
        await transaction(async (em) => {
          await em.query(
            'INSERT INTO "counter" ("name", "value") VALUES (\'health.probe\', 1) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1',
          );
        });
      } finally {
        probing = false;
      }
    });
    queue = done.catch(() => undefined);
    return done;
  };

  return {
    dialect: 'sqlite',
    get dataSource() {
      return dataSource;
    },
    file,
    dataDir,
    health,
    write,
    run,
    reopen,
    connectionUrl: () => null,
    translate,
    probe,
    close: async () => {
      await queue;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** The data directory holds the books, the session secret and the backups: created 0700, only for NOCman's user. */
export function ensureDataDir(dataDir: string): void {
  if (existsSync(dataDir)) return;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}

/** True when `error` is a UNIQUE violation (SQLite's or PostgreSQL's 23505), optionally on one `table.column`. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  const driverError = (error as { driverError?: { code?: unknown; table?: string; constraint?: string; detail?: string } } | null)?.driverError;
  if (driverError?.code === '23505') {
    // PostgreSQL names the index and the key columns: `ux_user_email`, `Key (lower(email))=(…)` on table `user`.
    const keyColumns = /Key \((.*?)\)=/.exec(driverError.detail ?? '')?.[1] ?? '';
    const names = keyColumns.split(',').map((name) => `${driverError.table ?? ''}.${name.replace(/[^\w]/g, '').trim()}`);
    return column === undefined || [driverError.constraint ?? '', ...names].some((name) => name.includes(column));
  }
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes('UNIQUE constraint failed')) return false;
  return column === undefined || message.includes(column);
}

/** Next value of a named counter (customer codes, invoice numbers), inside the caller's transaction. */
export async function nextCounter(manager: EntityManager, name: string, by = 1): Promise<number> {
  await manager.query(
    'INSERT INTO "counter" ("name", "value") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + excluded."value"',
    [name, by],
  );
  const rows = (await manager.query('SELECT "value" FROM "counter" WHERE "name" = ?', [name])) as { value: number }[];
  return rows[0]!.value;
}
