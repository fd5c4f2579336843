// What the desktop notifies, decided in core (Electron only shows it): new critical and warning alerts,
// at most 5 in 30 s, the rest folded into one summary ("12 devices down"); quiet hours hold warnings back.
import type { Alert, AlertType, Language } from '../../../shared/contract';

export const BURST_LIMIT = 5;
export const BURST_WINDOW_MS = 30_000;

export interface Notice {
  title: string;
  body: string;
  severity: 'critical' | 'warning';
  alertId: number | null;
}

export interface QuietHours {
  /** `HH:MM` local time at the site; a window may cross midnight (22:00–06:00). */
  start: string;
  end: string;
}

const TYPE_TEXT: Record<Language, Partial<Record<AlertType, [string, string]>>> = {
  en: {
    device_down: ['device down', 'devices down'],
    device_flapping: ['device flapping', 'devices flapping'],
    payment_overdue: ['invoice overdue', 'invoices overdue'],
    customer_suspended: ['customer suspended', 'customers suspended'],
    system: ['system alert', 'system alerts'],
  },
  id: {
    device_down: ['perangkat mati', 'perangkat mati'],
    device_flapping: ['perangkat tidak stabil', 'perangkat tidak stabil'],
    payment_overdue: ['tagihan jatuh tempo', 'tagihan jatuh tempo'],
    customer_suspended: ['pelanggan diisolir', 'pelanggan diisolir'],
    system: ['peringatan sistem', 'peringatan sistem'],
  },
};
const OTHER: Record<Language, [string, string]> = { en: ['alert', 'alerts'], id: ['peringatan', 'peringatan'] };
const NEW: Record<Language, string> = { en: 'new alerts', id: 'peringatan baru' };

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function inQuietHours(localMinutes: number, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return false;
  return start < end ? localMinutes >= start && localMinutes < end : localMinutes >= start || localMinutes < end;
}

export class NotificationPolicy {
  /** The current 30 s window: when it began and how many notices it has shown. */
  private windowStart = Number.NEGATIVE_INFINITY;
  private shownInWindow = 0;
  private readonly held = new Map<AlertType, number>();
  private heldCritical = false;

  constructor(
    private readonly now: () => number,
    /** The site language, quiet hours, and minutes since local midnight at the site. */
    private readonly options: () => { language: Language; quiet: QuietHours | null; localMinutes: number },
  ) {}

  /** A new alert: a notice to show now, or null (not worth one, quiet hours, or held for the summary). */
  onAlertCreated(alert: Alert): Notice | null {
    if (alert.severity === 'info') return null;
    const { quiet, localMinutes } = this.options();
    if (alert.severity === 'warning' && inQuietHours(localMinutes, quiet)) return null;
    const now = this.now();
    if (now - this.windowStart >= BURST_WINDOW_MS && this.held.size === 0) {
      this.windowStart = now;
      this.shownInWindow = 0;
    }
    if (this.shownInWindow < BURST_LIMIT) {
      this.shownInWindow++;
      const title = alert.severity === 'critical' ? 'NOCman — CRITICAL' : 'NOCman';
      return { title, body: alert.message, severity: alert.severity, alertId: alert.id };
    }
    this.held.set(alert.type, (this.held.get(alert.type) ?? 0) + 1);
    this.heldCritical ||= alert.severity === 'critical';
    return null;
  }

  /** Called every few seconds: when the window is over, one notice for everything held back in it. */
  flush(): Notice | null {
    const now = this.now();
    if (this.held.size === 0 || now - this.windowStart < BURST_WINDOW_MS) return null;
    const { language } = this.options();
    const parts = [...this.held.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([type, count]) => {
        const [one, many] = TYPE_TEXT[language][type] ?? OTHER[language];
        return `${count} ${count === 1 ? one : many}`;
      });
    const total = [...this.held.values()].reduce((a, b) => a + b, 0);
    const notice: Notice = {
      title: `NOCman — ${total} ${NEW[language]}`,
      body: parts.join(', '),
      severity: this.heldCritical ? 'critical' : 'warning',
      alertId: null,
    };
    this.held.clear();
    this.heldCritical = false;
    // The summary opens a new window, so a storm that goes on yields one summary per 30 s.
    this.windowStart = now;
    this.shownInWindow = 1;
    return notice;
  }
}
