// Opens the one SQLite file of a site: WAL, foreign keys, busy timeout, migrations; serialises writes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from './entities/AuditLog';
import { CustomerEntity } from './entities/Customer';
import { HistoryEntity } from './entities/History';
import { PlanEntity } from './entities/Plan';
import { SettingEntity } from './entities/Setting';
import { SubscriptionEntity } from './entities/Subscription';
import { UserEntity } from './entities/User';
import { migrations } from './migrations';

export const DATABASE_FILE = 'nocman.sqlite';

export interface Database {
  dataSource: DataSource;
  file: string;
  /**
   * Runs `work` in one transaction. SQLite has one writer and TypeORM's sqlite driver one connection, so
   * writers queue here instead of failing with "cannot start a transaction within a transaction".
   */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Runs one self-contained statement in the same queue as `write`, never inside another's transaction. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const dataSource = new DataSource({
    type: 'sqlite',
    database: file,
    entities: [UserEntity, SettingEntity, AuditLogEntity, PlanEntity, CustomerEntity, SubscriptionEntity, HistoryEntity],
    migrations,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    busyTimeout: 5000,
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.query('PRAGMA busy_timeout = 5000');
  await dataSource.query('PRAGMA foreign_keys = ON');
  await dataSource.query('PRAGMA synchronous = NORMAL');
  await dataSource.runMigrations({ transaction: 'each' });

  // BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout for another process): a
  // deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another connection
  // committed in between (two consoles on one file, or a process killed mid-write).
  const transaction = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const runner = dataSource.createQueryRunner();
    await runner.query('BEGIN IMMEDIATE');
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
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
      await only.work(dataSource.manager).then(only.resolve, only.reject);
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

  return {
    dataSource,
    file,
    write,
    run,
    close: async () => {
      await queue;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** True when `error` is SQLite's UNIQUE violation, optionally on one `table.column`. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
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
