// The RADIUS key files: the bridge key FreeRADIUS sends, and the AES-256-GCM key that encrypts access passwords and
// NAS secrets at rest. Each is generated once into the data folder (0600) unless the entry point configured one.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BRIDGE_KEY_FILE = 'radius-bridge-key';
export const SECRET_KEY_FILE = 'radius-secret-key';

function loadOrCreate(dataDir: string, fileName: string, create: () => string): string {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = create();
  writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return value;
}

/** NOCMAN_RADIUS_BRIDGE_KEY when set, else `<dataDir>/radius-bridge-key`, else a new one written there. */
export function loadOrCreateBridgeKey(dataDir: string, configured?: string): string {
  if (configured) return configured;
  return loadOrCreate(dataDir, BRIDGE_KEY_FILE, () => randomBytes(32).toString('base64url'));
}

/** Whether `given` is the bridge key, compared in constant time (digests of equal length, whatever was sent). */
export function bridgeKeyMatches(expected: string, given: string | undefined): boolean {
  if (!given || !expected) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** 32 bytes written as base64 (44 characters) or hex (64 characters). */
function decodeKey(text: string, origin: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${origin} must be 32 bytes written in base64 or hex (e.g. openssl rand -base64 32)`);
  return key;
}

/** NOCMAN_RADIUS_SECRET_KEY when set, else `<dataDir>/radius-secret-key`, else a new one written there. */
export function loadOrCreateSecretKey(dataDir: string, configured?: string): Buffer {
  if (configured) return decodeKey(configured, 'NOCMAN_RADIUS_SECRET_KEY');
  const text = loadOrCreate(dataDir, SECRET_KEY_FILE, () => randomBytes(32).toString('base64'));
  return decodeKey(text, path.join(dataDir, SECRET_KEY_FILE));
}

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets NOCman must read back (FreeRADIUS needs the cleartext password for CHAP and MS-CHAPv2).
 * A sealed value is `v1:<base64 of iv | tag | ciphertext>`; the context (e.g. the subscription) is authenticated data,
 * so a value copied onto another row does not open.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The RADIUS secret key must be 32 bytes');
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string, context: string): string {
    const [version, data] = sealed.split(':');
    const raw = Buffer.from(data ?? '', 'base64');
    if (version !== VERSION || raw.length < 28) throw new Error('A RADIUS secret in the database is not in a known format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // Never the value itself: the likely cause is a database restored without its radius-secret-key.
      throw new Error(`A RADIUS secret cannot be decrypted: is ${SECRET_KEY_FILE} the one that belongs to this database?`);
    }
  }
}
