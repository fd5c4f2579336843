// Messages, composed: channels, templates, the composer the billing and monitoring code queue through, the outbox
// screens' service, the worker that sends, and the team notifier.
import type { Channel, Settings } from '../../../shared/contract';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { EventBus } from '../events';
import type { SecretBox } from '../radius/keys';
import type { SettingsService } from '../settings/service';
import { ChannelsService } from './channels';
import { MessageComposer } from './compose';
import { NotifyService } from './notify';
import { OutboxService } from './outbox';
import type { ChannelSender } from './port';
import { TeamNotifier } from './team';
import { TemplatesService } from './templates';
import { OutboxWorker, type AttachmentSource } from './worker';

export interface Messaging {
  channels: ChannelsService;
  templates: TemplatesService;
  composer: MessageComposer;
  outbox: OutboxService;
  worker: OutboxWorker;
  notify: NotifyService;
  team: TeamNotifier;
  senders: Record<Channel, ChannelSender>;
}

export function createMessaging(deps: {
  db: Database;
  box: SecretBox;
  audit: AuditService;
  events: EventBus;
  settings: SettingsService;
  clock: Clock;
  senders: Record<Channel, ChannelSender>;
  attachments: AttachmentSource;
}): Messaging {
  const settings = (): Promise<Settings> => deps.settings.get();
  const channels = new ChannelsService(deps.db, deps.box, deps.audit, deps.clock);
  const templates = new TemplatesService(deps.db, deps.audit, deps.clock);
  const composer = new MessageComposer(channels, templates, settings, () => deps.clock.now());
  const outbox = new OutboxService(deps.db, deps.settings, deps.audit, deps.events, deps.clock);
  const worker = new OutboxWorker(deps.db, channels, deps.senders, settings, outbox, deps.clock, deps.attachments);
  const notify = new NotifyService(deps.db, deps.audit);
  const team = new TeamNotifier(deps.db, channels, composer, outbox, deps.settings, deps.events, deps.clock);
  return { channels, templates, composer, outbox, worker, notify, team, senders: deps.senders };
}
