// Sessions end to end over HTTP: setup, login, lockout, and every way a token is revoked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeServer, PASSWORD, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;

beforeEach(async () => {
  t = await makeServer();
});
afterEach(() => t.close());

const login = (email: string, password: string) => t.request('POST', '/api/auth/login', { body: { email, password } });

describe('first-run setup', () => {
  it('creates the first admin once, then refuses', async () => {
    expect((await t.request('GET', '/api/setup')).body.needsSetup).toBe(true);
    const first = await t.request('POST', '/api/setup', { body: { name: 'Budi', email: 'Budi@ISP.test', password: PASSWORD } });
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({ role: 'admin', email: 'budi@isp.test', active: true });
    const me = await t.request('GET', '/api/auth/me', { token: first.body.token });
    expect(me.body.email).toBe('budi@isp.test');
    const second = await t.request('POST', '/api/setup', { body: { name: 'Eve', email: 'eve@isp.test', password: PASSWORD } });
    expect(second.status).toBe(409);
    expect((await t.request('GET', '/api/setup')).body.needsSetup).toBe(false);
  });

  it('lets only one of two racing setup calls win', async () => {
    const [a, b] = await Promise.all([
      t.request('POST', '/api/setup', { body: { name: 'A', email: 'a@isp.test', password: PASSWORD } }),
      t.request('POST', '/api/setup', { body: { name: 'B', email: 'b@isp.test', password: PASSWORD } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await t.core.users.count()).toBe(1);
  });
});

describe('login and lockout', () => {
  beforeEach(async () => {
    people = await staff(t.core);
  });

  it('signs in case-insensitively and records the last login', async () => {
    const res = await login('TECH@isp.test', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('technician');
    expect(res.body.user.lastLoginAt).toBe(t.clock.now().toISOString());
    expect(Date.parse(res.body.expiresAt) - t.clock.now().getTime()).toBe(7 * 86400 * 1000);
  });

  it('locks an account for 15 minutes after five wrong passwords', async () => {
    for (let i = 0; i < 4; i++) expect((await login('staff@isp.test', 'wrong-password')).status).toBe(401);
    const fifth = await login('staff@isp.test', 'wrong-password');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('RATE_LIMITED');
    expect(fifth.headers.get('retry-after')).toBe('900');
    expect((await login('staff@isp.test', PASSWORD)).status).toBe(429);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login('staff@isp.test', PASSWORD)).status).toBe(200);
  });

  it('answers an unknown email exactly like a known one', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push((await login('tech@isp.test', 'nope-nope')).status);
      unknown.push((await login('ghost@isp.test', 'nope-nope')).status);
    }
    expect(unknown).toEqual(known);
    expect(known).toEqual([401, 401, 401, 401, 429, 429]);
    const a = await login('ghost@isp.test', 'x-x-x-x-x');
    const b = await login('tech@isp.test', 'x-x-x-x-x');
    expect(a.body).toEqual(b.body);
  });

  it('unlocks when an admin resets the password', async () => {
    for (let i = 0; i < 5; i++) await login('tech@isp.test', 'wrong-password');
    const admin = await people.token('admin');
    const reset = await t.request('PUT', `/api/users/${people.ids.technician}`, { token: admin, body: { password: 'brand-new-pass' } });
    expect(reset.status).toBe(200);
    expect(reset.body.lockedUntil).toBeNull();
    expect((await login('tech@isp.test', 'brand-new-pass')).status).toBe(200);
  });

  it('refuses a deactivated account even with the right password', async () => {
    const admin = await people.token('admin');
    await t.request('PUT', `/api/users/${people.ids.staff}`, { token: admin, body: { active: false } });
    const res = await login('staff@isp.test', PASSWORD);
    expect(res.status).toBe(401);
  });
});

describe('revocation', () => {
  beforeEach(async () => {
    people = await staff(t.core);
  });

  it('logout revokes the token at once', async () => {
    const { token } = (await login('staff@isp.test', PASSWORD)).body;
    expect((await t.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('a password change revokes old tokens and returns a working new one', async () => {
    const { token } = (await login('staff@isp.test', PASSWORD)).body;
    const wrong = await t.request('PUT', '/api/auth/change-password', { token, body: { currentPassword: 'bad-guess', newPassword: 'another-pass-1' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe('currentPassword');
    const changed = await t.request('PUT', '/api/auth/change-password', { token, body: { currentPassword: PASSWORD, newPassword: 'another-pass-1' } });
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: changed.body.token })).status).toBe(200);
    expect((await login('staff@isp.test', 'another-pass-1')).status).toBe(200);
  });

  it('deactivation, demotion and deletion revoke at once', async () => {
    const admin = await people.token('admin');
    const staffToken = await people.token('staff');
    const techToken = await people.token('technician');
    await t.request('PUT', `/api/users/${people.ids.staff}`, { token: admin, body: { active: false } });
    expect((await t.request('GET', '/api/auth/me', { token: staffToken })).status).toBe(401);
    await t.request('DELETE', `/api/users/${people.ids.technician}`, { token: admin });
    expect((await t.request('GET', '/api/auth/me', { token: techToken })).status).toBe(401);
  });

  it('an expired token is refused', async () => {
    const token = await people.token('staff');
    t.clock.advance(7 * 86400 * 1000 + 1000);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('a token signed with another secret is refused', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwidmVyIjowLCJpYXQiOjE3OTU3NzQyNjYsImV4cCI6MTg5NjM3OTA2Nn0.oZvvTQ16y_c9k-OSqsZToUtRIv_Vbs--1Gh4Hx7B1ww';
    expect((await t.request('GET', '/api/auth/me', { token: forged })).status).toBe(401);
  });
});

describe('the last active admin', () => {
  beforeEach(async () => {
    people = await staff(t.core);
  });

  it('cannot be demoted, deactivated or deleted, and may be once another admin exists', async () => {
    const admin = await people.token('admin');
    const id = people.ids.admin;
    expect((await t.request('PUT', `/api/users/${id}`, { token: admin, body: { role: 'staff' } })).status).toBe(409);
    expect((await t.request('PUT', `/api/users/${id}`, { token: admin, body: { active: false } })).status).toBe(409);
    expect((await t.request('DELETE', `/api/users/${id}`, { token: admin })).status).toBe(409);
    expect((await t.request('GET', `/api/users/${id}`, { token: admin })).body).toMatchObject({ role: 'admin', active: true });

    const promoted = await t.request('PUT', `/api/users/${people.ids.staff}`, { token: admin, body: { role: 'admin' } });
    expect(promoted.status).toBe(200);
    expect((await t.request('PUT', `/api/users/${id}`, { token: admin, body: { role: 'staff' } })).status).toBe(200);
  });

  it('an admin cannot delete their own account', async () => {
    const admin = await people.token('admin');
    expect((await t.request('DELETE', `/api/users/${people.ids.admin}`, { token: admin })).status).toBe(409);
  });
});

describe('profile', () => {
  it('changes own name and language, not own role', async () => {
    people = await staff(t.core);
    const token = await people.token('technician');
    const res = await t.request('PUT', '/api/auth/profile', { token, body: { name: 'Tono S.', language: 'en' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Tono S.', language: 'en', role: 'technician' });
    const escalate = await t.request('PUT', '/api/auth/profile', { token, body: { role: 'admin' } });
    expect(escalate.status).toBe(400);
    expect((await t.request('GET', '/api/auth/me', { token })).body.role).toBe('technician');
  });
});
