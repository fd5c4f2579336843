// Test fixtures: a core on a fresh SQLite file in a temp dir (or, with NOCMAN_TEST_PG=postgres://…, a fresh
// PostgreSQL database per core), a fake clock, and an HTTP server on port 0.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Role } from '../src/shared/contract';
import { SYSTEM_ACTOR } from '../src/main/core/actor';
import { FakeClock } from '../src/main/core/clock';
import type { CoreConfig } from '../src/main/core/config';
import { createCore, type Core } from '../src/main/core';
import { startHttpServer, type RunningServer } from '../src/main/http/server';

export const PASSWORD = 'correct-horse-9';

export interface TestCore {
  core: Core;
  clock: FakeClock;
  dataDir: string;
  close(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now (for a server that must be started on a known port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix = 'nocman-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The PostgreSQL server the tests run against (scripts/pg-cluster.mjs), or undefined for SQLite. */
export const TEST_PG = process.env['NOCMAN_TEST_PG'] || undefined;

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database on the test server; its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `nocman_t_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_PG!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The PostgreSQL database of each data dir: a core opened again on the same data dir (a restart) finds its data. */
const databaseOfDir = new Map<string, string>();
/** Open cores per data dir: the database is dropped when the last one closes. */
const openCores = new Map<string, number>();

/**
 * The database of the core on `dataDir`: with NOCMAN_TEST_PG, the PostgreSQL database made for that data dir (a fresh
 * one the first time); else undefined, the SQLite file in the data dir.
 */
export async function testDatabaseUrl(dataDir: string): Promise<string | undefined> {
  if (!TEST_PG) return undefined;
  const known = databaseOfDir.get(dataDir);
  if (known) return known;
  const url = await createTestDatabase();
  databaseOfDir.set(dataDir, url);
  return url;
}

/** Drops the PostgreSQL database made for `dataDir` by testDatabaseUrl (nothing on SQLite). */
export async function releaseTestDatabase(dataDir: string): Promise<void> {
  const url = databaseOfDir.get(dataDir);
  if (!url) return;
  databaseOfDir.delete(dataDir);
  openCores.delete(dataDir);
  await dropTestDatabase(url);
}

/** The PostgreSQL database of a test core's data dir (for a second core or process on it), or undefined on SQLite. */
export function databaseOf(dataDir: string): string | undefined {
  return databaseOfDir.get(dataDir);
}

export async function makeCore(overrides: Partial<CoreConfig> = {}, dataDir = tempDir()): Promise<TestCore> {
  const clock = (overrides.clock as FakeClock | undefined) ?? new FakeClock();
  const databaseUrl = overrides.databaseUrl ?? (await testDatabaseUrl(dataDir));
  const core = await createCore({ dataDir, bcryptCost: 4, clock, version: 'test', databaseUrl, ...overrides });
  openCores.set(dataDir, (openCores.get(dataDir) ?? 0) + 1);
  return {
    core,
    clock,
    dataDir,
    close: async () => {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
      const left = (openCores.get(dataDir) ?? 1) - 1;
      openCores.set(dataDir, left);
      if (databaseUrl && !overrides.databaseUrl && left <= 0) {
        databaseOfDir.delete(dataDir);
        await dropTestDatabase(databaseUrl);
      }
    },
  };
}

export interface Staffed {
  ids: Record<Role, number>;
  /** A fresh token for the user of a role (reads the current token version, so it survives logouts). */
  token(role: Role): Promise<string>;
}

/** Creates one admin, one staff and one technician. */
export async function staff(core: Core): Promise<Staffed> {
  const admin = await core.auth.createFirstAdmin({ name: 'Ayu Admin', email: 'admin@isp.test', password: PASSWORD }, SYSTEM_ACTOR);
  const actor = { id: admin.user.id, name: admin.user.name, role: 'admin' as const };
  const staffUser = await core.users.create(actor, { name: 'Sari Staff', email: 'staff@isp.test', password: PASSWORD, role: 'staff' });
  const tech = await core.users.create(actor, { name: 'Tono Teknisi', email: 'tech@isp.test', password: PASSWORD, role: 'technician' });
  const ids: Record<Role, number> = { admin: admin.user.id, staff: staffUser.id, technician: tech.id };
  return {
    ids,
    token: async (role) => {
      const row = await core.users.findRow(ids[role]);
      return core.auth.sessionFor(row!).token;
    },
  };
}

export interface TestServer extends TestCore {
  server: RunningServer;
  url: string;
  request(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function makeServer(overrides: Partial<CoreConfig> = {}, corsOrigins: string[] = [], heartbeatMs?: number): Promise<TestServer> {
  const base = await makeCore(overrides);
  const server = await startHttpServer({ core: base.core, port: 0, host: '127.0.0.1', corsOrigins, heartbeatMs, logger: { error: () => undefined } });
  return {
    ...base,
    server,
    url: server.url,
    request: async (method, urlPath, options = {}) => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['Content-Type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const response = await fetch(server.url + urlPath, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    close: async () => {
      await server.close();
      await base.close();
    },
  };
}
