// Issue 11 figures, through the real FreeRADIUS on loopback (the config `nocman radius-config` generates, rlm_rest asking
// an in-process NOCman): PAP Access-Request throughput and latency with 20,000 subscriptions (goal ≥ 500/s, p99 < 50 ms),
// and 5,000 accounting Interim-Updates in a burst without a lost record. Run: npx tsx bench/radius.ts
//
// The 20,000 customers with subscriptions and access credentials (CSV import, which provisions them) are built once into
// a cache under the temp dir, keyed by CACHE_VERSION (BENCH_REBUILD=1 rebuilds); every run works on a copy of it.
// The client is a worker thread (its own event loop) sending Access-Requests with the `radius` package over UDP
// (User-Password hidden with the localhost client's secret, Message-Authenticator), each request timed:
//   1. saturation: closed loop, BENCH_CONCURRENCY (32) requests in flight, BENCH_AUTH_SEC (20) seconds → throughput;
//   2. at the goal rate: open loop, 500 requests/s for BENCH_AUTH_SEC seconds → p50/p99/max at that load.
// Then 1,000 accounting Starts, and 5,000 Interim-Updates (5 per session, counters growing) fired at once with up to
// 500 in flight; a NAS-like retransmit (same packet) after 3 s, twice; the database must hold every session with
// the bytes of its last interim, and radius_usage their sum. BENCH_PROFILE=1 also times NOCman's bridge handlers.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { createCore } from '../src/main/core';
import { startHttpServer } from '../src/main/http/server';
import { LOCAL_SECRET, freeradiusMissing, startFreeradius, type RunningFreeradius } from '../tests/radius/freeradius';

const CACHE_VERSION = 'v1';
const SUBSCRIPTIONS = 20_000;
const BRIDGE_KEY = 'bench-bridge-key-0123456789abcdef';
const AUTH_SEC = Number(process.env['BENCH_AUTH_SEC'] ?? 20);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const GOAL_RATE = 500;
const GOAL_P99_MS = 50;
const SESSIONS = 1000;
const INTERIMS_PER_SESSION = 5;
const ACCT_IN_FLIGHT = 500;
const PROFILE = process.env['BENCH_PROFILE'] === '1';

const cacheDir = path.join(os.tmpdir(), `nocman-bench-radius-${CACHE_VERSION}-${SUBSCRIPTIONS}s`);
const n = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

