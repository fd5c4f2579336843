// What customers and the team hear, end to end through the core: an outage of a router tells its downstream
// customers once after the delay and the restoration once (a blip tells nobody); an invoice issued by the billing run
// reaches WhatsApp and e-mail with its PDF (a real SMTP server read back with mailparser), a payment its receipt; a
// reminder of an invoice paid meanwhile is not sent; a device-down alert reaches the team's Telegram group and stops
// repeating once acknowledged, and its end is told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import type { Pinger, ProbeResult } from '../../src/main/core/monitoring/pinger';
import { admin, plan, subscriber } from '../billing-fixtures';
import { makeCore, type TestCore } from '../helpers';
import { startGateway, startSmtp, type Gateway, type Smtp } from '../messaging/loopback';

class FaultPinger implements Pinger {
  readonly name = 'fault-injection';
  readonly down = new Set<string>();
  async probe(host: string): Promise<ProbeResult> {
    if (this.down.has(host)) return { alive: false, min: null, avg: null, max: null, lossPct: 100 };
    return { alive: true, min: 1, avg: 1.2, max: 1.5, lossPct: 0 };
  }
}

let t: TestCore;
let gateway: Gateway;
let smtp: Smtp;
let pinger: FaultPinger;

beforeEach(async () => {
  gateway = await startGateway();
  smtp = await startSmtp();
  pinger = new FaultPinger();
  // 10:00 WIB.
  t = await makeCore({ clock: new FakeClock('2026-12-04T03:00:00Z'), pinger });
  await t.core.messages.channels.update(admin, {
    channel: 'whatsapp', enabled: true, ratePerMin: 600, dailyCap: 10_000, secret: 'wa-token',
    config: { preset: 'generic', url: `${gateway.url}/wa`, session: 'default', method: 'POST', headers: {}, bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}', contentType: 'json' },
  });
});
afterEach(async () => {
  await t.close();
  await gateway.stop();
  await smtp.stop();
});

const wa = () => gateway.requests.filter((r) => r.path === '/wa').map((r) => JSON.parse(r.body) as { to: string; text: string });
const drain = () => t.core.messages.worker.drain();
const outbox = async (event: string) =>
  (await t.core.db.dataSource.query('SELECT customer_id AS customerId, status, reason FROM outbox WHERE event = ? ORDER BY customer_id', [event])) as { customerId: number; status: string; reason: string | null }[];

async function router(subscriptionIds: number[]) {
  return t.core.devices.create(admin, {
    name: 'Router Cibinong', type: 'router', host: '127.0.0.5', location: 'Cibinong', parentId: null, subscriptionIds,
    monitored: true, intervalSec: 60, echoCount: 1, timeoutMs: 1000, failThreshold: 3, latencyWarnMs: null, lossWarnPct: null, notes: '',
  });
}

async function minutes(n: number) {
  for (let i = 0; i < n; i++) {
    t.clock.advance(60_000);
    await t.core.monitor.sweepDue();
    await drain();
  }
}

describe('outage notices', () => {
  it('tells the customers behind a router once after the delay, and that service is back once', async () => {
    const home = await plan(t.core);
    const a = await subscriber(t.core, home.id, '2026-11-01');
    const b = await subscriber(t.core, home.id, '2026-11-01');
    const r = await router([a.subscription.id, b.subscription.id]);
    await minutes(1);
    pinger.down.add('127.0.0.5');
    await minutes(3); // offline at the third failure
    expect((await t.core.devices.get(r.id)).status).toBe('offline');
    expect(wa()).toHaveLength(0); // within the 5 minutes' delay
    await minutes(5);
    expect(wa().map((m) => m.to).sort()).toEqual([a.customer.phone.slice(1), b.customer.phone.slice(1)].sort());
    expect(wa()[0]!.text).toMatch(/gangguan jaringan di area Cibinong sejak \d{2}\.\d{2}/);
    await minutes(3);
    expect(wa()).toHaveLength(2); // told once, not every sweep
    pinger.down.delete('127.0.0.5');
    await minutes(2);
    const restored = wa().slice(2);
    expect(restored).toHaveLength(2);
    expect(restored[0]!.text).toContain('sudah teratasi');
    expect(restored[0]!.text).toMatch(/setelah \d+ mnt/);
    expect((await outbox('outageEnded')).every((m) => m.status === 'sent')).toBe(true);
  });

  it('tells nobody of a blip shorter than the delay', async () => {
    const home = await plan(t.core);
    const a = await subscriber(t.core, home.id, '2026-11-01');
    await router([a.subscription.id]);
    await minutes(1);
    pinger.down.add('127.0.0.5');
    await minutes(3);
    pinger.down.delete('127.0.0.5');
    await minutes(10);
    expect(wa()).toHaveLength(0);
    expect(await outbox('outageStarted')).toEqual([{ customerId: a.customer.id, status: 'skipped', reason: 'outageShort' }]);
    expect(await outbox('outageEnded')).toEqual([]);
  });
});

