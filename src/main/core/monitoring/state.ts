// The device state machine, pure: N failures before offline, one success back online, unreachable behind
// a down parent, maintenance silences, and a monitor that lost its own network changes nothing.
import type { DeviceStatus } from '../../../shared/contract';

export interface DeviceState {
  status: DeviceStatus;
  failures: number;
}

export interface EvaluationContext {
  alive: boolean;
  failThreshold: number;
  /** The parent (after this sweep's evaluation) is offline or unreachable. */
  parentDown: boolean;
  /** The device or one of its ancestors is in a maintenance window. */
  inMaintenance: boolean;
  /** The monitor's reference hosts failed too: failures say nothing about the devices. */
  networkLost: boolean;
}

export function evaluate(previous: DeviceState, ctx: EvaluationContext): DeviceState {
  if (ctx.alive) return { status: ctx.inMaintenance ? 'maintenance' : 'online', failures: 0 };
  if (ctx.networkLost) return previous;
  const failures = previous.failures + 1;
  if (ctx.inMaintenance) return { status: 'maintenance', failures };
  if (ctx.parentDown) return { status: 'unreachable', failures };
  if (failures >= ctx.failThreshold) return { status: 'offline', failures };
  // Below the threshold the device keeps its status; a maintenance window that ended leaves it unknown.
  return { status: previous.status === 'maintenance' ? 'unknown' : previous.status, failures };
}

/** Whether a failure now could take the device offline (then the monitor checks its own network first). */
export function mayGoOffline(previous: DeviceState, failThreshold: number): boolean {
  return previous.status !== 'offline' && previous.failures + 1 >= failThreshold;
}

/** Timestamps of status changes within the window, and whether there are more than `limit` of them. */
export function flapState(changes: number[], now: number, windowMs: number, limit: number): { recent: number[]; flapping: boolean } {
  const recent = changes.filter((t) => now - t < windowMs);
  return { recent, flapping: recent.length > limit };
}