interface Login {
  username: string;
  password: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The data set
// ---------------------------------------------------------------------------------------------------------------

async function buildCache(): Promise<void> {
  const started = performance.now();
  const dir = `${cacheDir}.building`;
  rmSync(dir, { recursive: true, force: true });
  const core = await createCore({ dataDir: dir, bcryptCost: 4, version: 'bench', radiusBridgeKey: BRIDGE_KEY });
  await core.auth.createFirstAdmin({ name: 'Bench', email: 'bench@isp.test', password: 'bench-password' }, SYSTEM_ACTOR);
  const plans = [['Home 10', 10, 110_000], ['Home 20', 20, 166_500], ['Home 50', 50, 277_500], ['Bisnis 100', 100, 555_000]] as const;
  for (const [name, mbps, price] of plans) {
    await core.plans.create(SYSTEM_ACTOR, { name, downloadMbps: mbps, uploadMbps: mbps / 2, price, cycleMonths: 1, description: '', active: true });
  }
  for (let batch = 0; batch < SUBSCRIPTIONS / 5000; batch++) {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const k = batch * 5000 + i;
      return `Pelanggan ${k},+62812${String(20_000_000 + k)},${plans[k % 4]![0]},2026-11-${String(1 + (k % 28)).padStart(2, '0')}`;
    });
    const result = await core.customerTransfer.importCsv(SYSTEM_ACTOR, ['name,phone,plan,startDate', ...rows].join('\n'), false);
    if (result.imported !== 5000) throw new Error(`import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  const ids = (await core.db.dataSource.query('SELECT subscription_id AS id FROM radius_credential ORDER BY subscription_id')) as { id: number }[];
  if (ids.length !== SUBSCRIPTIONS) throw new Error(`${ids.length} credentials, expected ${SUBSCRIPTIONS}`);
  const logins: Login[] = [];
  for (const { id } of ids) {
    const access = await core.radius.credentials.get(id, true);
    logins.push({ username: access.username, password: access.password! });
  }
  await core.close();
  writeFileSync(path.join(dir, 'bench-logins.json'), JSON.stringify(logins));
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(dir, cacheDir);
  console.log(`  built in ${seconds(performance.now() - started)}: ${n(SUBSCRIPTIONS)} customers, subscriptions and access credentials`);
}

// ---------------------------------------------------------------------------------------------------------------
// The client: a worker thread with its own event loop, the `radius` package over UDP
// ---------------------------------------------------------------------------------------------------------------

const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const dgram = require('node:dgram');
const { createHash } = require('node:crypto');
const CODES = { 2: 'Access-Accept', 3: 'Access-Reject', 5: 'Accounting-Response' };
const radius = require(workerData.radiusPath);
const { port, secret } = workerData;
const now = () => performance.now();

/** Sockets of 256 identifiers each; an identifier is reused only once its request is answered or given up. */
function makePool(inFlight) {
  const sockets = [];
  for (let i = 0; i < Math.ceil(inFlight / 200); i++) {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, '127.0.0.1');
    const entry = { socket, free: Array.from({ length: 256 }, (_, k) => k), waiting: new Map() };
    socket.on('message', (msg) => {
      const job = entry.waiting.get(msg[1]);
      if (!job) return; // a late answer to a given-up request
      entry.waiting.delete(msg[1]);
      entry.free.push(msg[1]);
      clearTimeout(job.timer);
      // Response Authenticator (RFC 2865 §3): MD5(Code + Identifier + Length + the request's Authenticator + Attributes + secret)
      const check = Buffer.from(msg);
      job.packet.copy(check, 4, 4, 20);
      const ok = createHash('md5').update(check).update(secret).digest().equals(msg.subarray(4, 20));
      job.done(ok ? (CODES[msg[0]] || 'code ' + msg[0]) : 'bad-authenticator');
    });
    sockets.push(entry);
  }
  let next = 0;
  return {
    /** Sends (and resends after timeoutMs, retries times); resolves with the answer's code or 'timeout'. */
    send(code, attributes, timeoutMs, retries) {
      return new Promise((resolve) => {
        let entry;
        for (let i = 0; i < sockets.length; i++) {
          const candidate = sockets[(next + i) % sockets.length];
          if (candidate.free.length > 0) { entry = candidate; next = (next + i + 1) % sockets.length; break; }
        }
        if (!entry) throw new Error('no free RADIUS identifier');
        const id = entry.free.shift();
        const packet = radius.encode({ code, secret, identifier: id, attributes, add_message_authenticator: code === 'Access-Request' });
        const job = { packet, sent: 1, timer: null, done: (answer) => resolve({ code: answer, sent: job.sent }) };
        const arm = () => {
          job.timer = setTimeout(() => {
            if (job.sent <= retries) { job.sent++; entry.socket.send(packet, port, '127.0.0.1'); arm(); return; }
            entry.waiting.delete(id);
            // Not reused at once: a late answer must not be taken for the next request's.
            setTimeout(() => entry.free.push(id), 10_000);
            job.done('timeout');
          }, timeoutMs);
        };
        entry.waiting.set(id, job);
        entry.socket.send(packet, port, '127.0.0.1');
        arm();
      });
    },
    close() { for (const entry of sockets) entry.socket.close(); },
  };
}

const authAttributes = (login, k) => [
  ['User-Name', login.username], ['User-Password', login.password], ['NAS-IP-Address', '127.0.0.1'], ['NAS-Port', k % 65536],
  ['NAS-Port-Type', 'Virtual'], ['Service-Type', 'Framed-User'], ['Framed-Protocol', 'PPP'], ['Calling-Station-Id', 'AA:BB:CC:' + (k % 256).toString(16).padStart(2, '0') + ':00:01'],
];

async function auth({ logins, seconds, concurrency, rate, timeoutMs }) {
  const pool = makePool(concurrency);
  const samples = []; // [start offset ms, latency ms, code]
  const t0 = now();
  const end = t0 + seconds * 1000;
  let k = 0;
  let inFlight = 0;
  let behind = 0;
  const one = async () => {
    const login = logins[Math.floor(Math.random() * logins.length)];
    const start = now();
    inFlight++;
    const { code } = await pool.send('Access-Request', authAttributes(login, k++), timeoutMs, 0);
    inFlight--;
    samples.push([start - t0, now() - start, code]);
  };
  if (rate === null) {
    // closed loop: each of \`concurrency\` clients sends its next request when the last one is answered
    await Promise.all(Array.from({ length: concurrency }, async () => { while (now() < end) await one(); }));
  } else {
    // open loop: request i is due at t0 + i / rate, whatever the answers do (at most \`concurrency\` in flight)
    const pending = [];
    let due = 0;
    await new Promise((resolve) => {
      const tick = () => {
        const t = now();
        if (t >= end) { clearInterval(timer); resolve(); return; }
        while (t0 + (due * 1000) / rate <= t) {
          if (inFlight >= concurrency) { behind++; break; }
          due++;
          pending.push(one());
        }
      };
      const timer = setInterval(tick, 1);
    });
    await Promise.all(pending);
  }
  pool.close();
  return { samples, wallMs: now() - t0, behind };
}

async function acct({ packets, inFlight, timeoutMs, retries }) {
  const pool = makePool(inFlight);
  const t0 = now();
  const results = new Array(packets.length);
  let index = 0;
  await Promise.all(Array.from({ length: Math.min(inFlight, packets.length) }, async () => {
    while (index < packets.length) {
      const i = index++;
      const start = now();
      const { code, sent } = await pool.send('Accounting-Request', packets[i], timeoutMs, retries);
      results[i] = [now() - start, code, sent];
    }
  }));
  pool.close();
  return { results, wallMs: now() - t0 };
}

parentPort.on('message', async (job) => {
  try { parentPort.postMessage({ ok: true, value: job.kind === 'auth' ? await auth(job) : await acct(job) }); }
  catch (error) { parentPort.postMessage({ ok: false, error: String(error && error.stack || error) }); }
});
`;

class Client {
  private readonly worker: Worker;
  constructor(authPort: number, acctPort: number) {
    const radiusPath = createRequire(import.meta.url).resolve('radius');
    this.worker = new Worker(CLIENT, { eval: true, workerData: { radiusPath, port: authPort, secret: LOCAL_SECRET } });
    this.acctPort = acctPort;
  }
  private readonly acctPort: number;
  private run<T>(job: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (m: { ok: boolean; value?: T; error?: string }) => (m.ok ? resolve(m.value!) : reject(new Error(m.error))));
      this.worker.once('error', reject);
      this.worker.postMessage(job);
    });
  }
  auth(job: { logins: Login[]; seconds: number; concurrency: number; rate: number | null; timeoutMs: number }) {
    return this.run<{ samples: [number, number, string][]; wallMs: number; behind: number }>({ kind: 'auth', ...job });
  }
  /** Accounting goes to the accounting port: a worker of its own for the burst. */
  async acct(job: { packets: unknown[][]; inFlight: number; timeoutMs: number; retries: number }) {
    const radiusPath = createRequire(import.meta.url).resolve('radius');
    const worker = new Worker(CLIENT, { eval: true, workerData: { radiusPath, port: this.acctPort, secret: LOCAL_SECRET } });
    try {
      return await new Promise<{ results: [number, string, number][]; wallMs: number }>((resolve, reject) => {
        worker.once('message', (m: { ok: boolean; value?: { results: [number, string, number][]; wallMs: number }; error?: string }) =>
          m.ok ? resolve(m.value!) : reject(new Error(m.error)));
        worker.once('error', reject);
        worker.postMessage({ kind: 'acct', ...job });
      });
    } finally {
      await worker.terminate();
    }
  }
  close() {
    return this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface AuthFigures {
  label: string;
  sent: number;
  accepted: number;
  rejected: number;
  timeouts: number;
  other: number;
  perSec: number;
  p50: number;
  p99: number;
  max: number;
  behind: number;
}

function authFigures(label: string, run: { samples: [number, number, string][]; wallMs: number; behind: number }): AuthFigures {
  const answered = run.samples.filter((s) => s[2] !== 'timeout').map((s) => s[1]).sort((a, b) => a - b);
  const count = (code: string) => run.samples.filter((s) => s[2] === code).length;
  const accepted = count('Access-Accept');
  const others = [...new Set(run.samples.map((s) => s[2]).filter((c) => !['Access-Accept', 'Access-Reject', 'timeout'].includes(c)))];
  if (others.length > 0) console.log(`  ${label}: other answers: ${others.slice(0, 3).join(' | ')}`);
  const rejected = count('Access-Reject');
  const timeouts = count('timeout');
  return {
    label,
    sent: run.samples.length,
    accepted,
    rejected,
    timeouts,
    other: run.samples.length - accepted - rejected - timeouts,
    perSec: accepted / (run.wallMs / 1000),
    p50: percentile(answered, 50),
    p99: percentile(answered, 99),
    max: answered.at(-1) ?? NaN,
    behind: run.behind,
  };
}

/** Per-handler timing of NOCman's bridge, from inside (BENCH_PROFILE=1): wraps the RadiusService methods the API calls. */
function profileHandlers(radius: Record<string, unknown>) {
  const times: Record<string, number[]> = {};
  for (const name of ['authorize', 'postAuth', 'accounting']) {
    const original = (radius[name] as (...args: unknown[]) => Promise<unknown>).bind(radius);
    times[name] = [];
    radius[name] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await original(...args);
      } finally {
        times[name]!.push(performance.now() - t0);
      }
    };
  }
  return {
    reset: () => Object.values(times).forEach((list) => (list.length = 0)),
    summary: () =>
      Object.entries(times)
        .filter(([, list]) => list.length > 0)
        .map(([name, list]) => {
          const sorted = [...list].sort((a, b) => a - b);
          return `${name} ×${n(list.length)}: p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1)!)}, total ${seconds(list.reduce((a, b) => a + b, 0))}`;
        }),
  };
}

