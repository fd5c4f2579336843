// The channel adapters behind the sender port, one per channel, sharing the timeout and the clock.
import type { Channel } from '../../../../shared/contract';
import { systemClock, type Clock } from '../../clock';
import type { ChannelSender } from '../port';
import { EmailSender } from './email';
import { DEFAULT_TIMEOUT_MS } from './http';
import { TelegramSender } from './telegram';
import { WhatsappSender } from './whatsapp';

export interface SenderOptions {
  /** How long one attempt may take (connect, send, answer); 15 s unless a test is in a hurry. */
  timeoutMs?: number;
  /** Only to measure an HTTP-date Retry-After when the reply has no Date header of its own. */
  clock?: Clock;
}

export function createSenders(options: SenderOptions = {}): Record<Channel, ChannelSender> {
  const http = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, clock: options.clock ?? systemClock };
  return {
    whatsapp: new WhatsappSender(http),
    email: new EmailSender({ timeoutMs: http.timeoutMs }),
    telegram: new TelegramSender(http),
  };
}
