// A real FreeRADIUS for the tests: the config `nocman radius-config` generates, on free loopback UDP ports, plus radtest/radclient.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeradiusConfigFiles, LOG_FILE, type FreeradiusNas } from '../../src/main/core/radius/freeradiusConfig';
import { writeFreeradiusConfig } from '../../src/main/core/radius/freeradiusConfigWrite';

export const FREERADIUS = '/usr/sbin/freeradius';
const RADTEST = '/usr/bin/radtest';
const RADCLIENT = '/usr/bin/radclient';
export const LOCAL_SECRET = 'nocman-test-local';

/** Why the FreeRADIUS tests cannot run here, or null when they can. */
export function freeradiusMissing(): string | null {
  const missing = [FREERADIUS, RADTEST, RADCLIENT, '/usr/lib/freeradius/rlm_rest.so'].filter((file) => !existsSync(file));
  if (missing.length === 0) return null;
  return `FreeRADIUS tests skipped: ${missing.join(', ')} not installed (apt-get install freeradius freeradius-rest freeradius-utils; .ci/run does)`;
}

/** Two distinct free UDP ports on 127.0.0.1 (both held until both are known). */
async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const socket = createSocket('udp4');
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, '127.0.0.1', () => resolve());
      });
    }
    return sockets.map((socket) => socket.address().port);
  } finally {
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  }
}

export interface RadiusReply {
  /** Access-Accept, Access-Reject, Accounting-Response, or `none` when nothing came back. */
  code: string;
  /** Reply attributes as radclient prints them (quotes removed); repeated attributes keep every value. */
  attributes: Record<string, string[]>;
  output: string;
}

export interface RunningFreeradius {
  dir: string;
  authPort: number;
  acctPort: number;
  /** The server's own log file (auth lines, rlm_rest errors). */
  log(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  radtest(mode: 'pap' | 'chap' | 'mschap', user: string, password: string): Promise<RadiusReply>;
  /** Sends one packet of `type` (auth, acct, status) with the attribute lines given. */
  radclient(type: 'auth' | 'acct' | 'status', attributes: string[], options?: { retries?: number; timeoutSec?: number }): Promise<RadiusReply>;
  stop(): Promise<void>;
}

export interface FreeradiusOptions {
  nocmanUrl: string;
  bridgeKey: string;
  nas?: FreeradiusNas[];
}

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(output));
    child.stdin.end(input ?? '');
  });
}

/** Reads radclient's `-x` output: the code of the packet received and its attributes. */
export function parseRadclient(output: string): RadiusReply {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Received '));
  if (start < 0) return { code: 'none', attributes: {}, output };
  const code = /^Received (\S+)/.exec(lines[start]!)?.[1] ?? 'none';
  const attributes: Record<string, string[]> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^\t(\S+) = (.*)$/.exec(line);
    if (!match) break;
    const value = match[2]!.replace(/^"(.*)"$/, '$1');
    (attributes[match[1]!] ??= []).push(value);
  }
  return { code, attributes, output };
}

async function waitReady(send: () => Promise<RadiusReply>, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`freeradius exited with ${child.exitCode}:\n${output()}`);
    const reply = await send();
    if (reply.code === 'Access-Accept') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`freeradius did not answer Status-Server within 15 s:\n${output()}`);
}

/** Generates the configuration into a temp dir and starts `freeradius -f -d DIR`; ready once it answers Status-Server. */
export async function startFreeradius(options: FreeradiusOptions): Promise<RunningFreeradius> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-freeradius-'));
  const [authPort, acctPort] = (await freeUdpPorts(2)) as [number, number];
  const files = freeradiusConfigFiles({
    dir,
    nocmanUrl: options.nocmanUrl,
    bridgeKey: options.bridgeKey,
    listenAddress: '127.0.0.1',
    authPort,
    acctPort,
    nas: options.nas ?? [],
    localSecret: LOCAL_SECRET,
    generatedAt: new Date(),
  });
  writeFreeradiusConfig(dir, files);

  // The shell becomes freeradius (exec, same pid); a watcher it leaves behind kills it when our end of its stdin
  // closes, so a FreeRADIUS never outlives a test process that is killed without running its hooks.
  const script = 'exec 3<&0; (cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null) & exec 3<&-; exec "$0" -f -d "$1"';
  const child = spawn('/bin/sh', ['-c', script, FREERADIUS, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  // A test that crashes must not leave a FreeRADIUS behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const logFile = path.join(dir, LOG_FILE);
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  const radclient: RunningFreeradius['radclient'] = async (type, attributes, opts = {}) => {
    const port = type === 'acct' ? acctPort : authPort;
    const args = ['-x', '-r', String(opts.retries ?? 1), '-t', String(opts.timeoutSec ?? 5), `127.0.0.1:${port}`, type, LOCAL_SECRET];
    return parseRadclient(await run(RADCLIENT, args, `${attributes.join('\n')}\n`));
  };

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    child.stdin!.end();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitReady(() => radclient('status', ['Message-Authenticator = 0x00'], { retries: 1, timeoutSec: 1 }), child, () => `${output}\n${log()}`);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    dir,
    authPort,
    acctPort,
    log,
    alive: () => child.exitCode === null && child.signalCode === null,
    radtest: async (mode, user, password) =>
      parseRadclient(await run(RADTEST, ['-t', mode, user, password, `127.0.0.1:${authPort}`, '0', LOCAL_SECRET, '0', '127.0.0.1'])),
    radclient,
    stop,
  };
}
