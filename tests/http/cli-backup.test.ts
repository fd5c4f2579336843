// `nocman backup` and `nocman restore` as an operator runs them: the built CLI on a real data folder (with
// NOCMAN_TEST_PG: on the folder's PostgreSQL database, NOCMAN_DATABASE_URL set as on such a site).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { databaseOf, makeCore, staff, tempDir, TEST_PG } from '../helpers';

const root = path.resolve(import.meta.dirname, '../..');

/** What a backup's file ends with on the engine under test. */
const EXT = TEST_PG ? '.dump' : '.sqlite';

/** The environment of a shell on the site of `dataDir`: its PostgreSQL URL when the tests run on PostgreSQL. */
function siteEnv(dataDir: string | undefined): Record<string, string | undefined> {
  const url = dataDir ? databaseOf(dataDir) : undefined;
  return { PATH: process.env['PATH'], ...(url ? { NOCMAN_DATABASE_URL: url } : {}) };
}

function nocman(args: string[]) {
  const dataDir = args[args.indexOf('--data-dir') + 1];
  const result = spawnSync(process.execPath, [path.join(root, 'bin/nocman.mjs'), ...args], {
    cwd: root,
    env: siteEnv(dataDir),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

let seq = 0;
async function site(customers: number): Promise<string> {
  const dataDir = tempDir('nocman-cli-backup-');
  const t = await makeCore({}, dataDir);
  await staff(t.core);
  for (let n = 0; n < customers; n += 1) await addCustomer(dataDir, t);
  await t.core.close();
  return dataDir;
}

async function addCustomer(_dataDir: string, t: Awaited<ReturnType<typeof makeCore>>) {
  seq += 1;
  await t.core.customers.create(SYSTEM_ACTOR, {
    name: `Pelanggan ${seq}`,
    phone: `+62814${String(80_000_000 + seq)}`,
    email: null,
    address: 'Jl. Diponegoro 3',
    latitude: null,
    longitude: null,
    notes: '',
    status: 'pending',
  });
}

async function customers(dataDir: string): Promise<number> {
  const t = await makeCore({}, dataDir);
  try {
    const rows = (await t.core.db.dataSource.query('SELECT count(*) AS n FROM customer')) as { n: number }[];
    return rows[0]!.n;
  } finally {
    await t.core.close();
  }
}

describe('nocman backup / restore', () => {
  it('backs up a site to a verified file and restores it, keeping a safety backup of what it replaced', async () => {
    const dataDir = await site(2);
    const backedUp = nocman(['backup', '--data-dir', dataDir]);
    expect(backedUp.out).toMatch(/verified/);
    expect(backedUp.code).toBe(0);
    const [file] = readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith(EXT));
    expect(file).toMatch(TEST_PG ? /-cli\.dump$/ : /-cli\.sqlite$/);

    const t = await makeCore({}, dataDir);
    await addCustomer(dataDir, t);
    await t.core.close();
    expect(await customers(dataDir)).toBe(3);

    const restored = nocman(['restore', path.join(dataDir, 'backups', file!), '--data-dir', dataDir, '--yes']);
    expect(restored.out).toMatch(/Restored/);
    expect(restored.code).toBe(0);
    expect(await customers(dataDir)).toBe(2);
    expect(readdirSync(path.join(dataDir, 'backups')).some((f) => f.endsWith(`-safety${EXT}`))).toBe(true);
  });

  it('writes a verified copy where --to says, and refuses to overwrite a file', async () => {
    const dataDir = await site(1);
    const target = path.join(tempDir(), `usb-copy${EXT}`);
    const first = nocman(['backup', '--to', target, '--data-dir', dataDir]);
    expect(first.out).toMatch(/verified/);
    expect(first.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    if (TEST_PG) expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    const again = nocman(['backup', '--to', target, '--data-dir', dataDir]);
    expect(again.code).not.toBe(0);
    expect(again.out).toMatch(/exists already/);
  });

  it('refuses to restore a file that is not a NOCman database, and changes nothing', async () => {
    const dataDir = await site(1);
    const bogus = path.join(tempDir(), 'invoices.xlsx');
    writeFileSync(bogus, 'not a database');
    const result = nocman(['restore', bogus, '--data-dir', dataDir, '--yes']);
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/not a verified NOCman database/);
    expect(await customers(dataDir)).toBe(1);
  });

  it('refuses to restore while nocman serve runs on the folder', async () => {
    const dataDir = await site(1);
    nocman(['backup', '--data-dir', dataDir]);
    const [file] = readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith(EXT));
    const stand = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(path.join(dataDir, 'nocman.pid'), `${stand.pid}\n`);
      const result = nocman(['restore', path.join(dataDir, 'backups', file!), '--data-dir', dataDir, '--yes']);
      expect(result.code).not.toBe(0);
      expect(result.out).toMatch(/is running/);
    } finally {
      stand.kill();
    }
  });

  // PostgreSQL: the process running the site may be on another machine; its runner lease in the database says so.
  it.runIf(TEST_PG)('refuses to restore while another machine runs the site (its runner lease)', async () => {
    const dataDir = await site(1);
    nocman(['backup', '--data-dir', dataDir]);
    const [file] = readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith(EXT));
    const t = await makeCore({}, dataDir);
    const now = Date.now();
    await t.core.db.dataSource.query(
      `INSERT INTO runner_lease (name, holder, label, acquired_at, heartbeat_at, expires_at) VALUES ('site', 'other', 'nocman serve on pop-2', ?, ?, ?)`,
      [now, now, now + 600_000],
    );
    await addCustomer(dataDir, t);
    await t.core.close();
    const result = nocman(['restore', path.join(dataDir, 'backups', file!), '--data-dir', dataDir, '--yes']);
    expect(result.out).toMatch(/nocman serve on pop-2\) runs this site/);
    expect(result.code).toBe(1);
    expect(await customers(dataDir)).toBe(2);
  });

  // SQLite only: the database file of the data folder (a PostgreSQL site's database is on its server).
  it.skipIf(TEST_PG)('will not start a used folder whose database is empty, and says which backup to restore', async () => {
    const dataDir = await site(1);
    nocman(['backup', '--data-dir', dataDir]);
    writeFileSync(path.join(dataDir, 'nocman.sqlite'), '');
    const result = spawnSync(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'serve', '--port', '5999', '--data-dir', dataDir], {
      cwd: root,
      env: { PATH: process.env['PATH'] },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(path.join(dataDir, 'nocman.sqlite'));
    expect(result.stderr).toMatch(/nocman restore ".*-cli\.sqlite"/);
  });
});
