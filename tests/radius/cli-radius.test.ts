// `nocman radius-config`, in process: reads the NAS list and bridge key from a data folder, writes a config FreeRADIUS accepts, prints the RouterOS commands.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { BRIDGE_KEY_FILE } from '../../src/main/core/radius/keys';
import { radiusConfigCommand } from '../../src/main/cliRadius';
import { databaseOf, makeCore, releaseTestDatabase, tempDir } from '../helpers';
import { FREERADIUS, freeradiusMissing } from './freeradius';

let dataDir: string;
const outDirs: string[] = [];

beforeAll(async () => {
  const { core, dataDir: dir } = await makeCore();
  dataDir = dir;
  await core.radius.nas.create(SYSTEM_ACTOR, { name: 'Router Pusat', address: '10.20.0.1', secret: `Rah'asia"$1\\x`, vendor: 'mikrotik', coaPort: 3799 });
  await core.radius.nas.create(SYSTEM_ACTOR, { name: 'OLT Cisco', address: '10.20.0.9', secret: 'generic-secret', vendor: 'generic', coaPort: 3799 });
  await core.close();
});

afterAll(async () => {
  for (const dir of [dataDir, ...outDirs]) rmSync(dir, { recursive: true, force: true });
  await releaseTestDatabase(dataDir);
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  // With NOCMAN_TEST_PG the site is in a PostgreSQL database: the command reads NOCMAN_DATABASE_URL as a site would.
  const databaseUrl = databaseOf(dataDir);
  if (databaseUrl) vi.stubEnv('NOCMAN_DATABASE_URL', databaseUrl);
  try {
    const code = await radiusConfigCommand(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    vi.unstubAllEnvs();
    log.mockRestore();
    error.mockRestore();
  }
}

function outDir(): string {
  const dir = path.join(tempDir('nocman-radius-out-'), 'radius');
  outDirs.push(path.dirname(dir));
  return dir;
}

describe('nocman radius-config', () => {
  it('writes the NAS list from the data folder with the bridge key NOCman checks, and says where and what to run', async () => {
    const dir = outDir();
    const { code, out } = await run(['--out', dir, '--data-dir', dataDir, '--listen', '10.20.0.2', '--payment-page', '10.20.0.3', '--url', 'http://127.0.0.1:5123']);
    expect(code).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const key = readFileSync(path.join(dataDir, BRIDGE_KEY_FILE), 'utf8').trim();
    expect(readFileSync(path.join(dir, 'policy.d/nocman'), 'utf8')).toContain(`'X-NOCman-Bridge-Key: ${key}'`);
    expect(readFileSync(path.join(dir, 'mods-enabled/rest'), 'utf8')).toContain("uri = 'http://127.0.0.1:5123/api/radius/authorize'");
    const clients = readFileSync(path.join(dir, 'clients.conf'), 'utf8');
    expect(clients).toContain("ipaddr = 10.20.0.1\n\tsecret = 'Rah\\'asia\"$1\\\\x'");
    expect(clients).toContain("ipaddr = 10.20.0.9\n\tsecret = 'generic-secret'");
    expect(readFileSync(path.join(dir, 'sites-enabled/nocman'), 'utf8')).toContain('ipaddr = 10.20.0.2\n\tport = 1812');

    expect(out).toContain(`Wrote the FreeRADIUS configuration to ${dir}`);
    expect(out).toContain(`freeradius -f -d ${dir}`);
    expect(out).toMatch(/radtest -t mschap <username> <password> 127\.0\.0\.1:1812 0 \S{20,}/);
    expect(out).toContain('/radius add service=ppp,hotspot address=10.20.0.2 secret=<NAS secret> authentication-port=1812 accounting-port=1813');
    expect(out).toContain('/radius incoming set accept=yes port=3799');
    expect(out).toContain('/ppp aaa set use-radius=yes accounting=yes interim-update=5m');
    expect(out).toContain('/ip firewall nat add chain=dstnat src-address-list="isolir" protocol=tcp dst-port=80 action=dst-nat to-addresses=10.20.0.3');
    // Secrets go to the 0600 scripts, never to the terminal.
    expect(out).not.toContain('Rah');
    const script = path.join(dir, 'mikrotik/01-router-pusat.rsc');
    expect(out).toContain(script);
    expect(statSync(script).mode & 0o777).toBe(0o600);
    expect(readFileSync(script, 'utf8')).toContain('secret="Rah\'asia\\"\\$1\\\\x"');
  });

  it('warns that routers cannot reach a FreeRADIUS listening on loopback, and comments the isolir rules out without a payment page', async () => {
    const { code, out } = await run(['--out', outDir(), '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(out).toContain('listens on 127.0.0.1 only');
    expect(out).toContain('# /ip firewall nat add');
  });

  it('refuses a missing --out (usage, exit 2) and a payment page that is not an IP address', async () => {
    const missingOut = await run(['--data-dir', dataDir]);
    expect(missingOut.code).toBe(2);
    expect(missingOut.err).toContain('Usage: nocman radius-config --out DIR');
    await expect(run(['--out', outDir(), '--data-dir', dataDir, '--payment-page', 'pay.isp.test'])).rejects.toThrow(/--payment-page must be an IP address/);
    await expect(run(['--out', outDir(), '--data-dir', dataDir, '--auth-port', '70000'])).rejects.toThrow(/--auth-port/);
  });

  it.skipIf(freeradiusMissing() !== null)('writes a configuration `freeradius -C` accepts', async () => {
    const dir = outDir();
    expect((await run(['--out', dir, '--data-dir', dataDir, '--listen', '*', '--auth-port', '11812', '--acct-port', '11813'])).code).toBe(0);
    const check = spawnSync(FREERADIUS, ['-XC', '-d', dir], { encoding: 'utf8', timeout: 20_000 });
    expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0);
  });
});
