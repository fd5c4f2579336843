// The one worker that sends the outbox: per channel a token bucket (ratePerMin, bursts of at most 5 seconds' worth,
// full at start) and a daily cap (the rest waits for the next site day), at most IN_FLIGHT requests at once (a slot
// a finished send frees is filled at once, not at the next step), retries with exponential back-off (30 s × 2^n up
// to an hour, or the server's Retry-After) up to MAX_ATTEMPTS, and billing messages held back during the customers'
// quiet hours. Delivery is at least once: a message claimed ('sending') when the process died is queued again on start.
import { addDaysIso, dateInZone, minutesInZone, startOfDateInZone } from '../../../shared/dates';
import { CHANNELS, type Channel, type Settings } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { HISTORY_COLUMNS, insertMany } from '../billing/sql';
import { inQuietHours } from '../alerts/notifications';
import type { ChannelsService } from './channels';
import { isBillingEvent } from './compose';
import type { OutboxService } from './outbox';
import { clip, type Attachment, type ChannelSender } from './port';

export const MAX_ATTEMPTS = 8;
export const IN_FLIGHT = 4;
export const BASE_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 3_600_000;
const TICK_MS = 200;

export interface ClaimedMessage {
  id: number;
  channel: Channel;
  audience: 'customer' | 'team';
  event: string;
  customerId: number | null;
  recipient: string;
  subject: string | null;
  text: string;
  attachment: 'invoice' | 'receipt' | null;
  invoiceId: number | null;
  paymentId: number | null;
  alertId: number | null;
  attempts: number;
}

/** Renders the PDF an e-mail carries (the invoice or the receipt) in the message's language. */
export type AttachmentSource = (message: ClaimedMessage & { language: 'id' | 'en' }) => Promise<Attachment[]>;

