// Rates from 64-bit octet counters: delta over measured time. A counter that goes backwards is a wrap only
// when it cannot be a reboot (sysUpTime went on) and the wrapped delta is a rate the link can carry;
// otherwise the series starts again — a reboot or a cleared counter never becomes a spike.

export const COUNTER64 = 2n ** 64n;
/** sysUpTime is a 32-bit TimeTicks value (1/100 s) that wraps after 497 days. */
export const UPTIME_WRAP = 2 ** 32;

export interface CounterReading {
  octets: bigint;
  /** sysUpTime in hundredths of a second. */
  uptime: number;
  /** When it was read, ms since the epoch (measured time, not the nominal interval). */
  at: number;
}

export type RateResult = { kind: 'rate'; bps: number; bytes: bigint; wrapped: boolean } | { kind: 'restart'; reason: 'reboot' | 'reset' | 'first' | 'no-time' };

/** Bits per second between two readings of one counter; `speedBps` bounds what a wrap may imply. */
export function counterRate(previous: CounterReading | null, current: CounterReading, speedBps: number | null): RateResult {
  if (!previous) return { kind: 'restart', reason: 'first' };
  const seconds = (current.at - previous.at) / 1000;
  if (seconds <= 0) return { kind: 'restart', reason: 'no-time' };
  // sysUpTime that went backwards means the device restarted, unless it was its own 497-day wrap.
  const uptimeDelta = current.uptime - previous.uptime;
  const uptimeWrapped = uptimeDelta < 0 && previous.uptime > UPTIME_WRAP - 100 * 86400 && current.uptime < 100 * 86400;
  if (uptimeDelta < 0 && !uptimeWrapped) return { kind: 'restart', reason: 'reboot' };
  if (current.octets >= previous.octets) {
    const bytes = current.octets - previous.octets;
    return { kind: 'rate', bps: (Number(bytes) * 8) / seconds, bytes, wrapped: false };
  }
  const bytes = current.octets + COUNTER64 - previous.octets;
  const bps = (Number(bytes) * 8) / seconds;
  // A 64-bit wrap needs exabytes; if the wrapped delta is more than the link could carry, it was a reset.
  const ceiling = (speedBps ?? 100e9) * 1.1;
  if (bps > ceiling) return { kind: 'restart', reason: 'reset' };
  return { kind: 'rate', bps, bytes, wrapped: true };
}

/** A Counter64 varbind value (big-endian bytes of any length up to 8) as a bigint. */
export function counter64(value: Buffer): bigint {
  let n = 0n;
  for (const byte of value) n = (n << 8n) | BigInt(byte);
  return n;
}
