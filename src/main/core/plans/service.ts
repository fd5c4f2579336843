// Plans: the packages the ISP sells. A plan any subscription has used is never deleted, only deactivated.
import type { Plan } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import { diffFields, type AuditService } from '../audit/service';
import type { Clock } from '../clock';
import { isUniqueViolation, type Database } from '../db/database';
import { PlanEntity, type PlanRow } from '../db/entities/Plan';
import { NO_ACCESS_HOOKS, type AccessHooks } from '../radius/access';

export type PlanInput = Pick<PlanRow, 'name' | 'downloadMbps' | 'uploadMbps' | 'price' | 'cycleMonths' | 'description' | 'active'> &
  Partial<Pick<PlanRow, 'burstUpMbps' | 'burstDownMbps' | 'burstThresholdMbps' | 'burstTimeSec'>>;

const BURST = ['burstUpMbps', 'burstDownMbps', 'burstThresholdMbps', 'burstTimeSec'] as const;

/** MikroTik burst needs all four values (or none), and a burst rate at least the plan's rate. */
function checkBurst(plan: Partial<PlanRow>): void {
  const set = BURST.filter((field) => plan[field] !== null && plan[field] !== undefined);
  if (set.length > 0 && set.length < BURST.length) {
    const missing = BURST.find((field) => !set.includes(field))!;
    throw AppError.validation(missing, 'Set all four burst values, or none');
  }
  if (set.length === 0) return;
  if (plan.burstUpMbps! < plan.uploadMbps!) throw AppError.validation('burstUpMbps', 'At least the upload speed');
  if (plan.burstDownMbps! < plan.downloadMbps!) throw AppError.validation('burstDownMbps', 'At least the download speed');
}

const nameTaken = () =>
  new AppError('CONFLICT', 'A plan with this name already exists', { fields: [{ field: 'name', message: 'Already in use' }] });

const SELECT = `SELECT p.id, p.name, p.download_mbps AS downloadMbps, p.upload_mbps AS uploadMbps, p.price,
  p.cycle_months AS cycleMonths, p.description, p.active, p.burst_up_mbps AS burstUpMbps, p.burst_down_mbps AS burstDownMbps,
  p.burst_threshold_mbps AS burstThresholdMbps, p.burst_time_sec AS burstTimeSec,
  (SELECT COUNT(*) FROM subscription s WHERE s.plan_id = p.id AND s.deleted_at IS NULL AND s.status IN ('active','suspended')) AS subscriptionCount
  FROM plan p`;

function toPlan(row: Record<string, unknown>): Plan {
  return { ...(row as unknown as Plan), active: Boolean(row['active']) };
}

export class PlansService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessHooks = NO_ACCESS_HOOKS,
  ) {}

  async list(query: { search?: string; active?: boolean; page: number; pageSize: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.search) {
      where.push('p.name LIKE ?');
      params.push(`%${query.search}%`);
    }
    if (query.active !== undefined) {
      where.push('p.active = ?');
      params.push(query.active ? 1 : 0);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const q = this.db.dataSource;
    const [{ total }] = (await q.query(`SELECT COUNT(*) AS total FROM plan p${clause}`, params)) as [{ total: number }];
    const rows = (await q.query(`${SELECT}${clause} ORDER BY p.active DESC, p.price ASC, p.name ASC LIMIT ? OFFSET ?`, [
      ...params,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ])) as Record<string, unknown>[];
    return { items: rows.map(toPlan), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number): Promise<Plan> {
    const rows = (await this.db.dataSource.query(`${SELECT} WHERE p.id = ?`, [id])) as Record<string, unknown>[];
    if (!rows[0]) throw new AppError('NOT_FOUND', `Plan ${id} not found`);
    return toPlan(rows[0]);
  }

  async create(actor: Actor, input: PlanInput): Promise<Plan> {
    checkBurst(input);
    const id = await this.db.write(async (em) => {
      const now = this.clock.now().toISOString();
      try {
        const result = await em.insert(PlanEntity, { ...input, createdAt: now, updatedAt: now });
        const newId = Number(result.identifiers[0]!['id']);
        await this.audit.record(em, { actor, operation: 'plans.create', entity: 'plan', entityId: newId, changes: diffFields(null, input) });
        return newId;
      } catch (error) {
        if (isUniqueViolation(error, 'name')) throw nameTaken();
        throw error;
      }
    });
    return this.get(id);
  }

  async update(actor: Actor, id: number, patch: Partial<PlanInput>): Promise<Plan> {
    let speedChanged = false;
    await this.db.write(async (em) => {
      const before = await em.findOneBy(PlanEntity, { id });
      if (!before) throw new AppError('NOT_FOUND', `Plan ${id} not found`);
      const changes = diffFields({ ...before, active: Boolean(before.active) }, patch);
      if (Object.keys(changes).length === 0) return;
      checkBurst({ ...before, ...patch });
      try {
        await em.update(PlanEntity, { id }, { ...patch, updatedAt: this.clock.now().toISOString() });
      } catch (error) {
        if (isUniqueViolation(error, 'name')) throw nameTaken();
        throw error;
      }
      await this.audit.record(em, { actor, operation: 'plans.update', entity: 'plan', entityId: id, changes });
      speedChanged = ['downloadMbps', 'uploadMbps', ...BURST].some((field) => field in changes);
    });
    // After the commit: live sessions on this plan get its new rate (RADIUS CoA).
    if (speedChanged) this.access.changed({ kind: 'plan', planIds: [id] });
    return this.get(id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    await this.db.write(async (em) => {
      const before = await em.findOneBy(PlanEntity, { id });
      if (!before) throw new AppError('NOT_FOUND', `Plan ${id} not found`);
      const [{ used }] = (await em.query('SELECT COUNT(*) AS used FROM subscription WHERE plan_id = ?', [id])) as [{ used: number }];
      if (used > 0) {
        throw new AppError('CONFLICT', `Plan "${before.name}" is used by ${used} subscription(s); deactivate it instead`);
      }
      await em.delete(PlanEntity, { id });
      await this.audit.record(em, { actor, operation: 'plans.delete', entity: 'plan', entityId: id, changes: { name: { from: before.name, to: null } } });
    });
  }
}
