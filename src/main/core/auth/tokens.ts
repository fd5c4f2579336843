// Session tokens: HS256 JWTs carrying the user's token version, so bumping the version revokes them.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../clock';

export interface TokenClaims {
  sub: string;
  ver: number;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `7d`, `12h`, `30m`, `45s` or a number of seconds. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+)\s*([smhd])?\s*$/.exec(value);
  if (!match) throw new Error(`JWT_EXPIRE must look like 7d, 12h, 30m or 3600, not "${value}"`);
  const seconds = Number(match[1]) * UNITS[match[2] ?? 's']!;
  if (seconds <= 0) throw new Error('JWT_EXPIRE must be positive');
  return seconds;
}

/** The secret from the config, else the one kept in the data directory, else a new one written there (0600). */
export function loadOrCreateSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly lifetimeSec: number,
    private readonly clock: Clock,
  ) {}

  issue(userId: number, tokenVersion: number): { token: string; expiresAt: string } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.lifetimeSec;
    const token = jwt.sign({ sub: String(userId), ver: tokenVersion, iat, exp }, this.secret, { algorithm: 'HS256' });
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  verify(token: string): TokenClaims {
    try {
      const claims = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims['ver'] !== 'number') {
        throw new Error('malformed claims');
      }
      return { sub: claims.sub, ver: claims['ver'] as number };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Session expired or invalid; please sign in again');
    }
  }
}
