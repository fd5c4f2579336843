// The access rules, pure: what an Access-Request for a subscription gets — the password for FreeRADIUS to check with
// the plan's rate limit, static IP and session timeout; the isolir profile when suspended; or a reject with its reason.
import type { RejectReason, ServiceType } from '../../../shared/contract';
import { addDaysIso, startOfDateInZone } from '../../../shared/dates';

export interface AccessRow {
  subscriptionId: number;
  customerId: number;
  username: string;
  serviceType: ServiceType;
  staticIp: string | null;
  macBinding: string | null;
  status: 'active' | 'suspended' | 'expired' | 'cancelled';
  deleted: boolean;
  startDate: string;
  periodEnd: string;
  customerStatus: 'pending' | 'active' | 'suspended' | 'terminated';
  customerDeleted: boolean;
  downloadMbps: number;
  uploadMbps: number;
  burstUpMbps?: number | null;
  burstDownMbps?: number | null;
  burstThresholdMbps?: number | null;
  burstTimeSec?: number | null;
}

export interface AccessContext {
  now: Date;
  timeZone: string;
  /** Today at the site. */
  today: string;
  isolirAddressList: string;
  isolirRateLimit: string;
  interimIntervalSec: number;
  /** From the request: the MAC of Calling-Station-Id, Framed-Protocol and Service-Type, when sent. */
  mac: string | null;
  framedProtocol: string | null;
  serviceType: string | null;
}

export type ReplyAttributes = Record<string, string | number>;

export type AccessDecision =
  | { kind: 'accept'; profile: 'active' | 'isolir'; reply: ReplyAttributes }
  | { kind: 'reject'; reason: RejectReason };

/** A session never gets less than this, so a period that just ended is renewed (00:00 job) before it asks again. */
export const MIN_SESSION_TIMEOUT_SEC = 300;

export type PlanRates = Pick<AccessRow, 'uploadMbps' | 'downloadMbps' | 'burstUpMbps' | 'burstDownMbps' | 'burstThresholdMbps' | 'burstTimeSec'>;

/**
 * MikroTik's rate limit is rx/tx of the router: the customer's upload first, then the download; with burst,
 * `rx/tx rx-burst/tx-burst threshold/threshold time/time`.
 */
export function rateLimit(plan: PlanRates): string {
  const base = `${plan.uploadMbps}M/${plan.downloadMbps}M`;
  const { burstUpMbps: up, burstDownMbps: down, burstThresholdMbps: threshold, burstTimeSec: time } = plan;
  if (!up || !down || !threshold || !time) return base;
  return `${base} ${up}M/${down}M ${threshold}M/${threshold}M ${time}/${time}`;
}

/** Seconds from now to the end of the paid period (the start of the day after `periodEnd`, site time). */
export function sessionTimeout(periodEnd: string, timeZone: string, now: Date): number {
  const end = startOfDateInZone(addDaysIso(periodEnd, 1), timeZone).getTime();
  return Math.max(MIN_SESSION_TIMEOUT_SEC, Math.floor((end - now.getTime()) / 1000));
}

/** Whether the request's PPP/login hints contradict the subscription's service type (absent hints never do). */
function wrongService(row: AccessRow, ctx: AccessContext): boolean {
  const ppp = ctx.framedProtocol?.toUpperCase() === 'PPP' || ctx.framedProtocol === '1';
  const login = ctx.serviceType === 'Login-User' || ctx.serviceType === '1';
  return (row.serviceType === 'hotspot' && ppp) || (row.serviceType === 'pppoe' && login);
}

export function decideAccess(row: AccessRow | null, password: () => string, ctx: AccessContext): AccessDecision {
  if (!row || row.deleted || row.customerDeleted) return { kind: 'reject', reason: 'unknown_user' };
  if (row.customerStatus === 'terminated') return { kind: 'reject', reason: 'terminated' };
  if (row.status === 'cancelled') return { kind: 'reject', reason: 'cancelled' };
  if (row.status === 'expired') return { kind: 'reject', reason: 'expired' };
  if (row.macBinding !== null && row.macBinding !== ctx.mac) return { kind: 'reject', reason: 'wrong_mac' };
  if (wrongService(row, ctx)) return { kind: 'reject', reason: 'wrong_service' };
  if (row.startDate > ctx.today) return { kind: 'reject', reason: 'not_started' };
  const reply: ReplyAttributes = { 'control:Cleartext-Password': password() };
  if (row.staticIp) reply['reply:Framed-IP-Address'] = row.staticIp;
  reply['reply:Acct-Interim-Interval'] = ctx.interimIntervalSec;
  if (row.status === 'suspended' || row.customerStatus === 'suspended') {
    // Isolir: let them in, in the address list the router redirects to the payment page, at a low rate.
    reply['reply:Mikrotik-Address-List'] = ctx.isolirAddressList;
    reply['reply:Mikrotik-Rate-Limit'] = ctx.isolirRateLimit;
    return { kind: 'accept', profile: 'isolir', reply };
  }
  reply['reply:Mikrotik-Rate-Limit'] = rateLimit(row);
  reply['reply:Session-Timeout'] = sessionTimeout(row.periodEnd, ctx.timeZone, ctx.now);
  return { kind: 'accept', profile: 'active', reply };
}

/** What FreeRADIUS gets with a 401 (rlm_rest → reject): the reason code, for the NAS's log. */
export function rejectReply(reason: RejectReason): ReplyAttributes {
  return { 'reply:Reply-Message': `NOCman: access rejected (${reason})` };
}
