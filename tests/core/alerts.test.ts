// The alert service on real SQLite: dedupe under concurrency (also across two processes' connections),
// auto-resolve, acknowledge then auto-resolve, role filtering, coalesced summaries; the notification policy.
import { afterEach, describe, expect, it } from 'vitest';
import { eventFor, events, type Alert, type Language } from '../../src/shared/contract';
import { trayState } from '../../src/main/core/alerts/desktop';
import { NotificationPolicy, inQuietHours, type QuietHours } from '../../src/main/core/alerts/notifications';
import type { BusEvent } from '../../src/main/core/events';
import { makeCore, tempDir, type TestCore } from '../helpers';
import { message, translator } from '../../src/shared/i18n/messages';

const actor = { id: 1, name: 'Ayu Admin', role: 'admin' as const };
let open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.reverse()) await t.close().catch(() => undefined);
  open = [];
});
async function core(dataDir?: string) {
  const t = await makeCore({}, dataDir);
  open.push(t);
  return t;
}

const down = (id: number) => ({ type: 'device_down' as const, severity: 'critical' as const, text: message('alert.legacy', { text: `OLT-${id} is down` }), deviceId: id });

describe('raise and clear', () => {
  it('never duplicates an open alert, also under 50 concurrent raises', async () => {
    const { core: c } = await core();
    const results = await Promise.all(Array.from({ length: 50 }, () => c.alerts.raise('device:7:down', down(7))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const list = await c.alerts.list('admin', { page: 1, pageSize: 50 });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ count: 50, status: 'open', domain: 'network', deviceId: 7 });
  });

  it('never duplicates across two connections to the same database file', async () => {
    const dir = tempDir();
    const a = await core(dir);
    const b = await core(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).core.alerts.raise('invoice:3:overdue', { type: 'payment_overdue', severity: 'warning', text: message('alert.legacy', { text: 'INV/2026/11/0003 overdue' }), invoiceId: 3 })),
    );
    const rows = (await a.core.db.dataSource.query(`SELECT count FROM alert WHERE dedupe_key = 'invoice:3:overdue'`)) as { count: number }[];
    expect(rows).toEqual([{ count: 20 }]);
  });

  it('resolves as system when the cause ends, and a new occurrence opens a new alert', async () => {
    const { core: c } = await core();
    const first = await c.alerts.raise('device:1:down', down(1));
    const cleared = await c.alerts.clear('device:1:down');
    expect(cleared).toMatchObject({ id: first.alert.id, status: 'resolved', resolvedBy: 'system' });
    expect(await c.alerts.clear('device:1:down')).toBeNull();
    const again = await c.alerts.raise('device:1:down', down(1));
    expect(again.created).toBe(true);
    expect(again.alert.id).not.toBe(first.alert.id);
  });

  it('raises and clears many in one go as one by one would: new ones created, open ones bumped, a key twice bumped twice', async () => {
    const { core: c } = await core();
    const seen: BusEvent[] = [];
    c.events.subscribe((event) => seen.push(event));
    await c.alerts.raise('device:1:down', down(1));
    await c.alerts.raise('device:2:down', down(2));
    await c.alerts.clear('device:2:down');
    seen.length = 0;
    // 250 keys cross the 100-per-statement chunks; device 1 is open (bumped), device 2 resolved (a new alert).
    const keys = Array.from({ length: 250 }, (_, i) => [`device:${i + 1}:down`, down(i + 1)] as const);
    const raised = await c.alerts.raiseMany([...keys, ['device:3:down', down(3)]]);
    expect(raised).toHaveLength(251);
    expect(raised.filter((a) => a.count === 1)).toHaveLength(249);
    expect(raised.find((a) => a.deviceId === 1)).toMatchObject({ count: 2, status: 'open' });
    expect(raised.filter((a) => a.deviceId === 3).map((a) => a.count)).toEqual([1, 2]);
    expect(seen.filter((e) => e.name === 'alert.created')).toHaveLength(249);
    expect(seen.filter((e) => e.name === 'alert.updated')).toHaveLength(2);
    const open = (await c.db.dataSource.query(`SELECT COUNT(*) AS n FROM alert WHERE status = 'open'`)) as [{ n: number }];
    expect(open[0].n).toBe(250);
    // Clearing 600 keys (two statements), 350 of them never raised: only the 250 open ones are answered and announced.
    seen.length = 0;
    const cleared = await c.alerts.clearMany([...keys.map(([key]) => key), ...Array.from({ length: 350 }, (_, i) => `device:${1000 + i}:down`)]);
    expect(cleared).toHaveLength(250);
    expect(cleared.every((a) => a.status === 'resolved' && a.resolvedBy === 'system')).toBe(true);
    expect(seen.filter((e) => e.name === 'alert.updated')).toHaveLength(250);
    expect(await c.alerts.clearMany(['device:1:down'])).toEqual([]);
  });

  it('an acknowledged alert keeps counting and still resolves itself', async () => {
    const { core: c } = await core();
    const { alert } = await c.alerts.raise('device:2:down', down(2));
    const acked = await c.alerts.acknowledge(actor, 'admin', alert.id, 'Tim lapangan menuju lokasi');
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Ayu Admin', ackNote: 'Tim lapangan menuju lokasi' });
    const repeat = await c.alerts.raise('device:2:down', down(2));
    expect(repeat).toMatchObject({ created: false, alert: { status: 'acknowledged', count: 2 } });
    expect(await c.alerts.clear('device:2:down')).toMatchObject({ status: 'resolved', resolvedBy: 'system', ackNote: 'Tim lapangan menuju lokasi' });
    await expect(c.alerts.acknowledge(actor, 'admin', alert.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('roles', () => {
  it('shows staff billing alerts, technicians network alerts, admins both', async () => {
    const { core: c } = await core();
    const net = (await c.alerts.raise('device:9:down', down(9))).alert;
    const bill = (await c.alerts.raise('invoice:9:overdue', { type: 'payment_overdue', severity: 'warning', text: message('alert.legacy', { text: 'overdue' }), invoiceId: 9, customerId: 4 })).alert;
    const ids = async (role: 'admin' | 'staff' | 'technician') => (await c.alerts.list(role, { page: 1, pageSize: 50 })).items.map((a) => a.id).sort();
    expect(await ids('admin')).toEqual([net.id, bill.id].sort());
    expect(await ids('staff')).toEqual([bill.id]);
    expect(await ids('technician')).toEqual([net.id]);
    await expect(c.alerts.get('staff', net.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await c.alerts.list('staff', { domain: 'network', page: 1, pageSize: 50 })).total).toBe(0);
    expect((await c.alerts.stats('technician')).open).toEqual({ critical: 1, warning: 0, info: 0 });
  });

  it('projects events per role: alerts of another domain and other domains\u2019 counts are not sent', async () => {
    const { core: c } = await core();
    const seen: BusEvent[] = [];
    c.events.subscribe((e) => seen.push(e));
    await c.alerts.raise('device:5:down', down(5));
    await c.alerts.raise('invoice:5:due', { type: 'payment_due', severity: 'info', text: message('alert.legacy', { text: 'due in 3 days' }), invoiceId: 5 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const created = seen.filter((e) => e.name === 'alert.created');
    expect(created.map((e) => eventFor(events['alert.created'], e.payload, 'staff') !== null)).toEqual([false, true]);
    const summaries = seen.filter((e) => e.name === 'status.summary');
    expect(summaries).toHaveLength(1); // two raises within 100 ms: one summary
    expect(eventFor(events['status.summary'], summaries[0]!.payload, 'technician')).toEqual({ open: { critical: 1, warning: 0, info: 0 }, total: 1 });
    expect(eventFor(events['status.summary'], summaries[0]!.payload, 'staff')).toEqual({ open: { critical: 0, warning: 0, info: 1 }, total: 1 });
  });

  it('acknowledges all open info alerts of the caller\u2019s domains only', async () => {
    const { core: c } = await core();
    await c.alerts.raise('invoice:1:due', { type: 'payment_due', severity: 'info', text: message('alert.legacy', { text: 'due' }), invoiceId: 1 });
    await c.alerts.raise('sub:1:expiring', { type: 'subscription_expiring', severity: 'info', text: message('alert.legacy', { text: 'expiring' }), subscriptionId: 1 });
    await c.alerts.raise('device:1:up', { type: 'device_up', severity: 'info', text: message('alert.legacy', { text: 'up' }), deviceId: 1 });
    await c.alerts.raise('invoice:2:overdue', { type: 'payment_overdue', severity: 'warning', text: message('alert.legacy', { text: 'overdue' }), invoiceId: 2 });
    expect(await c.alerts.acknowledgeMany(actor, 'staff', [], true)).toBe(2);
    const stats = await c.alerts.stats('admin');
    expect(stats.byStatus).toEqual({ open: 2, acknowledged: 2, resolved: 0 });
    expect((await c.alerts.list('admin', { status: 'unresolved', page: 1, pageSize: 10 })).total).toBe(4);
    const overdue = (await c.alerts.list('admin', { type: 'payment_overdue', page: 1, pageSize: 1 })).items[0]!;
    await c.alerts.resolve(actor, 'admin', overdue.id, 'Sudah bayar tunai di kantor');
    expect((await c.alerts.list('admin', { status: 'unresolved', page: 1, pageSize: 10 })).total).toBe(3);
    expect(await c.alerts.get('admin', overdue.id)).toMatchObject({ resolveNote: 'Sudah bayar tunai di kantor', ackNote: null, resolvedBy: 'Ayu Admin' });
  });
});

describe('notification policy', () => {
  const alert = (id: number, severity: Alert['severity'], type: Alert['type'] = 'device_down'): Alert => ({
    id, type, severity, status: 'open', text: message('alert.down', { device: `OLT-${id}`, host: `10.0.0.${id}` }), message: '', domain: 'network', deviceId: id, customerId: null, subscriptionId: null,
    invoiceId: null, firstSeenAt: '', lastSeenAt: '', count: 1, acknowledgedAt: null, acknowledgedBy: null, ackNote: null, resolvedAt: null, resolvedBy: null, resolveNote: null,
  });
  function policy(quiet: QuietHours | null = null, localMinutes = 600, language: Language = 'en') {
    let now = 1_000_000;
    const p = new NotificationPolicy(() => now, () => ({ language, timeZone: 'Asia/Jakarta', quiet, localMinutes }));
    return { p, advance: (ms: number) => (now += ms) };
  }

  it('shows 5 in 30 s one by one, then folds the rest into one summary when the window ends', () => {
    const { p, advance } = policy();
    const shown = Array.from({ length: 12 }, (_, i) => p.onAlertCreated(alert(i, 'critical')));
    expect(shown.filter(Boolean)).toHaveLength(5);
    advance(29_000);
    expect(p.flush()).toBeNull();
    advance(1_000);
    expect(p.flush()).toEqual({ title: 'NOCman — 7 new alerts', body: '7 devices down', severity: 'critical', alertId: null });
    expect(p.flush()).toBeNull();
  });

  it('starts a new window after 30 s quiet', () => {
    const { p, advance } = policy();
    for (let i = 0; i < 5; i++) p.onAlertCreated(alert(i, 'warning'));
    advance(30_000);
    expect(p.onAlertCreated(alert(9, 'warning'))).toMatchObject({ body: 'OLT-9 (10.0.0.9) is down' });
  });

  it("speaks the reader's language: the alert's own sentence, and a summary with Indonesian words", () => {
    const { p, advance } = policy(null, 600, 'id');
    expect(p.onAlertCreated(alert(1, 'critical'))).toEqual({ title: 'NOCman — KRITIS', body: 'OLT-1 (10.0.0.1) mati', severity: 'critical', alertId: 1 });
    for (let i = 2; i <= 5; i++) p.onAlertCreated(alert(i, 'critical'));
    p.onAlertCreated(alert(6, 'critical'));
    p.onAlertCreated(alert(7, 'warning', 'payment_overdue'));
    advance(30_000);
    expect(p.flush()).toMatchObject({ title: 'NOCman — 2 peringatan baru', body: '1 perangkat mati, 1 tagihan terlambat' });
  });

  it('says "1 device down" and "1 new alert" in English for one held alert', () => {
    const { p, advance } = policy();
    for (let i = 0; i < 6; i++) p.onAlertCreated(alert(i, 'critical'));
    advance(30_000);
    expect(p.flush()).toMatchObject({ title: 'NOCman — 1 new alert', body: '1 device down' });
  });

  it('never notifies info alerts; quiet hours hold warnings but not critical ones', () => {
    const night = policy({ start: '22:00', end: '06:00' }, 3 * 60);
    expect(night.p.onAlertCreated(alert(1, 'info'))).toBeNull();
    expect(night.p.onAlertCreated(alert(2, 'warning'))).toBeNull();
    expect(night.p.onAlertCreated(alert(3, 'critical'))).toMatchObject({ title: 'NOCman — CRITICAL' });
  });

  it.each([
    [23 * 60, true],
    [5 * 60 + 59, true],
    [6 * 60, false],
    [12 * 60, false],
  ])('22:00–06:00 covers minute %i: %s', (minute, quiet) => {
    expect(inQuietHours(minute, { start: '22:00', end: '06:00' })).toBe(quiet);
  });
});

describe('tray', () => {
  it.each([
    [{ critical: 2, warning: 1, info: 0 }, 'critical', 'NOCman — 2 critical, 1 warning, 0 info'],
    [{ critical: 0, warning: 3, info: 4 }, 'warning', 'NOCman — 0 critical, 3 warning, 4 info'],
    [{ critical: 0, warning: 0, info: 4 }, 'ok', 'NOCman — 0 critical, 0 warning, 4 info'],
    [{ critical: 0, warning: 0, info: 0 }, 'ok', 'NOCman — No open alerts'],
  ])('open %o shows the %s icon', (open, level, tooltip) => {
    const total = open.critical + open.warning + open.info;
    expect(trayState({ open, total }, translator('en', 'Asia/Jakarta'))).toMatchObject({ level, tooltip });
  });

  it('words the tooltip and the menu in Indonesian for an Indonesian reader', () => {
    expect(trayState({ open: { critical: 1, warning: 0, info: 2 }, total: 3 }, translator('id', 'Asia/Jakarta'))).toEqual({
      level: 'critical',
      tooltip: 'NOCman — 1 kritis, 0 peringatan, 2 info',
      menu: { open: 'Buka NOCman', acknowledgeInfo: 'Akui semua peringatan info', quit: 'Keluar' },
    });
  });
});
