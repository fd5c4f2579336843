// The messages API over real HTTP: secrets written and never read back (API answers, audit log), config checked per
// channel with the field named, the test send answering with the gateway's own reply, templates that refuse unknown
// placeholders and preview with real data, each user's own alert channel, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';
import { startGateway, type Gateway } from '../messaging/loopback';

let t: TestServer;
let people: Staffed;
let gateway: Gateway;
const tok = { admin: '', staff: '', technician: '' };

beforeAll(async () => {
  gateway = await startGateway();
  t = await makeServer();
  people = await staff(t.core);
  for (const role of ['admin', 'staff', 'technician'] as const) tok[role] = await people.token(role);
});
afterAll(async () => {
  await t.close();
  await gateway.stop();
});

const whatsapp = (extra: Record<string, unknown> = {}) => ({
  enabled: true, ratePerMin: 20, dailyCap: 500,
  config: { preset: 'waha', url: gateway.url, session: 'default', method: 'POST', headers: {}, bodyTemplate: '', contentType: 'json' },
  ...extra,
});

describe('channels', () => {
  it('keeps the token write-only: saved, said to be set, never in an answer or the audit log', async () => {
    const saved = await t.request('PUT', '/api/channels/whatsapp', { token: tok.admin, body: whatsapp({ secret: 'sangat-rahasia-99' }) });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ channel: 'whatsapp', enabled: true, secretSet: true });
    const listed = await t.request('GET', '/api/channels', { token: tok.admin });
    expect(JSON.stringify(listed.body)).not.toContain('sangat-rahasia-99');
    expect(listed.body.find((c: { channel: string }) => c.channel === 'whatsapp')).toMatchObject({ secretSet: true });
    // Saved again without a secret: kept.
    await t.request('PUT', '/api/channels/whatsapp', { token: tok.admin, body: whatsapp({ ratePerMin: 30 }) });
    expect((await t.core.messages.channels.get('whatsapp')).secret).toBe('sangat-rahasia-99');
    const audit = (await t.core.db.dataSource.query(`SELECT changes FROM audit_log WHERE operation = 'channels.update'`)) as { changes: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.map((a) => a.changes).join()).not.toContain('sangat-rahasia-99');
    const stored = (await t.core.db.dataSource.query(`SELECT secret FROM message_channel WHERE channel = 'whatsapp'`)) as { secret: string }[];
    expect(stored[0]!.secret).not.toContain('sangat-rahasia-99');
  });

  it('refuses a config the channel cannot use, naming the field, and changes nothing', async () => {
    const before = await t.request('GET', '/api/channels', { token: tok.admin });
    const bad = await t.request('PUT', '/api/channels/whatsapp', { token: tok.admin, body: whatsapp({ config: { ...whatsapp().config, url: 'ftp://gateway' } }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'config.url' }] } });
    const rate = await t.request('PUT', '/api/channels/email', { token: tok.admin, body: { enabled: true, ratePerMin: 0, dailyCap: 10, config: { host: 'smtp.contoh.id', port: 587, security: 'starttls', user: '', from: 'a@b.id' } } });
    expect(rate.body.error.details.fields[0].field).toBe('ratePerMin');
    expect((await t.request('GET', '/api/channels', { token: tok.admin })).body).toEqual(before.body);
  });

  it("answers a test send with the gateway's own reply, and refuses a number WhatsApp cannot reach", async () => {
    gateway.script({ status: 201, headers: { 'Content-Type': 'application/json' }, body: '{"id":"true_6281234567890@c.us_ABC"}' });
    const ok = await t.request('POST', '/api/channels/whatsapp/test', { token: tok.admin, body: { to: '0812-3456-7890' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.answer).toContain('true_6281234567890@c.us_ABC');
    const request = gateway.requests.at(-1)!;
    expect(request.path).toBe('/api/sendText');
    expect(request.headers['x-api-key']).toBe('sangat-rahasia-99');
    expect(JSON.parse(request.body)).toMatchObject({ chatId: '6281234567890@c.us', session: 'default' });
    gateway.script({ status: 500, body: 'WAHA session not started' });
    const failed = await t.request('POST', '/api/channels/whatsapp/test', { token: tok.admin, body: { to: '081234567890' } });
    expect(failed.body).toMatchObject({ ok: false });
    expect(failed.body.answer).toContain('WAHA session not started');
    const landline = await t.request('POST', '/api/channels/whatsapp/test', { token: tok.admin, body: { to: '021 555 1234' } });
    expect(landline.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'to' }] } });
    const unsaved = await t.request('POST', '/api/channels/telegram/test', { token: tok.admin, body: { to: '-100123' } });
    expect(unsaved.body.error.details.fields[0].field).toBe('channel');
  });

  it('is for admins only; staff reads the outbox but not the channels', async () => {
    expect((await t.request('GET', '/api/channels', { token: tok.staff })).status).toBe(403);
    expect((await t.request('PUT', '/api/templates/invoiceIssued/id', { token: tok.staff, body: { subject: 'x', text: 'y' } })).status).toBe(403);
    expect((await t.request('GET', '/api/outbox', { token: tok.staff })).status).toBe(200);
    expect((await t.request('GET', '/api/outbox/stats', { token: tok.technician })).status).toBe(403);
  });
});

