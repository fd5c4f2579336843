// GET /api/events over a real socket: authentication by header, role filtering, heartbeat, replay with Last-Event-ID.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let people: Staffed;

beforeAll(async () => {
  t = await makeServer({}, [], 200);
  people = await staff(t.core);
  // The users just made are journaled before any stream opens (else their users.changed would reach it as news).
  await t.core.journal.settled();
});
afterAll(() => t.close());

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Opens the stream and collects frames until `until` says stop (or 3 s pass). */
async function collect(token: string | null, action: () => Promise<unknown>, until: (frames: Frame[]) => boolean, lastEventId?: number) {
  const controller = new AbortController();
  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const response = await fetch(`${t.url}/api/events`, { headers, signal: controller.signal });
  if (response.status !== 200) return { status: response.status, frames: [] as Frame[], ended: false };
  const frames: Frame[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const deadline = setTimeout(() => controller.abort(), 3000);
  await action();
  let buffer = '';
  let ended = false;
  try {
    while (!until(frames)) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame: Frame = {};
        for (const line of buffer.slice(0, cut).split('\n')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          else {
            const [key, ...rest] = line.split(':');
            (frame as Record<string, string>)[key!] = rest.join(':').trim();
          }
        }
        frames.push(frame);
        buffer = buffer.slice(cut + 2);
      }
    }
  } catch {
    // aborted at the deadline
  } finally {
    clearTimeout(deadline);
    controller.abort();
  }
  return { status: 200, frames, ended };
}

describe('GET /api/events', () => {
  it('refuses a caller without a valid bearer token', async () => {
    expect((await collect(null, async () => undefined, () => true)).status).toBe(401);
    expect((await collect('garbage', async () => undefined, () => true)).status).toBe(401);
  });

  it('delivers events the role may see and not the others', async () => {
    const admin = await people.token('admin');
    const tech = await people.token('technician');
    const change = async () => {
      await t.request('POST', '/api/auth/register', {
        token: admin,
        body: { name: 'New Tech', email: `n${Date.now()}@isp.test`, password: 'password-123', role: 'technician' },
      });
      await t.request('PUT', '/api/settings', { token: admin, body: { companyName: `PT Net ${Date.now()}` } });
    };
    const seen = (frames: Frame[]) => frames.some((f) => f.event === 'settings.updated');
    const [asAdmin, asTech] = await Promise.all([collect(admin, change, seen), collect(tech, async () => undefined, seen)]);
    expect(asAdmin.frames.map((f) => f.event).filter(Boolean)).toEqual(['users.changed', 'settings.updated']);
    expect(asTech.frames.map((f) => f.event).filter(Boolean)).toEqual(['settings.updated']);
    const payload = JSON.parse(asTech.frames.find((f) => f.event === 'settings.updated')!.data!);
    expect(payload.payload.companyName).toMatch(/^PT Net/);
  });

  it('sends heartbeat comments', async () => {
    const token = await people.token('staff');
    const { frames } = await collect(token, async () => undefined, (f) => f.some((x) => x.comment === 'heartbeat'));
    expect(frames.some((f) => f.comment === 'heartbeat')).toBe(true);
  });

  it('replays what a reconnecting client missed after Last-Event-ID', async () => {
    const admin = await people.token('admin');
    await t.request('PUT', '/api/settings', { token: admin, body: { companyTaxId: '01.234.567.8-901.000' } });
    const last = t.core.events.since(0).at(-1)!.id;
    await t.request('PUT', '/api/settings', { token: admin, body: { companyAddress: 'Jl. Sudirman 1, Jakarta' } });
    await t.request('PUT', '/api/settings', { token: admin, body: { language: 'en' } });
    const { frames } = await collect(admin, async () => undefined, (f) => f.filter((x) => x.event).length >= 2, last);
    const replayed = frames.filter((f) => f.event).map((f) => JSON.parse(f.data!).payload);
    expect(replayed.map((p) => [p.companyAddress, p.language])).toEqual([
      ['Jl. Sudirman 1, Jakarta', 'id'],
      ['Jl. Sudirman 1, Jakarta', 'en'],
    ]);
  });

  it('closes the stream of a session that was revoked', async () => {
    const token = await people.token('staff');
    const result = await collect(
      token,
      () => t.request('POST', '/api/auth/logout', { token }),
      () => false,
    );
    // the server ended the stream itself at the next heartbeat, before the 3 s deadline aborted it
    expect(result.status).toBe(200);
    expect(result.ended).toBe(true);
  });
});

describe('closing the server', () => {
  it('ends close() within its grace period even when a connection never finishes its request', async () => {
    const own = await makeServer();
    const socket = net.connect(Number(new URL(own.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers begun and never finished: not an idle connection, so close() alone would wait for Node's headers timeout.
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const closedSocket = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    try {
      const started = performance.now();
      await own.server.close();
      expect(performance.now() - started).toBeLessThan(15_000);
      await closedSocket;
    } finally {
      socket.destroy();
      await own.close();
    }
  }, 40_000);
});
