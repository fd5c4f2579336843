// What the bridge writes besides sessions: the reject log (with its reason) and each credential's last accept or
// reject. Written through the group commit; a reject FreeRADIUS reports again in post-auth is logged once.
import type { RejectReason } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { WriteBatcher } from './batch';

export interface RejectEntry {
  username: string;
  nasAddress: string | null;
  mac: string | null;
  reason: RejectReason;
  message: string | null;
  subscriptionId: number | null;
  customerId: number | null;
}

/** A post-auth Reject this soon after the bridge's own reject of the same user and NAS is that reject, not another. */
const SAME_REJECT_MS = 10_000;
const MAX_REMEMBERED = 10_000;

export class RadiusJournal {
  private readonly recentRejects = new Map<string, number>();

  constructor(
    private readonly batcher: WriteBatcher,
    private readonly clock: Clock,
  ) {}

  private key(username: string, nasAddress: string | null): string {
    return `${username.toLowerCase()}\u0000${nasAddress ?? ''}`;
  }

  /** Whether the bridge itself rejected this user on this NAS a moment ago. */
  rejectedJustNow(username: string, nasAddress: string | null): boolean {
    const at = this.recentRejects.get(this.key(username, nasAddress));
    return at !== undefined && this.clock.now().getTime() - at < SAME_REJECT_MS;
  }

  private remember(username: string, nasAddress: string | null): void {
    const now = this.clock.now().getTime();
    if (this.recentRejects.size >= MAX_REMEMBERED) {
      for (const [key, at] of this.recentRejects) if (now - at >= SAME_REJECT_MS) this.recentRejects.delete(key);
      if (this.recentRejects.size >= MAX_REMEMBERED) this.recentRejects.clear();
    }
    this.recentRejects.set(this.key(username, nasAddress), now);
  }

  /** Logs a reject (and the credential's last result); resolves once committed. */
  async reject(entry: RejectEntry): Promise<void> {
    this.remember(entry.username, entry.nasAddress);
    const at = this.clock.now().toISOString();
    await this.batcher.enqueue(async (em) => {
      await em.query(
        `INSERT INTO radius_reject (at, username, nas_address, mac, reason, message, subscription_id, customer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [at, entry.username.slice(0, 253), entry.nasAddress, entry.mac, entry.reason, entry.message?.slice(0, 500) ?? null, entry.subscriptionId, entry.customerId],
      );
      await em.query(`UPDATE radius_credential SET last_auth_at = ?, last_auth_result = 'reject' WHERE username = ?`, [at, entry.username]);
    });
  }

  /** Records an accept FreeRADIUS reported. */
  async accepted(username: string): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.batcher.enqueue((em) => em.query(`UPDATE radius_credential SET last_auth_at = ?, last_auth_result = 'accept' WHERE username = ?`, [at, username]));
  }
}
