// The joined client when the server is away (src/renderer/stores/connection.ts, api/client.ts, frame/connectionSync.ts):
// back-off with jitter, the connection's states, the event stream's reconnects with Last-Event-ID, queries that keep
// their data while offline and catch up once, and a write that says it was not saved.
import { QueryCache, QueryClient, QueryObserver } from '@tanstack/react-query';
import i18next, { type TFunction } from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, httpSubscribe, parseEventFrames, type LiveEvent } from '../../src/renderer/api/client';
import { keepDataOnUnreachable, QUERY_DEFAULTS, syncQueriesWithConnection } from '../../src/renderer/frame/connectionSync';
import { messageOf } from '../../src/renderer/forms/errors';
import { en } from '../../src/renderer/i18n/en';
import { id } from '../../src/renderer/i18n/id';
import { createConnectionStore, reconnectDelayMs, RECONNECT_MAX_MS } from '../../src/renderer/stores/connection';
import { AppError } from '../../src/shared/errors';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A wall clock the test moves by hand. */
function handClock(start = '2026-12-04T13:54:00.000Z') {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

describe('reconnect back-off', () => {
  it.each([
    [0, 700, 1000],
    [1, 1400, 2000],
    [2, 2800, 4000],
    [3, 5600, 8000],
    [4, 11_200, 16_000],
    [5, 21_000, 30_000],
    [12, 21_000, 30_000],
    [1000, 21_000, 30_000],
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    expect(reconnectDelayMs(attempt, 0)).toBe(low);
    expect(reconnectDelayMs(attempt, 0.999_999)).toBe(high);
    const middle = reconnectDelayMs(attempt, 0.5);
    expect(middle).toBeGreaterThan(low);
    expect(middle).toBeLessThan(high);
  });

  it('never waits longer than 30 s, whatever the jitter', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      for (const random of [0, 0.3, 0.7, 0.999]) expect(reconnectDelayMs(attempt, random)).toBeLessThanOrEqual(RECONNECT_MAX_MS);
    }
  });
});

describe('connection store', () => {
  it('goes offline at the first unreachable call, keeps that time through the retries, and is back online with the stream', () => {
    const clock = handClock();
    const store = createConnectionStore(clock.now);
    const s = () => store.getState();
    s().streamStarted();
    s().dataReceived();
    expect(s()).toMatchObject({ status: 'online', lastDataAt: '2026-12-04T13:54:00.000Z', offlineSince: null });

    clock.advance(60_000);
    s().unreachable();
    expect(s()).toMatchObject({ status: 'offline', offlineSince: '2026-12-04T13:55:00.000Z' });
    clock.advance(1000);
    s().streamLost(2000);
    expect(s()).toMatchObject({ status: 'offline', offlineSince: '2026-12-04T13:55:00.000Z', nextRetryAt: '2026-12-04T13:55:03.000Z' });
    s().unreachable();
    expect(s().offlineSince).toBe('2026-12-04T13:55:00.000Z');

    s().streamConnecting();
    expect(s()).toMatchObject({ status: 'reconnecting', nextRetryAt: null });
    s().streamOpen();
    expect(s()).toMatchObject({ status: 'online', offlineSince: null, nextRetryAt: null, reconnects: 1, lastDataAt: '2026-12-04T13:54:00.000Z' });
    // Opening while online (the first connection, a quiet reconnect) is no catch-up.
    s().streamOpen();
    expect(s().reconnects).toBe(1);
  });

  it('with a stream running, an answer wakes the stream instead of declaring the server back; without one, the answer does', () => {
    const store = createConnectionStore(handClock().now);
    const s = () => store.getState();
    const wake = vi.fn();
    s().onRetryNow(wake);
    s().streamStarted();
    s().unreachable();
    expect(wake).toHaveBeenCalledTimes(1);
    s().answered();
    expect(wake).toHaveBeenCalledTimes(2);
    expect(s().status).toBe('offline');

    s().streamStopped();
    s().answered();
    expect(s()).toMatchObject({ status: 'online', reconnects: 1 });
  });
});

describe('event frames', () => {
  it('splits complete frames, skips comments and keeps the incomplete rest', () => {
    const { events, rest } = parseEventFrames('retry: 3000\n\n: heartbeat\n\nid: 7\nevent: device.status\ndata: {"at":"x","payload":{"id":1}}\n\nid: 8\nevent: al');
    expect(events).toEqual([{ id: 7, name: 'device.status', at: 'x', payload: { id: 1 } }]);
    expect(rest).toBe('id: 8\nevent: al');
  });

  it('takes the id-only frame a stream starts with as where to resume, dispatching nothing', () => {
    expect(parseEventFrames('retry: 3000\n\nid: 41\n\n')).toEqual({ events: [], rest: '', lastId: 41 });
    expect(parseEventFrames(': heartbeat\n\n').lastId).toBeUndefined();
  });
});

