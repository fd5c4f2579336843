// Telegram's Bot API: sendMessage to a chat. The bot token is part of the address, so the address never appears in
// an answer or an error; only the status and Telegram's own reply do.
import type { ChannelWithSecret } from '../channels';
import type { ChannelSender, OutgoingMessage, SendOutcome } from '../port';
import { httpRequest, isFailure, outcomeOf, redact, type HttpOptions } from './http';

interface BotApiError {
  ok?: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export class TelegramSender implements ChannelSender {
  constructor(private readonly options: HttpOptions) {}

  async send(message: OutgoingMessage, channel: ChannelWithSecret, signal: AbortSignal): Promise<SendOutcome> {
    if (channel.channel !== 'telegram') throw new Error(`TelegramSender given the ${channel.channel} channel`);
    const token = channel.secret ?? '';
    const result = await httpRequest(
      {
        method: 'POST',
        url: `${channel.config.apiBase.replace(/\/+$/, '')}/bot${token}/sendMessage`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ chat_id: message.to, text: message.text }),
      },
      signal,
      this.options,
    );
    const outcome = isFailure(result) ? result : outcomeOf(result, this.options.clock);
    if (!isFailure(result) && !outcome.ok && result.status === 429) {
      // The Bot API says how long to wait in the body; the header is the fallback.
      const retryAfter = parseBody(result.body)?.parameters?.retry_after;
      if (typeof retryAfter === 'number' && retryAfter >= 0) outcome.retryAfterMs = retryAfter * 1000;
    }
    return { ...outcome, answer: redact(outcome.answer, token) };
  }
}

function parseBody(body: string): BotApiError | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as BotApiError) : null;
  } catch {
    return null;
  }
}