describe('templates', () => {
  it('saves an edit, refuses a placeholder the event does not have, previews with real data, and resets', async () => {
    const text = 'Halo {{customerName}}, tagihan {{invoiceNumber}} {{amount}} jatuh tempo {{dueDate}}.';
    const saved = await t.request('PUT', '/api/templates/invoiceIssued/id', { token: tok.admin, body: { subject: 'Tagihan {{invoiceNumber}}', text } });
    expect(saved.body).toMatchObject({ event: 'invoiceIssued', language: 'id', text, isDefault: false });
    const bad = await t.request('PUT', '/api/templates/invoiceIssued/id', { token: tok.admin, body: { subject: '', text: 'Halo {{outageStart}}' } });
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'text' }] } });
    expect(bad.body.error.details.fields[0].message).toContain('{{outageStart}}');
    const preview = await t.request('POST', '/api/templates/preview', { token: tok.admin, body: { event: 'invoiceIssued', language: 'id' } });
    expect(preview.body.text).toMatch(/^Halo .+, tagihan INV\/\d{4}\/\d{2}\/\d+ Rp [\d.]+ jatuh tempo \d{1,2} \w+ \d{4}\.$/);
    const unsaved = await t.request('POST', '/api/templates/preview', { token: tok.admin, body: { event: 'overdue', language: 'en', text: 'Late {{daysOverdue}} days {{foo}}' } });
    expect(unsaved.body).toMatchObject({ unknown: ['foo'] });
    expect(unsaved.body.text).toMatch(/^Late \d+ days \{\{foo\}\}$/);
    const reset = await t.request('POST', '/api/templates/invoiceIssued/id/reset', { token: tok.admin });
    expect(reset.body).toMatchObject({ isDefault: true });
    expect(reset.body.text).toContain('telah terbit');
  });
});

describe('my alert channel', () => {
  it('takes a mobile number as 62…, refuses a landline and half the on-call hours, per user', async () => {
    const saved = await t.request('PUT', '/api/me/notify', { token: tok.technician, body: { channel: 'whatsapp', address: '0812 9999 0000', minSeverity: 'warning', onCallStart: '22:00', onCallEnd: '06:00' } });
    expect(saved.body).toEqual({ channel: 'whatsapp', address: '6281299990000', minSeverity: 'warning', onCallStart: '22:00', onCallEnd: '06:00' });
    const landline = await t.request('PUT', '/api/me/notify', { token: tok.technician, body: { channel: 'whatsapp', address: '021 555 1234', minSeverity: 'critical', onCallStart: null, onCallEnd: null } });
    expect(landline.body.error.details.fields[0].field).toBe('address');
    const half = await t.request('PUT', '/api/me/notify', { token: tok.technician, body: { channel: 'telegram', address: '123456789', minSeverity: 'critical', onCallStart: '22:00', onCallEnd: null } });
    expect(half.body.error.details.fields[0].field).toBe('onCallEnd');
    expect((await t.request('GET', '/api/me/notify', { token: tok.technician })).body).toMatchObject({ channel: 'whatsapp', address: '6281299990000' });
    expect((await t.request('GET', '/api/me/notify', { token: tok.staff })).body).toMatchObject({ channel: 'none' });
  });
});
