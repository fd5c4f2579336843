// The site's TLS certificate: one the app generates once into the data directory (self-signed) or the admin's own files.
import { webcrypto, createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
// @peculiar/x509 directly rather than `selfsigned` (which is built on it): one dependency that makes exactly the
// certificate we want (ECDSA P-256, our SANs) with Node's own WebCrypto, without selfsigned's pkijs, which we would not
// use. Version 1.x because 2.x asks the app to load a global `reflect-metadata` polyfill first; 1.x carries its own.
import * as x509 from '@peculiar/x509';
import type { Clock } from '../clock';

export interface TlsMaterial {
  /** PEM of the certificate (chain) the server presents. */
  cert: string;
  /** PEM of its private key. Never logged. */
  key: string;
  /** SHA-256 of the certificate, uppercase colon hex (`AB:CD:…`), as browsers and `openssl x509 -fingerprint` show. */
  fingerprint: string;
}

export interface SiteCertificate extends TlsMaterial {
  certFile: string;
  keyFile: string;
  /** True when this call made the certificate (the first start with TLS on this data directory). */
  generated: boolean;
}

/**
 * Ten years: a LAN certificate nobody renews. Its trust comes from the fingerprint pinned by each joined workstation
 * (or accepted by a browser's exception), not from a CA, so an expiry would only force every workstation to re-pin
 * — exactly the "certificate changed" warning people learn to click through. Browsers' 398-day cap applies to
 * publicly trusted certificates, not to one the user trusts by hand.
 */
const VALIDITY_DAYS = 3650;
const DAY_MS = 86_400_000;

/** ECDSA P-256: accepted by every browser and Node, small, and fast to make (RSA 2048 takes ~100 ms+ to generate). */
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export function tlsDir(dataDir: string): string {
  return path.join(dataDir, 'tls');
}

/** The SHA-256 fingerprint of the (first) certificate in a PEM, uppercase colon hex. */
export function fingerprintOfPem(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

function isWildcard(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** The names a generated certificate covers: loopback, this machine's name and the address the server is bound to. */
export function subjectAltNames(bindHost: string | undefined, hostname = os.hostname()): { type: 'dns' | 'ip'; value: string }[] {
  const names = new Map<string, 'dns' | 'ip'>([
    ['localhost', 'dns'],
    ['127.0.0.1', 'ip'],
    ['::1', 'ip'],
  ]);
  const add = (name: string | undefined) => {
    const value = name?.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (!value || isWildcard(value)) return;
    if (!names.has(value)) names.set(value, isIP(value) ? 'ip' : 'dns');
  };
  add(hostname);
  add(bindHost);
  return [...names].map(([value, type]) => ({ type, value }));
}

function writePrivate(file: string, text: string): void {
  // Written beside, then renamed: a crash mid-write never leaves half a key that the next start would refuse.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

async function generate(sans: { type: 'dns' | 'ip'; value: string }[], now: Date): Promise<{ cert: string; key: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] = serial[0]! & 0x7f; // a positive INTEGER
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: `CN=NOCman ${sans.find((san) => san.type === 'dns' && san.value !== 'localhost')?.value ?? 'site'}`,
    // A day back: a workstation whose clock runs a little behind still accepts it.
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + VALIDITY_DAYS * DAY_MS),
    keys: keys as unknown as CryptoKeyPair,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(sans),
    ],
  });
  const key = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { cert: certificate.toString('pem'), key };
}

/**
 * Reads a certificate and its key and checks that they belong together. Any problem is an Error naming the file,
 * so `nocman serve` stops with a sentence the admin can act on.
 */
export function readTlsFiles(certFile: string, keyFile: string): TlsMaterial {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'private key');
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(cert);
  } catch {
    throw new Error(`The TLS certificate ${certFile} is not a PEM certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`The TLS private key ${keyFile} is not a PEM private key (an encrypted key is not supported)`);
  }
  if (!parsed.checkPrivateKey(privateKey)) {
    throw new Error(`The TLS private key ${keyFile} does not belong to the certificate ${certFile}`);
  }
  return { cert, key, fingerprint: parsed.fingerprint256 };
}

/**
 * The site's own certificate: made on the first start with TLS (`<dataDir>/tls/cert.pem` + `key.pem`, files 0600 in
 * a 0700 folder) and reused on every later start, so its fingerprint — what joined workstations pin — never changes.
 * A later `--host` is not added to an existing certificate: pinned clients check the fingerprint, not the name.
 */
export async function siteCertificate(dataDir: string, options: { bindHost?: string; clock: Clock; hostname?: string }): Promise<SiteCertificate> {
  const dir = tlsDir(dataDir);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  if (existsSync(certFile)) {
    return { ...readTlsFiles(certFile, keyFile), certFile, keyFile, generated: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const made = await generate(subjectAltNames(options.bindHost, options.hostname), options.clock.now());
  // Key first: a key without its certificate (a crash between the two writes) is simply made again on the next start.
  writePrivate(keyFile, made.key);
  writePrivate(certFile, made.cert);
  return { ...made, fingerprint: fingerprintOfPem(made.cert), certFile, keyFile, generated: true };
}

/** How a server gets its certificate: the one the app makes for the site, or the admin's own files. */
export type TlsChoice = { kind: 'self-signed' } | { kind: 'files'; certFile: string; keyFile: string };

/** The certificate and key a server presents for `choice` (made on first use for 'self-signed'). */
export async function serverTls(choice: TlsChoice, options: { dataDir: string; bindHost?: string; clock: Clock }): Promise<TlsMaterial & { generatedFile?: string }> {
  if (choice.kind === 'files') return readTlsFiles(choice.certFile, choice.keyFile);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const made = await siteCertificate(options.dataDir, options);
  return { cert: made.cert, key: made.key, fingerprint: made.fingerprint, generatedFile: made.generated ? made.certFile : undefined };
}
