// Subscriptions: a customer on a plan; periods, plan changes, status with reason, customer activation.
import type { EntityManager } from 'typeorm';
import { SUBSCRIPTION_TRANSITIONS, type Subscription, type SubscriptionStatus } from '../../../shared/contract';
import { addDaysIso, dateInZone } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import { diffFields } from '../audit/service';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { PlanEntity, type PlanRow } from '../db/entities/Plan';
import { SubscriptionEntity, type SubscriptionRow } from '../db/entities/Subscription';
import type { CustomersService } from '../customers/service';
import type { HistoryService } from '../history/service';
import { NO_ACCESS_HOOKS, type AccessHooks } from '../radius/access';
import type { SettingsService } from '../settings/service';
import { message, translator } from '../../../shared/i18n/messages';
import { fullCycleEnding, periodDays, prorate } from '../billing/arithmetic';
import { escapeLike, phoneLike } from '../customers/sql';
import { defaultAnchorDay, firstPeriod } from './periods';

const SELECT = `SELECT s.id, s.customer_id AS customerId, c.code AS customerCode, c.name AS customerName, s.plan_id AS planId,
  p.name AS planName, s.start_date AS startDate, s.billing_anchor_day AS billingAnchorDay,
  s.current_period_start AS currentPeriodStart, s.current_period_end AS currentPeriodEnd, s.auto_renew AS autoRenew,
  s.status, COALESCE(s.price_override, p.price) AS price, s.price_override AS priceOverride,
  s.override_reason AS overrideReason, s.service_note AS serviceNote, s.created_at AS createdAt, s.updated_at AS updatedAt
  FROM subscription s JOIN customer c ON c.id = s.customer_id JOIN plan p ON p.id = s.plan_id`;

function toSubscription(row: Record<string, unknown>): Subscription {
  return { ...(row as unknown as Subscription), autoRenew: Boolean(row['autoRenew']) };
}

/** Billing picks up again from the period containing `today`; nothing is back-billed for the suspension. */
export async function markResumed(em: EntityManager, ids: number[], today: string): Promise<void> {
  if (ids.length === 0) return;
  await em.query(`UPDATE subscription SET billing_resumed_on = ? WHERE id IN (${ids.map(() => '?').join(',')})`, [today, ...ids]);
}

export interface SubscriptionQuery {
  search?: string;
  customerId?: number;
  planId?: number;
  status?: SubscriptionStatus;
  autoRenew?: boolean;
  expiringWithinDays?: number;
  page: number;
  pageSize: number;
}

export interface NewSubscription {
  customerId: number;
  planId: number;
  startDate: string;
  billingAnchorDay?: number;
  autoRenew: boolean;
  priceOverride: number | null;
  overrideReason: string | null;
  serviceNote: string;
}

export type SubscriptionPatch = Partial<Pick<SubscriptionRow, 'planId' | 'autoRenew' | 'priceOverride' | 'overrideReason' | 'serviceNote'>>;

export class SubscriptionsService {
  constructor(
    private readonly db: Database,
    private readonly customers: CustomersService,
    private readonly history: HistoryService,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly access: AccessHooks = NO_ACCESS_HOOKS,
  ) {}

  /** Today's date at the site. */
  async today(): Promise<string> {
    return dateInZone(this.clock.now(), (await this.settings.get()).timeZone);
  }

