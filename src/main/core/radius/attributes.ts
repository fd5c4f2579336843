// Reading rlm_rest's JSON attribute map: first values as text or numbers, octet counters with gigawords, the NAS's
// address, the MAC of Calling-Station-Id. Lenient: an attribute in an unexpected shape reads as absent.
import { normaliseMac, type RadiusRequest } from '../../../shared/contract';

/** The first value of an attribute as text, or null. */
export function text(request: RadiusRequest, name: string): string | null {
  const attribute: unknown = (request as Record<string, unknown>)[name];
  if (typeof attribute !== 'object' || attribute === null) return null;
  const values = (attribute as { value?: unknown }).value;
  const first: unknown = Array.isArray(values) ? values[0] : undefined;
  if (typeof first === 'string') return first;
  if (typeof first === 'number' && Number.isFinite(first)) return String(first);
  return null;
}

/** Every value of an attribute as text, joined (FreeRADIUS may add several Module-Failure-Messages). */
export function allText(request: RadiusRequest, name: string): string | null {
  const attribute: unknown = (request as Record<string, unknown>)[name];
  const values = typeof attribute === 'object' && attribute !== null ? (attribute as { value?: unknown }).value : undefined;
  if (!Array.isArray(values)) return null;
  const texts = values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  return texts.length > 0 ? texts.join('; ') : null;
}

/** The first value as a non-negative whole number (JSON number or digits), or null. */
export function whole(request: RadiusRequest, name: string): number | null {
  const value = text(request, name);
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

const TWO_32 = 4_294_967_296;

/** Acct-Input/Output-Octets with their gigawords: the 64-bit count the NAS means. */
export function octets(request: RadiusRequest, direction: 'Input' | 'Output'): number {
  return (whole(request, `Acct-${direction}-Gigawords`) ?? 0) * TWO_32 + (whole(request, `Acct-${direction}-Octets`) ?? 0);
}

/** The NAS a request came through: NAS-IP-Address, else the packet's source, else NAS-Identifier. */
export function nasAddress(request: RadiusRequest): string | null {
  return text(request, 'NAS-IP-Address') ?? text(request, 'Packet-Src-IP-Address') ?? text(request, 'NAS-Identifier');
}

/** The MAC in Calling-Station-Id (MikroTik sends `AA:BB:CC:DD:EE:FF`), normalised; null when it is not one. */
export function callingMac(request: RadiusRequest): string | null {
  const value = text(request, 'Calling-Station-Id');
  return value === null ? null : normaliseMac(value);
}

const STATUS_NUMBERS: Record<string, AcctStatus> = { '1': 'start', '2': 'stop', '3': 'interim', '7': 'on', '8': 'off' };
const STATUS_NAMES: Record<string, AcctStatus> = {
  start: 'start',
  stop: 'stop',
  'interim-update': 'interim',
  alive: 'interim',
  'accounting-on': 'on',
  'accounting-off': 'off',
};

export type AcctStatus = 'start' | 'interim' | 'stop' | 'on' | 'off';

/** Acct-Status-Type by name (as rlm_rest sends enumerated values) or by number; null for others (tunnel records). */
export function acctStatus(request: RadiusRequest): AcctStatus | null {
  const value = text(request, 'Acct-Status-Type')?.trim().toLowerCase();
  if (!value) return null;
  return STATUS_NAMES[value] ?? STATUS_NUMBERS[value] ?? null;
}
