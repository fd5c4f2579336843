// The NAS list: routers that ask FreeRADIUS and receive CoA/Disconnect; their RADIUS secrets are sealed at rest and
// never leave through the API (only `secretSet`), but the config generator and the CoA sender read them here.
import type { Nas } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../actor';
import type { AuditService, FieldChanges } from '../audit/service';
import type { Clock } from '../clock';
import { isUniqueViolation, type Database } from '../db/database';
import type { SecretBox } from './keys';

const SECRET_CONTEXT = 'radius-nas-secret';

const SELECT = `SELECT id, name, address, vendor, coa_port AS coaPort, secret_enc AS secretEnc, created_at AS createdAt, updated_at AS updatedAt FROM radius_nas`;

interface NasRow extends Omit<Nas, 'secretSet'> {
  secretEnc: string;
}

export interface NasInput {
  name: string;
  address: string;
  secret: string;
  vendor: Nas['vendor'];
  coaPort: number;
}

/** A NAS with its secret in clear: for the FreeRADIUS configuration and the CoA sender, never for the API. */
export interface NasWithSecret {
  id: number;
  name: string;
  address: string;
  vendor: Nas['vendor'];
  coaPort: number;
  secret: string;
}

const addressTaken = () =>
  new AppError('CONFLICT', 'Another NAS has this address', { fields: [{ field: 'address', message: 'Already in use' }] });

export class NasService {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private view(row: NasRow): Nas {
    const { secretEnc, ...rest } = row;
    return { ...rest, secretSet: secretEnc !== '' };
  }

  async list(): Promise<Nas[]> {
    const rows = (await this.db.dataSource.query(`${SELECT} ORDER BY name COLLATE NOCASE, id`)) as NasRow[];
    return rows.map((r) => this.view(r));
  }

  async get(id: number): Promise<Nas> {
    const [row] = (await this.db.dataSource.query(`${SELECT} WHERE id = ?`, [id])) as NasRow[];
    if (!row) throw new AppError('NOT_FOUND', `NAS ${id} not found`);
    return this.view(row);
  }

  /** Every NAS with its secret, for `nocman radius-config`. */
  async withSecrets(): Promise<NasWithSecret[]> {
    const rows = (await this.db.dataSource.query(`${SELECT} ORDER BY id`)) as NasRow[];
    return rows.map(({ secretEnc, createdAt: _c, updatedAt: _u, ...rest }) => ({ ...rest, secret: this.box.open(secretEnc, SECRET_CONTEXT) }));
  }

  /** The NAS that sends from (or names itself by) this address, with its secret; null when it is not in the list. */
  async byAddress(address: string): Promise<NasWithSecret | null> {
    const [row] = (await this.db.dataSource.query(`${SELECT} WHERE address = ?`, [address])) as NasRow[];
    if (!row) return null;
    return { id: row.id, name: row.name, address: row.address, vendor: row.vendor, coaPort: row.coaPort, secret: this.box.open(row.secretEnc, SECRET_CONTEXT) };
  }

  async create(actor: Actor, input: NasInput): Promise<Nas> {
    const now = this.clock.now().toISOString();
    const id = await this.db.write(async (em) => {
      try {
        await em.query(`INSERT INTO radius_nas (name, address, secret_enc, vendor, coa_port, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
          input.name, input.address, this.box.seal(input.secret, SECRET_CONTEXT), input.vendor, input.coaPort, now, now,
        ]);
        const [row] = (await em.query('SELECT id FROM radius_nas WHERE address = ?', [input.address])) as { id: number }[];
        const changes: FieldChanges = {
          name: { from: null, to: input.name }, address: { from: null, to: input.address }, vendor: { from: null, to: input.vendor },
          coaPort: { from: null, to: input.coaPort }, secret: { from: null, to: '[set]' },
        };
        await this.audit.record(em, { actor, operation: 'radius.nas.create', entity: 'radius_nas', entityId: row!.id, changes });
        return row!.id;
      } catch (error) {
        if (isUniqueViolation(error, 'address')) throw addressTaken();
        throw error;
      }
    });
    return this.get(id);
  }

  async update(actor: Actor, id: number, patch: Partial<NasInput>): Promise<Nas> {
    await this.db.write(async (em) => {
      const [before] = (await em.query(`${SELECT} WHERE id = ?`, [id])) as NasRow[];
      if (!before) throw new AppError('NOT_FOUND', `NAS ${id} not found`);
      const changes: FieldChanges = {};
      for (const field of ['name', 'address', 'vendor', 'coaPort'] as const) {
        if (patch[field] !== undefined && patch[field] !== before[field]) changes[field] = { from: before[field], to: patch[field] };
      }
      if (patch.secret !== undefined) changes['secret'] = { from: '[set]', to: '[changed]' };
      if (Object.keys(changes).length === 0) return;
      const next = { ...before, ...patch };
      const secretEnc = patch.secret === undefined ? before.secretEnc : this.box.seal(patch.secret, SECRET_CONTEXT);
      try {
        await em.query('UPDATE radius_nas SET name = ?, address = ?, secret_enc = ?, vendor = ?, coa_port = ?, updated_at = ? WHERE id = ?', [
          next.name, next.address, secretEnc, next.vendor, next.coaPort, this.clock.now().toISOString(), id,
        ]);
      } catch (error) {
        if (isUniqueViolation(error, 'address')) throw addressTaken();
        throw error;
      }
      await this.audit.record(em, { actor, operation: 'radius.nas.update', entity: 'radius_nas', entityId: id, changes });
    });
    return this.get(id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    await this.db.write(async (em) => {
      const [before] = (await em.query(`${SELECT} WHERE id = ?`, [id])) as NasRow[];
      if (!before) throw new AppError('NOT_FOUND', `NAS ${id} not found`);
      await em.query('DELETE FROM radius_nas WHERE id = ?', [id]);
      await this.audit.record(em, { actor, operation: 'radius.nas.delete', entity: 'radius_nas', entityId: id, changes: { name: { from: before.name, to: null }, address: { from: before.address, to: null } } });
    });
  }
}
