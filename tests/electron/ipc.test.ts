// The IPC transport through the electron stand-in over a real core: exactly the contract's channels, calls only
// from the app's own main frame, the HTTP body limit, and the shared error shape for every refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { operationNames } from '../../src/shared/contract';
import { JSON_BODY_LIMIT } from '../../src/main/http/server';
import { IPC_BODY_LIMIT_BYTES } from '../../src/main/electron/ipc';
import { FakeContents, FakeFrame } from './fake-electron';
import { startFakeDesktop, type FakeDesktop } from './harness';

let desk: FakeDesktop | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function desktop(options?: Parameters<typeof startFakeDesktop>[0]): Promise<FakeDesktop> {
  desk = await startFakeDesktop(options);
  return desk;
}

function bytesOf(limit: string): number {
  const match = /^(\d+)(kb|mb)$/.exec(limit);
  if (!match) throw new Error(`unexpected limit ${limit}`);
  return Number(match[1]) * (match[2] === 'mb' ? 1024 * 1024 : 1024);
}

describe('IPC channels', () => {
  it('registers a handler for exactly the contract operations plus subscribe and unsubscribe', async () => {
    const d = await desktop();
    const expected = [...operationNames.map((name) => `noc:${name}`), 'noc:subscribe', 'noc:unsubscribe'];
    expect([...d.electron.ipcMain.handlers.keys()].sort()).toEqual(expected.sort());
  });

  it('answers an operation from the app window with the dispatcher result', async () => {
    const d = await desktop();
    const answer = await d.call(d.window(0), 'setup.status', {}, null);
    expect(answer).toMatchObject({ ok: true, status: 200, body: { needsSetup: false } });
  });

  it('removes every handler when the desktop stops', async () => {
    const d = await desktop();
    d.desktop.stop();
    expect(d.electron.ipcMain.handlers.size).toBe(0);
    d.desktop.stop = () => undefined;
  });
});

describe('who may call', () => {
  const forbidden = { ok: false, status: 403, body: { error: { code: 'FORBIDDEN' } } };

  it('refuses a call from a sub-frame of the app window', async () => {
    const d = await desktop();
    const win = d.window(0);
    const iframe = win.webContents.childFrame(win.webContents.mainFrame.url);
    expect(await d.call(win, 'setup.status', {}, null, iframe)).toMatchObject(forbidden);
  });

  it('refuses a call from a main frame showing another page than the app', async () => {
    const d = await desktop();
    const win = d.window(0);
    win.webContents.mainFrame.url = 'https://evil.example/index.html';
    expect(await d.call(win, 'setup.status', {}, null)).toMatchObject(forbidden);
    win.webContents.mainFrame.url = 'file:///tmp/evil/renderer/index.html';
    expect(await d.call(win, 'setup.status', {}, null)).toMatchObject(forbidden);
  });

  it('refuses a call from a page that is not one of the app windows, even on the app URL', async () => {
    const d = await desktop();
    const stranger = new FakeContents();
    stranger.mainFrame.url = d.window(0).webContents.mainFrame.url;
    const answer = await d.electron.ipcMain.invoke('noc:setup.status', { sender: stranger }, {}, null);
    expect(answer).toMatchObject(forbidden);
  });

  it('refuses a call whose frame is gone or is not the main frame of its page', async () => {
    const d = await desktop();
    const win = d.window(0);
    expect(await d.call(win, 'setup.status', {}, null, null)).toMatchObject(forbidden);
    const otherTopFrame = new FakeFrame(win.webContents.mainFrame.url);
    expect(await d.call(win, 'setup.status', {}, null, otherTopFrame)).toMatchObject(forbidden);
  });

  it('refuses subscribe from a foreign frame, so it never receives events', async () => {
    const d = await desktop();
    const win = d.window(0);
    const token = await d.people.token('admin');
    const iframe = win.webContents.childFrame('https://evil.example/');
    const answer = await d.electron.ipcMain.invoke('noc:subscribe', { sender: win.webContents, senderFrame: iframe }, token);
    expect(answer).toMatchObject(forbidden);
    expect(d.desktop.sessions.current()).toBeNull();
  });

  it('refuses a closed window', async () => {
    const d = await desktop();
    const win = d.window(0);
    win.close();
    expect(await d.call(win, 'setup.status', {}, null)).toMatchObject(forbidden);
  });

  it('accepts the dev server origin in development and refuses other origins', async () => {
    const d = await desktop({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
    const win = d.window(0);
    expect(win.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173' });
    win.webContents.mainFrame.url = 'http://localhost:5173/#/customers';
    expect(await d.call(win, 'setup.status', {}, null)).toMatchObject({ ok: true, status: 200 });
    win.webContents.mainFrame.url = 'http://localhost:5174/';
    expect(await d.call(win, 'setup.status', {}, null)).toMatchObject(forbidden);
  });
});

describe('body limit', () => {
  it('uses the same limit as the HTTP server', () => {
    expect(IPC_BODY_LIMIT_BYTES).toBe(bytesOf(JSON_BODY_LIMIT));
  });

  it('refuses an input over 1 MB with PAYLOAD_TOO_LARGE before the dispatcher sees it', async () => {
    const d = await desktop();
    const token = await d.people.token('admin');
    const huge = { name: 'x'.repeat(IPC_BODY_LIMIT_BYTES) };
    const answer = await d.call(d.window(0), 'plans.create', huge, token);
    expect(answer).toEqual({
      ok: false,
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body exceeds 1mb' } },
    });
    // The same answer for an anonymous caller: the size is checked before anything else.
    expect(await d.call(d.window(0), 'auth.login', { email: 'a'.repeat(IPC_BODY_LIMIT_BYTES + 1), password: 'x' }, null)).toMatchObject({ status: 413 });
  });

  it('passes an input just under the limit on to the dispatcher', async () => {
    const d = await desktop();
    const token = await d.people.token('admin');
    const answer = await d.call(d.window(0), 'plans.create', { name: 'x'.repeat(IPC_BODY_LIMIT_BYTES - 100) }, token);
    expect(answer).toMatchObject({ ok: false, status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });

  it('counts multi-byte characters as their UTF-8 size', async () => {
    const d = await desktop();
    const token = await d.people.token('admin');
    // 400,000 × 3 bytes: 1.2 MB although under a million characters.
    const answer = await d.call(d.window(0), 'plans.create', { name: '€'.repeat(400_000) }, token);
    expect(answer).toMatchObject({ status: 413 });
  });

  it('treats a token longer than any HTTP header could carry as no token', async () => {
    const d = await desktop();
    const answer = await d.call(d.window(0), 'auth.me', {}, 'x'.repeat(64 * 1024));
    expect(answer).toMatchObject({ ok: false, status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('refuses an input that is not JSON with VALIDATION_FAILED', async () => {
    const d = await desktop();
    const token = await d.people.token('admin');
    const answer = await d.call(d.window(0), 'plans.create', { price: 10n }, token);
    expect(answer).toMatchObject({ ok: false, status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});
