// E-mail over SMTP with nodemailer: one connection per message (a few a minute at most), invoices and receipts as PDF
// attachments. The answer is the server's own reply line; a 5xx reply is final, a 4xx or a lost connection is not.
import nodemailer from 'nodemailer';
import type { ChannelWithSecret } from '../channels';
import { clip, type ChannelSender, type OutgoingMessage, type SendOutcome } from '../port';
import { redact } from './http';

interface SmtpError {
  code?: string;
  response?: string;
  responseCode?: number;
  message?: string;
}

export class EmailSender implements ChannelSender {
  constructor(private readonly options: { timeoutMs: number }) {}

  async send(message: OutgoingMessage, channel: ChannelWithSecret, signal: AbortSignal): Promise<SendOutcome> {
    if (channel.channel !== 'email') throw new Error(`EmailSender given the ${channel.channel} channel`);
    const { config, secret } = channel;
    if (signal.aborted) return { ok: false, retry: true, retryAfterMs: null, answer: 'ABORTED' };
    const timeout = this.options.timeoutMs;
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      auth: config.user ? { user: config.user, pass: secret ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
      logger: false,
      debug: false,
    });
    let onAbort = (): void => {};
    const aborted = new Promise<SendOutcome>((resolve) => {
      onAbort = () => resolve({ ok: false, retry: true, retryAfterMs: null, answer: 'ABORTED' });
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const sent = transport
      .sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.text,
        attachments: message.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.content })),
      })
      .then(
        (info): SendOutcome => ({ ok: true, answer: clip(redact(String(info.response ?? ''), secret)) }),
        (error: SmtpError): SendOutcome => failure(error, secret),
      );
    try {
      return await Promise.race([sent, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
      transport.close();
    }
  }
}

/** nodemailer's own refusals that no later attempt changes: no address, a bad message, no credentials, a TLS failure. */
const FINAL_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH', 'ETLS', 'ECONFIG']);

/**
 * A reply code of 500 or more is the server's final no, a 4xx may pass later; without a reply, a lost connection or a
 * timeout may pass later and nodemailer's own refusals do not.
 */
function failure(error: SmtpError, secret: string | null): SendOutcome {
  const code = typeof error.responseCode === 'number' ? error.responseCode : null;
  const retry = code !== null ? code < 500 : !FINAL_CODES.has(error.code ?? '');
  const answer = error.response ? error.response : [error.code, error.message].filter(Boolean).join(' ') || 'ERROR';
  return { ok: false, retry, retryAfterMs: null, answer: clip(redact(answer, secret)) };
}
