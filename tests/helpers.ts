// Test fixtures: a core on a fresh SQLite file in a temp dir, a fake clock, and an HTTP server on port 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
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

export async function makeCore(overrides: Partial<CoreConfig> = {}, dataDir = tempDir()): Promise<TestCore> {
  const clock = (overrides.clock as FakeClock | undefined) ?? new FakeClock();
  const core = await createCore({ dataDir, bcryptCost: 4, clock, version: 'test', ...overrides });
  return {
    core,
    clock,
    dataDir,
    close: async () => {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
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
