// Two `nocman serve` processes on one data directory, as a site runs a second server or a console beside its server:
// exactly one sweeps and runs the schedules; SIGKILL of it and the other takes over within one monitor interval,
// without a doubled sweep or billing run; settings changed through one are read by the other. Real processes (the
// built CLI), real SQLite file, real ping of loopback addresses.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/harness';
import pg from 'pg';
import { databaseOf, releaseTestDatabase, tempDir, testDatabaseUrl } from '../helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT = existsSync(path.join(ROOT, 'out/main/cli.js'));
const INTERVAL_SEC = 6;
const ADMIN = { email: 'noc@isp.test', password: 'first-admin-pass' };

interface Served {
  child: ChildProcess;
  url: string;
  output(): string;
}

async function serve(port: number, dataDir: string): Promise<Served> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NOCMAN_')));
  // With NOCMAN_TEST_PG both servers share one fresh PostgreSQL database instead of the SQLite file.
  const databaseUrl = await testDatabaseUrl(dataDir);
  if (databaseUrl) env['NOCMAN_DATABASE_URL'] = databaseUrl;
  const child = spawn(process.execPath, ['bin/nocman.mjs', 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...env, JWT_SECRET: 'runner-secret-runner-secret-0123456789', PING_INTERVAL: String(INTERVAL_SEC), NOCMAN_ADMIN_EMAIL: ADMIN.email, NOCMAN_ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /NOCman listening on (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
}

async function api(base: string, method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(base + url, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

interface Health {
  runner: { instance: string; holding: boolean; holder: { id: string; label: string } | null };
}

const health = async (base: string) => (await api(base, 'GET', '/api/health')).body as Health;

/** Reads the site's file beside the servers, read-only (WAL lets a reader in while they write); or its PostgreSQL database. */
async function query<T>(file: string, sql: string): Promise<T[]> {
  const databaseUrl = databaseOf(path.dirname(file));
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => {
      if (error) return reject(error);
      db.all(sql, (err, rows) => {
        db.close();
        if (err) reject(err);
        else resolve(rows as T[]);
      });
    });
  });
}

describe.skipIf(!BUILT)('two servers on one data directory', () => {
  const dataDir = tempDir('nocman-runner-');
  const file = path.join(dataDir, 'nocman.sqlite');
  let first: Served;
  let second: Served;

  beforeAll(async () => {
    first = await serve(await freePort(), dataDir);
    // The first holds the lease before the second starts (it says so once its jobs run).
    for (let i = 0; i < 100 && !(await health(first.url)).runner.holding; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    second = await serve(await freePort(), dataDir);
  }, 60_000);

  afterAll(async () => {
    for (const served of [first, second]) {
      if (served && served.child.exitCode === null && served.child.signalCode === null) {
        served.child.kill('SIGTERM');
        await new Promise((resolve) => served.child.once('exit', resolve));
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
    await releaseTestDatabase(dataDir);
  });

  it('one sweeps, the other takes over within one interval of SIGKILL, nothing doubled, settings shared', async () => {
    // Both say who holds the lease: the first server.
    const [a, b] = [await health(first.url), await health(second.url)];
    expect(a.runner.holding).toBe(true);
    expect(b.runner.holding).toBe(false);
    expect(b.runner.holder?.id).toBe(a.runner.instance);
    expect(a.runner.holder?.id).toBe(a.runner.instance);
    expect(a.runner.holder?.label).toMatch(/pid \d+$/);
    expect(second.output()).toContain('another process on this database runs the monitor');

    // Devices are added through the second server; the first one pings them.
    const login = await api(second.url, 'POST', '/api/auth/login', undefined, ADMIN);
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    for (const n of [21, 22, 23]) {
      const created = await api(second.url, 'POST', '/api/devices', token, { name: `OLT ${n}`, host: `127.0.0.${n}`, type: 'olt' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    // Settings changed on one are read by the other.
    expect((await api(second.url, 'PUT', '/api/settings', token, { taxRate: 12 })).status).toBe(200);
    const loginA = await api(first.url, 'POST', '/api/auth/login', undefined, ADMIN);
    expect((await api(first.url, 'GET', '/api/settings', loginA.body.token)).body.taxRate).toBe(12);

    await expect
      .poll(async () => (await query<{ n: number }>(file, 'SELECT COUNT(DISTINCT device_id) AS n FROM sample'))[0]!.n, { timeout: 15_000, interval: 250 })
      .toBe(3);
    await expect
      .poll(async () => (await query<{ origin: string }>(file, `SELECT DISTINCT origin FROM event_journal WHERE name = 'monitor.sweep'`)).map((r) => r.origin), { timeout: 5_000, interval: 100 })
      .toEqual([a.runner.instance]);
    const jobsBefore = await query(file, 'SELECT * FROM job_run ORDER BY name');

    // The holder dies without a word.
    const killedAt = performance.now();
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await expect.poll(async () => (await health(second.url)).runner.holding, { timeout: INTERVAL_SEC * 1000, interval: 100 }).toBe(true);
    const takeoverMs = performance.now() - killedAt;
    expect(takeoverMs).toBeLessThan(INTERVAL_SEC * 1000);
    expect((await health(second.url)).runner.holder?.id).toBe(b.runner.instance);

    // The second server sweeps from now on.
    await expect
      .poll(async () => (await query<{ n: number }>(file, `SELECT COUNT(*) AS n FROM event_journal WHERE name = 'monitor.sweep' AND origin = '${b.runner.instance}'`))[0]!.n, {
        timeout: INTERVAL_SEC * 2000,
        interval: 250,
      })
      .toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_SEC * 1000));

    // No device was swept twice in one interval, across both servers (samples are stored in whole seconds).
    const samples = await query<{ device_id: number; at: number }>(file, 'SELECT device_id, at FROM sample ORDER BY device_id, at');
    const byDevice = new Map<number, number[]>();
    for (const s of samples) byDevice.set(s.device_id, [...(byDevice.get(s.device_id) ?? []), s.at]);
    expect(byDevice.size).toBe(3);
    for (const times of byDevice.values()) {
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_SEC - 1);
    }
    // The takeover's billing catch-up found nothing missed: no billing job ran again.
    expect(await query(file, 'SELECT * FROM job_run ORDER BY name')).toEqual(jobsBefore);
    expect(second.output()).not.toContain('caught up');
    expect(second.output()).toContain('NOCman runs the monitor and the schedules here');
    // Every sweep was announced by one process at a time: the first before the kill, the second after.
    const origins = await query<{ origin: string }>(file, `SELECT origin FROM event_journal WHERE name = 'monitor.sweep' ORDER BY id`);
    const switches = origins.filter((r, i) => i > 0 && r.origin !== origins[i - 1]!.origin);
    expect(switches).toHaveLength(1);
  }, 90_000);
});
