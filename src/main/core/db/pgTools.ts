// PostgreSQL's client programs (pg_dump, pg_restore, psql) as NOCman runs them: found on the PATH or in Debian's
// /usr/lib/postgresql/N/bin, given the database without its password (the password goes in PGPASSWORD, never on a
// command line, in a log or in an error message).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql' | 'initdb' | 'pg_ctl';

/**
 * The environment the client programs inherit (PATH to find them, HOME, locale, PGSSL* files). Not configuration
 * of NOCman — which stays in createCore(config) — but what any child process gets; read in this one place.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- a child process's inherited environment, not NOCman config
  return process.env;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The newest Debian PostgreSQL bin dir holding `tool` (/usr/lib/postgresql/N/bin), or null. */
export function debianBinDir(tool: PgTool, root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name) && executable(path.join(root, name, 'bin', tool)))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null;
}

/** `tool` on the PATH first (Debian's pg_wrapper picks the newest client there), else the newest Debian install. */
export function findPgTool(tool: PgTool, env: NodeJS.ProcessEnv = inheritedEnv()): string {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, tool))) return path.join(dir, tool);
  }
  const debian = debianBinDir(tool);
  if (debian) return path.join(debian, tool);
  throw new PgToolMissing(tool);
}

export class PgToolMissing extends Error {
  readonly code = 'PG_TOOL_MISSING';
  constructor(readonly tool: PgTool) {
    super(`${tool} is not installed on this machine; install PostgreSQL's client programs (Debian: apt install postgresql-client) of the server's major version or newer`);
  }
}

/** The URL with its password shown as ***, for messages. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(invalid URL)';
  }
}

/** `text` with the URL and its password (raw or URL-encoded) masked, should a program's message quote them. */
export function scrubPassword(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    // not a URL: nothing to scrub but the text itself
  }
  let out = text.split(url).join(maskUrl(url));
  if (!password) return out;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // a password that is not valid percent-encoding is masked as written
  }
  for (const form of new Set([password, decoded])) if (form.length > 0) out = out.split(form).join('***');
  return out;
}

/**
 * How a client program reaches the database of `url`: `--dbname` is the URL without its password (a libpq
 * connection string keeps the host, port, user, database and options such as sslmode); the password is in the env.
 */
export function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : '';
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...inheritedEnv() };
  delete env['PGPASSWORD'];
  if (password) env['PGPASSWORD'] = password;
  // Messages of the programs in English whatever the machine's locale: NOCman matches none of them, people read them.
  env['LC_MESSAGES'] = 'C';
  return { dbname: parsed.toString(), env };
}

export interface PgRun {
  child: ChildProcess;
  /** Resolves when the program has exited: its exit code and the end of its stderr (password scrubbed). */
  done: Promise<{ code: number | null; stderr: string }>;
}

/** Starts `tool` with `args`; stderr is collected (last 8 KB). A spawn failure (not installed) rejects `done`. */
export function startPgTool(tool: PgTool, args: string[], options: { env?: NodeJS.ProcessEnv; url?: string; stdin?: 'pipe' | 'ignore'; stdout?: 'pipe' | 'ignore' } = {}): PgRun {
  const file = findPgTool(tool);
  const child = spawn(file, args, { env: options.env ?? inheritedEnv(), stdio: [options.stdin ?? 'ignore', options.stdout ?? 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const text = (signal ? `killed by ${signal}. ` : '') + stderr.trim();
      resolve({ code, stderr: options.url ? scrubPassword(text, options.url) : text });
    });
  });
  return { child, done };
}
