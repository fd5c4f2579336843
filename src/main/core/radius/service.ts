// The RADIUS domain as core exposes it: credentials, the NAS list, the bridge, sessions and rejects, the follow-up on
// billing changes (CoA/Disconnect), accounting usage, and the key files. Built once by createCore.
import type { RadiusReply, RadiusRequest } from '../../../shared/contract';
import type { AuditService } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { HistoryService } from '../history/service';
import type { SettingsService } from '../settings/service';
import type { AccessHooks } from './access';
import { WriteBatcher } from './batch';
import { RadiusBridge } from './bridge';
import type { CoaSender } from './coa';
import { CredentialsService } from './credentials';
import { AccessFollowUp, type FollowUpLogger } from './followup';
import { RadiusJournal } from './journal';
import { bridgeKeyMatches, SecretBox } from './keys';
import { NasService } from './nas';
import { RadiusSessions } from './sessions';
import { RadiusUsage } from './usage';

export interface RadiusDeps {
  db: Database;
  settings: SettingsService;
  history: HistoryService;
  audit: AuditService;
  clock: Clock;
  coa: CoaSender;
  /** The bridge key FreeRADIUS sends in `X-NOCman-Bridge-Key`. */
  bridgeKey: string;
  /** The AES-256-GCM key of access passwords and NAS secrets. */
  secretKey: Buffer;
  logger?: FollowUpLogger;
}

export class RadiusService {
  readonly credentials: CredentialsService;
  readonly nas: NasService;
  readonly sessions: RadiusSessions;
  readonly followUp: AccessFollowUp;
  readonly usage: RadiusUsage;
  /** What billing calls: credentials in its transaction, access changes after it. */
  readonly hooks: AccessHooks;
  private readonly bridge: RadiusBridge;
  private readonly bridgeKey: string;
  private readonly logger: FollowUpLogger;

  constructor(deps: RadiusDeps) {
    const box = new SecretBox(deps.secretKey);
    const batcher = new WriteBatcher(deps.db);
    this.bridgeKey = deps.bridgeKey;
    this.logger = deps.logger ?? console;
    this.credentials = new CredentialsService(deps.db, box, deps.history, deps.clock);
    this.nas = new NasService(deps.db, box, deps.audit, deps.clock);
    this.sessions = new RadiusSessions(deps.db, deps.settings, deps.clock);
    this.followUp = new AccessFollowUp(deps.db, this.nas, deps.history, deps.coa, deps.logger);
    this.usage = new RadiusUsage(deps.db, deps.settings);
    this.bridge = new RadiusBridge(deps.db, box, deps.settings, batcher, new RadiusJournal(batcher, deps.clock), deps.clock);
    this.hooks = {
      provision: async (em, subscriptionIds) => {
        await this.credentials.provision(em, subscriptionIds);
      },
      changed: (change) => this.followUp.changed(change),
    };
  }

  /** The key for `nocman radius-config`; never sent over the API. */
  get bridgeKeyForConfig(): string {
    return this.bridgeKey;
  }

  /** Whether a request carries the bridge key (constant-time). */
  acceptsBridgeKey(given: string | undefined): boolean {
    return bridgeKeyMatches(this.bridgeKey, given);
  }

  authorize(request: RadiusRequest): Promise<RadiusReply> {
    return this.bridge.authorize(request);
  }

  authenticate(request: RadiusRequest): Promise<RadiusReply> {
    return this.bridge.authenticate(request);
  }

  async accounting(request: RadiusRequest): Promise<RadiusReply> {
    const reply = await this.bridge.accounting(request);
    // Housekeeping rides on the accounting traffic (at most every five minutes); its failure never fails the record.
    await this.sessions.maintain().catch((error: unknown) => this.logger.error('RADIUS housekeeping failed', error));
    return reply;
  }

  postAuth(request: RadiusRequest): Promise<RadiusReply> {
    return this.bridge.postAuth(request);
  }
}
