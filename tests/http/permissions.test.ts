// The permission matrix, generated from the contract: every operation, called over real HTTP as anonymous,
// admin, staff and technician, must answer 401/403 exactly where the contract's roles say so. Bridge operations
// (FreeRADIUS) are refused to every session and to anonymous callers, and reached with the bridge key alone; so are
// the remote pollers' operations with a poller key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, ROLES, type OperationDef, type Role } from '../../src/shared/contract';
import { httpRequestOf } from '../../src/renderer/api/client';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

function expected(def: OperationDef, caller: Caller): 'allowed' | 401 | 403 {
  if (def.access === 'public') return 'allowed';
  if (caller === 'anonymous' || def.access === 'bridge' || def.access === 'poller') return 401;
  if (def.access === 'user' || def.access.includes(caller)) return 'allowed';
  return 403;
}

let t: TestServer;
let people: Staffed;

beforeAll(async () => {
  t = await makeServer();
  people = await staff(t.core);
});
afterAll(() => t.close());

describe('permission matrix', () => {
  const cases = Object.entries(operations).flatMap(([name, def]) =>
    CALLERS.map((caller) => ({ name, def: def as OperationDef, caller })),
  );

  it.each(cases)('$name as $caller', async ({ name, def, caller }) => {
    const token = caller === 'anonymous' ? null : await people.token(caller);
    // Path parameters get an id that does not exist, so an allowed call can only fail with 400/404.
    const params = Object.fromEntries([...def.path.matchAll(/:(\w+)/g)].map((m) => [m[1]!, 999_999]));
    const { url, init } = httpRequestOf(name as keyof typeof operations, params);
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(t.url + url, { ...init, headers });
    const want = expected(def, caller);
    if (want === 'allowed') {
      expect([401, 403], `${name} as ${caller} answered ${response.status}`).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else {
      expect(response.status).toBe(want);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe(want === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });

  const bridged = Object.entries(operations).filter(([, def]) => def.access === 'bridge').map(([name, def]) => ({ name, def: def as OperationDef }));

  it.each(bridged)('$name with the bridge key and no session', async ({ def }) => {
    const response = await fetch(t.url + def.path, {
      method: def.method,
      headers: { 'Content-Type': 'application/json', 'X-NOCman-Bridge-Key': t.core.radius.bridgeKeyForConfig },
      body: JSON.stringify({ 'User-Name': { type: 'string', value: ['nobody'] } }),
    });
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    expect(text).not.toContain('UNAUTHENTICATED');
  });

  const polled = Object.entries(operations).filter(([, def]) => def.access === 'poller').map(([name, def]) => ({ name, def: def as OperationDef }));

  it.each(polled)('$name with a poller key and no session', async ({ def }) => {
    const { key } = await t.core.pollers.create({ id: null, name: 'test', role: 'system' }, `POP ${def.path}`);
    const response = await fetch(t.url + def.path, {
      method: def.method,
      headers: { 'Content-Type': 'application/json', 'X-NOCman-Poller-Key': key },
      body: def.method === 'GET' ? undefined : JSON.stringify({}),
    });
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain('UNAUTHENTICATED');
  });

  it('covers every operation of the contract for every caller', () => {
    expect(cases.length).toBe(Object.keys(operations).length * 4);
  });
});
