// Schema 9 on a real SQLite file: alerts and device log lines written before it keep their sentence (as a legacy
// key), old status lines become keys with their two states, and every line renders in Indonesian and English.
import { afterEach, describe, expect, it } from 'vitest';
import { AlertText1764201600009 } from '../../src/main/core/db/migrations/0009-alert-text';
import { message, translator } from '../../src/shared/i18n/messages';
import { admin } from '../billing-fixtures';
import { makeCore, TEST_PG, type TestCore } from '../helpers';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('alert and device log text', () => {
  // SQLite only: a PostgreSQL database is made by the migrations from empty, so schema 9 has no older rows to rewrite there.
  it.skipIf(!!TEST_PG)('gives alerts and log lines written before schema 9 a key that renders their old sentence', async () => {
    t = await makeCore();
    const { core } = t;
    const device = await core.devices.create(admin, {
      name: 'OLT Bekasi', host: '127.0.9.1', type: 'olt', location: '', parentId: null, subscriptionIds: [], monitored: false,
      intervalSec: 60, echoCount: 3, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
    });
    const migration = new AlertText1764201600009();
    const runner = core.db.dataSource.createQueryRunner();
    await migration.down(runner);
    await runner.query(
      `INSERT INTO alert (dedupe_key, type, severity, status, domain, message, first_seen_at, last_seen_at) VALUES ('old', 'device_down', 'critical', 'open', 'network', 'OLT Bekasi (127.0.9.1) is down — 1 customers affected', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
    );
    await runner.query(`INSERT INTO device_log (device_id, at, event, message) VALUES (?, '2026-11-01T00:00:00Z', 'status', 'unknown → offline'), (?, '2026-11-01T00:01:00Z', 'check', 'Checked by Tono: no reply')`, [device.id, device.id]);
    await migration.up(runner);
    await runner.release();

    const [alert] = (await core.alerts.list('admin', { page: 1, pageSize: 10 })).items;
    expect(alert!.text).toEqual(message('alert.legacy', { text: 'OLT Bekasi (127.0.9.1) is down — 1 customers affected' }));
    expect(alert!.message).toBe('OLT Bekasi (127.0.9.1) is down — 1 customers affected');
    const log = await core.eventLog.ofDevice(device.id, 1, 10);
    expect(log.items.map((l) => l.text)).toEqual([
      message('deviceLog.legacy', { text: 'Checked by Tono: no reply' }),
      message('deviceLog.status', { from: 'unknown', to: 'offline' }),
    ]);
    expect(translator('id', 'Asia/Jakarta').render(log.items[1]!.text)).toBe('Tak diketahui → Mati');
    expect(translator('en', 'Asia/Jakarta').render(log.items[1]!.text)).toBe('Unknown → Offline');
  });

  it.each([
    ['en', 1, 'OLT (10.0.0.1) is down — 1 customer affected'],
    ['en', 2, 'OLT (10.0.0.1) is down — 2 customers affected'],
    ['id', 1, 'OLT (10.0.0.1) mati — 1 pelanggan terdampak'],
    ['id', 2, 'OLT (10.0.0.1) mati — 2 pelanggan terdampak'],
  ] as const)('renders a down alert in %s for %i customers', (language, count, text) => {
    expect(translator(language, 'Asia/Jakarta').render(message('alert.downAffected', { device: 'OLT', host: '10.0.0.1', count }))).toBe(text);
  });

  it('renders the up alert with the one duration rule the timeline uses', () => {
    const up = message('alert.up', { device: 'OLT', host: '10.0.0.1', sec: 3720 });
    expect(translator('id', 'Asia/Jakarta').render(up)).toBe('OLT (10.0.0.1) hidup kembali setelah 1 j 2 mnt');
    expect(translator('en', 'Asia/Jakarta').render(up)).toBe('OLT (10.0.0.1) is back up after 1 hr 2 mins');
  });
});
