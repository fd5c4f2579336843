// Opens a site database on PostgreSQL (NOCMAN_DATABASE_URL=postgres://…): TypeORM's `postgres` driver over `pg`,
// NOCman's SQL translated in one place (dialect.ts), the same migrations, and writers serialised like SQLite's one writer.
import pg from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Database } from './database';
import { ENTITIES } from './entities/all';
import { IN_TRANSACTION, toPostgres } from './dialect';
import { DatabaseHealth, storageError } from './health';
import { migrations } from './migrations';
import { ensurePartitionsAround, settlePartitions } from './partitions';

/**
 * The one advisory lock every write transaction of every NOCman process of a site takes first. It makes writers
 * one at a time, exactly like SQLite's single writer (BEGIN IMMEDIATE): gapless invoice numbers, one open alert per
 * key, the runner lease and "never bill twice" keep their SQLite logic unchanged, and READ COMMITTED is enough.
 * The number is arbitrary but fixed ("NOCMAN" in ASCII); a second application sharing the database would use another.
 */
export const WRITER_LOCK = 0x4e4f434d414e;

// COUNT(*), SUM() and BIGINT columns come back as JS numbers on both engines (as SQLite returns them): int8 and
// numeric values NOCman stores (Rupiah, bytes, epoch seconds) stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** The URL without its password, to name the database in messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://(invalid URL)';
  }
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

type Counted = QueryRunner & { nocmanChanges?: number; nocmanTotalChanges?: number };

/**
 * Makes a PostgreSQL query runner speak NOCman's SQL: translated text, booleans bound as 0/1 (the schema keeps
 * SQLite's integer booleans), UPDATE/DELETE answering their rows as the sqlite runner does (not [rows, count]), and
 * SQLite's `SELECT changes()` / `SELECT total_changes()` answered from the runner's own row counts.
 */
function adapt(runner: QueryRunner): QueryRunner {
  const counted = runner as Counted;
  const original = runner.query.bind(runner) as (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;
  counted.nocmanChanges = 0;
  counted.nocmanTotalChanges = 0;
  const query = async (sql: string, params?: unknown[], structured = false): Promise<unknown> => {
    const counter = /^\s*SELECT\s+(total_changes|changes)\(\)\s+AS\s+(\w+)\s*$/i.exec(sql);
    if (counter) {
      const value = counter[1]!.toLowerCase() === 'changes' ? counted.nocmanChanges : counted.nocmanTotalChanges;
      return [{ [counter[2]!]: value }];
    }
    // Partitions made in a transaction are known once it commits; a ROLLBACK (TO SAVEPOINT too) forgets them.
    const ending = /^\s*(COMMIT|ROLLBACK)\b/i.exec(sql)?.[1]?.toUpperCase();
    if (ending === 'ROLLBACK') settlePartitions(runner, false);
    const bound = params?.map((value) => (value === true ? 1 : value === false ? 0 : value));
    const result = (await original(toPostgres(sql), bound, true)) as { records?: unknown[]; raw: unknown; affected?: number };
    if (ending === 'COMMIT') settlePartitions(runner, true);
    const affected = typeof result.affected === 'number' && /^\s*(insert|update|delete)\b/i.test(sql) ? result.affected : 0;
    counted.nocmanChanges = affected;
    counted.nocmanTotalChanges = (counted.nocmanTotalChanges ?? 0) + affected;
    if (structured) return result;
    if (Array.isArray(result.raw) && result.raw.length === 2 && typeof result.raw[1] === 'number' && /^\s*(update|delete)\b/i.test(sql)) {
      return result.records ?? result.raw[0];
    }
    return result.raw;
  };
  runner.query = query as QueryRunner['query'];
  return runner;
}

/** A DataSource speaking NOCman's SQL on PostgreSQL; `migrationList` other than all only for tests (an older schema). */
export function createDataSource(url: string, migrationList = migrations): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: migrationList,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    // A pool of a few connections: writers queue on the advisory lock anyway, readers run beside them.
    extra: { max: 8 },
  });
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => adapt(create(mode));
  return dataSource;
}

