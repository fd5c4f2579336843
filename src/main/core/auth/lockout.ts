// The account lockout as pure rules: an attempt is counted before its password is checked, so parallel guesses
// cannot outrun the count, and a lock binds only the addresses that failed on the account.
import { AppError } from '../../../shared/errors';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** What is kept per account: attempts counted since the last success or lock, and the end of a lock (0: none). */
export interface LockState {
  failedLogins: number;
  lockedUntilMs: number;
}

/**
 * `counted`: the attempt holds one of the account's MAX_FAILED_LOGINS tries (`ordinal` is which).
 * `exempt`: the account is locked, but this address had no failed attempt on it: its password is still checked.
 */
export type Reservation = { kind: 'counted'; ordinal: number } | { kind: 'exempt'; lockedUntilMs: number };

export type ReserveResult =
  | { ok: true; next: LockState; reservation: Reservation }
  | { ok: false; next: LockState; lockedUntilMs: number; newLock: boolean };

export const badCredentials = () => new AppError('UNAUTHENTICATED', 'Invalid email or password');

export function lockedError(untilMs: number, nowMs: number): AppError {
  return new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later', {
    retryAfterSec: Math.max(1, Math.ceil((untilMs - nowMs) / 1000)),
  });
}

/**
 * Takes a try before the password is checked. A locked account refuses the addresses that failed on it and lets a
 * fresh address try (so a stranger who keeps the only admin locked does not lock the admin out: the admin signs in
 * from any other machine). All tries of an account taken by attempts still running lock it at once.
 */
export function reserveAttempt(state: LockState, freshAddress: boolean, nowMs: number): ReserveResult {
  if (state.lockedUntilMs > nowMs) {
    if (freshAddress) return { ok: true, next: state, reservation: { kind: 'exempt', lockedUntilMs: state.lockedUntilMs } };
    return { ok: false, next: state, lockedUntilMs: state.lockedUntilMs, newLock: false };
  }
  // Also the way out of tries left counted by a process that died mid-attempt: they become a lock that ends.
  if (state.failedLogins >= MAX_FAILED_LOGINS) {
    const lockedUntilMs = nowMs + LOCKOUT_MS;
    return { ok: false, next: { failedLogins: 0, lockedUntilMs }, lockedUntilMs, newLock: true };
  }
  const ordinal = state.failedLogins + 1;
  return { ok: true, next: { failedLogins: ordinal, lockedUntilMs: 0 }, reservation: { kind: 'counted', ordinal } };
}

/** A wrong password: the last counted try locks the account; an exempt try leaves the lock as it is. */
export function afterFailure(
  state: LockState,
  reservation: Reservation,
  nowMs: number,
): { next: LockState; error: AppError; newLock: boolean } {
  if (reservation.kind === 'exempt') return { next: state, error: lockedError(reservation.lockedUntilMs, nowMs), newLock: false };
  if (reservation.ordinal < MAX_FAILED_LOGINS) return { next: state, error: badCredentials(), newLock: false };
  const lockedUntilMs = nowMs + LOCKOUT_MS;
  return { next: { failedLogins: 0, lockedUntilMs }, error: lockedError(lockedUntilMs, nowMs), newLock: true };
}

/** The right password: a counted try clears the count (and a lock it raced with); an exempt one leaves the lock. */
export function afterSuccess(state: LockState, reservation: Reservation): LockState {
  return reservation.kind === 'counted' ? { failedLogins: 0, lockedUntilMs: 0 } : state;
}

/** A try that never checked its password (the bcrypt queue was full) gives its place back. */
export function released(state: LockState, reservation: Reservation): LockState {
  if (reservation.kind === 'exempt') return state;
  return { ...state, failedLogins: Math.max(0, state.failedLogins - 1) };
}
