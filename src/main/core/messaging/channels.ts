// The message channels: WhatsApp through an HTTP gateway, e-mail over SMTP, Telegram's Bot API. Settings are plain;
// the token or password is sealed with the site's secret key (AES-256-GCM, as RADIUS secrets) and never leaves the
// main process except to the gateway itself — no screen, API answer, audit row or log line holds it.
import { CHANNEL_CONFIG_SCHEMAS, CHANNELS, type Channel, type ChannelSettings, type ChannelUpdate } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { SecretBox } from '../radius/keys';

export const CHANNEL_DEFAULTS: { [C in Channel]: Omit<Extract<ChannelSettings, { channel: C }>, 'secretSet' | 'updatedAt'> } = {
  whatsapp: {
    channel: 'whatsapp',
    enabled: false,
    ratePerMin: 20,
    dailyCap: 1000,
    config: { preset: 'fonnte', url: 'https://api.fonnte.com/send', session: 'default', method: 'POST', headers: {}, bodyTemplate: '{"phone":"{{phone}}","message":"{{text}}"}', contentType: 'json' },
  },
  email: { channel: 'email', enabled: false, ratePerMin: 60, dailyCap: 2000, config: { host: '', port: 587, security: 'starttls', user: '', from: '' } },
  telegram: { channel: 'telegram', enabled: false, ratePerMin: 20, dailyCap: 2000, config: { apiBase: 'https://api.telegram.org', chatIds: [] } },
};

/** A channel as the worker uses it: its settings and the opened secret. */
export type ChannelWithSecret = ChannelSettings & { secret: string | null };

interface ChannelRow {
  channel: Channel;
  enabled: number;
  config: string;
  secret: string | null;
  rate_per_min: number;
  daily_cap: number;
  updated_at: string | null;
}

export class ChannelsService {
  private cache: Map<Channel, ChannelWithSecret> | null = null;

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async load(): Promise<Map<Channel, ChannelWithSecret>> {
    if (this.cache) return this.cache;
    const rows = (await this.db.dataSource.query('SELECT * FROM message_channel')) as ChannelRow[];
    const map = new Map<Channel, ChannelWithSecret>();
    for (const channel of CHANNELS) {
      const row = rows.find((r) => r.channel === channel);
      const defaults = CHANNEL_DEFAULTS[channel];
      if (!row) {
        map.set(channel, { ...defaults, secretSet: false, updatedAt: null, secret: null } as ChannelWithSecret);
        continue;
      }
      // A stored config missing a field added later takes that field's default.
      const config = { ...defaults.config, ...(JSON.parse(row.config) as object) };
      map.set(channel, {
        channel, enabled: row.enabled === 1, ratePerMin: row.rate_per_min, dailyCap: row.daily_cap, config,
        secretSet: row.secret !== null, updatedAt: row.updated_at,
        secret: row.secret === null ? null : this.box.open(row.secret, `message_channel:${channel}`),
      } as ChannelWithSecret);
    }
    this.cache = map;
    return map;
  }

  /** Settings of every channel, secrets only as `secretSet`. */
  async list(): Promise<ChannelSettings[]> {
    return [...(await this.load()).values()].map(withoutSecret);
  }

  /** For the worker and the composer: the channel with its opened secret. */
  async get(channel: Channel): Promise<ChannelWithSecret> {
    return (await this.load()).get(channel)!;
  }

  async enabled(): Promise<Set<Channel>> {
    return new Set([...(await this.load()).values()].filter((c) => c.enabled).map((c) => c.channel));
  }

  async update(actor: Actor, input: ChannelUpdate): Promise<ChannelSettings> {
    const parsed = CHANNEL_CONFIG_SCHEMAS[input.channel].safeParse(input.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw AppError.validation(['config', ...issue.path.map(String)].join('.'), issue.message);
    }
    const before = await this.get(input.channel);
    const config = parsed.data;
    const now = this.clock.now().toISOString();
    const secret = input.secret === undefined ? undefined : input.secret === '' ? null : this.box.seal(input.secret, `message_channel:${input.channel}`);
    await this.db.write(async (em) => {
      await em.query(
        `INSERT INTO message_channel (channel, enabled, config, secret, rate_per_min, daily_cap, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel) DO UPDATE SET enabled = excluded.enabled, config = excluded.config, rate_per_min = excluded.rate_per_min,
           daily_cap = excluded.daily_cap, updated_at = excluded.updated_at${secret === undefined ? '' : ', secret = excluded.secret'}`,
        [input.channel, input.enabled ? 1 : 0, JSON.stringify(config), secret ?? null, input.ratePerMin, input.dailyCap, now],
      );
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (before.enabled !== input.enabled) changes['enabled'] = { from: before.enabled, to: input.enabled };
      if (before.ratePerMin !== input.ratePerMin) changes['ratePerMin'] = { from: before.ratePerMin, to: input.ratePerMin };
      if (before.dailyCap !== input.dailyCap) changes['dailyCap'] = { from: before.dailyCap, to: input.dailyCap };
      if (JSON.stringify(before.config) !== JSON.stringify(config)) changes['config'] = { from: before.config, to: config };
      // The secret itself never reaches the audit log: only that it changed.
      if (secret !== undefined) changes['secret'] = { from: before.secretSet ? '[set]' : null, to: secret === null ? null : '[set]' };
      await this.audit.record(em, { actor, operation: 'channels.update', entity: 'message_channel', entityId: null, changes: changes as never });
    });
    this.cache = null;
    return withoutSecret(await this.get(input.channel));
  }
}

function withoutSecret(channel: ChannelWithSecret): ChannelSettings {
  const { secret: _secret, ...rest } = channel;
  return rest as ChannelSettings;
}
