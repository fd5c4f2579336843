// The in-process transport: the dispatcher's error mapping, hidden internals, and no input that crashes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationName } from '../../src/shared/contract';
import { createDispatcher, type Dispatcher } from '../../src/main/api/dispatcher';
import { makeCore, staff, type Staffed, type TestCore } from '../helpers';

let t: TestCore;
let people: Staffed;
let dispatcher: Dispatcher;
const logged: unknown[] = [];

beforeAll(async () => {
  t = await makeCore();
  people = await staff(t.core);
  dispatcher = createDispatcher(t.core, { error: (_message, detail) => logged.push(detail) });
});
afterAll(() => t.close());

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const SAMPLES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, Number.NaN, '', ' ', 'a', 'admin', 'Asia/Jakarta', 'x'.repeat(5000),
  '<script>alert(1)</script>', "'; DROP TABLE user; --", 'ops@isp.test', '\u0000', [], [1, 2], {}, { nested: { deep: 1 } },
  '999999', 'true', '2026-11-27',
];

describe('dispatcher', () => {
  it('maps a schema failure to VALIDATION_FAILED naming every bad field', async () => {
    const result = await dispatcher.call('auth.register', { name: '', email: 'x', password: '1', role: 'root' }, await people.token('admin'));
    expect(result.ok).toBe(false);
    expect(result.status).toBe(400);
    const fields = (result.body as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field);
    expect(fields.sort()).toEqual(['email', 'name', 'password', 'role']);
  });

  it('answers NOT_FOUND for an operation that is not in the contract', async () => {
    const result = await dispatcher.call('users.drop', {}, await people.token('admin'));
    expect(result.status).toBe(404);
  });

  it('hides an unexpected failure as INTERNAL and logs the detail instead', async () => {
    const qr = t.core.db.dataSource.createQueryRunner();
    await qr.query('ALTER TABLE "setting" RENAME TO "setting_moved"');
    try {
      const result = await dispatcher.call('settings.update', { companyName: 'PT Fault' }, await people.token('admin'));
      expect(result.status).toBe(500);
      expect(result.body).toEqual({ error: { code: 'INTERNAL', message: 'Internal error; it has been logged' } });
      expect(JSON.stringify(result.body)).not.toMatch(/setting|SQLITE|at /);
      expect(logged.length).toBeGreaterThan(0);
    } finally {
      await qr.query('ALTER TABLE "setting_moved" RENAME TO "setting"');
      await qr.release();
    }
  });

  it('survives random input to every operation with a clean answer', async () => {
    const next = random(20261127);
    const names = Object.keys(operations) as OperationName[];
    for (const name of names) {
      const keys = Object.keys((operations[name].input as unknown as { shape?: object }).shape ?? {});
      for (let i = 0; i < 25; i++) {
        const input: Record<string, unknown> = {};
        for (const key of [...keys, 'extra']) {
          if (next() < 0.6) input[key] = SAMPLES[Math.floor(next() * SAMPLES.length)];
        }
        const role = (['admin', 'staff', 'technician'] as const)[i % 3]!;
        const result = await dispatcher.call(name, next() < 0.1 ? SAMPLES[i % SAMPLES.length] : input, await people.token(role));
        expect([200, 201, 204, 400, 401, 403, 404, 409, 429], `${name} ${JSON.stringify(input)}`).toContain(result.status);
      }
    }
    // the admin still exists and still works
    expect((await dispatcher.call('auth.me', {}, await people.token('admin'))).status).toBe(200);
  }, 90_000); // ~3,500 calls: 8–10 s alone on either engine, three times that on a busy 2-core machine
});
