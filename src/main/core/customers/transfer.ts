// Customer import (dry run, then all-or-nothing in one transaction) and export of the filtered list.
import type { EntityManager } from 'typeorm';
import { dateInZone } from '../../../shared/dates';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import { nextCounter, type Database } from '../db/database';
import { AUDIT_COLUMNS, HISTORY_COLUMNS, insertMany } from '../billing/sql';
import { NO_ACCESS_HOOKS, type AccessHooks } from '../radius/access';
import type { SettingsService } from '../settings/service';
import { defaultAnchorDay, firstPeriod } from '../subscriptions/periods';
import { toCsv } from '../csv';
import { parseImport, type ImportError, type ImportRow } from './csv';
import { customerCode } from './service';
import { customerOrder, customerWhere, type CustomerFilter } from './sql';

export class CustomerTransfer {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly access: AccessHooks = NO_ACCESS_HOOKS,
  ) {}

  async exportCsv(filter: CustomerFilter): Promise<string> {
    const where = customerWhere(filter);
    // Plan and start date of the customer's current subscription (open first, then the newest).
    const rows = (await this.db.dataSource.query(
      `SELECT c.name, c.phone, c.email, c.address, p.name AS plan, s.start_date AS startDate, c.code, c.status
       FROM customer c
       LEFT JOIN subscription s ON s.id = (
         SELECT s2.id FROM subscription s2 WHERE s2.customer_id = c.id AND s2.deleted_at IS NULL
         ORDER BY s2.status IN ('active','suspended') DESC, s2.id DESC LIMIT 1)
       LEFT JOIN plan p ON p.id = s.plan_id
       ${where.sql} ${customerOrder(filter)}`,
      where.params,
    )) as Record<string, string | null>[];
    const header = ['name', 'phone', 'email', 'address', 'plan', 'startDate', 'code', 'status'];
    return toCsv(header, rows.map((r) => header.map((h) => r[h] ?? null)));
  }

  async importCsv(actor: Actor, csv: string, dryRun: boolean): Promise<{ imported: number; rows: number; errors: ImportError[] }> {
    const { rows, errors } = parseImport(csv);
    const checked = await this.checkAgainstDatabase(rows);
    const all = [...errors, ...checked.errors].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
    const total = rows.length + new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;
    if (all.length > 0 || dryRun) return { imported: 0, rows: total, errors: all };
    const imported = await this.db.write(async (em) => {
      // Checked again inside the transaction: someone may have added a customer since the dry run.
      const again = await this.checkAgainstDatabase(rows, em);
      if (again.errors.length > 0) return again.errors;
      await this.insert(em, actor, rows, again.plans);
      return rows.length;
    });
    if (typeof imported !== 'number') return { imported: 0, rows: total, errors: imported };
    return { imported, rows: total, errors: [] };
  }

  private async checkAgainstDatabase(rows: ImportRow[], em: EntityManager = this.db.dataSource.manager) {
    const errors: ImportError[] = [];
    const planRows = (await em.query('SELECT id, name, cycle_months AS cycleMonths, active FROM plan')) as {
      id: number;
      name: string;
      cycleMonths: number;
      active: number;
    }[];
    const plans = new Map(planRows.map((p) => [p.name.toLowerCase(), p]));
    const taken = (await em.query('SELECT phone, lower(email) AS email FROM customer WHERE deleted_at IS NULL')) as {
      phone: string;
      email: string | null;
    }[];
    const phones = new Map<string, number>(taken.map((t) => [t.phone, 0]));
    const emails = new Map<string, number>(taken.filter((t) => t.email).map((t) => [t.email!, 0]));
    for (const r of rows) {
      const plan = plans.get(r.plan.toLowerCase());
      if (!plan) errors.push({ row: r.row, field: 'plan', message: `No plan named "${r.plan}"` });
      else if (!plan.active) errors.push({ row: r.row, field: 'plan', message: `Plan "${plan.name}" is no longer offered` });
      const phoneRow = phones.get(r.phone);
      if (phoneRow !== undefined) {
        errors.push({ row: r.row, field: 'phone', message: phoneRow === 0 ? 'Already used by an existing customer' : `Same phone as row ${phoneRow}` });
      } else phones.set(r.phone, r.row);
      if (r.email) {
        const key = r.email.toLowerCase();
        const emailRow = emails.get(key);
        if (emailRow !== undefined) {
          errors.push({ row: r.row, field: 'email', message: emailRow === 0 ? 'Already used by an existing customer' : `Same email as row ${emailRow}` });
        } else emails.set(key, r.row);
      }
    }
    return { errors, plans };
  }

  private async insert(em: EntityManager, actor: Actor, rows: ImportRow[], plans: Map<string, { id: number; name: string; cycleMonths: number }>) {
    const now = this.clock.now().toISOString();
    const today = dateInZone(this.clock.now(), (await this.settings.get()).timeZone);
    const lastCode = await nextCounter(em, 'customer', rows.length);
    const [{ maxCustomer }] = (await em.query('SELECT COALESCE(MAX(id), 0) AS maxCustomer FROM customer')) as [{ maxCustomer: number }];
    const [{ maxSub }] = (await em.query('SELECT COALESCE(MAX(id), 0) AS maxSub FROM subscription')) as [{ maxSub: number }];
    const customers: unknown[][] = [];
    const subscriptions: unknown[][] = [];
    const history: unknown[][] = [];
    const audit: unknown[][] = [];
    rows.forEach((r, i) => {
      const customerId = maxCustomer + i + 1;
      const subscriptionId = maxSub + i + 1;
      const code = customerCode(lastCode - rows.length + i + 1);
      const plan = plans.get(r.plan.toLowerCase())!;
      const status = r.startDate <= today ? 'active' : 'pending';
      const anchor = defaultAnchorDay(r.startDate);
      const period = firstPeriod(r.startDate, anchor, plan.cycleMonths);
      customers.push([customerId, code, r.name, r.phone, r.email, r.address, status, now, now]);
      subscriptions.push([subscriptionId, customerId, plan.id, r.startDate, anchor, period.start, period.end, 1, 'active', now, now]);
      const created = JSON.stringify({ name: { from: null, to: r.name }, phone: { from: null, to: r.phone }, status: { from: null, to: status } });
      const subscribed = JSON.stringify({ planId: { from: null, to: plan.id }, planName: { from: null, to: plan.name }, startDate: { from: null, to: r.startDate } });
      history.push([now, actor.id, actor.name, customerId, 'customer', customerId, 'customer.created', `Customer ${code} imported from CSV (${status})`, created, null]);
      history.push([now, actor.id, actor.name, customerId, 'subscription', subscriptionId, 'subscription.created', `Subscribed to ${plan.name} from ${r.startDate}`, subscribed, null]);
      audit.push([now, actor.id, actor.name, 'customers.import', 'customer', String(customerId), created]);
    });
    await insertMany(em, 'customer', ['id', 'code', 'name', 'phone', 'email', 'address', 'status', 'created_at', 'updated_at'], customers);
    await insertMany(
      em,
      'subscription',
      ['id', 'customer_id', 'plan_id', 'start_date', 'billing_anchor_day', 'current_period_start', 'current_period_end', 'auto_renew', 'status', 'created_at', 'updated_at'],
      subscriptions,
    );
    await insertMany(em, 'history', HISTORY_COLUMNS, history);
    await insertMany(em, 'audit_log', AUDIT_COLUMNS, audit);
    await this.access.provision(em, subscriptions.map((s) => s[0] as number));
  }
}
