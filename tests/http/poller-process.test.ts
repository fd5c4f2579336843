// `nocman poller` as a real process, killed with SIGKILL in the middle of a batch: the site has applied the batch but
// the poller never heard the answer. Started again, it sends the same batch (same id) and the site acknowledges it
// without applying it twice: nothing lost, nothing doubled. Needs the built CLI (`npx electron-vite build`).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { freePort, makeCore, tempDir, type TestCore } from '../helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(path.join(root, 'out/main/cli.js'));

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function until<T>(what: string, check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!built)('nocman poller killed mid-batch', () => {
  let t: TestCore;
  let site: RunningServer;
  let proxy: Server;
  let proxyUrl: string;
  let child: ChildProcess | null = null;
  let output = '';
  const seen: { batchId: string; results: number; answer: { duplicate?: boolean } | null }[] = [];
  let killOnNextSweep = true;

  beforeAll(async () => {
    t = await makeCore({ clock: systemClock });
    site = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', corsOrigins: [], logger: { error: () => undefined } });
    // Between poller and site: forwards everything; the first sweep it forwards, it lets the site apply, then kills the
    // poller before the answer can reach it.
    proxy = createServer((req, res) => {
      void (async () => {
        const payload = await body(req);
        const headers: Record<string, string> = {};
        for (const name of ['x-nocman-poller-key', 'content-type', 'accept']) if (req.headers[name]) headers[name] = String(req.headers[name]);
        const answer = await fetch(site.url + req.url!, { method: req.method, headers, body: req.method === 'GET' ? undefined : new Uint8Array(payload) });
        const text = await answer.text();
        if (req.method === 'POST' && req.url === '/api/poller/batches') {
          const batch = JSON.parse(payload.toString('utf8')) as { batchId: string; results: unknown[] };
          seen.push({ batchId: batch.batchId, results: batch.results.length, answer: answer.ok ? (JSON.parse(text) as { duplicate?: boolean }) : null });
          if (killOnNextSweep && batch.results.length > 0) {
            killOnNextSweep = false;
            child?.kill('SIGKILL');
            req.socket.destroy();
            return;
          }
        }
        res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      })().catch(() => req.socket.destroy());
    });
    const port = await freePort();
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await new Promise((resolve) => proxy.close(resolve));
    await site.close();
    await t.close();
  });

  function startPoller(key: string, dataDir: string): ChildProcess {
    const process_ = spawn(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'poller', '--site', proxyUrl, '--data-dir', dataDir], {
      cwd: root,
      env: { PATH: process.env['PATH'], NOCMAN_POLLER_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process_.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    process_.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    return process_;
  }

  it('sends the batch again after a restart and the site applies it once', async () => {
    const actor = { id: null, name: 'test', role: 'system' as const };
    const { poller, key } = await t.core.pollers.create(actor, 'POP Purwakarta');
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const d = await t.core.devices.create(actor, {
        name: `Router ${i}`, host: `127.0.0.${i}`, type: 'router', location: 'Purwakarta', parentId: null, pollerId: poller.id, subscriptionIds: [],
        monitored: true, intervalSec: 60, echoCount: 1, timeoutMs: 500, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
      });
      ids.push(d.id);
    }
    const dataDir = tempDir('nocman-poller-proc-');
    child = startPoller(key, dataDir);
    const exit = await until('the poller killed', () => (child!.exitCode !== null || child!.signalCode !== null) && child!.signalCode);
    expect(exit).toBe('SIGKILL');
    const killed = seen.find((s) => s.results > 0)!;
    expect(killed.answer).toMatchObject({ duplicate: false });
    // The site applied it; the poller still holds it (it never heard the answer).
    const applied = async () => (await t.core.db.dataSource.query('SELECT COUNT(*) AS n FROM poller_batch WHERE batch_id = ?', [killed.batchId])) as [{ n: number }];
    expect(Number((await applied())[0].n)).toBe(1);
    expect(readdirSync(path.join(dataDir, 'queue')).filter((n) => n.endsWith('.json'))).toHaveLength(1);

    child = startPoller(key, dataDir);
    const again = await until('the batch sent again', () => seen.find((s, i) => i > seen.indexOf(killed) && s.batchId === killed.batchId));
    expect(again.answer).toMatchObject({ duplicate: true });
    await until('the queue emptied', () => readdirSync(path.join(dataDir, 'queue')).filter((n) => n.endsWith('.json')).length === 0);
    // The restarted poller sweeps again at once (a new sweep, its own batch): one sample per sweep applied, not more.
    const [{ sweeps }] = (await t.core.db.dataSource.query('SELECT COUNT(*) AS sweeps FROM poller_batch WHERE results > 0')) as [{ sweeps: number }];
    expect(Number(sweeps)).toBe(seen.filter((s) => s.results > 0 && s.answer?.duplicate === false).length);
    for (const id of ids) {
      const [{ n }] = (await t.core.db.dataSource.query('SELECT COUNT(*) AS n FROM sample WHERE device_id = ?', [id])) as [{ n: number }];
      expect(Number(n)).toBe(Number(sweeps));
      const status = (await t.core.eventLog.ofDevice(id, 1, 50)).items.filter((l) => l.event === 'status');
      expect(status).toHaveLength(1);
      expect((await t.core.devices.get(id)).status).toBe('online');
    }
    expect((await t.core.pollers.list())[0]).toMatchObject({ state: 'up', backlog: 0 });
    child.kill('SIGTERM');
    await until('the poller stopped', () => child!.exitCode !== null || child!.signalCode !== null);
    expect(output).toContain('batches stay on disk');
  }, 60_000);
});
