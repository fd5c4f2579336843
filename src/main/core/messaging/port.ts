// The one small port every channel adapter implements (like the Pinger and SnmpClient ports): send one message with
// the channel's settings and secret, and say what the other side answered and whether trying again can help.
import type { ChannelWithSecret } from './channels';

export interface Attachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMessage {
  /** `62…` phone (WhatsApp), e-mail address, or Telegram chat id. */
  to: string;
  /** E-mail only. */
  subject: string | null;
  text: string;
  attachments: Attachment[];
}

export type SendOutcome =
  /** Accepted by the gateway / SMTP server / Bot API; `answer` is what it said (status and body). */
  | { ok: true; answer: string }
  /**
   * Not sent. `retry`: a later attempt can succeed (network error, timeout, 5xx, 429, SMTP 4xx); false: it cannot
   * (bad token, number not on WhatsApp, 4xx, SMTP 5xx) and the message fails at once. `retryAfterMs` from the
   * server's Retry-After or Telegram's `retry_after`, when it gave one.
   */
  | { ok: false; retry: boolean; retryAfterMs: number | null; answer: string };

export interface ChannelSender {
  send(message: OutgoingMessage, channel: ChannelWithSecret, signal: AbortSignal): Promise<SendOutcome>;
}

/** Answers are kept to this many characters in the outbox. */
export const ANSWER_LIMIT = 2000;

export function clip(answer: string): string {
  return answer.length > ANSWER_LIMIT ? `${answer.slice(0, ANSWER_LIMIT - 1)}…` : answer;
}
