// Sign-in limits per client address, in memory: wrong passwords per address over a sliding window, and which
// accounts each address failed on (a locked account still lets an address try that never failed on it).
import { isIPv6 } from 'node:net';
import { AppError } from '../../../shared/errors';

/** Wrong passwords one address may send in WINDOW_MS, over all accounts, before it must wait. */
export const ADDRESS_MAX_FAILURES = 20;
export const WINDOW_MS = 15 * 60 * 1000;
const MAX_TRACKED_ADDRESSES = 10_000;

interface AddressRecord {
  /** Times of attempts that did not succeed (or are still running), oldest first. */
  failures: number[];
  byAccount: Map<string, number[]>;
}

/** One attempt, counted against its address until it succeeds. */
export interface LoginTicket {
  address: string;
  account: string;
  at: number;
  /** The address had no failed or running attempt on this account in the window. */
  freshForAccount: boolean;
}

/** Expands an IPv6 address to its eight groups, so prefixes can be compared. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.padStart(4, '0').toLowerCase());
}

/** One client per IPv4 address, per /64 for IPv6 (one host usually holds a whole /64, and can change within it). */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare) || bare.includes('.')) return bare;
  return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
}

function recent(times: number[], nowMs: number): number[] {
  const from = nowMs - WINDOW_MS;
  let i = 0;
  while (i < times.length && times[i]! <= from) i++;
  return i === 0 ? times : times.slice(i);
}

function removeOne(times: number[], at: number): number[] {
  const i = times.lastIndexOf(at);
  return i < 0 ? times : [...times.slice(0, i), ...times.slice(i + 1)];
}

export class LoginThrottle {
  private readonly addresses = new Map<string, AddressRecord>();

  /**
   * Counts an attempt before its password is checked (parallel guesses count too). Refuses at once, without any
   * password work, an address that spent its budget of wrong passwords in the window.
   */
  admit(address: string, account: string, nowMs: number): LoginTicket {
    const key = addressKey(address);
    const record = this.touch(key, nowMs);
    if (record.failures.length >= ADDRESS_MAX_FAILURES) {
      const retryAfterSec = Math.max(1, Math.ceil((record.failures[0]! + WINDOW_MS - nowMs) / 1000));
      throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts from your address; try again later', { retryAfterSec });
    }
    const onAccount = recent(record.byAccount.get(account) ?? [], nowMs);
    record.failures.push(nowMs);
    record.byAccount.set(account, [...onAccount, nowMs]);
    return { address: key, account, at: nowMs, freshForAccount: onAccount.length === 0 };
  }

  /** The attempt succeeded: it no longer counts against its address. */
  succeeded(ticket: LoginTicket): void {
    const record = this.addresses.get(ticket.address);
    if (!record) return;
    record.failures = removeOne(record.failures, ticket.at);
    const onAccount = removeOne(record.byAccount.get(ticket.account) ?? [], ticket.at);
    if (onAccount.length > 0) record.byAccount.set(ticket.account, onAccount);
    else record.byAccount.delete(ticket.account);
  }

  /** The record of an address with what fell out of the window dropped; most recently used last, for eviction. */
  private touch(key: string, nowMs: number): AddressRecord {
    const record = this.addresses.get(key) ?? { failures: [], byAccount: new Map<string, number[]>() };
    record.failures = recent(record.failures, nowMs);
    for (const [account, times] of record.byAccount) {
      const kept = recent(times, nowMs);
      if (kept.length > 0) record.byAccount.set(account, kept);
      else record.byAccount.delete(account);
    }
    this.addresses.delete(key);
    if (this.addresses.size >= MAX_TRACKED_ADDRESSES) this.evict(nowMs);
    this.addresses.set(key, record);
    return record;
  }

  /** Memory stays bounded: addresses with nothing in the window go first, then the least recently seen. */
  private evict(nowMs: number): void {
    for (const [key, record] of this.addresses) {
      if (recent(record.failures, nowMs).length === 0) this.addresses.delete(key);
    }
    while (this.addresses.size >= MAX_TRACKED_ADDRESSES) {
      const oldest = this.addresses.keys().next().value;
      if (oldest === undefined) break;
      this.addresses.delete(oldest);
    }
  }
}
