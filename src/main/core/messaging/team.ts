// Alerts to the NOC team, off the console: the Telegram group chats get network alerts at or above the team
// severity; each user with a channel of their own gets the alerts of their role's domains at or above their
// severity, within their on-call hours. Per recipient the desktop's rules hold: at most 5 in 30 s and one summary
// for the rest, warnings held back in quiet hours. An unacknowledged critical alert is repeated every
// `teamRepeatMin`; acknowledging stops the repeats (and a queued one is skipped as `acknowledged`); its end is told
// to whoever was told it began.
import { ROLE_DOMAINS, type Alert, type Channel, type Language, type MessageEvent, type Role, type Settings } from '../../../shared/contract';
import { minutesInZone } from '../../../shared/dates';
import { translator } from '../../../shared/i18n/messages';
import { inQuietHours, NotificationPolicy } from '../alerts/notifications';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { BusEvent, EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { ChannelsService } from './channels';
import type { MessageComposer, TeamMessage, TemplateParams } from './compose';
import type { OutboxService } from './outbox';

const FLUSH_MS = 5000;
const REPEAT_CHECK_MS = 60_000;

interface Recipient {
  /** `chat:-100…` for a group chat, `user:7` for a user. */
  key: string;
  channel: Channel;
  address: string;
  userId: number | null;
  language: Language;
  role: Role | null;
  minSeverity: 'critical' | 'warning';
  onCallStart: string | null;
  onCallEnd: string | null;
}

function rank(severity: string): number {
  return severity === 'critical' ? 2 : severity === 'warning' ? 1 : 0;
}

export class TeamNotifier {
  private readonly policies = new Map<string, NotificationPolicy>();
  private unsubscribe: (() => void) | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private repeatTimer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private current: Settings | null = null;

  constructor(
    private readonly db: Database,
    private readonly channels: ChannelsService,
    private readonly composer: MessageComposer,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.events.subscribe((event) => this.onEvent(event));
    this.flushTimer = setInterval(() => void this.enqueue(() => this.flush()), FLUSH_MS);
    this.repeatTimer = setInterval(() => void this.enqueue(() => this.repeat()), REPEAT_CHECK_MS);
    this.flushTimer.unref?.();
    this.repeatTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.repeatTimer) clearInterval(this.repeatTimer);
    this.flushTimer = this.repeatTimer = null;
    await this.chain.catch(() => undefined);
  }

  /** Work runs one piece at a time, in the order events came. */
  private enqueue(work: () => Promise<unknown>): Promise<unknown> {
    this.chain = this.chain.then(work).catch(() => undefined);
    return this.chain;
  }

  /** Resolves when everything already handed to the notifier is queued (tests). */
  settled(): Promise<unknown> {
    return this.chain;
  }

  private onEvent(event: BusEvent): void {
    if (event.name === 'alert.created') void this.enqueue(() => this.alertCreated(event.payload as Alert));
    else if (event.name === 'alert.updated' && (event.payload as Alert).status === 'resolved') void this.enqueue(() => this.alertResolved(event.payload as Alert));
  }

  private async recipients(settings: Settings): Promise<Recipient[]> {
    const enabled = await this.channels.enabled();
    const list: Recipient[] = [];
    if (enabled.has('telegram')) {
      const telegram = await this.channels.get('telegram');
      const chatIds = telegram.channel === 'telegram' ? telegram.config.chatIds : [];
      for (const chatId of chatIds) {
        list.push({ key: `chat:${chatId}`, channel: 'telegram', address: chatId, userId: null, language: settings.language, role: null, minSeverity: settings.teamMinSeverity, onCallStart: null, onCallEnd: null });
      }
    }
    const users = (await this.db.dataSource.query(
      `SELECT id, email, role, language, notify_channel AS channel, notify_address AS address, notify_min_severity AS minSeverity, on_call_start AS onCallStart, on_call_end AS onCallEnd
       FROM "user" WHERE active = 1 AND notify_channel <> 'none'`,
    )) as { id: number; email: string; role: Role; language: Language | null; channel: Channel; address: string; minSeverity: 'critical' | 'warning'; onCallStart: string | null; onCallEnd: string | null }[];
    for (const u of users) {
      if (!enabled.has(u.channel)) continue;
      const address = u.channel === 'email' && u.address === '' ? u.email : u.address;
      if (!address) continue;
      list.push({ key: `user:${u.id}`, channel: u.channel, address, userId: u.id, language: u.language ?? settings.language, role: u.role, minSeverity: u.minSeverity, onCallStart: u.onCallStart, onCallEnd: u.onCallEnd });
    }
    return list;
  }

  /** Whether `r` hears about `alert` now: its domain, its severity, and (for users) their on-call hours. */
  private hears(r: Recipient, alert: Alert, settings: Settings): boolean {
    if (rank(alert.severity) < rank(r.minSeverity) || rank(alert.severity) === 0) return false;
    if (r.role === null) return alert.domain === 'network';
    if (!ROLE_DOMAINS[r.role].includes(alert.domain)) return false;
    if (r.onCallStart && r.onCallEnd) {
      return inQuietHours(minutesInZone(this.clock.now(), settings.timeZone), { start: r.onCallStart, end: r.onCallEnd });
    }
    return true;
  }

  private policy(r: Recipient, settings: Settings): NotificationPolicy {
    this.current = settings;
    let policy = this.policies.get(r.key);
    if (!policy) {
      // The site's quiet hours and time zone as they are now, not as they were when the recipient was first seen.
      policy = new NotificationPolicy(
        () => this.clock.now().getTime(),
        () => {
          const site = this.current ?? settings;
          return {
            language: r.language,
            timeZone: site.timeZone,
            quiet: site.quietHoursStart && site.quietHoursEnd ? { start: site.quietHoursStart, end: site.quietHoursEnd } : null,
            localMinutes: minutesInZone(this.clock.now(), site.timeZone),
          };
        },
      );
      this.policies.set(r.key, policy);
    }
    return policy;
  }

  private message(r: Recipient, event: MessageEvent, dedupeKey: string, params: TemplateParams, alert: Alert | null): TeamMessage {
    return { event, channel: r.channel, recipient: r.address, userId: r.userId, language: r.language, dedupeKey, params, alertId: alert?.id ?? null, deviceId: alert?.deviceId ?? null };
  }

  private alertParams(alert: Alert, language: Language, settings: Settings): TemplateParams {
    const tr = translator(language, settings.timeZone);
    return { severity: tr.t(`notice.severity.${alert.severity}`), alert: tr.render(alert.text), at: { at: alert.firstSeenAt } };
  }

  private async queue(messages: TeamMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const written = await this.db.write((em) => this.composer.team(em, messages));
    if (written > 0) this.outbox.changed();
  }

  async alertCreated(alert: Alert): Promise<void> {
    const settings = await this.settings.get();
    const messages: TeamMessage[] = [];
    for (const r of await this.recipients(settings)) {
      if (!this.hears(r, alert, settings)) continue;
      // The desktop's rule, per recipient: quiet hours hold warnings back, a burst keeps 5 and summarises the rest.
      if (!this.policy(r, settings).onAlertCreated(alert)) continue;
      messages.push(this.message(r, 'teamAlert', `teamAlert:alert:${alert.id}:${r.key}:${r.channel}`, this.alertParams(alert, r.language, settings), alert));
    }
    await this.queue(messages);
  }

  async alertResolved(alert: Alert): Promise<void> {
    const told = (await this.db.dataSource.query(
      `SELECT DISTINCT channel, recipient, user_id AS userId, language FROM outbox WHERE alert_id = ? AND event = 'teamAlert' AND status IN ('sent', 'sending')`,
      [alert.id],
    )) as { channel: Channel; recipient: string; userId: number | null; language: Language }[];
    if (told.length === 0) return;
    const settings = await this.settings.get();
    const seconds = Math.max(0, Math.round((Date.parse(alert.resolvedAt ?? alert.lastSeenAt) - Date.parse(alert.firstSeenAt)) / 1000));
    await this.queue(
      told.map((t) => ({
        event: 'teamAlertResolved',
        channel: t.channel,
        recipient: t.recipient,
        userId: t.userId,
        language: t.language,
        dedupeKey: `teamAlertResolved:alert:${alert.id}:${t.channel}:${t.recipient}`,
        params: { alert: translator(t.language, settings.timeZone).render(alert.text), at: { at: alert.resolvedAt ?? this.clock.now().toISOString() }, duration: { sec: seconds } },
        alertId: alert.id,
        deviceId: alert.deviceId,
      })),
    );
  }

  /** The summaries of bursts whose 30 s window is over. */
  async flush(): Promise<void> {
    if (this.policies.size === 0) return;
    const settings = await this.settings.get();
    const messages: TeamMessage[] = [];
    const now = this.clock.now().getTime();
    for (const r of await this.recipients(settings)) {
      const notice = this.policies.get(r.key)?.flush();
      if (!notice) continue;
      const count = Number(/\d+/.exec(notice.title)?.[0] ?? 0);
      messages.push(this.message(r, 'teamSummary', `teamSummary:${r.key}:${r.channel}:${now}`, { count, alerts: notice.body }, null));
    }
    await this.queue(messages);
  }

  /** Repeats of open (unacknowledged) critical alerts, once per `teamRepeatMin` period each. */
  async repeat(): Promise<void> {
    const settings = await this.settings.get();
    if (settings.teamRepeatMin === 0) return;
    const now = this.clock.now().getTime();
    const period = settings.teamRepeatMin * 60_000;
    const open = (await this.db.dataSource.query(`SELECT id FROM alert WHERE status = 'open' AND severity = 'critical' AND first_seen_at <= ?`, [new Date(now - period).toISOString()])) as { id: number }[];
    if (open.length === 0) return;
    const recipients = await this.recipients(settings);
    const messages: TeamMessage[] = [];
    for (const { id } of open) {
      const told = (await this.db.dataSource.query(`SELECT DISTINCT recipient, channel FROM outbox WHERE alert_id = ? AND event = 'teamAlert' AND status = 'sent'`, [id])) as { recipient: string; channel: Channel }[];
      if (told.length === 0) continue;
      const alert = await this.alert(id);
      if (!alert) continue;
      const age = now - Date.parse(alert.firstSeenAt);
      const n = Math.floor(age / period);
      for (const r of recipients) {
        if (!told.some((t) => t.recipient === r.address && t.channel === r.channel)) continue;
        messages.push(this.message(r, 'teamAlertRepeat', `teamAlertRepeat:alert:${id}:${n}:${r.key}:${r.channel}`, { ...this.alertParams(alert, r.language, settings), openFor: { sec: Math.floor(age / 1000) } }, alert));
      }
    }
    await this.queue(messages);
  }

  private async alert(id: number): Promise<Alert | null> {
    const rows = (await this.db.dataSource.query(
      `SELECT id, type, severity, status, text, message, device_id AS deviceId, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, resolved_at AS resolvedAt FROM alert WHERE id = ?`,
      [id],
    )) as (Omit<Alert, 'text'> & { text: string })[];
    const row = rows[0];
    if (!row) return null;
    return { ...row, text: JSON.parse(row.text) as Alert['text'] } as Alert;
  }
}
