// Acting on access changes: after billing commits a suspension, reactivation, expiry or plan change, each live session
// of the subscriptions concerned gets a Disconnect-Request (or a CoA-Request with the new rate) from its NAS; each
// request and its answer goes on the customer's timeline. Never inside a billing transaction, never failing it.
import type { CoaResult } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { SYSTEM_ACTOR, type Actor } from '../actor';
import type { Database } from '../db/database';
import type { HistoryService } from '../history/service';
import { pool } from '../monitoring/monitor';
import type { AccessChange } from './access';
import type { CoaSender } from './coa';
import type { NasService } from './nas';
import { rateLimit } from './rules';

interface LiveSession {
  id: number;
  subscriptionId: number | null;
  customerId: number | null;
  username: string;
  nasAddress: string;
  acctSessionId: string;
  framedIp: string | null;
  status: string | null;
  customerStatus: string | null;
  uploadMbps: number | null;
  downloadMbps: number | null;
  burstUpMbps: number | null;
  burstDownMbps: number | null;
  burstThresholdMbps: number | null;
  burstTimeSec: number | null;
  stoppedAt: string | null;
}

const SESSION = `SELECT rs.id, rs.subscription_id AS subscriptionId, s.customer_id AS customerId, rs.username, rs.nas_address AS nasAddress,
  rs.acct_session_id AS acctSessionId, rs.framed_ip AS framedIp, s.status, c.status AS customerStatus, p.upload_mbps AS uploadMbps,
  p.download_mbps AS downloadMbps, p.burst_up_mbps AS burstUpMbps, p.burst_down_mbps AS burstDownMbps,
  p.burst_threshold_mbps AS burstThresholdMbps, p.burst_time_sec AS burstTimeSec, rs.stopped_at AS stoppedAt
  FROM radius_session rs LEFT JOIN subscription s ON s.id = rs.subscription_id LEFT JOIN customer c ON c.id = s.customer_id
  LEFT JOIN plan p ON p.id = s.plan_id`;
const LIVE = `${SESSION} WHERE rs.stopped_at IS NULL`;

/** Requests in flight at once when a billing run suspends hundreds of customers. */
const CONCURRENCY = 16;

export interface FollowUpLogger {
  error(message: string, detail?: unknown): void;
}

export class AccessFollowUp {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly nas: NasService,
    private readonly history: HistoryService,
    private readonly sender: CoaSender,
    private readonly logger: FollowUpLogger = console,
  ) {}

  /** Called after a commit: acts in the background; a failure is logged, never thrown at billing. */
  changed(change: AccessChange): void {
    const work = this.act(change).catch((error: unknown) => this.logger.error('RADIUS follow-up failed', error));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves when every follow-up started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async sessionsOf(change: AccessChange): Promise<LiveSession[]> {
    const q = this.db.dataSource;
    const rows: LiveSession[] = [];
    const groups: [string, number[] | undefined][] = [
      ['rs.subscription_id', change.subscriptionIds],
      ['s.customer_id', change.customerIds],
      ['s.plan_id', change.planIds],
    ];
    for (const [column, ids] of groups) {
      for (let i = 0; ids && i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        rows.push(...((await q.query(`${LIVE} AND ${column} IN (${part.map(() => '?').join(',')})`, part)) as LiveSession[]));
      }
    }
    return [...new Map(rows.map((r) => [r.id, r])).values()];
  }

  private async act(change: AccessChange): Promise<void> {
    const sessions = await this.sessionsOf(change);
    await pool(sessions, CONCURRENCY, async (session) => {
      if (change.kind === 'status') return this.send(session, 'disconnect', SYSTEM_ACTOR, 'auto.accessChanged');
      // A new plan: a CoA with its rate for an active session; an isolated one keeps the isolir rate.
      if (session.status === 'active' && session.customerStatus !== 'suspended' && session.uploadMbps !== null && session.downloadMbps !== null) {
        return this.send(session, 'coa', SYSTEM_ACTOR, 'auto.planChanged', rateLimit({ ...session, uploadMbps: session.uploadMbps, downloadMbps: session.downloadMbps }));
      }
      return null;
    });
  }

  /** A person's Disconnect of one live session (the RADIUS page's button). */
  async disconnect(actor: Actor, sessionId: number): Promise<CoaResult> {
    const [session] = (await this.db.dataSource.query(`${SESSION} WHERE rs.id = ?`, [sessionId])) as LiveSession[];
    if (!session) throw new AppError('NOT_FOUND', `Session ${sessionId} not found`);
    if (session.stoppedAt !== null) throw new AppError('CONFLICT', `Session ${sessionId} has already ended`);
    return this.send(session, 'disconnect', actor, null);
  }

  private async send(session: LiveSession, kind: 'disconnect' | 'coa', actor: Actor, reason: string | null, rate?: string): Promise<CoaResult> {
    const nas = await this.nas.byAddress(session.nasAddress);
    let result: CoaResult;
    let tries = 0;
    if (!nas) {
      result = { sessionId: session.id, outcome: 'error', errorCause: null, message: `The NAS ${session.nasAddress} is not in the NAS list (its secret is needed)` };
    } else {
      try {
        const answer = await this.sender.send(
          { host: nas.address, port: nas.coaPort, secret: nas.secret },
          { kind, username: session.username, acctSessionId: session.acctSessionId, nasAddress: session.nasAddress, framedIp: session.framedIp, ...(rate ? { rateLimit: rate } : {}) },
        );
        tries = answer.tries;
        result = { sessionId: session.id, outcome: answer.outcome, errorCause: answer.errorCause, message: null };
      } catch (error) {
        result = { sessionId: session.id, outcome: 'error', errorCause: null, message: error instanceof Error ? error.message : String(error) };
      }
    }
    await this.record(session, kind, nas?.name ?? session.nasAddress, result, tries, actor, reason, rate);
    return result;
  }

  private async record(session: LiveSession, kind: 'disconnect' | 'coa', nasName: string, result: CoaResult, tries: number, actor: Actor, reason: string | null, rate?: string) {
    if (session.subscriptionId === null || session.customerId === null) return;
    const request = kind === 'coa' ? 'CoA-Request' : 'Disconnect-Request';
    const changes = {
      nas: { from: null, to: nasName },
      username: { from: null, to: session.username },
      acctSessionId: { from: null, to: session.acctSessionId },
      outcome: { from: null, to: result.outcome },
      tries: { from: null, to: tries },
      ...(result.errorCause !== null ? { errorCause: { from: null, to: result.errorCause } } : {}),
      ...(rate ? { rateLimit: { from: null, to: rate } } : {}),
    };
    const summary = `${request} to ${nasName} for ${session.username}: ${result.outcome.toUpperCase()}${result.message ? ` (${result.message})` : ''}`;
    await this.db.write((em) =>
      this.history.record(em, { actor, customerId: session.customerId!, entity: 'subscription', entityId: session.subscriptionId!, kind: `radius.${kind}`, summary, changes, reason }),
    );
  }
}
