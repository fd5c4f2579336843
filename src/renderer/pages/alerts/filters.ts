// The alert center's filters live in the URL (`#/alerts?status=open&severity=critical`) so tiles and the badge can link to them.
import {
  ALERT_STATUSES,
  ALERT_TYPES,
  DOMAINS,
  SEVERITIES,
  type AlertStatus,
  type AlertType,
  type Domain,
  type OpInput,
  type Severity,
} from '../../../shared/contract';
import { addDaysIso, isIsoDate, startOfDateInZone } from '../../../shared/dates';

export interface AlertFilters {
  status: AlertStatus | null;
  severity: Severity | null;
  type: AlertType | null;
  domain: Domain | null;
  /** Business dates of the site, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  page: number;
}

function pick<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

export function readFilters(params: URLSearchParams): AlertFilters {
  const date = (raw: string | null) => (raw && isIsoDate(raw) ? raw : null);
  const page = Number(params.get('page'));
  return {
    status: pick(ALERT_STATUSES, params.get('status')),
    severity: pick(SEVERITIES, params.get('severity')),
    type: pick(ALERT_TYPES, params.get('type')),
    domain: pick(DOMAINS, params.get('domain')),
    from: date(params.get('from')),
    to: date(params.get('to')),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The URL of the alert center with these filters; a changed filter goes back to page 1. */
export function alertsPath(filters: Partial<AlertFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/alerts?${qs}` : '/alerts';
}

/** The list query: dates become the instants where the site's days begin and end. */
export function listQueryOf(filters: AlertFilters, timeZone: string, pageSize: number): OpInput<'alerts.list'> {
  return {
    status: filters.status ?? undefined,
    severity: filters.severity ?? undefined,
    type: filters.type ?? undefined,
    domain: filters.domain ?? undefined,
    from: filters.from ? startOfDateInZone(filters.from, timeZone).toISOString() : undefined,
    to: filters.to ? new Date(startOfDateInZone(addDaysIso(filters.to, 1), timeZone).getTime() - 1).toISOString() : undefined,
    page: filters.page,
    pageSize,
  };
}
