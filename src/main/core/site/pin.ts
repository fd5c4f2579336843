// Certificate pinning for joined workstations and Node clients: a host's certificate is trusted by its SHA-256
// fingerprint (remembered on first use), never by a CA, since a site's own certificate is self-signed.
import { Agent, type AgentOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import tls from 'node:tls';

export { fingerprintOfPem } from './tls';

/** Uppercase colon hex of 32 bytes: `AB:CD:…` (95 characters). */
const COLON_HEX = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

function colonHex(bytes: Buffer): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/**
 * A SHA-256 fingerprint in any of the forms people and tools write it — `AB:CD:…` (browsers, openssl), `abcd…`
 * (hex without separators, any case, spaces or colons allowed) or Electron's `sha256/BASE64` — in the one form
 * NOCman shows and stores: uppercase colon hex. Throws on anything that is not 32 bytes.
 */
export function normaliseFingerprint(text: string): string {
  const trimmed = text.trim();
  const electron = /^sha256\/([A-Za-z0-9+/]{43}=)$/.exec(trimmed);
  if (electron) return colonHex(Buffer.from(electron[1]!, 'base64'));
  const hex = trimmed.replace(/^sha256\s*(fingerprint)?\s*=?\s*/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`Not a SHA-256 certificate fingerprint: "${text}"`);
  return colonHex(Buffer.from(hex, 'hex'));
}

export function isFingerprint(text: string): boolean {
  return COLON_HEX.test(text);
}

export type PinCheck = { ok: true; firstUse: boolean } | { ok: false; code: 'CERT_CHANGED'; pinned: string; seen: string };

/** Trust on first use: nothing pinned yet accepts (and the caller pins `seen`); afterwards only the same certificate. */
export function checkPin(pinned: string | null, seen: string): PinCheck {
  const seenNorm = normaliseFingerprint(seen);
  if (pinned === null) return { ok: true, firstUse: true };
  const pinnedNorm = normaliseFingerprint(pinned);
  if (pinnedNorm === seenNorm) return { ok: true, firstUse: false };
  return { ok: false, code: 'CERT_CHANGED', pinned: pinnedNorm, seen: seenNorm };
}

/** The refusal of a certificate other than the pinned one; `code` for callers that branch on it. */
export class CertificateChangedError extends Error {
  readonly code = 'CERT_CHANGED';

  constructor(
    readonly pinned: string,
    readonly seen: string,
  ) {
    super(`The host's TLS certificate changed: pinned SHA-256 ${pinned}, the host presented ${seen}`);
    this.name = 'CertificateChangedError';
  }
}

function peerFingerprint(socket: tls.TLSSocket): string | null {
  const cert = socket.getPeerX509Certificate();
  return cert ? cert.fingerprint256 : null;
}

function hostAndPort(url: string): { host: string; port: number; servername?: string } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new Error(`Not an https address: ${url}`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  // SNI carries names only (RFC 6066 §3); Node warns when given an IP address there.
  return { host, port: Number(parsed.port || 443), servername: isIP(host) ? undefined : host };
}

/** Connects to an https address without trusting it, to read the fingerprint of the certificate it presents. */
export function probeHost(url: string, timeoutMs = 5000): Promise<{ fingerprint: string }> {
  const { host, port, servername } = hostAndPort(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername, rejectUnauthorized: false, timeout: timeoutMs });
    socket.once('secureConnect', () => {
      const fingerprint = peerFingerprint(socket);
      socket.end();
      if (fingerprint) resolve({ fingerprint });
      else reject(new Error(`${url} presented no certificate`));
    });
    socket.once('timeout', () => socket.destroy(new Error(`No TLS answer from ${url} within ${timeoutMs} ms`)));
    socket.once('error', reject);
  });
}

type CreateConnection = (options: tls.ConnectionOptions, callback: (error: Error | null, socket?: Socket) => void) => Socket | undefined;

/**
 * An https.Agent that accepts exactly the certificate with this fingerprint and refuses any other with a
 * CertificateChangedError, before the request (and its token) is written: the socket is handed to the request only
 * after the handshake and the check. Host names are not checked: the pin is the identity (a LAN address often is not
 * in the certificate).
 */
export function pinnedHttpsAgent(fingerprint: string, options: AgentOptions = {}): Agent {
  const pinned = normaliseFingerprint(fingerprint);
  // No TLS session resumption: every connection shows its certificate and is checked again.
  const agent = new Agent({ keepAlive: true, ...options, maxCachedSessions: 0 });
  const createConnection: CreateConnection = (connectOptions, callback) => {
    const socket = tls.connect({ ...connectOptions, rejectUnauthorized: false, session: undefined });
    const fail = (error: Error) => callback(error);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      const seen = peerFingerprint(socket);
      if (seen !== pinned) {
        const error = new CertificateChangedError(pinned, seen ?? 'none');
        socket.destroy();
        return callback(error);
      }
      callback(null, socket);
    });
    return undefined;
  };
  (agent as unknown as { createConnection: CreateConnection }).createConnection = createConnection;
  return agent;
}
