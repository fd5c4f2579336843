// HTTPS for `nocman serve`: the site's own certificate (made once, reused), the admin's files, and pinning clients.
import { execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request, type Agent } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { checkPin, CertificateChangedError, normaliseFingerprint, pinnedHttpsAgent, probeHost } from '../../src/main/core/site/pin';
import { fingerprintOfPem, readTlsFiles, siteCertificate, subjectAltNames } from '../../src/main/core/site/tls';
import { readServeConfig } from '../../src/main/env';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { freePort, makeCore, staff, tempDir, type Staffed, type TestCore } from '../helpers';

const root = path.resolve(import.meta.dirname, '../..');
const clock = new FakeClock('2026-12-05T03:00:00Z');

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8' });
}

interface Answer {
  status: number;
  body: string;
}

function get(url: string, agent: Agent, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Opens the SSE stream through the agent and resolves with the event names seen once `until` holds (or 5 s pass). */
function streamUntil(url: string, agent: Agent, token: string, action: () => Promise<unknown>, until: (events: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const events: string[] = [];
    const req = request(`${url}/api/events`, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events answered ${res.statusCode}`));
      const deadline = setTimeout(() => {
        req.destroy();
        resolve(events);
      }, 5000);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/^event: (\S+)$/gm)) events.push(match[1]!);
        if (until(events)) {
          clearTimeout(deadline);
          req.destroy();
          resolve(events);
        }
      });
      action().catch(reject);
    });
    req.once('error', (error) => (until(events) ? undefined : reject(error)));
    req.end();
  });
}

describe('the site certificate', () => {
  const dataDir = tempDir('nocman-tls-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is made once into <dataDir>/tls, private, and reused with the same fingerprint', async () => {
    const first = await siteCertificate(dataDir, { bindHost: '10.9.8.7', clock, hostname: 'noc-desk' });
    expect(first.generated).toBe(true);
    expect(statSync(path.join(dataDir, 'tls')).mode & 0o777).toBe(0o700);
    expect(statSync(first.certFile).mode & 0o777).toBe(0o600);
    expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);
    const second = await siteCertificate(dataDir, { bindHost: '10.9.8.7', clock, hostname: 'noc-desk' });
    expect(second.generated).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.cert).toBe(first.cert);
  });

  it('shows the fingerprint openssl shows, and names loopback, the machine and the bound address', () => {
    const certFile = path.join(dataDir, 'tls', 'cert.pem');
    const pem = readFileSync(certFile, 'utf8');
    const fromOpenssl = /sha256 Fingerprint=([0-9A-F:]+)/i.exec(openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', certFile]))![1]!;
    expect(fingerprintOfPem(pem)).toBe(fromOpenssl.toUpperCase());
    expect(fingerprintOfPem(pem)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const cert = new X509Certificate(pem);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:noc-desk, IP Address:10.9.8.7');
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);
  });

  it('leaves a wildcard bind address out of the names', () => {
    expect(subjectAltNames('0.0.0.0', 'noc').map((san) => san.value)).toEqual(['localhost', '127.0.0.1', '::1', 'noc']);
    expect(subjectAltNames('::', 'noc').map((san) => san.value)).toEqual(['localhost', '127.0.0.1', '::1', 'noc']);
    expect(subjectAltNames('[fd00::5]', 'localhost').map((san) => san.value)).toEqual(['localhost', '127.0.0.1', '::1', 'fd00::5']);
  });
});

describe("the admin's own certificate files", () => {
  const dir = tempDir('nocman-tls-files-');
  let a: { cert: string; key: string };
  let b: { cert: string; key: string };
  beforeAll(async () => {
    a = await siteCertificate(path.join(dir, 'a'), { clock });
    b = await siteCertificate(path.join(dir, 'b'), { clock });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a matching pair', () => {
    const read = readTlsFiles(path.join(dir, 'a/tls/cert.pem'), path.join(dir, 'a/tls/key.pem'));
    expect(read.fingerprint).toBe(fingerprintOfPem(a.cert));
  });

  it('refuses a key of another certificate, naming the key file', () => {
    expect(() => readTlsFiles(path.join(dir, 'a/tls/cert.pem'), path.join(dir, 'b/tls/key.pem'))).toThrow(
      `The TLS private key ${path.join(dir, 'b/tls/key.pem')} does not belong to the certificate ${path.join(dir, 'a/tls/cert.pem')}`,
    );
    expect(b.key).not.toBe(a.key);
  });

  it('refuses a missing file or one that is not PEM, naming it', () => {
    const junk = path.join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    expect(() => readTlsFiles(path.join(dir, 'none.pem'), path.join(dir, 'a/tls/key.pem'))).toThrow(`Cannot read the TLS certificate ${path.join(dir, 'none.pem')}: ENOENT`);
    expect(() => readTlsFiles(junk, path.join(dir, 'a/tls/key.pem'))).toThrow(`The TLS certificate ${junk} is not a PEM certificate`);
    expect(() => readTlsFiles(path.join(dir, 'a/tls/cert.pem'), junk)).toThrow(`The TLS private key ${junk} is not a PEM private key`);
  });
});

describe('TLS configuration', () => {
  const read = (env: NodeJS.ProcessEnv, cli: Parameters<typeof readServeConfig>[1] = {}) => readServeConfig(env, cli, 'test').tls;

  it('is off unless asked, and NOCMAN_TLS=1 or --tls ask for the self-signed certificate', () => {
    expect(read({})).toBeNull();
    expect(read({ NOCMAN_TLS: '0' })).toBeNull();
    expect(read({ NOCMAN_TLS: '1' })).toEqual({ kind: 'self-signed' });
    expect(read({}, { tls: true })).toEqual({ kind: 'self-signed' });
    expect(() => read({ NOCMAN_TLS: 'yes please' })).toThrow('NOCMAN_TLS must be 1 or 0, not "yes please"');
  });

  it("takes the admin's files from the flags over the environment, and wants both", () => {
    expect(read({ NOCMAN_TLS: '1', NOCMAN_TLS_CERT: '/etc/a.crt', NOCMAN_TLS_KEY: '/etc/a.key' })).toEqual({ kind: 'files', certFile: '/etc/a.crt', keyFile: '/etc/a.key' });
    expect(read({ NOCMAN_TLS_CERT: '/etc/a.crt', NOCMAN_TLS_KEY: '/etc/a.key' }, { tlsCert: '/srv/b.crt', tlsKey: '/srv/b.key' })).toEqual({
      kind: 'files',
      certFile: '/srv/b.crt',
      keyFile: '/srv/b.key',
    });
    expect(() => read({ NOCMAN_TLS_CERT: '/etc/a.crt' })).toThrow('--tls-cert and --tls-key (NOCMAN_TLS_CERT and NOCMAN_TLS_KEY) must be given together');
    expect(() => read({}, { tlsKey: '/etc/a.key' })).toThrow('must be given together');
  });
});

describe('fingerprints', () => {
  const colon = '4A:FB:DE:0C:83:3A:73:19:ED:0A:26:88:31:67:3D:48:AF:B2:16:0B:44:31:C0:5C:43:02:4A:AA:C7:98:76:2B';
  it.each([
    ['colon hex', colon],
    ['lower-case hex without colons', colon.replaceAll(':', '').toLowerCase()],
    ['spaced hex', colon.replaceAll(':', ' ')],
    ["openssl's line", `sha256 Fingerprint=${colon}`],
    ["Electron's sha256/base64", `sha256/${Buffer.from(colon.replaceAll(':', ''), 'hex').toString('base64')}`],
  ])('reads %s', (_form, text) => {
    expect(normaliseFingerprint(text)).toBe(colon);
  });

  it('refuses what is not 32 bytes', () => {
    expect(() => normaliseFingerprint(colon.slice(3))).toThrow('Not a SHA-256 certificate fingerprint');
    expect(() => normaliseFingerprint('sha256/abc=')).toThrow('Not a SHA-256 certificate fingerprint');
  });

  it('trusts on first use, then only the pinned certificate', () => {
    const other = colon.replace('4A:', '4B:');
    expect(checkPin(null, colon)).toEqual({ ok: true, firstUse: true });
    expect(checkPin(colon, colon.toLowerCase())).toEqual({ ok: true, firstUse: false });
    expect(checkPin(colon, other)).toEqual({ ok: false, code: 'CERT_CHANGED', pinned: colon, seen: other });
  });
});

describe('HTTPS through a pinned agent', () => {
  let base: TestCore;
  let server: RunningServer;
  let people: Staffed;
  let fingerprint: string;
  let otherFingerprint: string;
  const otherDir = tempDir('nocman-tls-other-');

  beforeAll(async () => {
    base = await makeCore();
    const cert = await siteCertificate(base.dataDir, { bindHost: '127.0.0.1', clock });
    fingerprint = cert.fingerprint;
    otherFingerprint = (await siteCertificate(otherDir, { clock })).fingerprint;
    server = await startHttpServer({ core: base.core, port: 0, host: '127.0.0.1', tls: cert, heartbeatMs: 200, logger: { error: () => undefined } });
    people = await staff(base.core);
  });
  afterAll(async () => {
    await server.close();
    await base.close();
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('serves https and the prober reads its fingerprint', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await probeHost(server.url)).toEqual({ fingerprint });
  });

  it('answers the API through the agent pinned to its certificate', async () => {
    const agent = pinnedHttpsAgent(fingerprint);
    const health = await get(`${server.url}/api/health`, agent);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).status).toBe('ok');
    const admin = await people.token('admin');
    const settings = await get(`${server.url}/api/settings`, agent, { Authorization: `Bearer ${admin}` });
    expect(settings.status).toBe(200);
    agent.destroy();
  });

  it('streams live events over https', async () => {
    const agent = pinnedHttpsAgent(fingerprint.replaceAll(':', '').toLowerCase());
    const admin = await people.token('admin');
    const change = () =>
      get(`${server.url}/api/settings`, agent, { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, 'PUT', JSON.stringify({ companyName: 'PT Aman TLS' }));
    const events = await streamUntil(server.url, agent, admin, change, (seen) => seen.includes('settings.updated'));
    expect(events).toContain('settings.updated');
    agent.destroy();
  });

  it('refuses another certificate before sending anything, and checkPin calls it CERT_CHANGED', async () => {
    const agent = pinnedHttpsAgent(otherFingerprint);
    const admin = await people.token('admin');
    const attempt = get(`${server.url}/api/settings`, agent, { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, 'PUT', JSON.stringify({ companyName: 'PT Bocor' }));
    await expect(attempt).rejects.toBeInstanceOf(CertificateChangedError);
    await expect(attempt).rejects.toMatchObject({ code: 'CERT_CHANGED', pinned: otherFingerprint, seen: fingerprint });
    expect((await base.core.settings.get()).companyName).not.toBe('PT Bocor');
    const { fingerprint: seen } = await probeHost(server.url);
    expect(checkPin(otherFingerprint, seen)).toEqual({ ok: false, code: 'CERT_CHANGED', pinned: otherFingerprint, seen: fingerprint });
    agent.destroy();
  });
});


const BUILT = existsSync(path.join(root, 'out/main/cli.js'));

/** Runs the built CLI until it prints its fingerprint (resolves) or exits (resolves with the exit code). */
async function runServe(args: string[]): Promise<{ output: string; code: number | null; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/nocman.mjs'), 'serve', '--port', String(await freePort()), ...args], {
    cwd: root,
    env: { PATH: process.env['PATH'], JWT_SECRET: 'tls-secret-tls-secret-tls-secret-0123' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nocman serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/TLS certificate SHA-256 fingerprint: \S+/.test(output)) {
        clearTimeout(timer);
        resolve({ output, code: null, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ output, code, stop: async () => undefined });
    });
  });
}

describe.skipIf(!BUILT)('nocman serve --tls (built CLI)', () => {
  const dataDir = tempDir('nocman-tls-cli-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the https address and the fingerprint of the certificate it keeps across restarts', async () => {
    const prints: string[] = [];
    for (let start = 0; start < 2; start++) {
      const run = await runServe(['--tls', '--data-dir', dataDir]);
      await run.stop();
      expect(run.output).toMatch(/NOCman listening on https:\/\/127\.0\.0\.1:\d+/);
      prints.push(/TLS certificate SHA-256 fingerprint: (\S+)/.exec(run.output)![1]!);
    }
    const certFile = path.join(dataDir, 'tls', 'cert.pem');
    const fromOpenssl = /Fingerprint=(\S+)/.exec(openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', certFile]))![1]!;
    expect(prints).toEqual([fromOpenssl, fromOpenssl]);
  }, 60_000);

  it('stops with exit code 1 and names the file when the key does not belong to the certificate', async () => {
    const other = tempDir('nocman-tls-cli-other-');
    try {
      const mine = await siteCertificate(other, { clock });
      const run = await runServe(['--data-dir', dataDir, '--tls-cert', path.join(dataDir, 'tls', 'cert.pem'), '--tls-key', mine.keyFile]);
      expect(run.code).toBe(1);
      expect(run.output).toContain(`nocman: The TLS private key ${mine.keyFile} does not belong to the certificate ${path.join(dataDir, 'tls', 'cert.pem')}`);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 30_000);
});
