// Group commit for the bridge's writes: accounting records, rejects and post-auth results that arrive together are
// written in one transaction (BEGIN IMMEDIATE), each in its own savepoint, and each caller is answered after the commit.
import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database';

interface Job {
  work: (em: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many records per transaction, so one burst does not hold the writer for long. */
const MAX_BATCH = 500;

export class WriteBatcher {
  private pending: Job[] = [];
  private scheduled = false;

  constructor(private readonly db: Database) {}

  /** Runs `work` in the next batch's transaction; resolves once that transaction committed. */
  enqueue<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    void this.flush();
  }

  private async flush(): Promise<void> {
    let batch: Job[] = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.write(async (em) => {
        // Taken when the transaction starts: everything that arrived while it waited for the writer goes in.
        batch = this.pending.splice(0, MAX_BATCH);
        this.scheduled = false;
        this.schedule();
        for (const job of batch) {
          await em.query('SAVEPOINT radius_job');
          try {
            const value = await job.work(em);
            await em.query('RELEASE radius_job');
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Only this record is undone; the others of the batch still commit.
            await em.query('ROLLBACK TO radius_job');
            await em.query('RELEASE radius_job');
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      if (batch.length === 0) {
        // The transaction never started (the writer is unavailable): fail what waits now, so nothing hangs.
        batch = this.pending.splice(0, this.pending.length);
        this.scheduled = false;
      }
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)));
  }
}
