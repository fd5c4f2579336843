// The composition root of core: builds every service from one config. Nothing else constructs services.
import { SYSTEM_ACTOR } from './actor';
import { AlertsService } from './alerts/service';
import { BandwidthService } from './bandwidth/service';
import { NetSnmpClient } from './bandwidth/snmp';
import { AccountsService } from './billing/account';
import { BillingFollowUp } from './billing/followup';
import { InvoiceGenerator } from './billing/generate';
import { InvoicesService } from './billing/invoices';
import { PaymentsService } from './billing/payments';
import { InvoiceReminders } from './billing/reminders';
import { BillingRunner } from './billing/runner';
import { AuditService } from './audit/service';
import { PasswordHasher } from './auth/passwords';
import { AuthService } from './auth/service';
import { loadOrCreateSecret, parseDuration, TokenService } from './auth/tokens';
import { systemClock, type Clock } from './clock';
import type { CoreConfig } from './config';
import { ensureDataDir, openDatabase, type Database } from './db/database';
import { checkDataFolder } from './db/preflight';
import { BackupsService } from './backups/service';
import { CustomersService } from './customers/service';
import { CustomerTransfer } from './customers/transfer';
import { DashboardService } from './dashboard/service';
import { EventBus } from './events';
import { EventJournal } from './site/journal';
import { leaseTiming, newInstanceId, RunnerLease } from './site/lease';
import { AvailabilityService } from './monitoring/availability';
import { DevicesService } from './monitoring/devices';
import { EventLog } from './monitoring/eventlog';
import { MapService } from './monitoring/map';
import { PollersService } from './pollers/service';
import { Monitor } from './monitoring/monitor';
import { PingPackagePinger } from './monitoring/pinger';
import { SampleRollup } from './monitoring/rollup';
import { HistoryService } from './history/service';
import { PlansService } from './plans/service';
import { UdpCoaSender } from './radius/coa';
import { loadOrCreateBridgeKey, loadOrCreateSecretKey, SecretBox } from './radius/keys';
import { createMessaging, type Messaging } from './messaging';
import { createSenders } from './messaging/senders';
import { receiptNumber } from './messaging/preview';
import type { AttachmentSource } from './messaging/worker';
import { invoicePdf, receiptPdf } from './billing/pdf';
import { RadiusService } from './radius/service';
import { SubscriptionsService } from './subscriptions/service';
import { SettingsService } from './settings/service';
import { UsersService } from './users/service';

export interface Core {
  config: CoreConfig;
  clock: Clock;
  db: Database;
  events: EventBus;
  /** This process among those that open the same database (random per start). */
  instanceId: string;
  /** Live events of every process on this database, in one order (SSE reads it). */
  journal: EventJournal;
  /** Which process runs the monitor, poller and schedules (src/main/jobs/runner.ts takes it). */
  lease: RunnerLease;
  audit: AuditService;
  users: UsersService;
  auth: AuthService;
  settings: SettingsService;
  history: HistoryService;
  plans: PlansService;
  customers: CustomersService;
  customerTransfer: CustomerTransfer;
  subscriptions: SubscriptionsService;
  alerts: AlertsService;
  dashboard: DashboardService;
  invoices: InvoicesService;
  payments: PaymentsService;
  accounts: AccountsService;
  reminders: InvoiceReminders;
  billing: BillingRunner;
  devices: DevicesService;
  availability: AvailabilityService;
  map: MapService;
  monitor: Monitor;
  pollers: PollersService;
  eventLog: EventLog;
  rollup: SampleRollup;
  bandwidth: BandwidthService;
  backups: BackupsService;
  radius: RadiusService;
  messages: Messaging;
  version: string;
  startedAt: Date;
  close(): Promise<void>;
}

