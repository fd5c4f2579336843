// The site database engines a bench runs on (BENCH_ENGINES=pg,sqlite; both by default): SQLite is the file in the
// data dir, PostgreSQL is a database on a throwaway cluster started here (scripts/pg-cluster.mjs: Debian's initdb +
// pg_ctl in a temp dir on a loopback port, fsync off — the figures are for the queries, not for the disk).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
// @ts-expect-error scripts/pg-cluster.mjs is plain JavaScript without declarations
import { startCluster as startClusterJs } from '../scripts/pg-cluster.mjs';

export type Engine = 'pg' | 'sqlite';
type Cluster = { url: string; dir: string; port: number; stop: () => void };
const startCluster = startClusterJs as () => Promise<Cluster>;

export function benchEngines(): Engine[] {
  const list = (process.env['BENCH_ENGINES'] ?? 'pg,sqlite').split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of list) if (e !== 'pg' && e !== 'sqlite') throw new Error(`BENCH_ENGINES: unknown engine ${e} (pg, sqlite)`);
  return list as Engine[];
}

let cluster: Cluster | undefined;

/** A fresh database for one bench run: its URL on PostgreSQL (a new database on the cluster), undefined on SQLite. */
export async function benchDatabase(engine: Engine, name: string): Promise<string | undefined> {
  if (engine === 'sqlite') return undefined;
  cluster ??= await startCluster();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  // BENCH_PG_SLOW_MS: the server logs every statement slower than this (read back with clusterLog()).
  // BENCH_PG_SETTINGS=name=value,…: planner settings of the bench database (e.g. random_page_cost=1.1, the usual
  // value for a server on SSD; the cluster keeps PostgreSQL's defaults otherwise).
  const settings = (process.env['BENCH_PG_SETTINGS'] ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]);
  if (process.env['BENCH_PG_SLOW_MS']) settings.push(['log_min_duration_statement', String(Number(process.env['BENCH_PG_SLOW_MS']))]);
  if (settings.length > 0) {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    for (const [key, value] of settings) {
      if (!/^\w+$/.test(key) || !/^[\w.]+$/.test(value ?? '')) throw new Error(`BENCH_PG_SETTINGS: ${key}=${value}`);
      await admin.query(`ALTER DATABASE "${name}" SET ${key} = '${value}'`);
    }
    await admin.end();
  }
  return url.toString();
}

/** The cluster's settings that matter for the figures (version, shared_buffers, work_mem). */
export async function describeCluster(): Promise<string> {
  if (!cluster) return '';
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const rows = (await client.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm`)).rows as { v: string; sb: string; wm: string }[];
    const extra = process.env['BENCH_PG_SETTINGS'] ? `, bench database: ${process.env['BENCH_PG_SETTINGS']}` : ', planner defaults (random_page_cost 4)';
    return `${rows[0]!.v.split(' on ')[0]}, shared_buffers ${rows[0]!.sb}, work_mem ${rows[0]!.wm}, fsync off${extra}`;
  } finally {
    await client.end();
  }
}

/** The cluster's server log (statements slower than BENCH_PG_SLOW_MS when that is set), or '' without a cluster. */
export function clusterLog(): string {
  return cluster ? readFileSync(path.join(cluster.dir, 'log'), 'utf8') : '';
}

export function stopBenchCluster(): void {
  cluster?.stop();
  cluster = undefined;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
