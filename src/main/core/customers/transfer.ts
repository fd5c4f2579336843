// Customer import (dry run, then all-or-nothing in one transaction) and export of the filtered list.
import type { EntityManager } from 'typeorm';
import type { Language } from '../../../shared/contract';
import { dateInZone } from '../../../shared/dates';
import { message, SERVER_MESSAGES, translator, type MessageParams } from '../../../shared/i18n/messages';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import { nextCounter, type Database } from '../db/database';
import { AUDIT_COLUMNS, HISTORY_COLUMNS, insertMany } from '../billing/sql';
import { NO_ACCESS_HOOKS, type AccessHooks } from '../radius/access';
import type { SettingsService } from '../settings/service';
import { defaultAnchorDay, firstPeriod } from '../subscriptions/periods';
import { toCsv } from '../csv';
import { EXPORT_ONLY_COLUMNS, HEADERS, IMPORT_COLUMNS, parseImport, type CsvColumn, type ImportError, type ImportRow } from './csv';
import { customerCode } from './service';
import { customerOrder, customerWhere, type CustomerFilter } from './sql';

type ReportedError = ImportError & { message: string };

export class CustomerTransfer {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly access: AccessHooks = NO_ACCESS_HOOKS,
  ) {}

  /** The list with headers (and statuses) in `language`: the importer reads them back, so an export round-trips. */
  async exportCsv(filter: CustomerFilter, language: Language): Promise<string> {
    const where = customerWhere(filter, this.db.dialect);
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
    const columns: CsvColumn[] = [...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS];
    const statuses = SERVER_MESSAGES[language].customerCsv.status as Record<string, string>;
    const cell = (r: Record<string, string | null>, column: CsvColumn) => (column === 'status' && r['status'] ? (statuses[r['status']] ?? r['status']) : (r[column] ?? null));
    return toCsv(columns.map((column) => HEADERS[language][column]), rows.map((r) => columns.map((column) => cell(r, column))));
  }

  async importCsv(actor: Actor, csv: string, dryRun: boolean): Promise<{ imported: number; rows: number; errors: ReportedError[] }> {
    const { rows, errors, header } = parseImport(csv);
    const settings = await this.settings.get();
    const site = translator(settings.language, settings.timeZone);
    // `message` in the site language for REST clients; the UI renders `text` in its own.
    const report = (list: ImportError[]) => list.map((e) => ({ ...e, message: site.render(e.text) }));
    const checked = await this.checkAgainstDatabase(rows, header.names);
    const all = [...errors, ...checked.errors].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
    const total = rows.length + new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;
    if (all.length > 0 || dryRun) return { imported: 0, rows: total, errors: report(all) };
    const imported = await this.db.write(async (em) => {
      // Checked again inside the transaction: someone may have added a customer since the dry run.
      const again = await this.checkAgainstDatabase(rows, header.names, em);
      if (again.errors.length > 0) return again.errors;
      await this.insert(em, actor, rows, again.plans);
      return rows.length;
    });
    if (typeof imported !== 'number') return { imported: 0, rows: total, errors: report(imported) };
    return { imported, rows: total, errors: [] };
  }

  private async checkAgainstDatabase(rows: ImportRow[], names: ReadonlyMap<string, string>, em: EntityManager = this.db.dataSource.manager) {
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
    const fail = (row: number, field: string, key: string, params: MessageParams = {}) =>
      errors.push({ row, field, column: names.get(field) ?? field, text: message(`importError.${key}`, params) });
    for (const r of rows) {
      const plan = plans.get(r.plan.toLowerCase());
      if (!plan) fail(r.row, 'plan', 'noPlan', { value: r.plan });
      else if (!plan.active) fail(r.row, 'plan', 'planInactive', { value: plan.name });
      const phoneRow = phones.get(r.phone);
      if (phoneRow === 0) fail(r.row, 'phone', 'taken');
      else if (phoneRow !== undefined) fail(r.row, 'phone', 'samePhone', { row: phoneRow });
      else phones.set(r.phone, r.row);
      if (r.email) {
        const key = r.email.toLowerCase();
        const emailRow = emails.get(key);
        if (emailRow === 0) fail(r.row, 'email', 'taken');
        else if (emailRow !== undefined) fail(r.row, 'email', 'sameEmail', { row: emailRow });
        else emails.set(key, r.row);
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
