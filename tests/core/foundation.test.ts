// Core on real SQLite files: pragmas, migrations, the secret file, bcrypt cost, audit trail and settings.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { parseDuration } from '../../src/main/core/auth/tokens';
import { AuditLogEntity } from '../../src/main/core/db/entities/AuditLog';
import { UserEntity } from '../../src/main/core/db/entities/User';
import { readServeConfig } from '../../src/main/env';
import { makeCore, PASSWORD, staff, tempDir, TEST_PG, type TestCore } from '../helpers';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('database', () => {
  it('opens in WAL mode with foreign keys and a busy timeout, and migrates once', async () => {
    t = await makeCore();
    const q = (sql: string) => t!.core.db.dataSource.query(sql) as Promise<Record<string, unknown>[]>;
    if (TEST_PG) {
      // PostgreSQL: always journaled and with foreign keys; the schema's case-insensitive text needs citext.
      expect(t.core.db.dialect).toBe('postgres');
      expect(await q("SELECT extname FROM pg_extension WHERE extname = 'citext'")).toHaveLength(1);
    } else {
      expect((await q('PRAGMA journal_mode'))[0]!['journal_mode']).toBe('wal');
      expect((await q('PRAGMA foreign_keys'))[0]!['foreign_keys']).toBe(1);
      expect((await q('PRAGMA busy_timeout'))[0]!['timeout']).toBe(5000);
    }
    const applied = await q('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((r) => r['name'])).toEqual(['Foundation1764201600001', 'Customers1764201600002', 'Alerts1764201600003', 'Billing1764201600004', 'Monitoring1764201600005', 'Bandwidth1764201600006', 'Radius1764201600007', 'PlanBurst1764201600008', 'AlertText1764201600009', 'AdjustmentText1764201600010', 'PaymentAllocation1764201600011', 'DeviceMapAvailability1764201600012', 'Outbox1764201600013', 'Site1764201600014', 'Pollers1764201600015', 'PollerDiscovery1764201600016', 'CustomerSearch1764201600017', 'BwSamplePartitions1764201600018', 'CustomerSearchText1764201600019']);
  });

  it('keeps users, settings and the secret across a restart; tokens stay valid', async () => {
    const dataDir = tempDir();
    const first = await makeCore({}, dataDir);
    const people = await staff(first.core);
    const token = await people.token('staff');
    await first.core.settings.update(SYSTEM_ACTOR, { companyName: 'PT Jaringan Nusantara' });
    await first.core.close();

    t = await makeCore({}, dataDir);
    expect(await t.core.users.count()).toBe(3);
    expect((await t.core.settings.get()).companyName).toBe('PT Jaringan Nusantara');
    expect((await t.core.auth.authenticate(token)).email).toBe('staff@isp.test');
    expect(statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('serialises concurrent writers instead of failing', async () => {
    t = await makeCore();
    const people = await staff(t.core);
    const actor = { id: people.ids.admin, name: 'Ayu Admin', role: 'admin' as const };
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t!.core.users.create(actor, { name: `User ${i}`, email: `user${i}@isp.test`, password: PASSWORD, role: 'technician' }),
      ),
    );
    expect(new Set(created.map((u) => u.id)).size).toBe(20);
    expect(await t.core.users.count()).toBe(23);
  });

  it('rolls back a failed write completely', async () => {
    t = await makeCore();
    await staff(t.core);
    const before = await t.core.db.dataSource.getRepository(AuditLogEntity).count();
    await expect(
      t.core.db.write(async (em) => {
        await em.update(UserEntity, { email: 'tech@isp.test' }, { name: 'Half written' });
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect((await t.core.users.findByEmail('tech@isp.test'))!.name).toBe('Tono Teknisi');
    expect(await t.core.db.dataSource.getRepository(AuditLogEntity).count()).toBe(before);
  });
});

describe('passwords and audit', () => {
  it('hashes with bcrypt cost 12 by default', async () => {
    t = await makeCore({ bcryptCost: undefined });
    await t.core.auth.createFirstAdmin({ name: 'Ayu', email: 'ayu@isp.test', password: PASSWORD }, SYSTEM_ACTOR);
    const row = await t.core.users.findByEmail('ayu@isp.test');
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$12\$/);
  });

  it('audits every change with who and which fields, never a password or a hash', async () => {
    t = await makeCore();
    const people = await staff(t.core);
    const actor = { id: people.ids.admin, name: 'Ayu Admin', role: 'admin' as const };
    await t.core.users.update(actor, people.ids.technician, { role: 'staff', password: 'new-secret-pass' });
    await t.core.auth.changePassword((await t.core.users.findRow(people.ids.staff))!, PASSWORD, 'staff-new-pass');
    const rows = await t.core.db.dataSource.getRepository(AuditLogEntity).find({ order: { id: 'ASC' } });
    const update = rows.find((r) => r.operation === 'users.update')!;
    expect(update).toMatchObject({ actorId: people.ids.admin, actorName: 'Ayu Admin', entity: 'user', entityId: String(people.ids.technician) });
    const changes = JSON.parse(update.changes);
    expect(changes.role).toEqual({ from: 'technician', to: 'staff' });
    expect(Object.keys(changes)).toContain('password');
    expect(rows.map((r) => r.operation)).toEqual(
      expect.arrayContaining(['users.create', 'users.update', 'auth.changePassword']),
    );
    const all = JSON.stringify(rows);
    expect(all).not.toMatch(/\$2[aby]\$/);
    expect(all).not.toContain('new-secret-pass');
    expect(all).not.toContain('staff-new-pass');
    expect(all).not.toContain(PASSWORD);
  });
});

describe('settings', () => {
  it('starts with the Indonesian defaults', async () => {
    t = await makeCore();
    expect(await t.core.settings.get()).toMatchObject({
      companyName: '',
      timeZone: 'Asia/Jakarta',
      currency: 'IDR',
      taxRate: 11,
      language: 'id',
      quietHoursStart: null,
      invoiceLeadDays: 7,
      reminderDays: 3,
      graceDays: 7,
      jobTimeRenew: '00:00',
      jobTimeOverdue: '09:00',
    });
  });

  it('changes only the given fields and audits the old and new values', async () => {
    t = await makeCore();
    const after = await t.core.settings.update(SYSTEM_ACTOR, { taxRate: 12, timeZone: 'Asia/Makassar' });
    expect(after).toMatchObject({ taxRate: 12, timeZone: 'Asia/Makassar', language: 'id' });
    const audit = await t.core.db.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ operation: 'settings.update' });
    expect(JSON.parse(audit.changes)).toEqual({ taxRate: { from: 11, to: 12 }, timeZone: { from: 'Asia/Jakarta', to: 'Asia/Makassar' } });
  });
});

describe('configuration', () => {
  it('reads the seed variables with defaults', () => {
    const config = readServeConfig({ JWT_EXPIRE: '12h', CORS_ORIGIN: 'https://a.test, https://b.test' }, {}, '1.0.0');
    expect(config).toMatchObject({ port: 5000, host: '127.0.0.1', pingIntervalSec: 60, alertCheckIntervalSec: 60 });
    expect(config.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
    expect(config.core.jwtExpire).toBe('12h');
    expect(config.core.bootstrapAdmin).toBeUndefined();
  });

  it('lets the command line win and rejects bad values with a clear message', () => {
    expect(readServeConfig({ PORT: '6000' }, { port: '7000' }, '1').port).toBe(7000);
    expect(() => readServeConfig({ PORT: 'eighty' }, {}, '1')).toThrow(/PORT/);
    expect(() => readServeConfig({ PING_INTERVAL: '0' }, {}, '1')).toThrow(/PING_INTERVAL/);
    expect(() => readServeConfig({ NOCMAN_ADMIN_EMAIL: 'a@b.c' }, {}, '1')).toThrow(/together/);
  });

  it.each([
    ['7d', 604800],
    ['12h', 43200],
    ['30m', 1800],
    ['3600', 3600],
    ['45s', 45],
  ])('parses JWT_EXPIRE %s as %i seconds', (value, seconds) => {
    expect(parseDuration(value)).toBe(seconds);
  });

  it('rejects a JWT_EXPIRE it cannot read', () => {
    expect(() => parseDuration('a week')).toThrow(/JWT_EXPIRE/);
  });

  it('creates the bootstrap admin only when no user exists', async () => {
    const dataDir = tempDir();
    const bootstrapAdmin = { name: 'Root', email: 'root@isp.test', password: PASSWORD };
    const first = await makeCore({ bootstrapAdmin }, dataDir);
    expect((await first.core.users.findByEmail('root@isp.test'))!.role).toBe('admin');
    await first.core.close();
    t = await makeCore({ bootstrapAdmin: { ...bootstrapAdmin, email: 'other@isp.test' } }, dataDir);
    expect(await t.core.users.count()).toBe(1);
  });
});
