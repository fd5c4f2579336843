// The first screen's early requests (src/renderer/api/early.ts): they are the very requests the screens make, and the
// client hands each answer out once, to the same session, while it is fresh; anything else goes to the server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, httpRequestOf } from '../../src/renderer/api/client';
import { EARLY_MAX_AGE_MS, EARLY_REQUESTS, dropEarlyResponses, earlyRequestsPending, startEarlyRequests, takeEarlyResponse } from '../../src/renderer/api/early';
import type { OperationName } from '../../src/shared/contract';

function storage(saved: unknown): Storage {
  const text = saved === undefined ? null : JSON.stringify(saved);
  return { getItem: () => text, setItem() {}, removeItem() {}, clear() {}, key: () => null, length: text ? 1 : 0 };
}

function stubFetch() {
  const calls: { url: string; auth: string | null }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    calls.push({ url, auth: new Headers(init.headers).get('Authorization') });
    return Promise.resolve(new Response(JSON.stringify({ asked: url, n: calls.length }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
  });
  return calls;
}

afterEach(() => {
  dropEarlyResponses();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('early requests', () => {
  it('are written as httpRequestOf builds them, all GET', () => {
    const all = [...EARLY_REQUESTS.always, ...EARLY_REQUESTS.signedIn, ...Object.values(EARLY_REQUESTS.pages).flat()];
    expect(all.length).toBeGreaterThan(4);
    for (const [name, input, url] of all) {
      const built = httpRequestOf(name as OperationName, input);
      expect(built.url, name).toBe(url);
      expect(built.init.method, name).toBe('GET');
    }
  });

  it('start only the setup check without a saved session, and the session, frame and start page with one', async () => {
    const calls = stubFetch();
    startEarlyRequests('/', storage(undefined));
    expect(calls).toEqual([{ url: '/api/setup', auth: null }]);
    calls.length = 0;
    startEarlyRequests('/customers', storage({ token: 'tok-1', user: null }));
    expect(calls.map((c) => c.url)).toEqual(['/api/setup', '/api/auth/me', '/api/settings', '/api/alerts/stats']);
    expect(calls.slice(1).every((c) => c.auth === 'Bearer tok-1')).toBe(true);
    calls.length = 0;
    startEarlyRequests('/', storage({ token: 'tok-1', user: null }));
    expect(calls.map((c) => c.url)).toContain('/api/dashboard/stats');
    expect(calls.map((c) => c.url)).toContain('/api/alerts?status=open&page=1&pageSize=8');
    // Counted until answered (main.tsx renders at once while some are still on their way).
    expect(earlyRequestsPending()).toBeGreaterThan(0);
    await vi.waitFor(() => expect(earlyRequestsPending()).toBe(0));
  });

  it('are handed out once, to the same token, while fresh', async () => {
    stubFetch();
    startEarlyRequests('/', storage({ token: 'tok-1', user: null }));
    expect(takeEarlyResponse('/api/auth/me', 'tok-2')).toBeNull();
    expect(takeEarlyResponse('/api/auth/me', 'tok-1')).toBeNull(); // given up above: asked again by the caller

    expect(await (await takeEarlyResponse('/api/settings', 'tok-1'))!.json()).toMatchObject({ asked: '/api/settings' });
    expect(takeEarlyResponse('/api/settings', 'tok-1')).toBeNull();
    // The setup check carries no token: anyone may take it.
    expect(takeEarlyResponse('/api/setup', 'tok-9')).not.toBeNull();

    const now = performance.now();
    vi.spyOn(performance, 'now').mockReturnValue(now + EARLY_MAX_AGE_MS + 1);
    expect(takeEarlyResponse('/api/dashboard/stats', 'tok-1')).toBeNull();
  });

  it('answer the client once; its next call and another session ask the server', async () => {
    const calls = stubFetch();
    startEarlyRequests('/', storage({ token: 'tok-1', user: null }));
    const started = calls.length;
    const client = createClient(undefined);
    client.setToken('tok-1');
    await expect(client.call('dashboard.stats', {})).resolves.toMatchObject({ asked: '/api/dashboard/stats' });
    expect(calls.length).toBe(started);
    await client.call('dashboard.stats', {});
    expect(calls.length).toBe(started + 1);

    // A new sign-in drops what the previous session started.
    client.setToken('tok-2');
    await client.call('alerts.stats', {});
    expect(calls.length).toBe(started + 2);
    expect(calls.at(-1)).toEqual({ url: '/api/alerts/stats', auth: 'Bearer tok-2' });
  });
});
