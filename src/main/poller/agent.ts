// `nocman poller`: a headless process at a POP. It fetches its assignment from the site (kept on disk, so a restart
// while the site is unreachable goes on watching), pings its devices with the same Pinger port the site's monitor
// uses and reads their SNMP counters with the same SnmpClient, and sends each sweep to the site as a batch. Every
// batch is written to the disk queue first and sent oldest first, one at a time; it leaves the queue only when the
// site acknowledged it. While the site cannot be reached it keeps sweeping into the queue and tries again with a
// back-off of 1 s, 2, 4 … 30 s; when the site is back, the queue is replayed in order.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { PollerAssignment, PollerBatch } from '../../shared/contract';
import type { Clock } from '../core/clock';
import type { SnmpClient } from '../core/bandwidth/snmp';
import { pool } from '../core/monitoring/monitor';
import type { Pinger, ProbeResult } from '../core/monitoring/pinger';
import { CertificateChangedError, normaliseFingerprint, pinnedHttpsAgent, probeHost } from '../core/site/pin';
import { DiskQueue } from './queue';

/** How often the poller looks for due devices (as the site's monitor loop). */
export const POLLER_TICK_MS = 5_000;
/** An empty batch at least this often while nothing else is sent, so the site knows the poller is alive. */
export const POLLER_HEARTBEAT_MS = 20_000;
/** The assignment is fetched again at least this often (and at once when a batch answer names another revision). */
export const ASSIGNMENT_REFRESH_MS = 60_000;

export interface PollerLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface PollerOptions {
  /** The site's address: `https://noc.example:5443` (or http on a trusted network / in tests). */
  site: string;
  key: string;
  dataDir: string;
  pinger: Pinger;
  snmp: SnmpClient;
  clock: Clock;
  version: string;
  hostname: string;
  /** The site certificate's SHA-256 fingerprint; without it the first one seen is pinned (and printed). */
  fingerprint?: string;
  logger?: PollerLogger;
  tickMs?: number;
  heartbeatMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  requestTimeoutMs?: number;
}

interface Answer {
  status: number;
  body: unknown;
}

class SiteUnreachable extends Error {}

export class PollerAgent {
  private readonly queue: DiskQueue;
  private readonly instance: string;
  private assignment: PollerAssignment | null = null;
  private readonly lastPing = new Map<number, number>();
  private readonly lastSnmp = new Map<number, number>();
  /** The discovery request each device was last walked for. */
  private readonly walked = new Map<number, string>();
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<void> | null = null;
  private draining: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private retryAt = 0;
  private attempt = 0;
  private lastSentAt = 0;
  private lastAssignmentAt = 0;
  private agent: http.Agent | undefined;
  private pin: string | null;
  private stopped = false;
  private keyRefused = false;
  /** Sweeps done and batches the site acknowledged since start (for the log and tests). */
  readonly stats = { sweeps: 0, sent: 0, duplicates: 0, rejected: 0 };

