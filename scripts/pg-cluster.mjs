// A throwaway PostgreSQL cluster for tests and CI: Debian's initdb + pg_ctl into a temp dir, listening only on
// 127.0.0.1 on a free port with its unix socket in that dir, fsync off (a test cluster is thrown away, never
// recovered). Not the system service. As root (CI) the binaries run as the `postgres` user, since initdb refuses root.
//
//   node scripts/pg-cluster.mjs start        prints NOCMAN_TEST_PG=postgres://… and PG_CLUSTER_DIR=… (shell lines)
//   node scripts/pg-cluster.mjs stop DIR     stops that cluster and removes its dir
//   node scripts/pg-cluster.mjs run CMD…     starts a cluster, runs CMD with NOCMAN_TEST_PG set, stops it
//
// Importable: `const cluster = await startCluster(); … cluster.url …; await cluster.stop();`
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The newest Debian PostgreSQL bin dir (/usr/lib/postgresql/N/bin), or the one holding `initdb` on the PATH. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (found) return path.dirname(found);
  throw new Error('PostgreSQL is not installed: no initdb (Debian package `postgresql`)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function pg(bin, args, options = {}) {
  const file = path.join(postgresBinDir(), bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
}

/** Starts a fresh cluster; resolves to { url, dir, port, stop() }. The superuser is `postgres`, trusted on loopback. */
export async function startCluster() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  // C locale: lower() folds ASCII only, which is what SQLite's NOCASE does; UTF-8 text.
  pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [
    `-c listen_addresses=127.0.0.1`,
    `-p ${port}`,
    `-k ${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=64MB',
  ].join(' ');
  pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  writeFileSync(path.join(os.tmpdir(), `nocman-pg-last`), dir);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return { url, dir, port, stop: () => stopCluster(dir) };
}

/** Stops the cluster in `dir` (fast shutdown) and removes the dir. */
export function stopCluster(dir) {
  const data = path.join(dir, 'data');
  if (existsSync(path.join(data, 'postmaster.pid'))) {
    try {
      pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    } catch (error) {
      process.stderr.write(`pg_ctl stop: ${error.stderr ?? error.message}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'start') {
    const cluster = await startCluster();
    process.stdout.write(`NOCMAN_TEST_PG=${cluster.url}\nPG_CLUSTER_DIR=${cluster.dir}\n`);
    return;
  }
  if (command === 'stop') {
    if (!rest[0]) throw new Error('usage: pg-cluster.mjs stop DIR');
    stopCluster(rest[0]);
    return;
  }
  if (command === 'run') {
    if (rest.length === 0) throw new Error('usage: pg-cluster.mjs run CMD [ARGS…]');
    const cluster = await startCluster();
    let status = 1;
    try {
      const child = spawnSync(rest[0], rest.slice(1), { stdio: 'inherit', env: { ...process.env, NOCMAN_TEST_PG: cluster.url } });
      status = child.status ?? 1;
    } finally {
      cluster.stop();
    }
    process.exitCode = status;
    return;
  }
  throw new Error('usage: pg-cluster.mjs start | stop DIR | run CMD [ARGS…]');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`${error.stderr ?? ''}${error.message}\n`);
    process.exit(1);
  });
}