describe('billing messages', () => {
  it('sends the invoice by WhatsApp and by e-mail with its PDF, and the receipt of its payment', async () => {
    await t.core.messages.channels.update(admin, {
      channel: 'email', enabled: true, ratePerMin: 60, dailyCap: 1000, secret: '',
      config: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', from: 'Tagihan <tagihan@contoh.net.id>' },
    });
    await t.core.settings.update(admin, { companyName: 'Contoh Net', paymentInstructions: 'Transfer ke BCA 123-456-7890' });
    const home = await plan(t.core);
    const a = await subscriber(t.core, home.id, '2026-12-01');
    await t.core.customers.update(admin, a.customer.id, { email: 'siti@contoh.id' });
    await t.core.billing.runAll();
    await drain();
    const [invoice] = (await t.core.invoices.list({ customerId: a.customer.id, page: 1, pageSize: 10 })).items;
    const texts = wa().map((m) => m.text);
    expect(texts.filter((x) => x.includes(invoice!.number))).toHaveLength(1);
    expect(texts[0]).toBe(
      `Yth. ${a.customer.name}, tagihan internet ${invoice!.number} periode 1 Desember 2026 – 31 Desember 2026 sebesar Rp 166.500 telah terbit, jatuh tempo 11 Desember 2026.\nTransfer ke BCA 123-456-7890\nTerima kasih — Contoh Net`,
    );
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['siti@contoh.id']);
    expect(mail.mail.subject).toBe(`Tagihan ${invoice!.number} dari Contoh Net`);
    expect(mail.mail.attachments).toHaveLength(1);
    expect(mail.mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(mail.mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');

    // A second run the same day queues nothing more.
    await t.core.billing.runAll();
    await drain();
    expect(wa().filter((m) => m.text.includes(invoice!.number))).toHaveLength(1);

    const payment = await t.core.payments.create(admin, { invoiceId: invoice!.id, amount: invoice!.total, method: 'cash', reference: null, note: '' });
    await t.core.payments.process(admin, payment.id, 'completed');
    await drain();
    expect(wa().at(-1)!.text).toContain(`RCPT-${String(payment.id).padStart(6, '0')}`);
    const receipt = smtp.messages.at(-1)!;
    expect(receipt.mail.attachments[0]!.filename).toBe(`RCPT-${String(payment.id).padStart(6, '0')}.pdf`);
  });

  it('does not send a reminder of an invoice paid before it left', async () => {
    const home = await plan(t.core);
    const a = await subscriber(t.core, home.id, '2026-12-01');
    await t.core.billing.runAll();
    await drain();
    const [invoice] = (await t.core.invoices.list({ customerId: a.customer.id, page: 1, pageSize: 10 })).items;
    const before = wa().length;
    // The gateway is down while the reminder is queued; the customer pays meanwhile.
    gateway.script({ status: 503, body: 'maintenance' });
    await t.core.reminders.remind(admin, [invoice!.id]);
    await drain();
    const payment = await t.core.payments.create(admin, { invoiceId: invoice!.id, amount: invoice!.total, method: 'cash', reference: null, note: '' });
    await t.core.payments.process(admin, payment.id, 'completed');
    t.clock.advance(120_000);
    await drain();
    const reminders = await outbox('dueReminder');
    expect(reminders).toEqual([{ customerId: a.customer.id, status: 'skipped', reason: 'settled' }]);
    // One attempt reached the gateway (answered 503); the retry found the invoice paid and did not go.
    expect(wa().slice(before).filter((m) => m.text.includes('Abaikan pesan ini'))).toHaveLength(1);
  });
});

describe('the team', () => {
  it('sends a device-down alert to the Telegram group once, stops repeating it once acknowledged, and tells its end', async () => {
    await t.core.settings.update(admin, { teamRepeatMin: 10 });
    await t.core.messages.channels.update(admin, {
      channel: 'telegram', enabled: true, ratePerMin: 30, dailyCap: 1000, secret: '123456:bot-token',
      config: { apiBase: gateway.url, chatIds: ['-1001234567890'] },
    });
    const r = await router([]);
    t.core.messages.team.start();
    await minutes(1);
    pinger.down.add('127.0.0.5');
    await minutes(3);
    await t.core.messages.team.settled();
    await drain();
    const telegram = () => gateway.requests.filter((q) => q.path.startsWith('/bot123456:bot-token/sendMessage')).map((q) => JSON.parse(q.body) as { chat_id: string; text: string });
    expect(telegram()).toHaveLength(1);
    expect(telegram()[0]).toMatchObject({ chat_id: '-1001234567890' });
    expect(telegram()[0]!.text).toContain('Router Cibinong');
    expect(telegram()[0]!.text).toContain('KRITIS');

    // Unacknowledged after 10 minutes: one repeat.
    t.clock.advance(10 * 60_000);
    await t.core.messages.team.repeat();
    await drain();
    expect(telegram()).toHaveLength(2);
    expect(telegram()[1]!.text).toContain('Belum ditangani');
    const [alert] = (await t.core.alerts.list('admin', { status: 'open', page: 1, pageSize: 10 })).items.filter((a) => a.deviceId === r.id);
    await t.core.alerts.acknowledge(admin, 'admin', alert!.id);
    t.clock.advance(10 * 60_000);
    await t.core.messages.team.repeat();
    await drain();
    expect(telegram()).toHaveLength(2);

    pinger.down.delete('127.0.0.5');
    await minutes(1);
    await t.core.messages.team.settled();
    await drain();
    expect(telegram()).toHaveLength(3);
    expect(telegram()[2]!.text).toContain('Selesai');
  });
});
