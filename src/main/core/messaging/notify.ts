// Each user's own way of hearing about alerts: a channel (Telegram chat, WhatsApp number, e-mail), the lowest
// severity, and on-call hours. The team notifier reads these; a user changes only their own.
import type { NotifyPreference } from '../../../shared/contract';
import { emailSchema } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';
import { gatewayPhone } from '../../../shared/phone';
import type { Actor } from '../actor';
import type { AuditService } from '../audit/service';
import type { Database } from '../db/database';

interface NotifyRow {
  channel: NotifyPreference['channel'];
  address: string;
  minSeverity: NotifyPreference['minSeverity'];
  onCallStart: string | null;
  onCallEnd: string | null;
}

const SELECT = `SELECT notify_channel AS channel, notify_address AS address, notify_min_severity AS minSeverity, on_call_start AS onCallStart, on_call_end AS onCallEnd FROM "user"`;

export class NotifyService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async get(userId: number): Promise<NotifyPreference> {
    const [row] = (await this.db.dataSource.query(`${SELECT} WHERE id = ?`, [userId])) as NotifyRow[];
    if (!row) throw new AppError('NOT_FOUND', `User ${userId} not found`);
    return row;
  }

  async update(actor: Actor, userId: number, input: NotifyPreference): Promise<NotifyPreference> {
    let address = input.address.trim();
    if (input.channel === 'telegram' && !/^-?\d{1,20}$/.test(address)) throw AppError.validation('address', 'A Telegram chat id');
    if (input.channel === 'whatsapp') {
      const phone = gatewayPhone(address);
      if (!phone) throw AppError.validation('address', 'Not a mobile number WhatsApp can reach (e.g. 0812 3456 7890)');
      address = phone;
    }
    if (input.channel === 'email' && address !== '' && !emailSchema.safeParse(address).success) throw AppError.validation('address', 'Enter a valid email address');
    if ((input.onCallStart === null) !== (input.onCallEnd === null)) {
      throw AppError.validation(input.onCallStart === null ? 'onCallStart' : 'onCallEnd', 'Give both times, or neither');
    }
    const before = await this.get(userId);
    const after: NotifyPreference = { ...input, address };
    await this.db.write(async (em) => {
      await em.query(`UPDATE "user" SET notify_channel = ?, notify_address = ?, notify_min_severity = ?, on_call_start = ?, on_call_end = ? WHERE id = ?`, [
        after.channel, after.address, after.minSeverity, after.onCallStart, after.onCallEnd, userId,
      ]);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(after) as (keyof NotifyPreference)[]) if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
      await this.audit.record(em, { actor, operation: 'notify.update', entity: 'user', entityId: userId, changes: changes as never });
    });
    return this.get(userId);
  }
}
