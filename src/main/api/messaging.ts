// Handlers of the messages domain: the outbox, the channels (with the test send), the templates, and each user's
// own alert channel.
import { CHANNEL_CONFIG_SCHEMAS } from '../../shared/contract';
import { emailSchema } from '../../shared/contract/define';
import { AppError } from '../../shared/errors';
import { gatewayPhone } from '../../shared/phone';
import { actorOf } from '../core/auth/service';
import { previewParams } from '../core/messaging/preview';
import { placeholdersIn } from '../core/messaging/templates';
import { TEMPLATE_PLACEHOLDERS } from '../../shared/contract';
import { readerLanguage } from './language';
import type { HandlersOf } from './types';

export const outboxHandlers: HandlersOf<'outbox'> = {
  'outbox.list': (input, { core }) => core.messages.outbox.list(input),
  'outbox.stats': (_input, { core }) => core.messages.outbox.stats(),
  'outbox.resend': (input, { core, user }) => core.messages.outbox.resend(actorOf(user), input.id),
  'outbox.cancel': (input, { core, user }) => core.messages.outbox.cancel(actorOf(user), input.id),
};

export const channelsHandlers: HandlersOf<'channels'> = {
  'channels.list': (_input, { core }) => core.messages.channels.list(),
  'channels.update': (input, { core, user }) => core.messages.channels.update(actorOf(user), input),
  'channels.test': async (input, { core, user }) => {
    const channel = await core.messages.channels.get(input.channel);
    // The test uses the saved settings: a channel never saved has only defaults (a public gateway, no token).
    if (channel.updatedAt === null) throw AppError.validation('channel', 'Save the channel first');
    CHANNEL_CONFIG_SCHEMAS[input.channel].parse(channel.config);
    let to = input.to;
    if (input.channel === 'whatsapp') {
      const phone = gatewayPhone(input.to);
      if (!phone) throw AppError.validation('to', 'Not a mobile number WhatsApp can reach (e.g. 0812 3456 7890)');
      to = phone;
    } else if (input.channel === 'email') {
      if (!emailSchema.safeParse(input.to).success) throw AppError.validation('to', 'Enter a valid email address');
    } else if (!/^-?\d{1,20}$/.test(input.to)) {
      throw AppError.validation('to', 'A Telegram chat id');
    }
    const settings = await core.settings.get();
    const language = readerLanguage(undefined, user, settings);
    const company = settings.companyName || 'NOCman';
    const text = language === 'id' ? `Pesan uji dari ${company} (NOCman): saluran ini berfungsi.` : `Test message from ${company} (NOCman): this channel works.`;
    const started = performance.now();
    const outcome = await core.messages.senders[input.channel].send({ to, subject: text, text, attachments: [] }, channel, AbortSignal.timeout(30_000));
    return { ok: outcome.ok, answer: outcome.answer, durationMs: Math.round(performance.now() - started) };
  },
};

export const templatesHandlers: HandlersOf<'templates'> = {
  'templates.list': (_input, { core }) => core.messages.templates.list(),
  'templates.update': (input, { core, user }) => core.messages.templates.update(actorOf(user), input.event, input.language, input.subject, input.text),
  'templates.reset': (input, { core, user }) => core.messages.templates.reset(actorOf(user), input.event, input.language),
  'templates.preview': async (input, { core }) => {
    const saved = await core.messages.templates.get(input.event, input.language);
    const subject = input.subject ?? saved.subject;
    const text = input.text ?? saved.text;
    const params = await previewParams(core.db, input.event, input.language, input.customerId, core.clock.now());
    const settings = await core.settings.get();
    const rendered = await core.messages.composer.renderText({ subject, text }, input.language, params, settings);
    const allowed = TEMPLATE_PLACEHOLDERS[input.event];
    const unknown = [...placeholdersIn(subject), ...placeholdersIn(text)].filter((name) => !allowed.includes(name));
    return { ...rendered, unknown: [...new Set(unknown)] };
  },
};

export const notifyHandlers: HandlersOf<'notify'> = {
  'notify.get': (_input, { core, user }) => core.messages.notify.get(user.id),
  'notify.update': (input, { core, user }) => core.messages.notify.update(actorOf(user), user.id, input),
};
