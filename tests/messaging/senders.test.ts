// The channel adapters against real servers on loopback: the exact requests each WhatsApp preset and the Bot API make,
// what each reply means (sent, retry later, give up), timeouts, and e-mail through a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { CHANNEL_DEFAULTS, type ChannelWithSecret } from '../../src/main/core/messaging/channels';
import { ANSWER_LIMIT, type OutgoingMessage } from '../../src/main/core/messaging/port';
import { createSenders } from '../../src/main/core/messaging/senders';
import type { EmailConfig, TelegramConfig, WhatsappConfig } from '../../src/shared/contract';
import { closedPort, startGateway, startSmtp, type Gateway } from './loopback';

const TOKEN = 'tok-7f3a9c-SECRET';
const senders = createSenders({ timeoutMs: 5000, clock: new FakeClock('2026-12-05T03:00:00Z') });
/** For the gateways that never answer: a short timeout keeps the file fast. */
const hasty = createSenders({ timeoutMs: 300 });
const never = new AbortController().signal;

function whatsapp(config: Partial<WhatsappConfig>, secret: string | null = TOKEN): ChannelWithSecret {
  const defaults = CHANNEL_DEFAULTS.whatsapp;
  return { ...defaults, enabled: true, config: { ...defaults.config, ...config }, secretSet: secret !== null, updatedAt: null, secret };
}

function telegram(config: Partial<TelegramConfig>, secret: string | null = TOKEN): ChannelWithSecret {
  const defaults = CHANNEL_DEFAULTS.telegram;
  return { ...defaults, enabled: true, config: { ...defaults.config, ...config }, secretSet: secret !== null, updatedAt: null, secret };
}

function email(config: Partial<EmailConfig>, secret: string | null = null): ChannelWithSecret {
  const defaults = CHANNEL_DEFAULTS.email;
  return { ...defaults, enabled: true, config: { ...defaults.config, ...config }, secretSet: secret !== null, updatedAt: null, secret };
}

const chat = (to: string, text: string): OutgoingMessage => ({ to, subject: null, text, attachments: [] });

const TRICKY = 'Halo "Budi" \\ tagihan Rp 150.000\nbaris dua & 100% {{text}} 😀🇮🇩';