/** A fetch for /api/events that the test answers: refused (throws), or a stream the test writes to and ends. */
function eventServer() {
  const requests: { at: number; lastEventId: string | null }[] = [];
  let mode: 'down' | 'up' = 'down';
  let current: ReadableStreamDefaultController<Uint8Array> | null = null;
  const encoder = new TextEncoder();
  vi.stubGlobal('fetch', (_url: string, init: RequestInit = {}) => {
    requests.push({ at: performance.now(), lastEventId: new Headers(init.headers).get('Last-Event-ID') });
    if (mode === 'down') return Promise.reject(new TypeError('Failed to fetch'));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        current = controller;
        init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
  });
  return {
    requests,
    setMode: (next: 'down' | 'up') => (mode = next),
    /** The id-only frame the server starts a stream with. */
    start: (eventId: number) => current?.enqueue(encoder.encode(`retry: 3000\n\nid: ${eventId}\n\n`)),
    send: (eventId: number) => current?.enqueue(encoder.encode(`id: ${eventId}\nevent: monitor.sweep\ndata: {"at":"t","payload":{}}\n\n`)),
    /** The host dies: the open stream breaks. */
    kill: () => {
      current?.error(new TypeError('network error'));
      current = null;
    },
  };
}

describe('event stream reconnects', () => {
  it('backs off 1, 2, 4, 8 s while the host is down, sends Last-Event-ID, and "try now" connects at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    const server = eventServer();
    const store = createConnectionStore();
    const seen: LiveEvent[] = [];
    server.setMode('up');
    const stop = httpSubscribe('token', (e) => seen.push(e), { connection: store.getState, random: () => 0.999_999 });
    await vi.advanceTimersByTimeAsync(10);
    server.send(41);
    server.send(42);
    await vi.advanceTimersByTimeAsync(10);
    expect(seen.map((e) => e.id)).toEqual([41, 42]);
    expect(store.getState().status).toBe('online');

    // Killed within 5 s of opening: no quiet retry, the back-off starts.
    server.setMode('down');
    const killedAt = performance.now();
    server.kill();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getState().status).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000);
    const times = [killedAt, ...server.requests.slice(1).map((r) => r.at)];
    const gaps = times.slice(1).map((at, i) => Math.round((at - times[i]!) / 100) * 100);
    expect(gaps).toEqual([1000, 2000, 4000, 8000]);
    expect(server.requests.slice(1).every((r) => r.lastEventId === '42')).toBe(true);
    expect(store.getState().status).toBe('offline');
    expect(store.getState().nextRetryAt).not.toBeNull();

    // The host is back; "try now" does not wait for the 16 s step.
    server.setMode('up');
    const before = server.requests.length;
    store.getState().retryNow();
    await vi.advanceTimersByTimeAsync(10);
    expect(server.requests.length).toBe(before + 1);
    expect(server.requests.at(-1)!.lastEventId).toBe('42');
    expect(store.getState()).toMatchObject({ status: 'online', reconnects: 1 });
    stop();
    expect(store.getState().streams).toBe(0);
  });

  it('resumes from where a stream began when it broke before its first event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    const server = eventServer();
    const store = createConnectionStore();
    const seen: LiveEvent[] = [];
    server.setMode('up');
    const stop = httpSubscribe('token', (e) => seen.push(e), { connection: store.getState, random: () => 0.999_999 });
    await vi.advanceTimersByTimeAsync(10);
    expect(server.requests[0]!.lastEventId).toBeNull();
    server.start(300);
    await vi.advanceTimersByTimeAsync(10);
    server.kill();
    await vi.advanceTimersByTimeAsync(1100);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests[1]!.lastEventId).toBe('300');
    expect(seen).toEqual([]);
    stop();
  });

  it('reconnects at once, quietly, when a stream that ran a while ends; the back-off restarts from 1 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    const server = eventServer();
    const store = createConnectionStore();
    server.setMode('up');
    const stop = httpSubscribe('token', () => undefined, { connection: store.getState, random: () => 0.999_999 });
    await vi.advanceTimersByTimeAsync(6000);
    server.kill();
    await vi.advanceTimersByTimeAsync(10);
    expect(server.requests.length).toBe(2);
    expect(store.getState()).toMatchObject({ status: 'online', reconnects: 0 });
    stop();
  });

  it('gives up a stream that has been silent past the heartbeats, and backs off', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    const server = eventServer();
    const store = createConnectionStore();
    server.setMode('up');
    const stop = httpSubscribe('token', () => undefined, { connection: store.getState, random: () => 0 });
    await vi.advanceTimersByTimeAsync(10);
    server.setMode('down');
    // The cable is cut: nothing arrives, nothing ends. After 40-45 s the stream is dropped and tried again.
    await vi.advanceTimersByTimeAsync(46_000);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(store.getState().status).toBe('offline');
    stop();
  });
});