async function initialize(url: string, clock: Clock): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    // Two processes starting at once on a fresh database run the migrations one after the other.
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query('SELECT pg_advisory_lock(?)', [WRITER_LOCK]);
      await dataSource.runMigrations({ transaction: 'each' });
      await ensurePartitionsAround(dataSource.manager, Math.floor(clock.now().getTime() / 1000));
    } finally {
      await runner.query('SELECT pg_advisory_unlock(?)', [WRITER_LOCK]).catch(() => undefined);
      await runner.release();
    }
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

/** The connection errors of a database server that is down or unreachable (not the query's fault). */
function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE)$/.test(code) || /^(08|57P)/.test(code));
}

export async function openPostgresDatabase(url: string, dataDir: string, clock: Clock): Promise<Database> {
  const name = describeUrl(url);
  const health = new DatabaseHealth(clock);
  let dataSource = await initialize(url, clock);
  let swapping = false;

  const translate = (error: unknown): unknown => {
    // A read that met the restore of a backup (the pool is closed meanwhile): the caller may simply try again.
    if (swapping && !(error instanceof AppError)) {
      return new AppError('STORAGE_UNAVAILABLE', 'The database is being restored from a backup; try again in a moment.', { database: 'restoring' });
    }
    if (error instanceof AppError || !unavailable(error)) return error;
    health.invalidate();
    return storageError('unavailable', name);
  };

  const transaction = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query('BEGIN');
      (runner as unknown as Record<symbol, boolean>)[IN_TRANSACTION] = true;
      try {
        await runner.query('SELECT pg_advisory_xact_lock(?)', [WRITER_LOCK]);
        const result = await work(runner.manager);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      throw translate(error);
    } finally {
      (runner as unknown as Record<symbol, boolean>)[IN_TRANSACTION] = false;
      await runner.release();
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  const write = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const run = queue.then(() => transaction(work));
    queue = run.catch(() => undefined);
    return run;
  };

  // Group commit as on SQLite, but every batch (even of one) runs under the writer lock; each statement has its own
  // savepoint, since PostgreSQL aborts the whole transaction at a failed statement where SQLite undoes that one alone.
  type Pending = { work: (manager: EntityManager) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let pending: Pending[] = [];
  const runBatch = async () => {
    const batch = pending;
    pending = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await transaction(async (em) => {
        for (const item of batch) {
          if (batch.length > 1) await em.query('SAVEPOINT nocman_item');
          await item.work(em).then(
            async (value) => {
              if (batch.length > 1) await em.query('RELEASE SAVEPOINT nocman_item');
              outcomes.push({ ok: true, value });
            },
            async (error: unknown) => {
              if (batch.length > 1) await em.query('ROLLBACK TO SAVEPOINT nocman_item');
              outcomes.push({ ok: false, value: error });
            },
          );
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => (outcomes[i]!.ok ? item.resolve(outcomes[i]!.value) : item.reject(translate(outcomes[i]!.value))));
  };
  const run = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (pending.length === 1) queue = queue.then(runBatch).catch(() => undefined);
    });

  const probe = () => {
    const done = queue.then(() =>
      transaction(async (em) => {
        await em.query('INSERT INTO "counter" ("name", "value") VALUES (\'health.probe\', 1) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1');
      }),
    );
    queue = done.catch(() => undefined);
    return done;
  };

  // As on SQLite: waits for the writes in flight, closes the pool (no connection of this process holds a lock on a
  // table the restore drops), lets `swap` restore, and opens a new pool with the migrations run (an older backup is
  // migrated). If `swap` throws, the database was left as it was (one transaction) and is opened again.
  const reopen = (swap: () => Promise<void>): Promise<void> => {
    const done = queue.then(async () => {
      swapping = true;
      try {
        await dataSource.destroy();
        try {
          await swap();
        } catch (error) {
          dataSource = await initialize(url, clock);
          throw error;
        }
        dataSource = await initialize(url, clock);
        health.clear();
        health.invalidate();
      } finally {
        swapping = false;
      }
    });
    queue = done.catch(() => undefined);
    return done;
  };

  return {
    dialect: 'postgres',
    get dataSource() {
      return dataSource;
    },
    file: name,
    dataDir,
    health,
    write,
    run,
    reopen,
    connectionUrl: () => url,
    translate,
    probe,
    close: async () => {
      await queue;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
