// The outbox worker against a real HTTP gateway on loopback: each message once, retries with back-off and the
// server's Retry-After, final failures, the per-channel rate and daily cap, quiet hours for billing messages,
// messages a dead process left half-sent, opted-out customers and numbers WhatsApp cannot reach.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { FakeClock } from '../../src/main/core/clock';
import type { CustomerMessage } from '../../src/main/core/messaging/compose';
import { IN_FLIGHT, MAX_ATTEMPTS } from '../../src/main/core/messaging/worker';
import { makeCore, type TestCore } from '../helpers';
import { startGateway, type Gateway } from '../messaging/loopback';

let t: TestCore;
let gateway: Gateway;

beforeEach(async () => {
  gateway = await startGateway();
  // 10:00 WIB: outside the customers' quiet hours (21:00–07:00).
  t = await makeCore({ clock: new FakeClock('2026-12-04T03:00:00Z') });
  await whatsapp({ ratePerMin: 600, dailyCap: 1000 });
});
afterEach(async () => {
  await t.close();
  await gateway.stop();
});

async function whatsapp(limits: { ratePerMin: number; dailyCap: number }) {
  await t.core.messages.channels.update(SYSTEM_ACTOR, {
    channel: 'whatsapp', enabled: true, ...limits, secret: 'rahasia-token',
    config: { preset: 'generic', url: `${gateway.url}/send`, session: 'default', method: 'POST', headers: { Authorization: 'Bearer {{token}}' }, bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}', contentType: 'json' },
  });
}

async function customer(name: string, phone: string, extra: { messagesOptOut?: boolean; language?: 'id' | 'en' } = {}) {
  return t.core.customers.create(SYSTEM_ACTOR, { name, phone, email: null, address: 'Cibinong', latitude: null, longitude: null, notes: '', status: 'active', ...extra });
}

async function queue(messages: CustomerMessage[]): Promise<number> {
  return t.core.db.write((em) => t.core.messages.composer.customers(em, messages));
}

const reminder = (customerId: number, n = 1): CustomerMessage => ({
  event: 'dueReminder', customerId, cause: `invoice:${n}:2026-12-08`, params: { invoiceNumber: `INV/2026/12/000${n}`, amount: { rupiah: 166_500 }, dueDate: { date: '2026-12-08' } },
});

async function rows() {
  return (await t.core.db.dataSource.query('SELECT id, status, reason, attempts, not_before AS notBefore, recipient, answer FROM outbox ORDER BY id')) as {
    id: number; status: string; reason: string | null; attempts: number; notBefore: string; recipient: string; answer: string | null;
  }[];
}