export function backoffMs(attempts: number, retryAfterMs: number | null): number {
  const exponential = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return retryAfterMs === null ? exponential : Math.min(Math.max(retryAfterMs, 1000), MAX_BACKOFF_MS);
}

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private ratePerMin: number,
    now: number,
  ) {
    this.tokens = this.capacity;
    this.last = now;
  }

  private get capacity(): number {
    return Math.max(1, Math.ceil(this.ratePerMin / 12));
  }

  available(now: number, ratePerMin: number): number {
    this.ratePerMin = ratePerMin;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * ratePerMin) / 60_000);
    this.last = now;
    return Math.floor(this.tokens);
  }

  take(n: number): void {
    this.tokens -= n;
  }
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private readonly buckets = new Map<Channel, TokenBucket>();
  private readonly inFlight = new Map<Channel, number>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  /** A send ended while a step was claiming: step again as soon as that one is done. */
  private again = false;

  constructor(
    private readonly db: Database,
    private readonly channels: ChannelsService,
    private readonly senders: Record<Channel, ChannelSender>,
    private readonly settings: () => Promise<Settings>,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly attachments: AttachmentSource,
    private readonly logger: { warn(message: string): void } = console,
  ) {}

  /** Queues again what a dead process left 'sending', then sends every TICK_MS. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.db.write((em) => em.query(`UPDATE outbox SET status = 'queued' WHERE status = 'sending'`));
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  /** Sends until nothing is due now (tests and the bench; the timer does the same in steps). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.ticking) {
        // The timer's own step is claiming: wait for it rather than take its 0 for "nothing due".
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const started = await this.tick();
      await Promise.allSettled([...this.running]);
      if (started === 0 && this.running.size === 0) return;
    }
  }

  /** One step: claims what each channel may send now and starts sending it. Answers how many it started. */
  async tick(): Promise<number> {
    if (this.ticking || this.stopped) return 0;
    this.ticking = true;
    try {
      const settings = await this.settings();
      let started = 0;
      for (const channel of CHANNELS) {
        const config = await this.channels.get(channel);
        if (!config.enabled) continue;
        started += await this.claimAndSend(channel, config.ratePerMin, config.dailyCap, settings);
      }
      return started;
    } catch (error) {
      this.logger.warn(`outbox: ${(error as Error).message}`);
      return 0;
    } finally {
      this.ticking = false;
      if (this.again) {
        this.again = false;
        setImmediate(() => this.kick());
      }
    }
  }

  /**
   * With the timer running, a send that ends frees its slot at once rather than at the next step: without this the
   * worker claims at most IN_FLIGHT messages per TICK_MS (1,200 a minute), far below a LAN gateway's 6,000.
   */
  private kick(): void {
    if (!this.timer || this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  private async claimAndSend(channel: Channel, ratePerMin: number, dailyCap: number, settings: Settings): Promise<number> {
    const now = this.clock.now();
    const nowMs = now.getTime();
    const at = now.toISOString();
    const free = IN_FLIGHT - (this.inFlight.get(channel) ?? 0);
    if (free <= 0) return 0;
    let bucket = this.buckets.get(channel);
    if (!bucket) this.buckets.set(channel, (bucket = new TokenBucket(ratePerMin, nowMs)));
    const tokens = bucket.available(nowMs, ratePerMin);
    if (tokens <= 0) return 0;
    const q = this.db.dataSource;
    const due = (await q.query(
      `SELECT id, audience, event FROM outbox WHERE status = 'queued' AND channel = ? AND not_before <= ? ORDER BY not_before, id LIMIT ?`,
      [channel, at, Math.min(free, tokens) + 20],
    )) as { id: number; audience: string; event: string }[];
    if (due.length === 0) return 0;

    // Quiet hours: billing messages to customers wait for the morning; outage notices and the team's do not.
    const quiet = settings.customerQuietStart && settings.customerQuietEnd ? { start: settings.customerQuietStart, end: settings.customerQuietEnd } : null;
    const isQuiet = inQuietHours(minutesInZone(now, settings.timeZone), quiet);
    const held = isQuiet ? due.filter((d) => d.audience === 'customer' && isBillingEvent(d.event)) : [];
    if (held.length > 0) {
      const until = quietEnd(now, settings.timeZone, quiet!.end).toISOString();
      await this.db.write((em) => em.query(`UPDATE outbox SET not_before = ? WHERE id IN (${held.map(() => '?').join(',')}) AND status = 'queued'`, [until, ...held.map((h) => h.id)]));
    }
    const candidates = due.filter((d) => !held.includes(d));

    // The daily cap: what is over it waits for the next site day.
    const today = dateInZone(now, settings.timeZone);
    const [{ sent }] = (await q.query(`SELECT COUNT(*) AS sent FROM outbox WHERE channel = ? AND sent_at >= ?`, [channel, startOfDateInZone(today, settings.timeZone).toISOString()])) as [{ sent: number }];
    const room = dailyCap - sent - (this.inFlight.get(channel) ?? 0);
    if (room <= 0) {
      const tomorrow = startOfDateInZone(addDaysIso(today, 1), settings.timeZone).toISOString();
      await this.db.write((em) => em.query(`UPDATE outbox SET not_before = ? WHERE status = 'queued' AND channel = ? AND not_before < ?`, [tomorrow, channel, tomorrow]));
      return 0;
    }
    const take = candidates.slice(0, Math.min(free, tokens, room));
    if (take.length === 0) return 0;
    // Lower-case `update`: TypeORM's sqlite driver hands back RETURNING rows only for it.
    const claimed = await this.db.write(async (em) => {
      const rows = (await em.query(
        `update outbox SET status = 'sending', attempts = attempts + 1, last_attempt_at = ? WHERE id IN (${take.map(() => '?').join(',')}) AND status = 'queued'
         RETURNING id, channel, audience, event, customer_id AS customerId, recipient, subject, text, attachment, invoice_id AS invoiceId,
           payment_id AS paymentId, alert_id AS alertId, attempts, language`,
        [at, ...take.map((t) => t.id)],
      )) as (ClaimedMessage & { language: 'id' | 'en' })[];
      return rows;
    });
    bucket.take(claimed.length);
    for (const message of claimed) {
      this.inFlight.set(channel, (this.inFlight.get(channel) ?? 0) + 1);
      const job = this.sendOne(message).finally(() => {
        this.inFlight.set(channel, (this.inFlight.get(channel) ?? 1) - 1);
        this.running.delete(job);
        this.kick();
      });
      this.running.add(job);
    }
    return claimed.length;
  }

  /** Why a claimed message must not go out any more (the cause ended), or null. */
  private async staleReason(m: ClaimedMessage): Promise<string | null> {
    const q = this.db.dataSource;
    if (m.customerId !== null) {
      const [c] = (await q.query('SELECT messages_opt_out AS optOut FROM customer WHERE id = ?', [m.customerId])) as { optOut: number }[];
      if (c?.optOut) return 'optedOut';
    }
    if ((m.event === 'dueReminder' || m.event === 'overdue') && m.invoiceId !== null) {
      const [invoice] = (await q.query('SELECT status FROM invoice WHERE id = ?', [m.invoiceId])) as { status: string }[];
      if (invoice && (invoice.status === 'paid' || invoice.status === 'void')) return 'settled';
    }
    if ((m.event === 'teamAlert' || m.event === 'teamAlertRepeat') && m.alertId !== null) {
      const [alert] = (await q.query('SELECT status FROM alert WHERE id = ?', [m.alertId])) as { status: string }[];
      if (alert?.status === 'acknowledged') return 'acknowledged';
      if (alert?.status === 'resolved') return 'resolved';
    }
    return null;
  }

  private async sendOne(m: ClaimedMessage & { language: 'id' | 'en' }): Promise<void> {
    try {
      const stale = await this.staleReason(m);
      if (stale) {
        await this.finish(m, 'skipped', stale, null);
        return;
      }
      const channel = await this.channels.get(m.channel);
      const attachments = m.channel === 'email' && m.attachment ? await this.attachments(m) : [];
      const outcome = await this.senders[m.channel].send({ to: m.recipient, subject: m.subject, text: m.text, attachments }, channel, AbortSignal.timeout(60_000));
      if (outcome.ok) {
        await this.finish(m, 'sent', null, outcome.answer);
      } else if (outcome.retry && m.attempts < MAX_ATTEMPTS) {
        const notBefore = new Date(this.clock.now().getTime() + backoffMs(m.attempts, outcome.retryAfterMs)).toISOString();
        await this.db.write((em) => em.query(`UPDATE outbox SET status = 'queued', not_before = ?, answer = ? WHERE id = ?`, [notBefore, clip(outcome.answer), m.id]));
        this.outbox.changed();
      } else {
        await this.finish(m, 'failed', outcome.retry ? 'attempts' : 'rejected', outcome.answer);
      }
    } catch (error) {
      // A bug or a broken attachment must not leave the message 'sending' for ever: it is retried like a failure.
      this.logger.warn(`outbox: message ${m.id}: ${(error as Error).message}`);
      const answer = `NOCman: ${(error as Error).message}`;
      const notBefore = new Date(this.clock.now().getTime() + backoffMs(m.attempts, null)).toISOString();
      await this.db
        .write((em) => em.query(`UPDATE outbox SET status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END, reason = CASE WHEN attempts >= ? THEN 'attempts' ELSE NULL END, not_before = ?, answer = ? WHERE id = ?`, [MAX_ATTEMPTS, MAX_ATTEMPTS, notBefore, clip(answer), m.id]))
        .catch(() => undefined);
      this.outbox.changed();
    }
  }

  /** The outcome, and for a customer message its line on the customer's timeline, in one transaction. */
  private async finish(m: ClaimedMessage, status: 'sent' | 'failed' | 'skipped', reason: string | null, answer: string | null): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      await em.query(`UPDATE outbox SET status = ?, reason = ?, sent_at = ?, answer = COALESCE(?, answer) WHERE id = ?`, [status, reason, status === 'sent' ? at : null, answer === null ? null : clip(answer), m.id]);
      if (m.customerId !== null) {
        const changes: Record<string, { from: null; to: string | number }> = { channel: { from: null, to: m.channel }, event: { from: null, to: m.event }, recipient: { from: null, to: m.recipient }, outboxId: { from: null, to: m.id } };
        if (reason) changes['reason'] = { from: null, to: reason };
        await insertMany(em, 'history', HISTORY_COLUMNS, [[at, null, 'system', m.customerId, 'customer', m.customerId, `message.${status}`, `${m.channel} ${m.event} ${status}${reason ? `: ${reason}` : ''}`, JSON.stringify(changes), null]]);
      }
    });
    this.outbox.changed();
  }
}

/** The next instant the quiet window ends (`end` site time, today or tomorrow). */
function quietEnd(now: Date, timeZone: string, end: string): Date {
  const today = dateInZone(now, timeZone);
  const [h, m] = end.split(':').map(Number) as [number, number];
  const todayEnd = new Date(startOfDateInZone(today, timeZone).getTime() + (h * 60 + m) * 60_000);
  return todayEnd > now ? todayEnd : new Date(startOfDateInZone(addDaysIso(today, 1), timeZone).getTime() + (h * 60 + m) * 60_000);
}
