// Where and how the window loads the renderer: the built file unless in development with a local dev server
// (ELECTRON_RENDERER_URL), and a locked-down BrowserWindow whichever it is.
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppUrl, rendererLocation } from '../../src/main/electron/location';
import { startFakeDesktop, MAIN_DIR, RENDERER_FILE, type FakeDesktop } from './harness';

let desk: FakeDesktop | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const FILE = '/opt/NOCman/out/renderer/index.html';

describe('ELECTRON_RENDERER_URL', () => {
  it('is ignored when the app is packaged, and says so', async () => {
    desk = await startFakeDesktop({ isPackaged: true, devServerUrl: 'http://localhost:5173' });
    expect(desk.window(0).loaded).toEqual({ kind: 'file', target: RENDERER_FILE });
    expect(desk.desktop.location).toEqual({ kind: 'file', file: RENDERER_FILE });
    expect(desk.warnings).toEqual(['ELECTRON_RENDERER_URL is ignored in a packaged app']);
  });

  it('loads the dev server in development', async () => {
    desk = await startFakeDesktop({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/' });
    expect(desk.window(0).loaded).toEqual({ kind: 'url', target: 'http://127.0.0.1:5173/' });
  });

  it.each([
    'https://localhost:5173/',
    'http://10.0.0.5:5173/',
    'http://localhost.evil.example:5173/',
    'http://user:pw@localhost:5173/',
    'file:///tmp/evil.html',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s even in development', (devServerUrl) => {
    const warnings: string[] = [];
    const location = rendererLocation({ isPackaged: false, devServerUrl, rendererFile: FILE, warn: (m) => warnings.push(m) });
    expect(location).toEqual({ kind: 'file', file: FILE });
    expect(warnings).toHaveLength(1);
  });

  it('loads the built file when no dev server is given', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: undefined, rendererFile: FILE })).toEqual({ kind: 'file', file: FILE });
    expect(rendererLocation({ isPackaged: false, devServerUrl: '', rendererFile: FILE })).toEqual({ kind: 'file', file: FILE });
  });
});

describe('the app URL', () => {
  const file = { kind: 'file' as const, file: FILE };

  it('is the built index.html with any hash route or query', () => {
    const own = pathToFileURL(FILE).href;
    expect(isAppUrl(file, own)).toBe(true);
    expect(isAppUrl(file, `${own}#/customers/12`)).toBe(true);
    expect(isAppUrl(file, `${own}?lang=en`)).toBe(true);
  });

  it('is the same file however its path is percent-encoded', () => {
    const spaced = { kind: 'file' as const, file: '/opt/NOC man/out/renderer/index.html' };
    expect(isAppUrl(spaced, 'file:///opt/NOC%20man/out/renderer/index.html#/')).toBe(true);
    expect(isAppUrl(file, 'file:///opt/NOCman/out/renderer/%69ndex.html')).toBe(true);
  });

  it('is no other file, host or scheme', () => {
    expect(isAppUrl(file, 'file:///opt/NOCman/out/renderer/other.html')).toBe(false);
    expect(isAppUrl(file, 'file:///tmp/renderer/index.html')).toBe(false);
    expect(isAppUrl(file, 'file://server/opt/NOCman/out/renderer/index.html')).toBe(false);
    expect(isAppUrl(file, 'https://opt/NOCman/out/renderer/index.html')).toBe(false);
    expect(isAppUrl(file, 'about:blank')).toBe(false);
  });

  it('is the dev server origin in development', () => {
    const dev = { kind: 'dev-server' as const, url: 'http://localhost:5173/' };
    expect(isAppUrl(dev, 'http://localhost:5173/#/devices')).toBe(true);
    expect(isAppUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl(dev, 'https://localhost:5173/')).toBe(false);
  });
});

describe('the window', () => {
  it('is sandboxed, context-isolated, without node, webviews or insecure content, with our preload', async () => {
    desk = await startFakeDesktop();
    const { webPreferences } = desk.window(0).options;
    expect(webPreferences).toEqual({
      preload: `${MAIN_DIR.replace(/main$/, 'preload')}/index.cjs`,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });

  it('opens a new window from the tray when the last one was closed, and focuses it', async () => {
    desk = await startFakeDesktop();
    desk.window(0).close();
    desk.electron.trays[0]!.menu!.item('Buka NOCman').click!();
    expect(desk.electron.windows).toHaveLength(2);
    expect(desk.window(1).shown).toBe(1);
    expect(desk.desktop.windows.count()).toBe(1);
  });
});
