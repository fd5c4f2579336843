// The desktop app's site file (site.json in its user-data folder): host this site (and maybe serve its network), or
// join a host by address with the certificate fingerprint pinned on first use.
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { normaliseFingerprint } from './pin';

const fingerprintSchema = z.string().transform((text, ctx) => {
  try {
    return normaliseFingerprint(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Not a SHA-256 certificate fingerprint' });
    return z.NEVER;
  }
});

const hostUrlSchema = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && (url.pathname === '/' || url.pathname === '');
  } catch {
    return false;
  }
}, 'The host address must be https://HOST[:PORT] with nothing after it');

export const siteServeSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  tls: z.union([z.literal('self-signed'), z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) })]),
});

export const siteConfigSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('host'), serve: siteServeSchema.nullable() }),
  z.strictObject({ mode: z.literal('join'), url: hostUrlSchema, fingerprint: fingerprintSchema.nullable() }),
]);

export type SiteServe = z.infer<typeof siteServeSchema>;
export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type JoinConfig = Extract<SiteConfig, { mode: 'join' }>;

/**
 * The site file, or null when there is none yet (first start) or it cannot be used: a damaged or hand-edited file
 * is reported through `warn` and treated as unset — the app asks again instead of failing to start.
 */
export function readSiteConfig(file: string, warn: (message: string) => void): SiteConfig | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    warn(`${file} is not JSON; asking how this workstation takes part in the site again`);
    return null;
  }
  const parsed = siteConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    warn(`${file} is not a valid site file (${issue?.path.join('.') || 'mode'}: ${issue?.message ?? 'invalid'}); asking again`);
    return null;
  }
  return parsed.data;
}

/** Writes the site file whole (beside, then renamed), readable by this user only. */
export function writeSiteConfig(file: string, config: SiteConfig): void {
  const valid = siteConfigSchema.parse(config);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** The host's origin as a joined window loads it (`https://10.0.0.5:5000/`). */
export function joinOrigin(config: JoinConfig): string {
  return new URL(config.url).origin;
}