export async function createCore(config: CoreConfig): Promise<Core> {
  const clock = config.clock ?? systemClock;
  ensureDataDir(config.dataDir);
  // The lost-database check looks for the SQLite file next to the secrets; a PostgreSQL site keeps no file there.
  if (!config.databaseUrl) await checkDataFolder(config.dataDir);
  const secret = loadOrCreateSecret(config.dataDir, config.jwtSecret);
  const lifetimeSec = parseDuration(config.jwtExpire ?? '7d');
  const db = await openDatabase(config.dataDir, clock, config.databaseUrl);

  const events = new EventBus(() => clock.now());
  const instanceId = newInstanceId();
  const journal = new EventJournal(db, events, instanceId);
  await journal.start();
  const lease = new RunnerLease(db, clock, instanceId, leaseTiming(config.pingIntervalSec ?? 60, config.leaseTtlSec));
  const audit = new AuditService(clock);
  const hasher = new PasswordHasher(config.bcryptCost ?? 12);
  const tokens = new TokenService(secret, lifetimeSec, clock);
  const users = new UsersService(db, hasher, audit, events, clock);
  const auth = new AuthService(db, users, hasher, tokens, audit, clock);
  const settings = new SettingsService(db, audit, events, clock);
  const history = new HistoryService(db, audit, clock);
  const secretKey = loadOrCreateSecretKey(config.dataDir, config.radiusSecretKey);
  const radius = new RadiusService({
    db, settings, history, audit, clock, coa: config.coa ?? new UdpCoaSender(),
    bridgeKey: loadOrCreateBridgeKey(config.dataDir, config.radiusBridgeKey),
    secretKey,
  });
  // Invoices and receipts attached to e-mails are rendered when the message is sent, in its language.
  const attachments: AttachmentSource = async (m) => {
    const site = await settings.get();
    if (m.attachment === 'invoice' && m.invoiceId !== null) {
      const invoice = await invoices.get(m.invoiceId);
      const pdf = await invoicePdf(invoice, await customers.getAny(invoice.customerId), site, m.language);
      return [{ fileName: `${invoice.number.replace(/\//g, '-')}.pdf`, contentType: 'application/pdf', content: pdf }];
    }
    if (m.attachment === 'receipt' && m.paymentId !== null) {
      const payment = await payments.get(m.paymentId);
      const pdf = await receiptPdf(payment, await invoices.get(payment.invoiceId), site, m.language);
      return [{ fileName: `${receiptNumber(payment.id)}.pdf`, contentType: 'application/pdf', content: pdf }];
    }
    return [];
  };
  const messages = createMessaging({ db, box: new SecretBox(secretKey), audit, events, settings, clock, senders: config.senders ?? createSenders({ clock }), attachments });
  const plans = new PlansService(db, audit, clock, radius.hooks);
  const customers = new CustomersService(db, history, clock, () => settings.get(), radius.hooks);
  const customerTransfer = new CustomerTransfer(db, settings, clock, radius.hooks);
  const subscriptions = new SubscriptionsService(db, customers, history, settings, clock, radius.hooks);
  const alerts = new AlertsService(db, events, clock, settings);
  const invoices = new InvoicesService(db, history, alerts, events, clock);
  const payments = new PaymentsService(db, customers, history, alerts, settings, events, clock, radius.hooks, messages.composer);
  const accounts = new AccountsService(db, settings, clock);
  const reminders = new InvoiceReminders(db, history, alerts, clock, messages.composer);
  const followUp = new BillingFollowUp(db, customers, history, alerts, events, clock, radius.hooks, messages.composer);
  const billing = new BillingRunner(db, settings, new InvoiceGenerator(db, clock, messages.composer), followUp, events, clock);
  const devices = new DevicesService(db, audit, clock, config.pingIntervalSec ?? 60);
  const monitor = new Monitor(db, devices, alerts, events, settings, clock, config.pinger ?? new PingPackagePinger(), undefined, messages.composer);
  const eventLog = new EventLog(db, settings);
  const rollup = new SampleRollup(db, settings, clock);
  const availability = new AvailabilityService(db, clock);
  const map = new MapService(db);
  const bandwidth = new BandwidthService(db, config.snmp ?? new NetSnmpClient(), clock, undefined, radius.usage);
  const pollers = new PollersService(db, audit, clock, events, alerts, settings, monitor, bandwidth, config.pollerSilenceSec ?? null);
  const backups = new BackupsService(db, settings, alerts, audit, events, clock, config.version ?? '0.0.0');
  const dashboard = new DashboardService(db, alerts, subscriptions, payments, devices, backups, settings);

  if (config.bootstrapAdmin && (await auth.needsSetup())) {
    await auth.createFirstAdmin(config.bootstrapAdmin, SYSTEM_ACTOR);
  }
  // Subscriptions older than RADIUS get their access credentials once.
  await radius.credentials.provisionMissing();

  return {
    config,
    clock,
    db,
    events,
    instanceId,
    journal,
    lease,
    audit,
    users,
    auth,
    settings,
    history,
    plans,
    customers,
    customerTransfer,
    subscriptions,
    alerts,
    dashboard,
    invoices,
    payments,
    accounts,
    reminders,
    billing,
    devices,
    availability,
    map,
    monitor,
    pollers,
    eventLog,
    rollup,
    bandwidth,
    backups,
    radius,
    messages,
    version: config.version ?? '0.0.0',
    startedAt: clock.now(),
    close: async () => {
      // CoA/Disconnect requests still in flight write their answer to the timeline first.
      await radius.followUp.settled();
      await messages.team.stop();
      await messages.worker.stop();
      messages.outbox.stop();
      await journal.stop();
      await db.close();
    },
  };
}
