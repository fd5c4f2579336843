// PostgreSQL's client programs as NOCman runs them: found where Debian puts them, given the database without its
// password (which goes in PGPASSWORD), and never quoting the password in a message.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionOf, debianBinDir, findPgTool, maskUrl, scrubPassword } from '../../src/main/core/db/pgTools';
import { tempDir } from '../helpers';

describe('PostgreSQL client programs', () => {
  it('keeps the password off the command line: the URL without it, the password in PGPASSWORD', () => {
    const url = 'postgres://nocman:s%40cret%2Fpw@db.isp.test:5433/nocman?sslmode=require';
    const { dbname, env } = connectionOf(url);
    expect(dbname).toBe('postgres://nocman@db.isp.test:5433/nocman?sslmode=require');
    expect(dbname).not.toContain('cret');
    expect(env['PGPASSWORD']).toBe('s@cret/pw');
    expect(connectionOf('postgres://nocman@127.0.0.1/nocman').env['PGPASSWORD']).toBeUndefined();
  });

  it('masks the password in messages, raw or URL-encoded', () => {
    const url = 'postgres://nocman:s%40cret@db.isp.test/nocman';
    expect(maskUrl(url)).toBe('postgres://nocman:***@db.isp.test/nocman');
    const text = `pg_dump: error: connection to ${url} failed; password "s@cret" / s%40cret rejected`;
    const scrubbed = scrubPassword(text, url);
    expect(scrubbed).not.toMatch(/s@cret|s%40cret/);
    expect(scrubbed).toContain('postgres://nocman:***@db.isp.test/nocman');
  });

  it('finds a program on the PATH first, else in the newest /usr/lib/postgresql/N/bin', () => {
    const root = tempDir('nocman-pgtools-');
    for (const version of ['9.6', '13', '15']) {
      mkdirSync(path.join(root, version, 'bin'), { recursive: true });
      if (version !== '15') writeFileSync(path.join(root, version, 'bin', 'pg_dump'), '#!/bin/sh\n', { mode: 0o755 });
    }
    expect(debianBinDir('pg_dump', root)).toBe(path.join(root, '13', 'bin'));
    expect(debianBinDir('psql', root)).toBeNull();
    const onPath = path.join(root, 'path');
    mkdirSync(onPath);
    writeFileSync(path.join(onPath, 'pg_restore'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findPgTool('pg_restore', { PATH: onPath })).toBe(path.join(onPath, 'pg_restore'));
  });
});
