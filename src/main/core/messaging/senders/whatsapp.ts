// WhatsApp through an HTTP gateway: Fonnte, WAHA, or any gateway described by a request template. The token goes only
// to the gateway: it is never logged, and any echo of it in the gateway's answer is blanked.
import type { WhatsappConfig } from '../../../../shared/contract';
import type { ChannelWithSecret } from '../channels';
import type { ChannelSender, OutgoingMessage, SendOutcome } from '../port';
import { answerOf, httpRequest, isFailure, outcomeOf, redact, type HttpOptions, type HttpRequest } from './http';

export class WhatsappSender implements ChannelSender {
  constructor(private readonly options: HttpOptions) {}

  async send(message: OutgoingMessage, channel: ChannelWithSecret, signal: AbortSignal): Promise<SendOutcome> {
    if (channel.channel !== 'whatsapp') throw new Error(`WhatsappSender given the ${channel.channel} channel`);
    const { config, secret } = channel;
    const request = buildRequest(config, secret, message);
    const result = await httpRequest(request, signal, this.options);
    const outcome = isFailure(result) ? result : config.preset === 'fonnte' ? fonnteOutcome(result, this.options) : outcomeOf(result, this.options.clock);
    return { ...outcome, answer: redact(outcome.answer, secret) };
  }
}

export function buildRequest(config: WhatsappConfig, token: string | null, message: OutgoingMessage): HttpRequest {
  const phone = message.to;
  switch (config.preset) {
    case 'fonnte':
      return {
        method: 'POST',
        url: config.url,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token ? { Authorization: token } : {}) },
        body: new URLSearchParams({ target: phone, message: message.text }).toString(),
      };
    case 'waha':
      return {
        method: 'POST',
        url: `${config.url.replace(/\/+$/, '')}/api/sendText`,
        headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Api-Key': token } : {}) },
        body: JSON.stringify({ chatId: `${phone}@c.us`, text: message.text, session: config.session }),
      };
    case 'generic':
      return genericRequest(config, token ?? '', phone, message.text);
  }
}

/**
 * The generic gateway: `{{phone}}`, `{{text}}` and `{{token}}` in the body (JSON-escaped for JSON, URL-encoded for a
 * form), URL-encoded in the address (a GET gateway takes everything there), as they are in the headers.
 */
function genericRequest(config: WhatsappConfig, token: string, phone: string, text: string): HttpRequest {
  const values: Record<string, string> = { phone, text, token };
  const fill = (template: string, escape: (value: string) => string): string =>
    template.replace(/\{\{\s*(phone|text|token)\s*\}\}/g, (_, name: string) => escape(values[name]!));
  const jsonEscape = (value: string): string => JSON.stringify(value).slice(1, -1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) headers[name] = fill(value, (v) => v);
  const request: HttpRequest = { method: config.method, url: fill(config.url, encodeURIComponent), headers };
  if (config.method === 'GET') return request;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = config.contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  }
  request.body = fill(config.bodyTemplate, config.contentType === 'json' ? jsonEscape : encodeURIComponent);
  return request;
}

/**
 * Fonnte answers 200 even when it did not send: `{"status":false,"reason":"…"}`. Only a rate limit can pass with
 * time; a bad token, a number not on WhatsApp or a disconnected device needs a person.
 */
function fonnteOutcome(reply: { status: number; headers: Headers; body: string }, options: HttpOptions): SendOutcome {
  const outcome = outcomeOf(reply, options.clock);
  if (!outcome.ok) return outcome;
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.body);
  } catch {
    return outcome;
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { status?: unknown }).status !== false) return outcome;
  const reason = String((parsed as { reason?: unknown }).reason ?? '');
  return { ok: false, retry: /rate|limit/i.test(reason), retryAfterMs: null, answer: answerOf(reply) };
}
