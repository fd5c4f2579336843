// Shared start-up of the e2e tests: `nocman serve` on a free port (or the core + HTTP server in this process, when a
// test must act as the system, e.g. raise alerts) with a fresh data dir, and headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCore, type Core } from '../../src/main/core';
import type { CoreConfig } from '../../src/main/core/config';
import { startHttpServer } from '../../src/main/http/server';
import { freePort } from '../helpers';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILT = existsSync(path.join(ROOT, 'out/renderer/index.html')) && existsSync(path.join(ROOT, 'out/main/cli.js'));
export const SHOTS = path.join(ROOT, 'test-results/e2e');

// One free-port probe for every test (tests/helpers.ts); e2e files import it from here.
export { freePort };

/**
 * Starts the server with only the NOCMAN_* variables given here (the caller's own are dropped). `appRoot` serves
 * another checkout's build (bench/firstload.ts measures a build before a change); a big seeded site may need a
 * longer `startTimeoutMs`; `args` go after `serve` (e.g. `--tls`, then the address is https).
 */
export function startServer(
  port: number,
  dataDir: string,
  extraEnv: Record<string, string> = {},
  { appRoot = ROOT, startTimeoutMs = 20_000, args = [] }: { appRoot?: string; startTimeoutMs?: number; args?: string[] } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NOCMAN_')));
  const child = spawn(process.execPath, ['bin/nocman.mjs', 'serve', '--port', String(port), '--data-dir', dataDir, ...args], {
    cwd: appRoot,
    env: { ...env, JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /NOCman listening on (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
}

/** `extraArgs`: more Chromium switches, e.g. `--ignore-certificate-errors-spki-list=…` to trust one host's certificate. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

export interface Stage {
  server: ChildProcess;
  browser: Browser;
  page: Page;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Server + browser + one page (1280×800), torn down by `stop()` with the data dir. */
export async function startStage(extraEnv: Record<string, string> = {}): Promise<Stage> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nocman-e2e-'));
  const { child, url } = await startServer(await freePort(), dataDir, extraEnv);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  return {
    server: child,
    browser,
    page,
    baseUrl: url,
    async stop() {
      await browser.close();
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface InProcessStage {
  core: Core;
  browser: Browser;
  page: Page;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The core and the HTTP server (serving the built renderer) in this process, so the test can call services the
 * API does not expose (`core.alerts.raise`), plus Chromium with one page (1280×800).
 */
export async function startInProcessStage(config: Partial<CoreConfig> = {}): Promise<InProcessStage> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nocman-e2e-'));
  const core = await createCore({ dataDir, bcryptCost: 4, jwtSecret: 'e2e-secret-e2e-secret-e2e-secret-0123', version: 'e2e', ...config });
  const server = await startHttpServer({ core, port: 0, host: '127.0.0.1', rendererDir: path.join(ROOT, 'out/renderer'), logger: { error: () => undefined } });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(10_000);
  return {
    core,
    browser,
    page,
    baseUrl: server.url,
    async stop() {
      await browser.close();
      await server.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
