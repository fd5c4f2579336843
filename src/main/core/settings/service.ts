// Site settings: defaults from the contract, overrides stored per key, every change audited; cached per process
// until the database says another connection wrote to it.
import type { DataSource } from 'typeorm';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/contract';
import type { Actor } from '../actor';
import type { AuditService, FieldChanges } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { SettingEntity } from '../db/entities/Setting';
import type { EventBus } from '../events';

interface CachedSettings {
  settings: Settings;
  /** The connection the settings were read on, and its `PRAGMA data_version` before the read. */
  source: DataSource;
  dataVersion: number | string;
}

export class SettingsService {
  private cache: CachedSettings | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /**
   * The settings, read again only when they may have changed: this process's own changes drop the cache, and
   * `PRAGMA data_version` (one cheap statement, no table read) changes when another connection commits — a second
   * console on the same file changing the tax rate or the time zone is seen on the next call, not after a restart.
   */
  async get(): Promise<Settings> {
    const source = this.db.dataSource;
    const dataVersion = await this.dataVersion(source);
    if (this.cache && this.cache.source === source && this.cache.dataVersion === dataVersion) return this.cache.settings;
    const settings = await this.read(source);
    this.cache = { settings, source, dataVersion };
    return settings;
  }

  private async dataVersion(source: DataSource): Promise<number | string> {
    if (this.db.dialect === 'postgres') {
      // PostgreSQL has no data_version: a digest of the (few dozen) setting rows, computed by the server, is as cheap.
      const [digest] = (await source.query(
        "SELECT md5(COALESCE(string_agg(key || '=' || value, ',' ORDER BY key), '')) AS v FROM setting",
      )) as { v: string }[];
      return digest?.v ?? '';
    }
    const [row] = (await source.query('PRAGMA data_version')) as { data_version: number }[];
    return row?.data_version ?? -1;
  }

  private async read(source: DataSource): Promise<Settings> {
    const rows = await source.getRepository(SettingEntity).find();
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      if (row.key in DEFAULT_SETTINGS) stored[row.key] = JSON.parse(row.value);
    }
    // A value written by a newer or older version that no longer validates falls back to its default.
    const merged = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
    for (const [key, value] of Object.entries(stored)) {
      const field = settingsSchema.shape[key as keyof Settings];
      if (field.safeParse(value).success) merged[key] = value;
    }
    return merged as Settings;
  }

  /** Drops what this process remembers of the settings (the database was restored from a backup). */
  forget(): void {
    this.cache = null;
  }

  async update(actor: Actor, patch: Partial<Settings>): Promise<Settings> {
    const before = await this.get();
    const changes: FieldChanges = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const old = before[key as keyof Settings];
      if (old !== value) changes[key] = { from: old, to: value };
    }
    if (Object.keys(changes).length === 0) return before;
    const now = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      for (const [key, change] of Object.entries(changes)) {
        await em.query(
          'INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
          [key, JSON.stringify(change.to), now],
        );
      }
      await this.audit.record(em, { actor, operation: 'settings.update', entity: 'settings', entityId: null, changes });
    });
    this.cache = null;
    const after = await this.get();
    this.events.emit('settings.updated', after);
    return after;
  }
}