  constructor(private readonly options: PollerOptions) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.queue = new DiskQueue(path.join(options.dataDir, 'queue'));
    const instanceFile = path.join(options.dataDir, 'poller-instance');
    if (!existsSync(instanceFile)) writeAtomic(instanceFile, randomBytes(6).toString('hex'));
    this.instance = readFileSync(instanceFile, 'utf8').trim();
    const pinFile = path.join(options.dataDir, 'site-fingerprint');
    this.pin = options.fingerprint ? normaliseFingerprint(options.fingerprint) : existsSync(pinFile) ? readFileSync(pinFile, 'utf8').trim() : null;
    const cached = path.join(options.dataDir, 'assignment.json');
    if (existsSync(cached)) {
      try {
        this.assignment = JSON.parse(readFileSync(cached, 'utf8')) as PollerAssignment;
      } catch {
        this.assignment = null;
      }
    }
  }

  private get logger(): PollerLogger {
    return this.options.logger ?? console;
  }

  get backlog(): number {
    return this.queue.size;
  }

  get devices(): number {
    return this.assignment?.devices.length ?? 0;
  }

  /** Fetches the assignment (or keeps the copy on disk when the site cannot be reached). */
  async connect(): Promise<void> {
    this.logger.log(`NOCman poller ${this.options.version} for ${this.options.site}: ${this.queue.size} batches waiting on disk`);
    const refresh = this.refresh().catch((error: unknown) => this.logger.error(`assignment: ${describe(error)}${this.assignment ? ' (using the copy on disk)' : ''}`));
    // With a copy on disk the sweeps start at once: a poller restarted while the link is down keeps watching.
    if (!this.assignment) await refresh;
  }

  async start(): Promise<void> {
    await this.connect();
    const tick = this.options.tickMs ?? POLLER_TICK_MS;
    this.timers.push(setInterval(() => void this.tick(), tick));
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.sweeping;
    await this.draining;
    await this.refreshing?.catch(() => undefined);
    this.agent?.destroy();
  }

  /** One turn: sweep what is due into the queue, then send what waits. Never overlapping. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    if (!this.sweeping) {
      this.sweeping = this.sweep()
        .catch((error: unknown) => this.logger.error(`sweep: ${describe(error)}`))
        .finally(() => {
          this.sweeping = null;
        });
    }
    await this.sweeping;
    if (this.clock() - this.lastAssignmentAt >= ASSIGNMENT_REFRESH_MS && this.clock() >= this.retryAt) {
      // In the background: a request that hangs on a dead link must not hold up the sweeps.
      void this.refresh().catch(() => undefined);
    }
    await this.drain();
  }

  private clock(): number {
    return this.options.clock.now().getTime();
  }

  private async sweep(): Promise<void> {
    const assignment = this.assignment;
    if (!assignment) return;
    const startedAt = this.clock();
    const due = assignment.devices.filter((d) => d.monitored && startedAt - (this.lastPing.get(d.id) ?? 0) >= d.intervalSec * 1000);
    const snmpDue = assignment.devices.filter((d) => d.snmp && d.snmp.ifIndexes.length > 0 && startedAt - (this.lastSnmp.get(d.id) ?? 0) >= d.snmp.intervalSec * 1000);
    // A discovery someone asked for at the site, walked once per request.
    const discoverDue = assignment.devices.filter((d) => d.snmp?.discoverRequestedAt && this.walked.get(d.id) !== d.snmp.discoverRequestedAt);
    if (due.length === 0 && snmpDue.length === 0 && discoverDue.length === 0) return;
    const started = performance.now();
    for (const d of due) this.lastPing.set(d.id, startedAt);
    for (const d of snmpDue) this.lastSnmp.set(d.id, startedAt);
    for (const d of discoverDue) this.walked.set(d.id, d.snmp!.discoverRequestedAt!);
    const targets = due.map((d) => ({ host: d.host, options: { count: d.echoCount, timeoutMs: d.timeoutMs } }));
    const pinger = this.options.pinger;
    const [probes, readings, discovered] = await Promise.all([
      pinger.probeMany ? pinger.probeMany(targets) : pool(targets, 100, (t) => pinger.probe(t.host, t.options)),
      pool(snmpDue, 32, async (d) => {
        const snmp = d.snmp!;
        const at = new Date(this.clock()).toISOString();
        try {
          const read = await this.options.snmp.counters({ host: d.host, port: snmp.port, community: snmp.community, timeoutMs: snmp.timeoutMs, retries: snmp.retries }, snmp.ifIndexes);
          return { deviceId: d.id, at, uptime: read.uptime, counters: read.counters.map((c) => ({ ifIndex: c.ifIndex, inOctets: c.inOctets.toString(), outOctets: c.outOctets.toString() })), error: null };
        } catch (error) {
          return { deviceId: d.id, at, uptime: null, counters: [], error: describe(error).slice(0, 500) };
        }
      }),
      pool(discoverDue, 8, async (d) => {
        const snmp = d.snmp!;
        const requestedAt = snmp.discoverRequestedAt!;
        try {
          const found = await this.options.snmp.interfaces({ host: d.host, port: snmp.port, community: snmp.community, timeoutMs: snmp.timeoutMs, retries: snmp.retries });
          return { deviceId: d.id, requestedAt, interfaces: found.map((i) => ({ ...i, name: i.name.slice(0, 255), descr: i.descr.slice(0, 255), alias: i.alias.slice(0, 255) })), error: null };
        } catch (error) {
          return { deviceId: d.id, requestedAt, interfaces: [], error: describe(error).slice(0, 500) };
        }
      }),
    ]);
    const sweepMs = Math.round(performance.now() - started);
    this.queue.push((seq) => ({
      batchId: `${this.instance}-${seq}`,
      at: new Date(startedAt).toISOString(),
      sweepMs,
      version: this.options.version,
      hostname: this.options.hostname,
      backlog: 0,
      results: due.map((d, i) => resultOf(d.id, probes[i]!)),
      readings,
      discovered,
    }));
    this.stats.sweeps++;
  }

  /** Sends the queue oldest first until it is empty, the site fails, or the poller stops. One drain at a time. */
  drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.sendAll().finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  private async sendAll(): Promise<void> {
    while (!this.stopped && this.clock() >= this.retryAt) {
      const next = this.queue.peek();
      if (!next && this.clock() - this.lastSentAt < (this.options.heartbeatMs ?? POLLER_HEARTBEAT_MS)) return;
      const batch: PollerBatch = next
        ? { ...next.batch, backlog: this.queue.size - 1 }
        : { batchId: `${this.instance}-hb-${this.clock()}`, at: new Date(this.clock()).toISOString(), sweepMs: 0, version: this.options.version, hostname: this.options.hostname, backlog: 0, results: [], readings: [], discovered: [] };
      let answer: Answer;
      try {
        answer = await this.request('POST', '/api/poller/batches', batch);
      } catch (error) {
        this.failed(error);
        return;
      }
      if (answer.status === 200) {
        if (next) this.queue.ack(next.name);
        this.stats.sent++;
        const body = answer.body as { duplicate?: boolean; revision?: string };
        if (body.duplicate) this.stats.duplicates++;
        this.succeeded();
        if (body.revision && body.revision !== this.assignment?.revision) await this.refresh().catch(() => undefined);
        continue;
      }
      if ((answer.status === 400 || answer.status === 413) && next) {
        // Refused as it is: it would be refused forever. Kept aside for a person; the rest of the queue goes on.
        this.queue.setAside(next.name);
        this.stats.rejected++;
        this.logger.error(`the site refused batch ${next.batch.batchId} (${answer.status}): ${JSON.stringify(answer.body).slice(0, 300)}; kept in queue/rejected`);
        continue;
      }
      if (answer.status === 401) {
        if (!this.keyRefused) this.logger.error('the site refuses this poller key (revoked or wrong); batches stay on disk');
        this.keyRefused = true;
      }
      this.failed(new Error(`HTTP ${answer.status}`));
      return;
    }
  }

  private succeeded(): void {
    if (this.attempt > 0) this.logger.log(`site reachable again; ${this.queue.size} batches waiting`);
    this.attempt = 0;
    this.retryAt = 0;
    this.keyRefused = false;
    this.lastSentAt = this.clock();
  }

  private failed(error: unknown): void {
    const first = this.options.firstRetryMs ?? 1_000;
    const max = this.options.maxRetryMs ?? 30_000;
    const delay = Math.min(max, first * 2 ** this.attempt);
    if (this.attempt === 0) this.logger.error(`cannot deliver to the site (${describe(error)}); buffering on disk, retrying`);
    this.attempt++;
    this.retryAt = this.clock() + delay;
  }

  /** One fetch of the assignment at a time. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.refreshAssignment().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshAssignment(): Promise<void> {
    const answer = await this.request('GET', '/api/poller/assignment');
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    const assignment = answer.body as PollerAssignment;
    const changed = assignment.revision !== this.assignment?.revision;
    this.assignment = assignment;
    this.lastAssignmentAt = this.clock();
    // Holds SNMP communities: readable by this user only.
    if (changed) {
      writeAtomic(path.join(this.options.dataDir, 'assignment.json'), JSON.stringify(assignment));
      this.logger.log(`assignment ${assignment.revision}: ${assignment.devices.length} devices`);
    }
  }

  private async agentFor(url: URL): Promise<http.Agent | undefined> {
    if (url.protocol !== 'https:') return undefined;
    if (!this.pin) {
      const { fingerprint } = await probeHost(this.options.site);
      this.pin = fingerprint;
      writeAtomic(path.join(this.options.dataDir, 'site-fingerprint'), fingerprint);
      this.logger.log(`pinned the site's certificate on first contact: SHA-256 ${fingerprint} — compare it with the one \`nocman serve\` printed`);
    }
    this.agent ??= pinnedHttpsAgent(this.pin);
    return this.agent;
  }

  private async request(method: 'GET' | 'POST', route: string, body?: unknown): Promise<Answer> {
    const url = new URL(route, this.options.site);
    const agent = await this.agentFor(url);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<Answer>((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          agent,
          timeout: this.options.requestTimeoutMs ?? 30_000,
          headers: {
            'X-NOCman-Poller-Key': this.options.key,
            Accept: 'application/json',
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // Not JSON (a proxy's page): kept as text for the log.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new SiteUnreachable(`no answer within ${this.options.requestTimeoutMs ?? 30_000} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}

function resultOf(deviceId: number, r: ProbeResult) {
  const ms = (v: number | null) => (v === null ? null : Math.min(600_000, Math.max(0, Math.round(v * 1000) / 1000)));
  return { deviceId, alive: r.alive, minMs: ms(r.min), avgMs: ms(r.avg), maxMs: ms(r.max), lossPct: Math.min(100, Math.max(0, r.lossPct)) };
}

function describe(error: unknown): string {
  if (error instanceof CertificateChangedError) return `the site's certificate changed: pinned ${error.pinned}, seen ${error.seen}; refusing to send`;
  return error instanceof Error ? error.message : String(error);
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}
