// The event journal: every live event any process on this database raises, in one order, in the database. Each
// process writes its own events (batched: one INSERT per turn of the event loop) and reads everyone's — its SSE
// clients get them with the journal's ids, which keep growing across restarts, so a client that reconnects with
// `Last-Event-ID` after the host restarted gets what it missed; events of other processes are also handed to this
// process's own listeners (tray, windows, the runner's jobs) through `EventBus.emitForeign`.
import type { DataSource, EntityManager } from 'typeorm';
import { eventNames, type EventName } from '../../../shared/contract';
import { insertMany } from '../billing/sql';
import type { Database } from '../db/database';
import type { BusEvent, EventBus } from '../events';

export interface JournalEvent {
  id: number;
  name: EventName;
  at: string;
  payload: unknown;
}

export type JournalListener = (event: JournalEvent) => void;

/** How often the journal looks for events other processes wrote (one `PRAGMA data_version` when nothing changed). */
export const JOURNAL_POLL_MS = 100;
/** Events kept for replay; a client further behind reloads its screens anyway. */
export const JOURNAL_KEEP = 50_000;
/** The most a reconnecting client is replayed. */
export const REPLAY_LIMIT = 5_000;
const PULL_BATCH = 2_000;
const PRUNE_MS = 10 * 60_000;
const FLUSH_RETRY_MS = 500;
const MAX_FLUSH_RETRIES = 10;

const KNOWN = new Set<string>(eventNames);

function isTransient(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_BUSY|SQLITE_MISUSE|STORAGE_UNAVAILABLE|restored from a backup|Connection terminated|ECONNRESET/.test(message);
}

