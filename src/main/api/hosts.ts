// Which Host headers name this server: the DNS-rebinding defence of first-run setup, the one state-changing
// operation a stranger may call before any account exists.
import { isIP } from 'node:net';

/** The name of a Host header or host setting: without port, IPv6 brackets or trailing dot, lower case; null if odd. */
export function hostName(value: string): string | null {
  const text = value.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  if (isIP(text) === 6) return text; // a bare IPv6 setting (`--host ::1`); never a Host header
  const named = /^([a-z0-9.-]+?)\.?(?::\d+)?$/.exec(text);
  return named ? named[1]! : null;
}

/**
 * A rebinding page reaches the server under the attacker's own name; it can never send an IP literal or `localhost`
 * (browsers resolve `localhost` themselves) as its Host. So those are always served; other names only when listed.
 */
export function isServedHost(header: string | undefined, allowed: readonly string[]): boolean {
  if (!header) return false;
  const name = hostName(header);
  if (name === null) return false;
  if (isIP(name) !== 0 || name === 'localhost') return true;
  return allowed.some((entry) => hostName(entry) === name);
}
