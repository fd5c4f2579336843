// What the desktop shell shows for the signed-in role: tray state and menu from the open counts and notices from
// the notification policy, in the signed-in user's language (else the site's). Electron only draws what this decides.
import { eventFor, events, summarise, type Alert, type Domain, type Language, type Role, type SeverityCounts, type StatusSummary } from '../../../shared/contract';
import { minutesInZone } from '../../../shared/dates';
import { translator, type Translator } from '../../../shared/i18n/messages';
import type { Core } from '../index';
import type { BusEvent } from '../events';
import { NotificationPolicy, type Notice } from './notifications';

export type TrayLevel = 'ok' | 'warning' | 'critical';

export interface TrayState {
  level: TrayLevel;
  tooltip: string;
  /** The menu's words: open the window, acknowledge all info alerts, quit. */
  menu: { open: string; acknowledgeInfo: string; quit: string };
}

/** Who the desktop speaks for: the most recently focused signed-in window's user, if any. */
export interface DesktopReader {
  role: Role;
  language: Language | null;
}

export function trayState(summary: StatusSummary, tr: Translator): TrayState {
  const { critical, warning, info } = summary.open;
  const level: TrayLevel = critical > 0 ? 'critical' : warning > 0 ? 'warning' : 'ok';
  const tooltip = summary.total === 0 ? tr.t('tray.tooltipNone') : tr.t('tray.tooltip', { critical, warning, info });
  return { level, tooltip, menu: { open: tr.t('tray.open'), acknowledgeInfo: tr.t('tray.acknowledgeInfo'), quit: tr.t('tray.quit') } };
}

export class DesktopAlerts {
  private readonly policy: NotificationPolicy;
  private siteLanguage: Language = 'id';
  private quiet: { start: string; end: string } | null = null;
  private timeZone = 'Asia/Jakarta';

  constructor(
    private readonly core: Core,
    private readonly reader: () => DesktopReader | null,
  ) {
    this.policy = new NotificationPolicy(
      () => core.clock.now().getTime(),
      () => ({ language: this.language(), timeZone: this.timeZone, quiet: this.quiet, localMinutes: minutesInZone(core.clock.now(), this.timeZone) }),
    );
  }

  /** The signed-in user's language, else the site's. */
  private language(): Language {
    return this.reader()?.language ?? this.siteLanguage;
  }

  /** Words for the reader in front (else the site's language), for the desktop's other texts. */
  translator(): Translator {
    return translator(this.language(), this.timeZone);
  }

  async refreshSettings(): Promise<void> {
    const settings = await this.core.settings.get();
    this.siteLanguage = settings.language;
    this.timeZone = settings.timeZone;
    this.quiet = settings.quietHoursStart && settings.quietHoursEnd ? { start: settings.quietHoursStart, end: settings.quietHoursEnd } : null;
  }

  /** A notice for a bus event, when the signed-in role sees it and the policy allows it. */
  onEvent(event: BusEvent): Notice | null {
    if (event.name === 'settings.updated') void this.refreshSettings();
    const role = this.reader()?.role;
    if (!role || event.name !== 'alert.created') return null;
    const alert = eventFor(events['alert.created'], event.payload, role) as Alert | null;
    return alert ? this.policy.onAlertCreated(alert) : null;
  }

  flush(): Notice | null {
    return this.policy.flush();
  }

  async tray(byDomain?: Record<Domain, SeverityCounts>): Promise<TrayState> {
    const role = this.reader()?.role ?? 'admin';
    return trayState(summarise(byDomain ?? (await this.core.alerts.openByDomain()), role), translator(this.language(), this.timeZone));
  }
}