describe('WhatsApp gateways', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
  });
  const last = () => gateway.requests.at(-1)!;

  it('posts a Fonnte form with the token as Authorization, target and message', async () => {
    gateway.script({ status: 200, body: '{"detail":"success! message in queue","id":["80367170"],"process":"pending","status":true,"target":["6281234567890"]}' });
    const outcome = await senders.whatsapp.send(chat('6281234567890', TRICKY), whatsapp({ preset: 'fonnte', url: `${gateway.url}/send` }), never);
    expect(outcome).toEqual({ ok: true, answer: expect.stringMatching(/^HTTP 200 \{"detail":"success/) });
    const req = last();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/send');
    expect(req.headers['authorization']).toBe(TOKEN);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ target: '6281234567890', message: TRICKY });
  });

  it("treats Fonnte's 200 with status:false as a failure, retried only for a rate limit", async () => {
    const channel = whatsapp({ preset: 'fonnte', url: `${gateway.url}/send` });
    gateway.script({ status: 200, body: '{"reason":"invalid token","status":false}' }, { status: 200, body: '{"reason":"rate limit exceeded","status":false}' });
    expect(await senders.whatsapp.send(chat('6281234567890', 'x'), channel, never)).toEqual({
      ok: false, retry: false, retryAfterMs: null, answer: 'HTTP 200 {"reason":"invalid token","status":false}',
    });
    expect(await senders.whatsapp.send(chat('6281234567890', 'x'), channel, never)).toMatchObject({ ok: false, retry: true });
  });

  it('posts WAHA JSON to /api/sendText with X-Api-Key, the chat id and the session', async () => {
    const outcome = await senders.whatsapp.send(chat('6281234567890', TRICKY), whatsapp({ preset: 'waha', url: `${gateway.url}/`, session: 'noc' }), never);
    expect(outcome.ok).toBe(true);
    const req = last();
    expect([req.method, req.path]).toEqual(['POST', '/api/sendText']);
    expect(req.headers['x-api-key']).toBe(TOKEN);
    expect(req.headers['authorization']).toBeUndefined();
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ chatId: '6281234567890@c.us', text: TRICKY, session: 'noc' });
  });

  it('fills a generic JSON template with the text JSON-escaped (quotes, newlines, emoji arrive intact) and the token in a header', async () => {
    const channel = whatsapp({
      preset: 'generic', method: 'POST', url: `${gateway.url}/v1/messages`, contentType: 'json',
      headers: { Authorization: 'Bearer {{token}}', 'X-Client': 'nocman' },
      bodyTemplate: '{"to":"{{phone}}","body":"{{text}}","key":"{{ token }}"}',
    });
    expect((await senders.whatsapp.send(chat('6281234567890', TRICKY), channel, never)).ok).toBe(true);
    const req = last();
    expect([req.method, req.path]).toEqual(['POST', '/v1/messages']);
    expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['x-client']).toBe('nocman');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ to: '6281234567890', body: TRICKY, key: TOKEN });
  });

  it('fills a generic form template URL-encoded, and a GET template in the address', async () => {
    const form = whatsapp({ preset: 'generic', method: 'POST', url: `${gateway.url}/send`, contentType: 'form', headers: {}, bodyTemplate: 'phone={{phone}}&msg={{text}}' });
    await senders.whatsapp.send(chat('6281234567890', TRICKY), form, never);
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(last().body))).toEqual({ phone: '6281234567890', msg: TRICKY });

    const get = whatsapp({ preset: 'generic', method: 'GET', url: `${gateway.url}/send?key={{token}}&to={{phone}}&text={{text}}`, headers: {} });
    await senders.whatsapp.send(chat('6281234567890', TRICKY), get, never);
    const url = new URL(last().path, gateway.url);
    expect(last().method).toBe('GET');
    expect(last().body).toBe('');
    expect(Object.fromEntries(url.searchParams)).toEqual({ key: TOKEN, to: '6281234567890', text: TRICKY });
  });

  it('blanks the token when a gateway echoes it back', async () => {
    gateway.script({ status: 401, body: `{"error":"token ${TOKEN} is not valid"}` });
    const outcome = await senders.whatsapp.send(chat('6281234567890', 'x'), whatsapp({ preset: 'waha', url: gateway.url }), never);
    expect(outcome).toEqual({ ok: false, retry: false, retryAfterMs: null, answer: 'HTTP 401 {"error":"token [secret] is not valid"}' });
  });

  it('retries 429 after Retry-After (seconds or an HTTP date against the reply Date) and 5xx; other 4xx are final', async () => {
    const channel = whatsapp({ preset: 'waha', url: gateway.url });
    gateway.script(
      { status: 429, headers: { 'Retry-After': '30' }, body: 'slow down' },
      { status: 429, headers: { 'Retry-After': 'Sat, 05 Dec 2026 08:02:00 GMT', Date: 'Sat, 05 Dec 2026 08:00:00 GMT' } },
      { status: 503, body: 'maintenance' },
      { status: 404, body: 'no such session' },
      { status: 200, body: 'x'.repeat(3000) },
    );
    const send = () => senders.whatsapp.send(chat('6281234567890', 'x'), channel, never);
    expect(await send()).toEqual({ ok: false, retry: true, retryAfterMs: 30_000, answer: 'HTTP 429 slow down' });
    expect(await send()).toEqual({ ok: false, retry: true, retryAfterMs: 120_000, answer: 'HTTP 429' });
    expect(await send()).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'HTTP 503 maintenance' });
    expect(await send()).toEqual({ ok: false, retry: false, retryAfterMs: null, answer: 'HTTP 404 no such session' });
    const long = await send();
    expect(long.ok).toBe(true);
    expect(long.answer).toHaveLength(ANSWER_LIMIT);
  });

  it('gives up on a gateway that does not answer within the timeout, as a retry', async () => {
    gateway.script({ hang: true });
    const started = performance.now();
    const outcome = await hasty.whatsapp.send(chat('6281234567890', 'x'), whatsapp({ preset: 'fonnte', url: `${gateway.url}/send` }), never);
    expect(outcome).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'ETIMEDOUT' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops when the caller aborts, as a retry', async () => {
    gateway.script({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await senders.whatsapp.send(chat('6281234567890', 'x'), whatsapp({ preset: 'fonnte', url: `${gateway.url}/send` }), controller.signal);
    expect(outcome).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'ABORTED' });
  });

  it('retries when nothing listens at the gateway address', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const outcome = await senders.whatsapp.send(chat('6281234567890', 'x'), whatsapp({ preset: 'waha', url }), never);
    expect(outcome).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'ECONNREFUSED' });
  });
});