  async list(query: SubscriptionQuery) {
    const where = ['s.deleted_at IS NULL'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.customerId) add('s.customer_id = ?', query.customerId);
    if (query.search) {
      // Whom the NOC is asked about: a name, a phone, a customer code, a plan, or the PPPoE/hotspot username.
      const like = `%${escapeLike(query.search)}%`;
      const terms = ['c.name', 'c.code', 'c.phone', 'p.name'].map((col) => `${col} LIKE ? ESCAPE '\\'`);
      params.push(like, like, like, like);
      terms.push(`EXISTS (SELECT 1 FROM radius_credential r WHERE r.subscription_id = s.id AND r.username LIKE ? ESCAPE '\\')`);
      params.push(like);
      const phone = phoneLike(query.search);
      if (phone) {
        terms.push('c.phone LIKE ?');
        params.push(phone);
      }
      where.push(`(${terms.join(' OR ')})`);
    }
    if (query.planId) add('s.plan_id = ?', query.planId);
    if (query.status) add('s.status = ?', query.status);
    if (query.autoRenew !== undefined) add('s.auto_renew = ?', query.autoRenew ? 1 : 0);
    if (query.expiringWithinDays !== undefined) {
      // Ends within N days and will not renew by itself.
      const today = await this.today();
      where.push("s.status = 'active' AND s.auto_renew = 0 AND s.current_period_end BETWEEN ? AND ?");
      params.push(today, addDaysIso(today, query.expiringWithinDays));
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total FROM subscription s JOIN customer c ON c.id = s.customer_id JOIN plan p ON p.id = s.plan_id ${clause}`, params)) as [{ total: number }];
    const order = query.expiringWithinDays !== undefined ? 's.current_period_end ASC, s.id ASC' : 's.id DESC';
    const rows = (await q.query(`${SELECT} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`, [
      ...params,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ])) as Record<string, unknown>[];
    return { items: rows.map(toSubscription), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number, manager: EntityManager = this.db.dataSource.manager): Promise<Subscription> {
    const rows = (await manager.query(`${SELECT} WHERE s.id = ? AND s.deleted_at IS NULL`, [id])) as Record<string, unknown>[];
    if (!rows[0]) throw new AppError('NOT_FOUND', `Subscription ${id} not found`);
    return toSubscription(rows[0]);
  }

  private async livePlan(em: EntityManager, planId: number): Promise<PlanRow> {
    const plan = await em.findOneBy(PlanEntity, { id: planId });
    if (!plan) throw AppError.validation('planId', `Plan ${planId} does not exist`);
    if (!plan.active) throw AppError.validation('planId', `Plan "${plan.name}" is no longer offered`);
    return plan;
  }

  private async liveRow(em: EntityManager, id: number): Promise<SubscriptionRow> {
    const row = await em.findOneBy(SubscriptionEntity, { id });
    if (!row || row.deletedAt) throw new AppError('NOT_FOUND', `Subscription ${id} not found`);
    return row;
  }

  async create(actor: Actor, input: NewSubscription): Promise<Subscription> {
    const today = await this.today();
    return this.db.write(async (em) => {
      const customer = await this.customers.findLive(em, input.customerId).catch(() => {
        throw AppError.validation('customerId', `Customer ${input.customerId} does not exist`);
      });
      if (customer.status === 'terminated' || customer.status === 'suspended') {
        throw new AppError('CONFLICT', `${customer.code} is ${customer.status}; make the customer active or pending first`);
      }
      const plan = await this.livePlan(em, input.planId);
      const anchor = input.billingAnchorDay ?? defaultAnchorDay(input.startDate);
      const period = firstPeriod(input.startDate, anchor, plan.cycleMonths);
      const now = this.clock.now().toISOString();
      const row: Omit<SubscriptionRow, 'id'> = {
        customerId: customer.id,
        planId: plan.id,
        startDate: input.startDate,
        billingAnchorDay: anchor,
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
        autoRenew: input.autoRenew,
        status: 'active',
        priceOverride: input.priceOverride,
        overrideReason: input.priceOverride === null ? null : input.overrideReason,
        serviceNote: input.serviceNote,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      const id = Number((await em.insert(SubscriptionEntity, row)).identifiers[0]!['id']);
      // Its PPPoE/hotspot access (username from the customer code, a generated password) comes with it.
      await this.access.provision(em, [id]);
      await this.history.record(em, {
        actor,
        customerId: customer.id,
        entity: 'subscription',
        entityId: id,
        kind: 'subscription.created',
        summary: `Subscribed to ${plan.name} from ${input.startDate}`,
        changes: diffFields(null, { planId: plan.id, planName: plan.name, startDate: input.startDate, autoRenew: input.autoRenew, priceOverride: input.priceOverride }),
      });
      // The customer becomes active when its first subscription starts (a future start waits for the scheduler).
      if (customer.status === 'pending' && input.startDate <= today) {
        // A machine reason (`auto.<event>:<id>`) the renderer translates; people's reasons are free text.
        await this.customers.changeStatus(em, actor, customer, 'active', `auto.subscriptionStarted:${id}`);
      }
      return this.get(id, em);
    });
  }

  async update(actor: Actor, id: number, patch: SubscriptionPatch): Promise<Subscription> {
    const today = await this.today();
    let planChanged = false;
    const updated = await this.db.write(async (em) => {
      const before = await this.liveRow(em, id);
      if (before.status === 'cancelled') throw new AppError('CONFLICT', `Subscription #${id} is cancelled`);
      const next: SubscriptionPatch = { ...patch };
      if (next.priceOverride === null) next.overrideReason = null;
      const changes = diffFields({ ...before, autoRenew: Boolean(before.autoRenew) }, next);
      if (Object.keys(changes).length === 0) return this.get(id, em);
      if (changes['planId']) {
        planChanged = true;
        const [oldPlan, newPlan] = [await em.findOneByOrFail(PlanEntity, { id: before.planId }), await this.livePlan(em, patch.planId!)];
        // The change takes effect today; billing prorates the rest of the period (credit old, charge new).
        await this.history.record(em, {
          actor,
          customerId: before.customerId,
          entity: 'subscription',
          entityId: id,
          kind: 'subscription.planChanged',
          summary: `Plan ${oldPlan.name} → ${newPlan.name} from ${today}`,
          changes: {
            planId: { from: oldPlan.id, to: newPlan.id },
            planName: { from: oldPlan.name, to: newPlan.name },
            price: { from: oldPlan.price, to: newPlan.price },
            effectiveDate: { from: null, to: today },
          },
        });
        await this.adjustForPlanChange(em, before, oldPlan, newPlan, next.priceOverride, today);
        delete changes['planId'];
      }
      if (Object.keys(changes).length > 0) {
        await this.history.record(em, {
          actor,
          customerId: before.customerId,
          entity: 'subscription',
          entityId: id,
          kind: 'subscription.updated',
          summary: `Subscription #${id}: changed ${Object.keys(changes).join(', ')}`,
          changes,
        });
      }
      await em.update(SubscriptionEntity, { id }, { ...next, updatedAt: this.clock.now().toISOString() });
      return this.get(id, em);
    });
    // After the commit: a live session gets the new plan's rate (RADIUS CoA).
    if (planChanged) this.access.changed({ kind: 'plan', subscriptionIds: [id] });
    return updated;
  }

  /**
   * A plan change inside an invoiced period: credit the old price and charge the new one for the days left
   * (today included), prorated like the period; the next invoice carries both lines.
   */
  private async adjustForPlanChange(em: EntityManager, sub: SubscriptionRow, oldPlan: PlanRow, newPlan: PlanRow, override: number | null | undefined, today: string) {
    const [invoiced] = (await em.query(
      `SELECT period_start AS start, period_end AS end FROM invoice WHERE subscription_id = ? AND status <> 'void' AND period_start <= ? AND period_end >= ?`,
      [sub.id, today, today],
    )) as { start: string; end: string }[];
    if (!invoiced) return;
    const oldPrice = sub.priceOverride ?? oldPlan.price;
    const newPrice = (override === undefined ? sub.priceOverride : override) ?? newPlan.price;
    if (oldPrice === newPrice) return;
    const remaining = periodDays(today, invoiced.end);
    const days = (cycle: number) => {
      const full = fullCycleEnding(invoiced.end, cycle);
      return periodDays(full.start, full.end);
    };
    const oldDays = days(oldPlan.cycleMonths);
    const newDays = days(newPlan.cycleMonths);
    const now = this.clock.now().toISOString();
    const settings = await this.settings.get();
    const site = translator(settings.language, settings.timeZone);
    const span = { start: today, end: invoiced.end, days: remaining };
    const credit = message('invoiceLine.planChangeCredit', { ...span, plan: oldPlan.name, fullDays: oldDays });
    const charge = message('invoiceLine.planChangeCharge', { ...span, plan: newPlan.name, fullDays: newDays });
    await em.query(
      `INSERT INTO billing_adjustment (subscription_id, description, text, amount, created_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)`,
      [
        sub.id, site.render(credit), JSON.stringify(credit), -prorate(oldPrice, remaining, oldDays), now,
        sub.id, site.render(charge), JSON.stringify(charge), prorate(newPrice, remaining, newDays), now,
      ],
    );
  }

  async setStatus(actor: Actor, id: number, status: SubscriptionStatus, reason: string): Promise<Subscription> {
    const changed = await this.db.write(async (em) => {
      const before = await this.liveRow(em, id);
      if (before.status === status) throw AppError.validation('status', `The subscription is already ${status}`);
      if (!SUBSCRIPTION_TRANSITIONS[before.status].includes(status)) {
        throw AppError.validation('status', `A ${before.status} subscription cannot become ${status}`);
      }
      if (status === 'active') {
        const customer = await this.customers.findLive(em, before.customerId);
        if (customer.status !== 'active' && customer.status !== 'pending') {
          throw new AppError('CONFLICT', `${customer.code} is ${customer.status}; resume the customer first`);
        }
      }
      await em.update(SubscriptionEntity, { id }, { status, updatedAt: this.clock.now().toISOString() });
      if (before.status === 'suspended' && status === 'active') await markResumed(em, [id], await this.today());
      await this.history.record(em, {
        actor,
        customerId: before.customerId,
        entity: 'subscription',
        entityId: id,
        kind: 'subscription.status',
        summary: `Subscription #${id} ${before.status} → ${status}`,
        changes: { status: { from: before.status, to: status } },
        reason,
      });
      return this.get(id, em);
    });
    this.access.changed({ kind: 'status', subscriptionIds: [id] });
    return changed;
  }

  async delete(actor: Actor, id: number): Promise<void> {
    await this.db.write(async (em) => {
      const before = await this.liveRow(em, id);
      const now = this.clock.now().toISOString();
      await em.update(SubscriptionEntity, { id }, { deletedAt: now, updatedAt: now });
      await this.history.record(em, {
        actor,
        customerId: before.customerId,
        entity: 'subscription',
        entityId: id,
        kind: 'subscription.deleted',
        summary: `Subscription #${id} deleted`,
        changes: { deletedAt: { from: null, to: now } },
      });
    });
    this.access.changed({ kind: 'status', subscriptionIds: [id] });
  }
}