describe('the outbox worker', () => {
  it('sends each message once, in the customer\'s language, as 62…, with the token, and puts it on the timeline', async () => {
    const siti = await customer('Siti Rahayu', '0812-1111-2222');
    const john = await customer('John Smith', '+62 813 3333 4444', { language: 'en' });
    expect(await queue([reminder(siti.id, 1), reminder(john.id, 2)])).toBe(2);
    // The same event again (a job run twice, a replay after a crash) queues nothing.
    expect(await queue([reminder(siti.id, 1), reminder(john.id, 2)])).toBe(0);
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(2);
    // Up to four messages are in flight at once: the gateway may see them in either order.
    const bodies = gateway.requests.map((r) => JSON.parse(r.body) as { to: string; text: string }).sort((a, b) => a.to.localeCompare(b.to));
    expect(bodies[0]).toMatchObject({ to: '6281211112222' });
    expect(bodies[0]!.text).toContain('Yth. Siti Rahayu, tagihan INV/2026/12/0001 sebesar Rp 166.500 jatuh tempo 8 Desember 2026');
    expect(bodies[1]).toMatchObject({ to: '6281333334444' });
    expect(bodies[1]!.text).toContain('Dear John Smith, invoice INV/2026/12/0002 of Rp 166.500 is due 8 December 2026');
    expect(gateway.requests[0]!.headers['authorization']).toBe('Bearer rahasia-token');
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1]]);
    const timeline = await t.core.history.list(siti.id, 1, 20, 'admin');
    expect(timeline.items.find((e) => e.kind === 'message.sent')).toMatchObject({ changes: { channel: { to: 'whatsapp' }, event: { to: 'dueReminder' } } });
    // Nothing more to send: a second drain makes no request.
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(2);
  });

  it('retries a 429 after its Retry-After and a 500 with growing back-off, and gives up after the last attempt', async () => {
    const siti = await customer('Siti Rahayu', '081211112222');
    await queue([reminder(siti.id)]);
    gateway.script({ status: 429, headers: { 'Retry-After': '120' }, body: 'slow down' });
    await t.core.messages.worker.drain();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, notBefore: '2026-12-04T03:02:00.000Z' });
    expect(row!.answer).toContain('429');
    t.clock.advance(119_000);
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(1); // not before its time
    t.clock.advance(1_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) gateway.script({ status: 500, body: 'gateway down' });
    const waits: number[] = [];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await t.core.messages.worker.drain();
      [row] = await rows();
      if (row!.status !== 'queued') break;
      waits.push(Date.parse(row!.notBefore) - t.clock.now().getTime());
      t.clock.set(row!.notBefore);
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    expect(row).toMatchObject({ status: 'failed', reason: 'attempts', attempts: MAX_ATTEMPTS });
    expect(gateway.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it('fails a message the gateway refuses (4xx) at once, and a person can send it again', async () => {
    const siti = await customer('Siti Rahayu', '081211112222');
    await queue([reminder(siti.id)]);
    gateway.script({ status: 400, body: '{"error":"invalid token"}' });
    await t.core.messages.worker.drain();
    const [failed] = await rows();
    expect(failed).toMatchObject({ status: 'failed', reason: 'rejected', attempts: 1 });
    expect(failed!.answer).toBe('HTTP 400 {"error":"invalid token"}');
    expect((await t.core.messages.outbox.stats()).failedLast24h).toBe(1);
    await t.core.messages.outbox.resend(SYSTEM_ACTOR, failed!.id);
    await t.core.messages.worker.drain();
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('skips opted-out customers and numbers WhatsApp cannot reach, with the reason, and never sends them', async () => {
    const quiet = await customer('Budi Santoso', '081255556666', { messagesOptOut: true });
    const landline = await customer('Toko Maju', '021 555 1234');
    await queue([reminder(quiet.id, 1), reminder(landline.id, 2)]);
    await t.core.messages.worker.drain();
    expect((await rows()).map((r) => [r.status, r.reason])).toEqual([['skipped', 'optedOut'], ['skipped', 'invalidPhone']]);
    expect(gateway.requests).toHaveLength(0);
    const timeline = await t.core.history.list(landline.id, 1, 20, 'admin');
    expect(timeline.items.find((e) => e.kind === 'message.skipped')).toMatchObject({ changes: { reason: { to: 'invalidPhone' } } });
    await expect(t.core.messages.outbox.resend(SYSTEM_ACTOR, (await rows())[1]!.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('sends at the channel\'s rate: a burst of 5 seconds\' worth, then one a second at 60 a minute', async () => {
    await whatsapp({ ratePerMin: 60, dailyCap: 1000 });
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await customer(`Pelanggan ${i}`, `0812${String(10_000_000 + i)}`)).id);
    await queue(ids.map((id, i) => reminder(id, i + 1)));
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(5); // a full bucket: 5 seconds' worth at once
    for (let second = 0; second < 3; second++) {
      t.clock.advance(1000);
      await t.core.messages.worker.drain();
    }
    expect(gateway.requests).toHaveLength(8); // then one a second
    t.clock.advance(60_000);
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(12); // a quiet minute refills the bucket to 5 again, not to 60
  });

  it('with its timer running, fills a freed slot at once: a fast gateway gets the whole rate, not IN_FLIGHT a step', async () => {
    await whatsapp({ ratePerMin: 6000, dailyCap: 1000 });
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push((await customer(`Pelanggan ${i}`, `0812${String(30_000_000 + i)}`)).id);
    await queue(ids.map((id, i) => reminder(id, i + 1)));
    // The timer's steps are ours to give: exactly one step here. Before, one step sent IN_FLIGHT (4) messages and the
    // rest waited for the next steps, 200 ms each (1,200 a minute at most whatever the channel's rate).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await t.core.messages.worker.start();
      vi.advanceTimersByTime(200);
      for (let waited = 0; gateway.requests.length < 40 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(gateway.requests.length).toBeGreaterThan(IN_FLIGHT);
      expect(gateway.requests).toHaveLength(40);
      await t.core.messages.worker.stop();
    } finally {
      vi.useRealTimers();
    }
    const sent = await rows();
    expect(sent.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(new Set(gateway.requests.map((r) => (JSON.parse(r.body) as { to: string }).to)).size).toBe(40);
  });

  it('stops at the daily cap and sends the rest the next site day', async () => {
    await whatsapp({ ratePerMin: 600, dailyCap: 2 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await customer(`Pelanggan ${i}`, `0812${String(20_000_000 + i)}`)).id);
    await queue(ids.map((id, i) => reminder(id, i + 1)));
    for (let i = 0; i < 5; i++) {
      t.clock.advance(10_000);
      await t.core.messages.worker.drain();
    }
    expect(gateway.requests).toHaveLength(2);
    const waiting = (await rows()).find((r) => r.status === 'queued')!;
    expect(waiting.notBefore).toBe('2026-12-04T17:00:00.000Z'); // 5 December 00:00 WIB
    // 5 December, 07:00 WIB: the new day and the end of the customers' quiet hours.
    t.clock.set('2026-12-05T00:00:01Z');
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(3);
  });

  it('holds billing messages during the customers\' quiet hours and sends outage notices at once', async () => {
    t.clock.set('2026-12-04T15:00:00Z'); // 22:00 WIB
    const siti = await customer('Siti Rahayu', '081211112222');
    await queue([reminder(siti.id), { event: 'outageStarted', customerId: siti.id, cause: 'outage:1', params: { area: 'POP Cibinong', since: { clock: '2026-12-04T14:55:00Z' } } }]);
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(1);
    expect((JSON.parse(gateway.requests[0]!.body) as { text: string }).text).toContain('gangguan jaringan di area POP Cibinong sejak 21.55');
    const held = (await rows()).find((r) => r.status === 'queued')!;
    expect(held.notBefore).toBe('2026-12-05T00:00:00.000Z'); // 07:00 WIB
    t.clock.set('2026-12-05T00:00:00Z');
    await t.core.messages.worker.drain();
    expect(gateway.requests).toHaveLength(2);
  });

  it('queues again what a dead process left being sent', async () => {
    const siti = await customer('Siti Rahayu', '081211112222');
    await queue([reminder(siti.id)]);
    await t.core.db.write((em) => em.query(`UPDATE outbox SET status = 'sending', attempts = 1`));
    await t.core.messages.worker.start();
    expect((await rows())[0]).toMatchObject({ status: 'queued', attempts: 1 });
    await t.core.messages.worker.drain();
    await t.core.messages.worker.stop();
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(gateway.requests).toHaveLength(1);
  });
});