describe('Telegram Bot API', () => {
  let api: Gateway;
  beforeAll(async () => {
    api = await startGateway();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('posts sendMessage with chat_id and text to /bot<token>/', async () => {
    api.script({ status: 200, body: '{"ok":true,"result":{"message_id":42}}' });
    const outcome = await senders.telegram.send(chat('-1001234567890', TRICKY), telegram({ apiBase: api.url }), never);
    expect(outcome).toEqual({ ok: true, answer: 'HTTP 200 {"ok":true,"result":{"message_id":42}}' });
    const req = api.requests.at(-1)!;
    expect([req.method, req.path]).toEqual(['POST', `/bot${TOKEN}/sendMessage`]);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ chat_id: '-1001234567890', text: TRICKY });
  });

  it("waits Telegram's retry_after on 429, retries 5xx, and gives up on 401 without showing the token", async () => {
    api.script(
      { status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}' },
      { status: 502, body: 'Bad Gateway' },
      { status: 401, body: '{"ok":false,"error_code":401,"description":"Unauthorized"}' },
      { status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' },
    );
    const send = () => senders.telegram.send(chat('-100', 'x'), telegram({ apiBase: `${api.url}/` }), never);
    expect(await send()).toMatchObject({ ok: false, retry: true, retryAfterMs: 7000 });
    expect(await send()).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'HTTP 502 Bad Gateway' });
    const unauthorized = await send();
    expect(unauthorized).toEqual({ ok: false, retry: false, retryAfterMs: null, answer: 'HTTP 401 {"ok":false,"error_code":401,"description":"Unauthorized"}' });
    expect(await send()).toMatchObject({ ok: false, retry: false, answer: expect.stringContaining('chat not found') });
    for (const request of api.requests.slice(-4)) expect(request.path).toBe(`/bot${TOKEN}/sendMessage`);
  });

  it('keeps the token out of the answer when the Bot API cannot be reached, does not answer, or echoes the address', async () => {
    const down = await senders.telegram.send(chat('-100', 'x'), telegram({ apiBase: `http://127.0.0.1:${await closedPort()}` }), never);
    expect(down).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'ECONNREFUSED' });
    api.script({ hang: true });
    const hung = await hasty.telegram.send(chat('-100', 'x'), telegram({ apiBase: api.url }), never);
    expect(hung).toEqual({ ok: false, retry: true, retryAfterMs: null, answer: 'ETIMEDOUT' });
    // A proxy in front of a local Bot API server that names the path it could not find.
    api.script({ status: 404, body: `Cannot POST /bot${TOKEN}/sendMessage` });
    const echoed = await senders.telegram.send(chat('-100', 'x'), telegram({ apiBase: api.url }), never);
    expect(echoed).toEqual({ ok: false, retry: false, retryAfterMs: null, answer: 'HTTP 404 Cannot POST /bot[secret]/sendMessage' });
  });
});

describe('E-mail over SMTP', () => {
  // Every byte value, behind a PDF header, so any re-encoding shows.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);
  const invoiceMail: OutgoingMessage = {
    to: 'budi@pelanggan.test',
    subject: 'Tagihan INV-2026-0042 — Rp 150.000',
    text: 'Halo Budi,\ntagihan Anda terlampir. 😀',
    attachments: [{ fileName: 'INV-2026-0042.pdf', contentType: 'application/pdf', content: pdf }],
  };

  it('delivers subject, text and the PDF attachment byte for byte', async () => {
    const smtp = await startSmtp();
    try {
      const outcome = await senders.email.send(invoiceMail, email({ host: '127.0.0.1', port: smtp.port, security: 'none', from: 'noc@isp.test' }), never);
      expect(outcome).toEqual({ ok: true, answer: expect.stringMatching(/^250 /) });
      expect(smtp.messages).toHaveLength(1);
      const { mail, from, to, user } = smtp.messages[0]!;
      expect([from, to, user]).toEqual(['noc@isp.test', ['budi@pelanggan.test'], null]);
      expect(mail.subject).toBe(invoiceMail.subject);
      expect(mail.text?.trimEnd()).toBe(invoiceMail.text);
      expect(mail.attachments).toHaveLength(1);
      const attachment = mail.attachments[0]!;
      expect(attachment.filename).toBe('INV-2026-0042.pdf');
      expect(attachment.contentType).toBe('application/pdf');
      expect(attachment.content.equals(pdf)).toBe(true);
    } finally {
      await smtp.stop();
    }
  });

  it('signs in with the user and the secret as password; a wrong password is final and not shown', async () => {
    const smtp = await startSmtp({ user: 'noc@isp.test', password: 'pa55-SMTP-secret' });
    try {
      const config = { host: '127.0.0.1', port: smtp.port, security: 'none' as const, user: 'noc@isp.test', from: 'noc@isp.test' };
      expect((await senders.email.send(invoiceMail, email(config, 'pa55-SMTP-secret'), never)).ok).toBe(true);
      expect(smtp.messages.map((m) => m.user)).toEqual(['noc@isp.test']);

      const wrong = await senders.email.send(invoiceMail, email(config, 'wrong-password-xyz'), never);
      expect(wrong).toMatchObject({ ok: false, retry: false, answer: expect.stringMatching(/^535 /) });
      expect(wrong.answer).not.toContain('wrong-password-xyz');
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it('gives up on a 550 rejection, and retries when the server is down', async () => {
    const smtp = await startSmtp({ reject: ['nobody@pelanggan.test'] });
    try {
      const config = { host: '127.0.0.1', port: smtp.port, security: 'none' as const, from: 'noc@isp.test' };
      const rejected = await senders.email.send({ ...invoiceMail, to: 'nobody@pelanggan.test' }, email(config), never);
      expect(rejected).toEqual({ ok: false, retry: false, retryAfterMs: null, answer: expect.stringMatching(/^550 .*No such user/) });
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
    const down = await senders.email.send(invoiceMail, email({ host: '127.0.0.1', port: await closedPort(), security: 'none', from: 'noc@isp.test' }), never);
    expect(down).toMatchObject({ ok: false, retry: true, retryAfterMs: null, answer: expect.stringContaining('ECONNREFUSED') });
  });
});
