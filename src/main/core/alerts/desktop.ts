// What the desktop shell shows for the signed-in role: tray state from the open counts and notices from
// the notification policy. Electron only draws what this decides.
import { eventFor, events, summarise, type Alert, type Domain, type Role, type SeverityCounts, type StatusSummary } from '../../../shared/contract';
import { minutesInZone } from '../../../shared/dates';
import type { Core } from '../index';
import type { BusEvent } from '../events';
import { NotificationPolicy, type Notice } from './notifications';

export type TrayLevel = 'ok' | 'warning' | 'critical';

export interface TrayState {
  level: TrayLevel;
  tooltip: string;
}

export function trayState(summary: StatusSummary, language: 'id' | 'en'): TrayState {
  const { critical, warning, info } = summary.open;
  const level: TrayLevel = critical > 0 ? 'critical' : warning > 0 ? 'warning' : 'ok';
  const words = language === 'id' ? ['kritis', 'peringatan', 'info', 'Tidak ada peringatan terbuka'] : ['critical', 'warning', 'info', 'No open alerts'];
  const tooltip = summary.total === 0 ? `NOCman — ${words[3]}` : `NOCman — ${critical} ${words[0]}, ${warning} ${words[1]}, ${info} ${words[2]}`;
  return { level, tooltip };
}

export class DesktopAlerts {
  private readonly policy: NotificationPolicy;
  private language: 'id' | 'en' = 'id';
  private quiet: { start: string; end: string } | null = null;
  private timeZone = 'Asia/Jakarta';

  constructor(
    private readonly core: Core,
    private readonly role: () => Role | null,
  ) {
    this.policy = new NotificationPolicy(
      () => core.clock.now().getTime(),
      () => ({ language: this.language, quiet: this.quiet, localMinutes: minutesInZone(core.clock.now(), this.timeZone) }),
    );
  }

  async refreshSettings(): Promise<void> {
    const settings = await this.core.settings.get();
    this.language = settings.language;
    this.timeZone = settings.timeZone;
    this.quiet = settings.quietHoursStart && settings.quietHoursEnd ? { start: settings.quietHoursStart, end: settings.quietHoursEnd } : null;
  }

  /** A notice for a bus event, when the signed-in role sees it and the policy allows it. */
  onEvent(event: BusEvent): Notice | null {
    if (event.name === 'settings.updated') void this.refreshSettings();
    const role = this.role();
    if (!role || event.name !== 'alert.created') return null;
    const alert = eventFor(events['alert.created'], event.payload, role) as Alert | null;
    return alert ? this.policy.onAlertCreated(alert) : null;
  }

  flush(): Notice | null {
    return this.policy.flush();
  }

  async tray(byDomain?: Record<Domain, SeverityCounts>): Promise<TrayState> {
    const role = this.role() ?? 'admin';
    return trayState(summarise(byDomain ?? (await this.core.alerts.openByDomain()), role), this.language);
  }
}
