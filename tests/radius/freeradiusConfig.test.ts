// The FreeRADIUS configuration generator: file modes, quoting of secrets, refused input, and a config FreeRADIUS itself accepts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freeradiusConfigFiles, type FreeradiusConfigInput } from '../../src/main/core/radius/freeradiusConfig';
import { mikrotikCommands, mikrotikScripts, routerosString } from '../../src/main/core/radius/freeradiusConfigMikrotik';
import { quoted } from '../../src/main/core/radius/freeradiusConfigText';
import { writeFreeradiusConfig } from '../../src/main/core/radius/freeradiusConfigWrite';
import { FREERADIUS, freeradiusMissing } from './freeradius';
import { authenticatorResponse, ntPasswordHash, ntResponse } from './mschapv2';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-frconf-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function input(overrides: Partial<FreeradiusConfigInput> = {}): FreeradiusConfigInput {
  return {
    dir: '/etc/nocman-radius',
    nocmanUrl: 'http://127.0.0.1:5000',
    bridgeKey: 'bridge-key-1',
    listenAddress: '127.0.0.1',
    authPort: 1812,
    acctPort: 1813,
    nas: [{ name: 'Router Pusat', address: '10.0.0.1', secret: 'nas-secret', vendor: 'mikrotik' }],
    localSecret: 'local-secret',
    generatedAt: new Date('2026-11-02T03:00:00Z'),
    ...overrides,
  };
}

function file(files: ReturnType<typeof freeradiusConfigFiles>, name: string): string {
  const found = files.find((entry) => entry.path === name);
  if (!found) throw new Error(`${name} was not generated`);
  return found.content;
}

describe('FreeRADIUS configuration generator', () => {
  it('writes every file 0600 and every directory 0700, since they hold the bridge key and NAS secrets', () => {
    const dir = tempDir();
    const written = writeFreeradiusConfig(dir, freeradiusConfigFiles(input({ dir })));
    expect(written.length).toBeGreaterThan(8);
    for (const target of written) expect(statSync(target).mode & 0o777, target).toBe(0o600);
    for (const sub of ['', 'log', 'run', 'mods-enabled', 'sites-enabled', 'policy.d']) {
      expect(statSync(path.join(dir, sub)).mode & 0o777, sub).toBe(0o700);
    }
  });

  it('points rlm_rest at the four bridge paths of the NOCman URL, with JSON bodies', () => {
    const rest = file(freeradiusConfigFiles(input({ nocmanUrl: 'http://10.0.0.5:5000/' })), 'mods-enabled/rest');
    for (const section of ['authorize', 'authenticate', 'accounting', 'post-auth']) {
      expect(rest).toContain(`uri = 'http://10.0.0.5:5000/api/radius/${section}'`);
    }
    expect(rest).not.toMatch(/^\s*connect_uri/m);
    expect(rest.match(/body = 'json'/g)).toHaveLength(4);
  });

  it('single-quotes secrets so FreeRADIUS expands neither ${…} nor %{…} in them', () => {
    expect(quoted('plain')).toBe("'plain'");
    expect(quoted(`it's a \\ %{User-Name} \${confdir}`)).toBe(`'it\\'s a \\\\ %{User-Name} \${confdir}'`);
    const files = freeradiusConfigFiles(input({ bridgeKey: 'k%{x}' }));
    expect(file(files, 'policy.d/nocman')).toContain("&REST-HTTP-Header := 'X-NOCman-Bridge-Key: k%{x}'");
  });

  it('refuses what FreeRADIUS could not use: control characters, a NAS without an IP, equal ports, a relative directory', () => {
    expect(() => freeradiusConfigFiles(input({ localSecret: 'a\nb' }))).toThrow(/control characters/);
    expect(() => freeradiusConfigFiles(input({ nas: [{ name: 'x', address: 'router.lan', secret: 's', vendor: 'generic' }] }))).toThrow(/no IP address/);
    expect(() => freeradiusConfigFiles(input({ acctPort: 1812 }))).toThrow(/must differ/);
    expect(() => freeradiusConfigFiles(input({ dir: 'radius' }))).toThrow(/absolute/);
    expect(() => freeradiusConfigFiles(input({ nocmanUrl: 'ftp://x' }))).toThrow(/http/);
    expect(() => freeradiusConfigFiles(input({ listenAddress: 'eth0' }))).toThrow(/--listen/);
  });

  it('lists each NAS as a client (IPv4, IPv6 and networks) besides localhost', () => {
    const clients = file(
      freeradiusConfigFiles(
        input({
          nas: [
            { name: 'BTS Utara', address: '10.0.1.1', secret: 's1', vendor: 'mikrotik' },
            { name: 'OLT v6', address: 'fd00::1', secret: 's2', vendor: 'generic' },
            { name: 'Hotspot net', address: '10.2.0.0/24', secret: 's3', vendor: 'mikrotik' },
          ],
        }),
      ),
      'clients.conf',
    );
    expect(clients).toContain('client localhost {\n\tipaddr = 127.0.0.1\n\tsecret = \'local-secret\'');
    expect(clients).toContain("client nas1-bts-utara {\n\tipaddr = 10.0.1.1\n\tsecret = 's1'");
    expect(clients).toContain('ipv6addr = fd00::1');
    expect(clients).toContain('ipaddr = 10.2.0.0/24');
  });

  it('gives localhost the secret of a NAS that is 127.0.0.1 instead of listing that address twice', () => {
    const clients = file(freeradiusConfigFiles(input({ nas: [{ name: 'Lab', address: '127.0.0.1', secret: 'lab', vendor: 'generic' }] })), 'clients.conf');
    expect(clients.match(/ipaddr = 127\.0\.0\.1/g)).toHaveLength(1);
    expect(clients).toContain("secret = 'lab'");
  });

  it('writes RouterOS commands with the ports, CoA, PPP accounting and the isolir redirect, and a script per MikroTik NAS', () => {
    const setup = { radiusAddress: '10.0.0.2', authPort: 1812, acctPort: 1813, isolirList: 'isolir', interimIntervalSec: 300, paymentPageAddress: '10.0.0.3' };
    const text = mikrotikCommands(setup, 'Router Pusat', '<secret>');
    expect(text).toContain('/radius add service=ppp,hotspot address=10.0.0.2 secret=<secret> authentication-port=1812 accounting-port=1813');
    expect(text).toContain('/radius incoming set accept=yes port=3799');
    expect(text).toContain('/ppp aaa set use-radius=yes accounting=yes interim-update=5m');
    expect(text).toContain('src-address-list="isolir" protocol=tcp dst-port=80 action=dst-nat to-addresses=10.0.0.3');
    const scripts = mikrotikScripts(setup, [
      { name: 'Router Pusat', address: '10.0.0.1', secret: 'a"b$c', vendor: 'mikrotik' },
      { name: 'Cisco', address: '10.0.0.9', secret: 'x', vendor: 'generic' },
    ]);
    expect(scripts.map((script) => script.name)).toEqual(['mikrotik/01-router-pusat.rsc']);
    expect(scripts[0]!.content).toContain('secret="a\\"b\\$c"');
    expect(routerosString('x\\y')).toBe('"x\\\\y"');
  });

  it('comments the isolir rules out, saying what to fill in, while the payment page address is unknown', () => {
    const text = mikrotikCommands({ radiusAddress: '10.0.0.2', authPort: 1812, acctPort: 1813, isolirList: 'isolir', interimIntervalSec: 90, paymentPageAddress: null }, 'R', 's');
    expect(text).toContain('# /ip firewall nat add chain=dstnat src-address-list="isolir"');
    expect(text).toContain('Replace PAYMENT_PAGE_ADDRESS');
    expect(text).toContain('interim-update=90s');
    expect(text.split('\n').filter((line) => line.startsWith('/ip firewall'))).toEqual([]);
  });
});

