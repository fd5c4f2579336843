// The real desktop entry (src/main/electron/index.ts) started against the electron stand-in, as a packaged app
// with ELECTRON_RENDERER_URL set: the core starts, the session is locked down, every contract channel is
// answered, the window loads the built renderer, and quitting stops it all.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../src/shared/contract';

const { fake, dataDir } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./fake-electron');
  const { tempDir: makeDir } = await import('../helpers');
  const dir = makeDir('nocman-electron-');
  return { dataDir: dir, fake: createFakeElectron({ isPackaged: true, userData: dir }) };
});
vi.mock('electron', () => fake);

beforeAll(async () => {
  process.env['NOCMAN_DATA_DIR'] = dataDir;
  process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
  // Electron sets process.resourcesPath (read-only in its types); plain Node has none.
  Object.defineProperty(process, 'resourcesPath', { value: path.join(dataDir, 'resources'), configurable: true });
  await import('../../src/main/electron/index');
  await vi.waitFor(() => expect(fake.trays).toHaveLength(1), { timeout: 20_000, interval: 50 });
});

afterAll(async () => {
  fake.app.emit('will-quit');
  // core.close() runs on will-quit without being awaited by Electron: give it a moment before removing its files.
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop entry', () => {
  it('asks at first start whether this PC hosts or joins the site, and remembers "host"', () => {
    expect(fake.dialog.boxes.map((box) => box.buttons)).toEqual([['Jadi host situs ini', 'Gabung ke situs', 'Keluar']]);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'site.json'), 'utf8'))).toEqual({ mode: 'host', serve: null });
  });

  it('answers exactly the contract operations plus subscribe and unsubscribe', () => {
    const expected = [...operationNames.map((name) => `noc:${name}`), 'noc:subscribe', 'noc:unsubscribe'];
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(expected.sort());
  });

  it('loads the built renderer although ELECTRON_RENDERER_URL is set, because the app is packaged', () => {
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.loaded?.kind).toBe('file');
    expect(fake.windows[0]!.loaded?.target).toMatch(/[\\/]renderer[\\/]index\.html$/);
  });

  it('denies permissions before the window shows anything', async () => {
    expect(await fake.session.defaultSession.request('media')).toBe(false);
  });

  it('answers the window over IPC from the real core', async () => {
    const win = fake.windows[0]!;
    const answer = await fake.ipcMain.invoke('noc:setup.status', { sender: win.webContents }, {}, null);
    expect(answer).toMatchObject({ ok: true, status: 200, body: { needsSetup: true } });
  });

  it('keeps running in the tray when the window is closed, and focuses the window on a second start', () => {
    fake.windows[0]!.close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(0);
    fake.app.emit('second-instance');
    expect(fake.windows).toHaveLength(2);
    expect(fake.windows[1]!.shown).toBe(1);
  });
});
