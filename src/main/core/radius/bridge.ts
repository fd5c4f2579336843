// The RADIUS bridge FreeRADIUS's rlm_rest calls: authorize (one indexed lookup, then the rules), authenticate (PAP
// through NOCman), accounting (sessions and usage) and post-auth (accepts and rejects as FreeRADIUS decided them).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RadiusReply, RadiusRequest, RejectReason } from '../../../shared/contract';
import { dateInZone } from '../../../shared/dates';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { SettingsService } from '../settings/service';
import { applyAccounting } from './accounting';
import { acctStatus, allText, callingMac, nasAddress, octets, text, whole } from './attributes';
import type { WriteBatcher } from './batch';
import { passwordContext } from './credentials';
import type { RadiusJournal } from './journal';
import type { SecretBox } from './keys';
import { decideAccess, rejectReply, type AccessRow } from './rules';

const LOOKUP = `SELECT rc.subscription_id AS subscriptionId, s.customer_id AS customerId, rc.username, rc.password_enc AS passwordEnc,
  rc.service_type AS serviceType, rc.static_ip AS staticIp, rc.mac_binding AS macBinding, s.status, s.deleted_at IS NOT NULL AS deleted,
  s.start_date AS startDate, s.current_period_end AS periodEnd, c.status AS customerStatus, c.deleted_at IS NOT NULL AS customerDeleted,
  p.download_mbps AS downloadMbps, p.upload_mbps AS uploadMbps, p.burst_up_mbps AS burstUpMbps, p.burst_down_mbps AS burstDownMbps,
  p.burst_threshold_mbps AS burstThresholdMbps, p.burst_time_sec AS burstTimeSec
  FROM radius_credential rc JOIN subscription s ON s.id = rc.subscription_id JOIN customer c ON c.id = s.customer_id JOIN plan p ON p.id = s.plan_id
  WHERE rc.username = ?`;

type LookupRow = Omit<AccessRow, 'deleted' | 'customerDeleted'> & { passwordEnc: string; deleted: number; customerDeleted: number };

const ACCEPTED_NOTHING: RadiusReply = { status: 204, attributes: {} };

/** What FreeRADIUS's messages say about why it rejected: a wrong password, or something else. */
function reasonOf(message: string | null): RejectReason {
  return message !== null && /password|incorrect|comparison failed|MS-CHAP2-Response/i.test(message) ? 'bad_password' : 'rejected';
}

export class RadiusBridge {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly settings: SettingsService,
    private readonly batcher: WriteBatcher,
    private readonly journal: RadiusJournal,
    private readonly clock: Clock,
  ) {}

  private async lookup(username: string): Promise<(AccessRow & { passwordEnc: string }) | null> {
    const [row] = (await this.db.dataSource.query(LOOKUP, [username])) as LookupRow[];
    return row ? { ...row, deleted: Boolean(row.deleted), customerDeleted: Boolean(row.customerDeleted) } : null;
  }

  private async refuse(request: RadiusRequest, reason: RejectReason, row: AccessRow | null, message: string | null = null): Promise<RadiusReply> {
    await this.journal.reject({
      username: text(request, 'User-Name') ?? '',
      nasAddress: nasAddress(request),
      mac: callingMac(request) ?? text(request, 'Calling-Station-Id'),
      reason,
      message,
      subscriptionId: row?.subscriptionId ?? null,
      customerId: row?.customerId ?? null,
    });
    return { status: 401, attributes: rejectReply(reason) };
  }

  async authorize(request: RadiusRequest): Promise<RadiusReply> {
    const username = text(request, 'User-Name');
    if (!username) return this.refuse(request, 'unknown_user', null);
    const [row, settings] = await Promise.all([this.lookup(username), this.settings.get()]);
    const now = this.clock.now();
    const decision = decideAccess(row, () => this.box.open(row!.passwordEnc, passwordContext(row!.subscriptionId)), {
      now,
      timeZone: settings.timeZone,
      today: dateInZone(now, settings.timeZone),
      isolirAddressList: settings.radiusIsolirAddressList,
      isolirRateLimit: settings.radiusIsolirRateLimit,
      interimIntervalSec: settings.radiusInterimIntervalSec,
      mac: callingMac(request),
      framedProtocol: text(request, 'Framed-Protocol'),
      serviceType: text(request, 'Service-Type'),
    });
    if (decision.kind === 'reject') return this.refuse(request, decision.reason, row);
    return { status: 200, attributes: decision.reply };
  }

  /** PAP checked by NOCman (only when FreeRADIUS is told Auth-Type rest): the rules first, then the password. */
  async authenticate(request: RadiusRequest): Promise<RadiusReply> {
    const authorized = await this.authorize(request);
    if (authorized.status !== 200) return authorized;
    const expected = String(authorized.attributes['control:Cleartext-Password'] ?? '');
    const given = text(request, 'User-Password') ?? '';
    const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
    if (given === '' || !timingSafeEqual(digest(expected), digest(given))) {
      return this.refuse(request, 'bad_password', await this.lookup(text(request, 'User-Name') ?? ''));
    }
    return ACCEPTED_NOTHING;
  }

  async accounting(request: RadiusRequest): Promise<RadiusReply> {
    const status = acctStatus(request);
    const nas = nasAddress(request);
    // Records NOCman does not keep (tunnel accounting, no NAS) are acknowledged, or the NAS would resend them forever.
    if (status === null || nas === null) return ACCEPTED_NOTHING;
    const { timeZone } = await this.settings.get();
    const at = new Date(this.clock.now().getTime() - (whole(request, 'Acct-Delay-Time') ?? 0) * 1000);
    const record = {
      status,
      nasAddress: nas,
      acctSessionId: text(request, 'Acct-Session-Id'),
      username: text(request, 'User-Name'),
      framedIp: text(request, 'Framed-IP-Address'),
      mac: callingMac(request),
      inputBytes: octets(request, 'Input'),
      outputBytes: octets(request, 'Output'),
      sessionTimeSec: whole(request, 'Acct-Session-Time'),
      terminateCause: text(request, 'Acct-Terminate-Cause'),
      at,
    };
    // Answered only once stored: FreeRADIUS then acknowledges the NAS, which otherwise sends the record again.
    await this.batcher.enqueue((em) => applyAccounting(em, record, timeZone));
    // A session that starts is a sign-in that succeeded (FreeRADIUS does not report accepts in post-auth).
    if (record.status === 'start' && record.username) await this.journal.accepted(record.username);
    return ACCEPTED_NOTHING;
  }

  async postAuth(request: RadiusRequest): Promise<RadiusReply> {
    const username = text(request, 'User-Name');
    if (!username) return ACCEPTED_NOTHING;
    if (text(request, 'Post-Auth-Type')?.toLowerCase() !== 'reject') {
      await this.journal.accepted(username);
      return ACCEPTED_NOTHING;
    }
    // The bridge's own rejects are already logged with their reason; the others are FreeRADIUS's (a wrong password).
    if (this.journal.rejectedJustNow(username, nasAddress(request))) return ACCEPTED_NOTHING;
    const message = allText(request, 'Module-Failure-Message');
    const row = await this.lookup(username);
    await this.refuse(request, reasonOf(message), row, message);
    return ACCEPTED_NOTHING;
  }
}
