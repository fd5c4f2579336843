// What the desktop notifies, decided in core (Electron only shows it): new critical and warning alerts,
// at most 5 in 30 s, the rest folded into one summary ("12 devices down"); quiet hours hold warnings back.
// Every notice is in the reader's language (the signed-in user's, else the site's).
import type { Alert, AlertType, Language } from '../../../shared/contract';
import { translator } from '../../../shared/i18n/messages';

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

/** Alert types the summary names on their own; the rest are counted as alerts. */
const SUMMARISED: readonly AlertType[] = ['device_down', 'device_flapping', 'payment_overdue', 'customer_suspended', 'system'];

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
    /** The reader's language, the site time zone, quiet hours, and minutes since local midnight at the site. */
    private readonly options: () => { language: Language; timeZone: string; quiet: QuietHours | null; localMinutes: number },
  ) {}

  /** A new alert: a notice to show now, or null (not worth one, quiet hours, or held for the summary). */
  onAlertCreated(alert: Alert): Notice | null {
    if (alert.severity === 'info') return null;
    const { quiet, localMinutes, language, timeZone } = this.options();
    if (alert.severity === 'warning' && inQuietHours(localMinutes, quiet)) return null;
    const now = this.now();
    if (now - this.windowStart >= BURST_WINDOW_MS && this.held.size === 0) {
      this.windowStart = now;
      this.shownInWindow = 0;
    }
    if (this.shownInWindow < BURST_LIMIT) {
      this.shownInWindow++;
      const tr = translator(language, timeZone);
      const title = tr.t(alert.severity === 'critical' ? 'notice.titleCritical' : 'notice.title');
      return { title, body: tr.render(alert.text), severity: alert.severity, alertId: alert.id };
    }
    this.held.set(alert.type, (this.held.get(alert.type) ?? 0) + 1);
    this.heldCritical ||= alert.severity === 'critical';
    return null;
  }

  /** Called every few seconds: when the window is over, one notice for everything held back in it. */
  flush(): Notice | null {
    const now = this.now();
    if (this.held.size === 0 || now - this.windowStart < BURST_WINDOW_MS) return null;
    const { language, timeZone } = this.options();
    const tr = translator(language, timeZone);
    const parts = [...this.held.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([type, count]) => tr.t(`notice.${SUMMARISED.includes(type) ? type : 'other'}`, { count }));
    const total = [...this.held.values()].reduce((a, b) => a + b, 0);
    const notice: Notice = {
      title: tr.t('notice.summaryTitle', { count: total }),
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
