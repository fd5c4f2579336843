// Security-review findings on the REST transport, each pinned over real HTTP: headers on LAN addresses,
// odd body encodings, the OpenAPI media types, strict ids and numbers, and no caching of personal answers.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { makeCore, PASSWORD, staff, tempDir, type Staffed, type TestCore } from '../helpers';
import { isErrorShape, rawRequest, type RawAnswer, type RawRequest } from './raw';

let t: TestCore;
let server: RunningServer;
let admin: string;
let people: Staffed;
let planId: number;
let rendererDir: string;
const logged: unknown[] = [];

function call(request: RawRequest): Promise<RawAnswer> {
  return rawRequest(server.url, request);
}

function json(method: string, urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return call({
    method,
    path: urlPath,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function errorCode(answer: RawAnswer): string | undefined {
  return (answer.json as { error?: { code?: string } } | undefined)?.error?.code;
}

beforeAll(async () => {
  t = await makeCore();
  rendererDir = tempDir('nocman-renderer-');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("NOCman");');
  server = await startHttpServer({
    core: t.core,
    port: 0,
    host: '127.0.0.1',
    rendererDir,
    logger: { error: (message, detail) => logged.push({ message, detail }) },
  });
  people = await staff(t.core);
  admin = await people.token('admin');
  const plan = await json('POST', '/api/plans', { name: 'Home 20', downloadMbps: 20, uploadMbps: 10, price: 150000, cycleMonths: 1 });
  expect(plan.status).toBe(201);
  planId = (plan.json as { id: number }).id;
});
afterAll(async () => {
  await server.close();
  await t.close();
  rmSync(rendererDir, { recursive: true, force: true });
});
beforeEach(() => {
  logged.length = 0;
});

describe('the web UI on a LAN address over plain HTTP', () => {
  it('serves the UI and its scripts to a 10.x Host without upgrade-insecure-requests or HSTS', async () => {
    for (const urlPath of ['/', '/assets/app.js', '/api/health']) {
      const answer = await call({ method: 'GET', path: urlPath, headers: { Host: '10.20.30.40:5000' } });
      expect(answer.status, urlPath).toBe(200);
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/upgrade-insecure-requests/i);
      // HSTS on plain HTTP is ignored by browsers at best; NOCman never terminates TLS, so it never sends it.
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('request bodies in odd encodings', () => {
  const refused: { name: string; headers: Record<string, string>; body: string | Buffer; status: number }[] = [
    { name: 'charset latin9', headers: { 'Content-Type': 'application/json; charset=latin9' }, body: '{}', status: 415 },
    { name: 'charset utf-16', headers: { 'Content-Type': 'application/json; charset=utf-16' }, body: '{}', status: 415 },
    { name: 'charset utf-7', headers: { 'Content-Type': 'application/json; charset=utf-7' }, body: '{}', status: 415 },
    { name: 'charset x-nonsense', headers: { 'Content-Type': 'application/json; charset=x-nonsense' }, body: '{}', status: 415 },
    { name: 'Content-Encoding x-foo', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'x-foo' }, body: '{}', status: 415 },
    { name: 'Content-Encoding br with a body that is not brotli', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'br' }, body: '{"name":"x"}', status: 400 },
    { name: 'Content-Encoding gzip with a body that is not gzip', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: 'not gzip at all', status: 400 },
    { name: 'a truncated gzip body', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: gzipSync('{"name":"Home 50"}').subarray(0, 12), status: 400 },
    { name: 'Content-Type text/plain', headers: { 'Content-Type': 'text/plain' }, body: '{"name":"Home 50"}', status: 415 },
    { name: 'a form body', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=Home+50', status: 415 },
    { name: 'no Content-Type', headers: {}, body: '{"name":"Home 50"}', status: 415 },
  ];

  it.each(refused)('refuses $name with $status in the error shape and logs no internal error', async ({ headers, body, status }) => {
    const answer = await call({ method: 'PUT', path: `/api/plans/${planId}`, headers: { Authorization: `Bearer ${admin}`, ...headers }, body });
    expect(answer.status).toBe(status);
    expect(isErrorShape(answer.json), answer.text).toBe(true);
    expect(errorCode(answer)).toBe(status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED');
    expect(answer.text).not.toMatch(/ at |\.js:|\.ts:|node_modules/);
    expect(logged).toEqual([]);
    const plan = await call({ method: 'GET', path: `/api/plans/${planId}`, headers: { Authorization: `Bearer ${admin}` } });
    expect((plan.json as { name: string }).name).toBe('Home 20');
  });

  it('still reads a gzip JSON body and a utf-8 charset', async () => {
    const zipped = await call({
      method: 'PUT',
      path: `/api/plans/${planId}`,
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json; charset=UTF-8', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ description: 'gzip ok' })),
    });
    expect(zipped.status).toBe(200);
    expect((zipped.json as { description: string }).description).toBe('gzip ok');
  });

  it('treats a POST without any body as an empty object', async () => {
    const technician = await people.token('technician');
    const answer = await call({ method: 'POST', path: '/api/auth/logout', headers: { Authorization: `Bearer ${technician}` } });
    expect(answer.status).toBe(204);
  });
});

describe('the OpenAPI document', () => {
  it('declares text/csv and application/pdf for the CSV and PDF answers', async () => {
    const answer = await call({ method: 'GET', path: '/api/openapi.json' });
    const paths = (answer.json as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> }).paths;
    const success = (p: string, method = 'get') => Object.keys(paths[p]![method]!.responses['200']!.content ?? {});
    expect(success('/api/customers/export')).toEqual(['text/csv']);
    expect(success('/api/invoices/export')).toEqual(['text/csv']);
    expect(success('/api/payments/export')).toEqual(['text/csv']);
    expect(success('/api/bandwidth/report/export')).toEqual(['text/csv']);
    expect(success('/api/invoices/{id}/pdf')).toEqual(['application/pdf']);
    expect(success('/api/payments/{id}/receipt')).toEqual(['application/pdf']);
    expect(success('/api/customers')).toEqual(['application/json']);
    expect(Object.keys(paths['/api/invoices/{id}/pdf']!.get!.responses['default']!.content ?? {})).toEqual(['application/json']);
  });
});

describe('ids and numbers in paths and queries', () => {
  it.each(['0x1', '1e0', '%201', '+1', '01', '1.0', '0', '-1', '1%20', '99999999999999999999', '%00', '..%2F1'])('refuses the id %s with 400 naming the id', async (id) => {
    const answer = await call({ method: 'GET', path: `/api/plans/${id}`, headers: { Authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('VALIDATION_FAILED');
    expect((answer.json as { error: { details: { fields: { field: string }[] } } }).error.details.fields[0]!.field).toBe('id');
  });

  it.each(['/api/plans/%zz', '/api/plans/%', '/api/devices/%ff/logs'])('answers %s, which is not valid percent-encoding, with 400 and logs nothing', async (urlPath) => {
    const answer = await call({ method: 'GET', path: urlPath, headers: { Authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(400);
    expect(isErrorShape(answer.json), answer.text).toBe(true);
    expect(logged).toEqual([]);
  });

  it('answers a UI path that is not valid percent-encoding without a server error', async () => {
    for (const urlPath of ['/%zz', '/assets/%', '/assets/..%2F..%2Fetc%2Fpasswd']) {
      const answer = await call({ method: 'GET', path: urlPath });
      expect(answer.status, urlPath).toBeLessThan(500);
    }
    expect(logged).toEqual([]);
  });

  it('accepts a plain id', async () => {
    const answer = await call({ method: 'GET', path: `/api/plans/${planId}`, headers: { Authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['page', '0x2'],
    ['page', '2.0'],
    ['page', '+2'],
    ['page', ''],
    ['pageSize', '1e1'],
    ['pageSize', '%2010'],
    ['pageSize', '010'],
  ])('refuses the query %s=%s', async (key, value) => {
    const answer = await call({ method: 'GET', path: `/api/plans?${key}=${value}`, headers: { Authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { details: { fields: { field: string }[] } } }).error.details.fields[0]!.field).toBe(key);
  });

  it('accepts plain page numbers and reads them as numbers', async () => {
    const answer = await call({ method: 'GET', path: '/api/plans?page=1&pageSize=10', headers: { Authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ page: 1, pageSize: 10 });
  });

  it('refuses ids in a JSON body that are not positive whole numbers, and accepts a number or plain digits', async () => {
    for (const customerId of ['0x1', '1e0', 1.5, -1, 0, true, '', ' 1', 1e20]) {
      const answer = await json('POST', '/api/subscriptions', { customerId, planId, startDate: '2026-01-01' });
      expect(answer.status, JSON.stringify(customerId)).toBe(400);
      expect((answer.json as { error: { details: { fields: { field: string }[] } } }).error.details.fields[0]!.field).toBe('customerId');
    }
    // Plain digits pass the contract and reach the service, which looks the customer up.
    const missing = await json('POST', '/api/subscriptions', { customerId: '424242', planId, startDate: '2026-01-01' });
    expect((missing.json as { error: { message: string } }).error.message).toBe('customerId: Customer 424242 does not exist');
  });
});

describe('numbers in JSON bodies', () => {
  it.each([null, '', true, '0x10', ' 5', '1e3', '150000', [7]])('refuses the price %j instead of reading it as a number', async (price) => {
    const answer = await json('PUT', `/api/plans/${planId}`, { price });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { details: { fields: { field: string }[] } } }).error.details.fields[0]!.field).toBe('price');
    const plan = await call({ method: 'GET', path: `/api/plans/${planId}`, headers: { Authorization: `Bearer ${admin}` } });
    expect((plan.json as { price: number }).price).toBe(150000);
  });

  it.each([
    ['/api/customers', { name: 'Sri', phone: '0812-1111-2222', latitude: '' }, 'latitude'],
    ['/api/customers', { name: 'Sri', phone: '0812-1111-2222', longitude: false }, 'longitude'],
    ['/api/devices', { name: 'AP', type: 'access_point', host: '127.0.0.1', intervalSec: '60' }, 'intervalSec'],
    ['/api/devices', { name: 'AP', type: 'access_point', host: '127.0.0.1', lossWarnPct: true }, 'lossWarnPct'],
  ])('refuses %s with a number field sent as %j', async (urlPath, body, field) => {
    const answer = await json('POST', urlPath, body);
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field)).toContain(field);
  });
});

describe('caching of answers', () => {
  it('sends Cache-Control no-store on login, on personal answers and on errors, but lets the OpenAPI document be cached', async () => {
    const login = await call({
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@isp.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const token = (login.json as { token: string }).token;
    for (const urlPath of ['/api/auth/me', '/api/customers', '/api/customers/export', '/api/users/424242']) {
      const answer = await call({ method: 'GET', path: urlPath, headers: { Authorization: `Bearer ${token}` } });
      expect(answer.headers['cache-control'], urlPath).toBe('no-store');
    }
    const unauthenticated = await call({ method: 'GET', path: '/api/auth/me' });
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
    const openapi = await call({ method: 'GET', path: '/api/openapi.json' });
    expect(openapi.headers['cache-control']).toBe('no-cache');
  });
});