/** Self time of the profile by function and by package (node_modules/x, src/…, node internals). */
function cpuSummary(cpu: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }): string[] {
  const byNode = new Map(cpu.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  (cpu.samples ?? []).forEach((id, i) => {
    const dt = (cpu.timeDeltas?.[i] ?? 0) / 1000;
    const frame = byNode.get(id)!.callFrame;
    const url = frame.url.replace(/^file:\/\//, '');
    const area = frame.functionName === '(idle)' ? '(idle)' : frame.functionName === '(garbage collector)' ? '(gc)'
      : /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/src/') ? `src/${url.split('/src/')[1]!.split('/').slice(0, -1).join('/')}` : url.startsWith('node:') ? 'node internals' : url || '(native)');
    const key = `${frame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
    total += dt;
  });
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `${k} ${((v / total) * 100).toFixed(1)}%`);
  return [`main-thread CPU profile by area: ${top(byArea, 12).join(', ')}`, `main-thread CPU profile top functions: ${top(self, 12).join(', ')}`];
}

/** CPU seconds of a process and its threads, from /proc (FreeRADIUS). */
function procCpuSec(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
}

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

const missing = freeradiusMissing();
if (missing) {
  console.log(missing);
  process.exit(1);
}
if (process.env['BENCH_REBUILD'] === '1' || !existsSync(path.join(cacheDir, 'bench-logins.json'))) {
  console.log(`building the data set into ${cacheDir} (once; reused while CACHE_VERSION stays ${CACHE_VERSION})`);
  await buildCache();
}
const logins = JSON.parse(readFileSync(path.join(cacheDir, 'bench-logins.json'), 'utf8')) as Login[];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nocman-bench-radius-run-'));
cpSync(cacheDir, dataDir, { recursive: true });

const core = await createCore({ dataDir, bcryptCost: 4, version: 'bench', radiusBridgeKey: BRIDGE_KEY });
const server = await startHttpServer({ core, port: 0, host: '127.0.0.1' });
// BENCH_EXPERIMENT=no-postauth-write: post-auth answers at once without recording the accept (what-if only, never a result)
if (process.env['BENCH_EXPERIMENT'] === 'no-postauth-write') {
  (core.radius as unknown as Record<string, unknown>)['postAuth'] = async () => ({ status: 204, attributes: {} });
  console.log('EXPERIMENT: post-auth does not record accepts (what-if; the RESULT below does not count)');
}
const profile = PROFILE ? profileHandlers(core.radius as unknown as Record<string, unknown>) : null;
let radius: RunningFreeradius | undefined;
let client: Client | undefined;
const lag = monitorEventLoopDelay({ resolution: 5 });
let failed = false;

try {
  radius = await startFreeradius({ nocmanUrl: server.url, bridgeKey: BRIDGE_KEY });
  const fr = radius;
  const frPid = freeradiusPid(fr.dir);
  client = new Client(fr.authPort, fr.acctPort);
  console.log(`FreeRADIUS ${fr.authPort}/${fr.acctPort} (pid ${frPid}) → NOCman ${server.url}; ${n(logins.length)} subscriptions; ${os.cpus().length} CPUs`);

  // warm up: connections of rlm_rest's pool, SQLite's cache
  await client.auth({ logins, seconds: 2, concurrency: CONCURRENCY, rate: null, timeoutMs: 5000 });

  const measure = async (label: string, rate: number | null) => {
    profile?.reset();
    lag.reset();
    lag.enable();
    const cpu0 = process.cpuUsage();
    const fr0 = procCpuSec(frPid);
    const run = await client!.auth({ logins, seconds: AUTH_SEC, concurrency: rate === null ? CONCURRENCY : 256, rate, timeoutMs: 5000 });
    lag.disable();
    const cpu = process.cpuUsage(cpu0);
    const figures = authFigures(label, run);
    const wall = run.wallMs / 1000;
    const where = `CPU over ${wall.toFixed(1)} s: NOCman process (server + client thread) ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)}%, FreeRADIUS ${(((procCpuSec(frPid) - fr0) / wall) * 100).toFixed(0)}%; NOCman event-loop delay p99 ${ms(lag.percentile(99) / 1e6)}, max ${ms(lag.max / 1e6)}`;
    return { figures, where, handlers: profile?.summary() ?? [] };
  };
  // BENCH_CPUPROF=1: a CPU profile of NOCman's main thread during the saturation run, top self time by function
  const inspector = process.env['BENCH_CPUPROF'] === '1' ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const saturated = await measure(`closed loop, ${CONCURRENCY} in flight`, null);
  if (inspector) {
    const { profile: cpu } = await inspector.post('Profiler.stop');
    inspector.disconnect();
    saturated.handlers.push(...cpuSummary(cpu));
  }
  const paced = await measure(`open loop, ${GOAL_RATE}/s offered`, GOAL_RATE);

  // accounting: Starts for SESSIONS sessions, then the burst of interims
  const session = (i: number) => [
    ['User-Name', logins[i]!.username], ['Acct-Session-Id', `bench${String(i).padStart(6, '0')}`], ['NAS-IP-Address', '127.0.0.1'],
    ['NAS-Port', i], ['Framed-IP-Address', `10.${64 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`],
    ['Calling-Station-Id', `AA:BB:CC:00:${(Math.floor(i / 256) % 256).toString(16).padStart(2, '0')}:${(i % 256).toString(16).padStart(2, '0')}`],
  ];
  const inputOf = (i: number, k: number) => 1_000_000 * k + i;
  const outputOf = (i: number, k: number) => 7_000_000 * k + 3 * i;
  const starts = Array.from({ length: SESSIONS }, (_, i) => [...session(i), ['Acct-Status-Type', 'Start']]);
  profile?.reset();
  const started = await client.acct({ packets: starts, inFlight: 100, timeoutMs: 3000, retries: 2 });
  const startsFailed = started.results.filter((r) => r[1] !== 'Accounting-Response').length;
  // interim k of every session, then k+1 …: a burst in which a session's interims may overtake one another
  const interims: unknown[][] = [];
  for (let k = 1; k <= INTERIMS_PER_SESSION; k++) {
    for (let i = 0; i < SESSIONS; i++) {
      interims.push([...session(i), ['Acct-Status-Type', 'Interim-Update'], ['Acct-Session-Time', 300 * k], ['Acct-Input-Octets', inputOf(i, k)], ['Acct-Output-Octets', outputOf(i, k)]]);
    }
  }
  profile?.reset();
  const fr0 = procCpuSec(frPid);
  const burst = await client.acct({ packets: interims, inFlight: ACCT_IN_FLIGHT, timeoutMs: 3000, retries: 2 });
  const burstFr = procCpuSec(frPid) - fr0;
  const acctHandlers = profile?.summary() ?? [];
  const answered = burst.results.filter((r) => r[1] === 'Accounting-Response');
  const resent = burst.results.filter((r) => r[2] > 1).length;
  const lost = burst.results.length - answered.length;
  const acctLatency = answered.map((r) => r[0]).sort((a, b) => a - b);

  // the database: every session with the bytes of its last interim, usage = the sum
  const rows = (await core.db.dataSource.query(
    `SELECT acct_session_id AS id, input_bytes AS input, output_bytes AS output, stopped_at AS stoppedAt FROM radius_session WHERE acct_session_id LIKE 'bench%'`,
  )) as { id: string; input: number; output: number; stoppedAt: string | null }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const wrong: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const row = byId.get(`bench${String(i).padStart(6, '0')}`);
    const want = [inputOf(i, INTERIMS_PER_SESSION), outputOf(i, INTERIMS_PER_SESSION)];
    if (!row) wrong.push(`session ${i}: missing`);
    else if (row.input !== want[0] || row.output !== want[1]) wrong.push(`session ${i}: ${row.input}/${row.output} bytes, expected ${want[0]}/${want[1]}`);
    else if (row.stoppedAt !== null) wrong.push(`session ${i}: closed`);
  }
  const [usage] = (await core.db.dataSource.query('SELECT COALESCE(SUM(input_bytes), 0) AS input, COALESCE(SUM(output_bytes), 0) AS output FROM radius_usage')) as [{ input: number; output: number }];
  let wantIn = 0;
  let wantOut = 0;
  for (let i = 0; i < SESSIONS; i++) {
    wantIn += inputOf(i, INTERIMS_PER_SESSION);
    wantOut += outputOf(i, INTERIMS_PER_SESSION);
  }
  if (usage.input !== wantIn || usage.output !== wantOut) wrong.push(`radius_usage: ${usage.input}/${usage.output} bytes, expected ${wantIn}/${wantOut}`);

  // ---- report
  const table: string[][] = [['Access-Request (PAP)', 'sent', 'accepted', 'rejected', 'timeouts', 'other', 'accepts/s', 'p50', 'p99', 'max']];
  for (const f of [saturated.figures, paced.figures]) {
    table.push([f.label, n(f.sent), n(f.accepted), n(f.rejected), n(f.timeouts), n(f.other), n(f.perSec), ms(f.p50), ms(f.p99), ms(f.max)]);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  console.log('');
  for (const [r, row] of table.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (r === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const m of [saturated, paced]) {
    console.log(`  ${m.figures.label}: ${m.where}${m.figures.behind ? `; the client fell behind the schedule ${m.figures.behind} times` : ''}`);
    for (const line of m.handlers) console.log(`    NOCman handler ${line}`);
  }
  console.log('');
  console.log(`Accounting: ${n(SESSIONS)} Starts in ${seconds(started.wallMs)} (${startsFailed} unanswered); ${n(interims.length)} Interim-Updates, up to ${ACCT_IN_FLIGHT} in flight:`);
  console.log(`  burst ${seconds(burst.wallMs)} (${n(interims.length / (burst.wallMs / 1000))}/s), answered ${n(answered.length)}, resent ${resent}, unanswered after 2 resends ${lost}; latency p50 ${ms(percentile(acctLatency, 50))}, p99 ${ms(percentile(acctLatency, 99))}, max ${ms(acctLatency.at(-1) ?? NaN)}; FreeRADIUS CPU ${burstFr.toFixed(1)} s`);
  for (const line of acctHandlers) console.log(`    NOCman handler ${line}`);
  console.log(`  database: ${n(rows.length)} sessions, ${wrong.length === 0 ? 'every one with the bytes of its last interim; radius_usage = their sum' : `${wrong.length} wrong: ${wrong.slice(0, 5).join('; ')}`}`);
  const rejectsLogged = (await core.db.dataSource.query('SELECT COUNT(*) AS c FROM radius_reject')) as [{ c: number }];
  if (rejectsLogged[0].c > 0) console.log(`  (radius_reject holds ${rejectsLogged[0].c} rows)`);

  const checks = [
    [`throughput ${n(saturated.figures.perSec)}/s ≥ ${GOAL_RATE}/s`, saturated.figures.perSec >= GOAL_RATE],
    [`p99 ${ms(paced.figures.p99)} < ${GOAL_P99_MS} ms at ${GOAL_RATE}/s`, paced.figures.p99 < GOAL_P99_MS && paced.figures.accepted / (AUTH_SEC) >= GOAL_RATE * 0.98],
    [`all accepted (${saturated.figures.rejected + paced.figures.rejected} rejects, ${saturated.figures.timeouts + paced.figures.timeouts} timeouts)`,
      saturated.figures.accepted === saturated.figures.sent && paced.figures.accepted === paced.figures.sent],
    [`${n(interims.length)} interims, ${lost} lost, ${wrong.length} wrong in the database`, lost === 0 && startsFailed === 0 && wrong.length === 0],
  ] as const;
  failed = checks.some(([, ok]) => !ok);
  console.log('');
  console.log(`RESULT: ${failed ? 'FAIL' : 'PASS'} — ${checks.map(([text, ok]) => `${text} ${ok ? 'ok' : 'FAILED'}`).join('; ')}`);
} catch (error) {
  failed = true;
  console.error(error);
  if (radius) console.error(radius.log().split('\n').slice(-20).join('\n'));
} finally {
  await client?.close();
  await radius?.stop();
  await server.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** The pid of the FreeRADIUS running with this configuration directory (-f writes no pid file). */
function freeradiusPid(dir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('freeradius') && argv.includes(dir)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no FreeRADIUS process with -d ${dir}`);
}
