// A database that tells the truth: health from a real write probe and the last SQLite error, clear errors that name
// the file, a lost or foreign database refused at start, and files only NOCman's user can read.
import { closeSync, existsSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { createCore } from '../../src/main/core';
import { startHttpServer } from '../../src/main/http/server';
import { DatabaseRefused } from '../../src/main/core/db/preflight';
import { withSqliteFile } from '../../src/main/core/db/sqliteFile';
import { makeCore, makeServer, staff, tempDir, type TestServer } from '../helpers';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
});

async function server(): Promise<{ t: TestServer; admin: string }> {
  const t = await makeServer();
  servers.push(t);
  const team = await staff(t.core);
  return { t, admin: await team.token('admin') };
}

const customer = (n: number) => ({ name: `Pelanggan ${n}`, phone: `+62813${String(70_000_000 + n)}`, address: 'Jl. Sudirman 2' });

async function customerCount(t: TestServer): Promise<number> {
  const rows = (await t.core.db.dataSource.query('SELECT count(*) AS n FROM customer')) as { n: number }[];
  return rows[0]!.n;
}

describe('GET /api/health', () => {
  it('says ok after a real write succeeds', async () => {
    const { t } = await server();
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok', databaseError: null, defaultPingIntervalSec: 60 });
  });

  it("names the server's default ping interval (PING_INTERVAL), which a device created without one gets", async () => {
    const t = await makeServer({ pingIntervalSec: 45 });
    try {
      const res = await t.request('GET', '/api/health');
      expect(res.body).toMatchObject({ defaultPingIntervalSec: 45 });
    } finally {
      await t.close();
    }
  });

  it('reports a read-only database, and a write names the file and what to do instead of a bare 500', async () => {
    const { t, admin } = await server();
    await t.core.db.dataSource.query('PRAGMA query_only = ON');
    const health = await t.request('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'degraded', database: 'readonly', databaseError: { code: 'SQLITE_READONLY' } });

    const res = await t.request('POST', '/api/customers', { token: admin, body: customer(1) });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(res.body.error.message).toContain(t.core.db.file);
    expect(res.body.error.message).toMatch(/read-only/);
    expect(JSON.stringify(res.body)).not.toMatch(/at \/|\.ts:/);

    await t.core.db.dataSource.query('PRAGMA query_only = OFF');
    t.clock.advance(6_000);
    expect((await t.request('GET', '/api/health')).body.database).toBe('ok');
    expect((await t.request('POST', '/api/customers', { token: admin, body: customer(1) })).status).toBe(201);
  });

  it('reports a full database after a write meets SQLITE_FULL, though a one-page probe still fits', async () => {
    const { t, admin } = await server();
    const [{ page_count: pages }] = (await t.core.db.dataSource.query('PRAGMA page_count')) as [{ page_count: number }];
    await t.core.db.dataSource.query(`PRAGMA max_page_count = ${pages + 2}`);
    const before = await customerCount(t);
    let status = 201;
    for (let n = 0; n < 200 && status === 201; n += 1) {
      status = (await t.request('POST', '/api/customers', { token: admin, body: { ...customer(n), notes: 'x'.repeat(1900) } })).status;
    }
    expect(status).toBe(503);
    const health = await t.request('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'degraded', database: 'full', databaseError: { code: 'SQLITE_FULL' } });
    expect(await customerCount(t)).toBeGreaterThanOrEqual(before);
  });

  it('reports a corrupt file when a query meets damaged pages', async () => {
    const dataDir = tempDir();
    const first = await makeCore({}, dataDir);
    await staff(first.core);
    for (let n = 0; n < 50; n += 1) {
      await first.core.customers.create(
        { ...SYSTEM_ACTOR },
        { ...customer(n), email: null, latitude: null, longitude: null, notes: 'n'.repeat(500), status: 'pending' },
      );
    }
    await first.core.close();
    const file = path.join(dataDir, 'nocman.sqlite');
    const { rootpage, pageSize } = await withSqliteFile(file, 'readonly', async (db) => ({
      rootpage: (await db.get<{ rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'customer'"))!.rootpage,
      pageSize: (await db.get<{ page_size: number }>('PRAGMA page_size'))!.page_size,
    }));
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const core = await createCore({ dataDir, bcryptCost: 4, version: 'test' });
    const http = await startHttpServer({ core, port: 0, host: '127.0.0.1', logger: { error: () => undefined } });
    try {
      const admin = core.auth.sessionFor((await core.users.findRow(1))!).token;
      const list = await fetch(`${http.url}/api/customers`, { headers: { Authorization: `Bearer ${admin}` } });
      const body = (await list.json()) as { error: { code: string; message: string; details: { database: string } } };
      expect(list.status).toBe(503);
      expect(body.error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', details: { database: 'corrupt' } });
      expect(body.error.message).toContain(file);
      expect(body.error.message).toMatch(/restore/);
      const health = (await (await fetch(`${http.url}/api/health`)).json()) as { database: string };
      expect(health.database).toBe('corrupt');
    } finally {
      await http.close();
      await core.close();
    }
  });
});

describe('start-up of a data folder that was used before', () => {
  async function usedFolder(): Promise<{ dataDir: string; backupFile: string }> {
    const dataDir = tempDir();
    const t = await makeCore({}, dataDir);
    await staff(t.core);
    const backup = await t.core.backups.run('manual', SYSTEM_ACTOR);
    await t.core.close();
    return { dataDir, backupFile: path.join(dataDir, 'backups', backup.fileName!) };
  }

  it.each([
    ['an empty (0-byte) database', (file: string) => writeFileSync(file, ''), /is empty/],
    ['a file that is not SQLite', (file: string) => writeFileSync(file, 'hello, I am a spreadsheet'), /not a SQLite database/],
    ['a missing database', (file: string) => writeFileSync(`${file}.gone`, ''), /is missing/],
  ])('refuses %s, naming the file and the newest verified backup', async (_name, damage, reason) => {
    const { dataDir, backupFile } = await usedFolder();
    const file = path.join(dataDir, 'nocman.sqlite');
    rmSync(file);
    rmSync(file + '-wal', { force: true });
    rmSync(file + '-shm', { force: true });
    damage(file);
    const error = await createCore({ dataDir, bcryptCost: 4, version: 'test' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseRefused);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toMatch(reason);
    expect(message).toContain(backupFile);
    expect(message).toContain('nocman restore');
  });

  it('refuses a SQLite database that is not NOCman’s', async () => {
    const { dataDir } = await usedFolder();
    const file = path.join(dataDir, 'nocman.sqlite');
    rmSync(file);
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file, (e) => (e ? reject(e) : db.exec('CREATE TABLE contacts (name TEXT)', (err) => (err ? reject(err) : db.close(() => resolve())))));
    });
    await expect(createCore({ dataDir, bcryptCost: 4, version: 'test' })).rejects.toThrow(/not a NOCman one/);
  });

  it('starts a new, empty folder as a fresh site, with the folder 0700 and the database files 0600', async () => {
    const parent = tempDir();
    const dataDir = path.join(parent, 'site');
    const t = await makeCore({}, dataDir);
    try {
      await staff(t.core);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const file = path.join(dataDir, 'nocman.sqlite');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      if (existsSync(`${file}-wal`)) expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      await t.close();
    }
  });
});

describe('storage errors', () => {
  it.each([
    [{ code: 'SQLITE_READONLY', message: 'SQLITE_READONLY: attempt to write a readonly database' }, 'readonly', /read-only/],
    [{ code: 'SQLITE_FULL', message: 'SQLITE_FULL: database or disk is full' }, 'full', /disk is full/],
    [{ code: 'SQLITE_CORRUPT', message: 'SQLITE_CORRUPT: database disk image is malformed' }, 'corrupt', /restore the newest verified backup/],
    [{ code: 'SQLITE_ERROR', message: 'SQLITE_IOERR_WRITE: disk I/O error' }, 'unavailable', /disk is present/],
    [{ code: 'EACCES', message: "EACCES: permission denied, open '/srv/nocman/nocman.sqlite'" }, 'unavailable', /may read and write/],
    [{ code: 'ENOSPC', message: 'ENOSPC: no space left on device' }, 'full', /free space/],
  ])('turns %o into %s with what to do', async (raw, state, advice) => {
    const { storageCode, storageError } = await import('../../src/main/core/db/health');
    const error = Object.assign(new Error(raw.message), { code: raw.code });
    const code = storageCode(error);
    expect(code).not.toBeNull();
    const app = storageError(code!, '/srv/nocman/nocman.sqlite');
    expect(app.status).toBe(503);
    expect(app.details).toMatchObject({ database: state });
    expect(app.message).toContain('/srv/nocman/nocman.sqlite');
    expect(app.message).toMatch(advice);
  });

  it('leaves errors that are not the storage’s fault alone', async () => {
    const { storageCode } = await import('../../src/main/core/db/health');
    expect(storageCode(Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: customer.phone'), { code: 'SQLITE_CONSTRAINT' }))).toBeNull();
    expect(storageCode(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }))).toBeNull();
  });
});
