// `nocman serve` as a user runs it: the built CLI, a fresh data directory, env bootstrap, the UI at `/`, clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, releaseTestDatabase, tempDir, testDatabaseUrl } from '../helpers';

const root = path.resolve(import.meta.dirname, '../..');


/** Starts the CLI and resolves with the URL it prints once it listens. */
export function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'serve', ...args], {
    cwd: root,
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nocman serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /NOCman listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nocman serve exited with ${code}:\n${output}`));
    });
  });
}

describe('nocman serve', () => {
  const dataDir = tempDir('nocman-cli-');
  let server: Awaited<ReturnType<typeof startServe>>;

  beforeAll(async () => {
    expect(existsSync(path.join(root, 'out/main/cli.js')), 'run `npm run build` before the tests').toBe(true);
    server = await startServe(['--port', String(await freePort()), '--data-dir', dataDir], {
      NOCMAN_ADMIN_EMAIL: 'noc@isp.test',
      NOCMAN_ADMIN_PASSWORD: 'first-admin-pass',
      NOCMAN_ADMIN_NAME: 'NOC Admin',
      JWT_EXPIRE: '1h',
      // With NOCMAN_TEST_PG the site's data is in a fresh PostgreSQL database.
      NOCMAN_DATABASE_URL: await testDatabaseUrl(dataDir),
    });
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
    await releaseTestDatabase(dataDir);
  });

  it('binds 127.0.0.1 and creates the admin from the environment', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'noc@isp.test', password: 'first-admin-pass' }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { user: { name: string; role: string }; expiresAt: string };
    expect(session.user).toMatchObject({ name: 'NOC Admin', role: 'admin' });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeLessThanOrEqual(3600 * 1000);
  });

  it('serves the renderer at / with a strict CSP', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('keeps its secret in the data directory and stops cleanly on SIGTERM', async () => {
    expect(readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim().length).toBeGreaterThan(40);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('NOCman stopping (SIGTERM)');
  });

  it('refuses a bad port with a clear message', async () => {
    await expect(startServe(['--port', 'http'], {})).rejects.toThrow(/--port \/ PORT must be a whole number/);
  });
});