describe('MS-CHAPv2 test helper', () => {
  it('computes the RFC 2759 section 9.2 example (password hash, NT-Response, authenticator response)', () => {
    const authenticatorChallenge = Buffer.from('5B5D7C7D7B3F2F3E3C2C602132262628', 'hex');
    const peerChallenge = Buffer.from('21402324255E262A28295F2B3A337C7E', 'hex');
    expect(ntPasswordHash('clientPass').toString('hex').toUpperCase()).toBe('44EBBA8D5312B8D611474411F56989AE');
    const nt = ntResponse(authenticatorChallenge, peerChallenge, 'User', 'clientPass');
    expect(nt.toString('hex').toUpperCase()).toBe('82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF');
    expect(authenticatorResponse('clientPass', nt, peerChallenge, authenticatorChallenge, 'User')).toBe('S=407A5589115FD0D6209F510FE9C04566932CDA56');
  });
});

const missing = freeradiusMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('the generated configuration in FreeRADIUS', () => {
  it('passes `freeradius -C` (configuration check) with awkward secrets, IPv6 and network clients', () => {
    const dir = tempDir();
    const files = freeradiusConfigFiles(
      input({
        dir,
        bridgeKey: `k'e\\y$%{x}`,
        localSecret: `l"o'c\\al \${confdir}`,
        nas: [
          { name: 'Router "Pusat"', address: '10.0.0.1', secret: `s'e\\c$ret%{User-Name}`, vendor: 'mikrotik' },
          { name: 'v6', address: 'fd00::1', secret: 'x', vendor: 'generic' },
          { name: 'net', address: '10.2.0.0/24', secret: 'y', vendor: 'generic' },
        ],
      }),
    );
    writeFreeradiusConfig(dir, files);
    const check = spawnSync(FREERADIUS, ['-XC', '-d', dir], { encoding: 'utf8', timeout: 20_000 });
    expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(check.stdout).toContain('Configuration appears to be OK');
    expect(check.stdout).toContain(`including dictionary file ${dir}/dictionary`);
    expect(readFileSync(path.join(dir, 'radiusd.conf'), 'utf8')).not.toMatch(/^\s*(user|group)\s*=/m);
  });
});