describe('queries and writes while the server is away', () => {
  let t: Record<'id' | 'en', TFunction>;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
    t = { id: i18n.getFixedT('id'), en: i18n.getFixedT('en') };
  });

  it('a read keeps its data on screen (no error) while offline, and everything is fetched once when the stream is back', async () => {
    const store = createConnectionStore();
    const queryClient = new QueryClient({ defaultOptions: QUERY_DEFAULTS });
    const unsync = syncQueriesWithConnection(queryClient, store);
    queryClient.mount();
    let reachable = true;
    let calls = 0;
    const client = createClient(undefined, store.getState);
    vi.stubGlobal('fetch', () => {
      calls++;
      if (!reachable) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(new Response(JSON.stringify({ items: [{ n: calls }], total: 1, page: 1, pageSize: 25 }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    });
    try {
      const observer = new QueryObserver(queryClient, { queryKey: ['plans'], queryFn: () => client.call('plans.list', {}) });
      const unobserve = observer.subscribe(() => undefined);
      await vi.waitFor(() => expect(observer.getCurrentResult().status).toBe('success'));
      expect(store.getState().lastDataAt).not.toBeNull();

      store.getState().streamStarted();
      reachable = false;
      void observer.refetch();
      // The retry waits its first second, then holds while offline.
      await vi.waitFor(() => expect(observer.getCurrentResult().fetchStatus).toBe('paused'), { timeout: 3000 });
      const offline = observer.getCurrentResult();
      expect(store.getState().status).toBe('offline');
      expect(offline).toMatchObject({ status: 'success', isError: false, fetchStatus: 'paused', data: { items: [{ n: 1 }] } });

      reachable = true;
      const before = calls;
      store.getState().streamOpen();
      await vi.waitFor(() => expect(observer.getCurrentResult().fetchStatus).toBe('idle'));
      expect(observer.getCurrentResult()).toMatchObject({ status: 'success', data: { items: [{ n: before + 1 }] } });
      expect(calls).toBe(before + 1);
      unobserve();
    } finally {
      unsync();
      queryClient.unmount();
      queryClient.clear();
    }
  });

  it('a read whose screen closed while offline keeps its data, not an error, and is fetched again on the next visit', async () => {
    const store = createConnectionStore();
    const queryClient = new QueryClient({ defaultOptions: QUERY_DEFAULTS, queryCache: new QueryCache({ onError: keepDataOnUnreachable }) });
    const unsync = syncQueriesWithConnection(queryClient, store);
    queryClient.mount();
    let reachable = true;
    const client = createClient(undefined, store.getState);
    vi.stubGlobal('fetch', () =>
      reachable ? Promise.resolve(new Response(JSON.stringify({ items: [], total: 0, page: 1, pageSize: 25 }), { status: 200, headers: { 'Content-Type': 'application/json' } })) : Promise.reject(new TypeError('Failed to fetch')),
    );
    try {
      const options = { queryKey: ['plans'], queryFn: () => client.call('plans.list', {}) };
      const observer = new QueryObserver(queryClient, options);
      const unobserve = observer.subscribe(() => undefined);
      await vi.waitFor(() => expect(observer.getCurrentResult().status).toBe('success'));
      store.getState().streamStarted();
      reachable = false;
      void observer.refetch();
      await vi.waitFor(() => expect(observer.getCurrentResult().fetchStatus).toBe('paused'), { timeout: 3000 });
      // The user opens another page: the paused read has no screen left.
      unobserve();
      reachable = true;
      store.getState().streamOpen();
      await vi.waitFor(() => expect(queryClient.getQueryState(['plans'])?.fetchStatus).toBe('idle'));
      expect(queryClient.getQueryState(['plans'])).toMatchObject({ status: 'success', error: null, isInvalidated: true });
    } finally {
      unsync();
      queryClient.unmount();
      queryClient.clear();
    }
  });

  it('a write is not queued: it fails at once with UNREACHABLE, and the form says the change was not saved', async () => {
    const store = createConnectionStore();
    const queryClient = new QueryClient({ defaultOptions: QUERY_DEFAULTS });
    const unsync = syncQueriesWithConnection(queryClient, store);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const client = createClient(undefined, store.getState);
    try {
      store.getState().unreachable();
      const mutation = queryClient.getMutationCache().build(queryClient, { mutationFn: () => client.call('plans.update', { id: 1, name: 'Rumah 30' }) });
      const error = await mutation.execute(undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'UNREACHABLE', status: 0, details: { write: true } });
      expect(messageOf(error, t.id)).toBe('Perubahan TIDAK disimpan karena server NOCman tidak dapat dihubungi. Coba lagi setelah tersambung kembali.');
      expect(messageOf(error, t.en)).toBe('The change was NOT saved because the NOCman server cannot be reached. Try again once the connection is back.');

      const read = await client.call('plans.list', {}).catch((e: unknown) => e);
      expect(messageOf(read, t.en)).toBe('Cannot reach the NOCman server.');
      const login = await client.call('auth.login', { email: 'a@b.id', password: 'x' }).catch((e: unknown) => e);
      expect(messageOf(login, t.id)).toBe('Server NOCman tidak dapat dihubungi.');
    } finally {
      unsync();
    }
  });
});
