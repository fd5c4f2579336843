// The one HTTP call the chat gateways share: fetch with a timeout, and the rules for what a reply means (sent, try
// again later, or give up), so WhatsApp gateways and the Bot API judge status codes the same way.
import type { Clock } from '../../clock';
import { clip, type SendOutcome } from '../port';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpOptions {
  timeoutMs: number;
  clock: Clock;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
}

export type Failure = Extract<SendOutcome, { ok: false }>;

/**
 * One request, given up after `timeoutMs` or when the caller aborts. A network error or a timeout becomes a retryable
 * failure whose answer is the error's code (ECONNREFUSED, ETIMEDOUT…), never the address: it may hold a token.
 */
export async function httpRequest(request: HttpRequest, signal: AbortSignal, options: HttpOptions): Promise<HttpReply | Failure> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      signal: AbortSignal.any([signal, timeout]),
      redirect: 'manual',
    });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    const code = signal.aborted ? 'ABORTED' : timeout.aborted ? 'ETIMEDOUT' : networkCode(error);
    return { ok: false, retry: true, retryAfterMs: null, answer: code };
  }
}

export function isFailure(result: HttpReply | Failure): result is Failure {
  return 'ok' in result;
}

/** `HTTP <status> <body>`, clipped to what the outbox keeps. */
export function answerOf(reply: HttpReply): string {
  const body = reply.body.trim();
  return clip(body === '' ? `HTTP ${reply.status}` : `HTTP ${reply.status} ${body}`);
}

/** 2xx is sent; 429 and 5xx can succeed later (after Retry-After when given); any other status cannot. */
export function outcomeOf(reply: HttpReply, clock: Clock): SendOutcome {
  const answer = answerOf(reply);
  if (reply.status >= 200 && reply.status < 300) return { ok: true, answer };
  const retry = reply.status === 429 || reply.status >= 500;
  return { ok: false, retry, retryAfterMs: retry ? retryAfterMs(reply.headers, clock) : null, answer };
}

/**
 * Retry-After as seconds or as an HTTP date. A date is measured against the reply's own Date header when it has one,
 * so a gateway whose clock is off still gets the wait it asked for.
 */
export function retryAfterMs(headers: Headers, clock: Clock): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  const serverNow = Date.parse(headers.get('date') ?? '');
  const now = Number.isNaN(serverNow) ? clock.now().getTime() : serverNow;
  return Math.max(0, at - now);
}

/** Replaces every occurrence of the secret in a text meant for the outbox or a screen. */
export function redact(text: string, secret: string | null): string {
  return secret ? text.split(secret).join('[secret]') : text;
}

function networkCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'ERROR';
}
