// The REST transport over a real port: security headers, CORS, body limits and the error shape of every code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, PASSWORD, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;
let admin: string;

beforeAll(async () => {
  t = await makeServer({}, ['https://noc.isp.test']);
  people = await staff(t.core);
  admin = await people.token('admin');
});
afterAll(() => t.close());

describe('headers and CORS', () => {
  it('sends helmet security headers and no x-powered-by', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows only the configured origin', async () => {
    const allowed = await t.request('OPTIONS', '/api/auth/login', {
      headers: { Origin: 'https://noc.isp.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://noc.isp.test');
    const other = await t.request('OPTIONS', '/api/auth/login', {
      headers: { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('error shape', () => {
  it('400 names the field and the rule', async () => {
    const res = await t.request('POST', '/api/auth/register', {
      token: admin,
      body: { name: 'X', email: 'not-an-email', password: 'short', role: 'technician' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('400 for unknown fields, naming them', async () => {
    const res = await t.request('PUT', '/api/settings', { token: admin, body: { taxRate: 12, isAdmin: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toEqual({ field: 'isAdmin', message: 'Unknown field' });
    expect((await t.request('GET', '/api/settings', { token: admin })).body.taxRate).toBe(11);
  });

  it('400 for an unknown time zone, 401 without a token, 403 for the wrong role', async () => {
    const bad = await t.request('PUT', '/api/settings', { token: admin, body: { timeZone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('timeZone');
    const anon = await t.request('GET', '/api/users');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHENTICATED');
    const tech = await t.request('GET', '/api/users', { token: await people.token('technician') });
    expect(tech.status).toBe(403);
    expect(tech.body.error.code).toBe('FORBIDDEN');
  });

  it('404 for a missing user and for an unknown route', async () => {
    const missing = await t.request('GET', '/api/users/424242', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const route = await t.request('GET', '/api/nothing-here', { token: admin });
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('NOT_FOUND');
  });

  it('409 for a second account with the same email in another case', async () => {
    const res = await t.request('POST', '/api/auth/register', {
      token: admin,
      body: { name: 'Dup', email: 'TECH@ISP.TEST', password: PASSWORD, role: 'staff' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.fields[0].field).toBe('email');
  });

  it('refuses a 2 MB body with 413 and changes nothing', async () => {
    const res = await t.request('PUT', '/api/settings', {
      token: admin,
      body: { companyName: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await t.request('GET', '/api/settings', { token: admin })).body.companyName).toBe('');
  });

  it('refuses malformed JSON and non-object bodies', async () => {
    const broken = await t.request('POST', '/api/auth/login', { body: '{"email": "a@b.c",' });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const array = await t.request('POST', '/api/auth/login', { body: '[1,2]' });
    expect(array.status).toBe(400);
    expect(array.body.error.details.fields[0].field).toBe('body');
  });

  it('never sends a stack trace or a password hash', async () => {
    const list = await t.request('GET', '/api/users', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(JSON.stringify(list.body)).not.toMatch(/\$2[aby]\$|passwordHash|password_hash/);
  });
});

describe('openapi', () => {
  it('documents every contract route with its roles', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/users/{id}'].delete['x-roles']).toEqual(['admin']);
    expect(res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });
});