export class EventJournal {
  private cursor = 0;
  private pending: BusEvent[] = [];
  private flushing: Promise<void> | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private failures = 0;
  private dataVersion = -1;
  private readonly listeners = new Set<JournalListener>();
  private unsubscribe: (() => void) | null = null;
  private poller: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The connection the cursor belongs to: a restore swaps the file (and the connection) for one with another journal. */
  private source: DataSource | null = null;

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    readonly origin: string,
    private readonly logger: { error(message: string, error?: unknown): void } = console,
  ) {}

  /** Starts from the end of the journal: what was there before this process started is history, not news. */
  async start(): Promise<void> {
    this.source = this.db.dataSource;
    this.cursor = await this.maxId();
    this.unsubscribe = this.bus.subscribe((event) => {
      if (event.foreign || this.stopped) return;
      this.pending.push(event);
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
    this.poller = setInterval(() => void this.poll(), JOURNAL_POLL_MS);
    this.poller.unref?.();
    this.pruner = setInterval(() => void this.prune(), PRUNE_MS);
    this.pruner.unref?.();
  }

  /** Writes what is pending, then stops reading. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.poller) clearInterval(this.poller);
    if (this.pruner) clearInterval(this.pruner);
    this.poller = this.pruner = null;
    await this.flush();
    this.stopped = true;
    await this.pulling;
  }

  /** The id of the last event handed to listeners. */
  get lastId(): number {
    return this.cursor;
  }

  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `lastId` (at most REPLAY_LIMIT, the latest ones), for a client that reconnects. */
  async since(lastId: number): Promise<JournalEvent[]> {
    const upTo = this.cursor;
    if (lastId >= upTo) return [];
    const rows = (await this.db.dataSource.query(
      `SELECT id, name, at, payload FROM event_journal WHERE id > ? AND id <= ? ORDER BY id DESC LIMIT ?`,
      [lastId, upTo, REPLAY_LIMIT],
    )) as { id: number; name: string; at: string; payload: string }[];
    return rows.reverse().flatMap((row) => this.decode(row) ?? []);
  }

  /** Resolves when everything raised so far is written and handed to the listeners (tests). */
  async settled(): Promise<void> {
    await this.flush();
    await this.pull();
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.pending.length > 0 ? this.flush() : undefined));
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    const rows = batch.map((e) => [this.origin, e.name, e.at, JSON.stringify(e.payload ?? null)]);
    this.flushing = this.db
      .run(async (em) => {
        await this.rebaseIfSwapped(em);
        await insertMany(em, 'event_journal', ['origin', 'name', 'at', 'payload'], rows);
      })
      .then(
        () => {
          this.failures = 0;
        },
        (error: unknown) => {
          // Another process held the write lock past the busy timeout, or a restore is swapping the file: the batch
          // goes back in front of what came since and is tried again shortly, a few times. The bus has delivered
          // these events in this process already; only SSE clients and other processes wait for them.
          this.failures += 1;
          if (this.failures <= MAX_FLUSH_RETRIES && !this.stopped) {
            this.pending = [...batch, ...this.pending];
            const retry = setTimeout(() => void this.flush(), FLUSH_RETRY_MS);
            retry.unref?.();
          } else {
            this.failures = 0;
            if (!this.stopped) this.logger.error(`event journal: ${batch.length} event(s) not written`, error);
          }
        },
      )
      .finally(() => {
        this.flushing = null;
      })
      .then(() => this.pull());
    return this.flushing;
  }

  /** Another connection committed (PRAGMA data_version changed): maybe events of another process. */
  private async poll(): Promise<void> {
    if (this.pulling || this.stopped) return;
    try {
      // PostgreSQL has no data_version: the journal's newest id (an index-only look-up) changes when anyone wrote one.
      const [row] = (await this.db.dataSource.query(
        this.db.dialect === 'postgres' ? 'SELECT COALESCE(MAX(id), 0) AS data_version FROM event_journal' : 'PRAGMA data_version',
      )) as { data_version: number }[];
      const version = row?.data_version ?? -1;
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      await this.pull();
    } catch {
      // a restore swapping the file, a closed database: the next poll tries again
    }
  }

  /** Reads what is new in the journal and hands it on; one reader at a time, again if asked meanwhile. */
  private pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      do {
        this.pullAgain = false;
        await this.readNew();
      } while (this.pullAgain && !this.stopped);
    })()
      // A busy or swapped file: the next poll reads again from the same cursor, nothing is skipped.
      .catch((error: unknown) => {
        if (!this.stopped && this.db.dataSource.isInitialized && !isTransient(error)) this.logger.error('event journal: read failed', error);
      })
      .finally(() => {
        this.pulling = null;
      });
    return this.pulling;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      // Through the write queue: never inside another statement's open transaction on this connection, where a row
      // not yet committed would be read. PostgreSQL reads on a pooled connection see committed rows only, and the
      // writer lock commits journal rows in id order, so a plain read there does not queue behind the writers.
      const read = async (em: EntityManager) => {
        await this.rebaseIfSwapped(em);
        return em.query(`SELECT id, origin, name, at, payload FROM event_journal WHERE id > ? ORDER BY id LIMIT ?`, [this.cursor, PULL_BATCH]);
      };
      const rows = (await (this.db.dialect === 'postgres' ? read(this.db.dataSource.manager) : this.db.run(read))) as { id: number; origin: string; name: string; at: string; payload: string }[];
      if (rows.length === 0) return;
      for (const row of rows) {
        this.cursor = row.id;
        const event = this.decode(row);
        if (!event) continue;
        if (row.origin !== this.origin) this.bus.emitForeign(event.name, event.at, event.payload);
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch {
            // one failing stream must not stop the others
          }
        }
      }
      if (rows.length < PULL_BATCH) return;
    }
  }

  private decode(row: { id: number; name: string; at: string; payload: string }): JournalEvent | null {
    // An event a newer version wrote that this one does not know: skipped, not guessed at.
    if (!KNOWN.has(row.name)) return null;
    try {
      return { id: row.id, name: row.name as EventName, at: row.at, payload: JSON.parse(row.payload) as unknown };
    } catch {
      return null;
    }
  }

  /**
   * A restore swapped the database for a backup, whose journal ends elsewhere: carry on from its end, before anything
   * is written to it, so the first event after the restore (`system.restored`) is read and streamed.
   */
  private async rebaseIfSwapped(em: EntityManager): Promise<void> {
    if (em.connection === this.source) return;
    this.source = em.connection;
    const [row] = (await em.query('SELECT COALESCE(MAX(id), 0) AS id FROM event_journal')) as { id: number }[];
    this.cursor = row?.id ?? 0;
  }

  private async maxId(): Promise<number> {
    const [row] = (await this.db.dataSource.query('SELECT COALESCE(MAX(id), 0) AS id FROM event_journal')) as { id: number }[];
    return row?.id ?? 0;
  }

  private async prune(): Promise<void> {
    try {
      await this.db.run((em) => em.query(`DELETE FROM event_journal WHERE id <= (SELECT MAX(id) FROM event_journal) - ?`, [JOURNAL_KEEP]));
    } catch (error) {
      this.logger.error('event journal: prune failed', error);
    }
  }
}
