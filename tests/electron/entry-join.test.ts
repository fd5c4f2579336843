// The real desktop entry in join mode (site.json names a host and its pinned certificate): one window on the
// host's UI, no core, no jobs, no IPC, no tray; the certificate check accepts only the pinned host certificate.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { siteCertificate } from '../../src/main/core/site/tls';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { makeCore, tempDir, type TestCore } from '../helpers';

const { fake, userData } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./fake-electron');
  const { tempDir: makeDir } = await import('../helpers');
  const dir = makeDir('nocman-electron-join-');
  return { userData: dir, fake: createFakeElectron({ isPackaged: true, userData: dir, locale: 'en-GB' }) };
});
vi.mock('electron', () => fake);

const clock = new FakeClock('2026-12-05T03:00:00Z');
const otherDir = tempDir('nocman-electron-join-other-');
let host: TestCore;
let server: RunningServer;
let fingerprint: string;
let otherFingerprint: string;

function electronForm(colonHex: string): string {
  return `sha256/${Buffer.from(colonHex.replaceAll(':', ''), 'hex').toString('base64')}`;
}

beforeAll(async () => {
  host = await makeCore();
  const cert = await siteCertificate(host.dataDir, { clock });
  fingerprint = cert.fingerprint;
  otherFingerprint = (await siteCertificate(otherDir, { clock })).fingerprint;
  server = await startHttpServer({ core: host.core, port: 0, host: '127.0.0.1', tls: cert, logger: { error: () => undefined } });
  writeFileSync(path.join(userData, 'site.json'), JSON.stringify({ mode: 'join', url: server.url, fingerprint }));
  process.env['NOCMAN_DATA_DIR'] = path.join(userData, 'data');
  Object.defineProperty(process, 'resourcesPath', { value: path.join(userData, 'resources'), configurable: true });
  await import('../../src/main/electron/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000, interval: 50 });
});

afterAll(async () => {
  fake.app.emit('will-quit');
  await server.close();
  await host.close();
  rmSync(userData, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

describe('a joined desktop app', () => {
  it("loads the host's own web UI, with only the join preload (no window.noc: the page speaks HTTP)", () => {
    expect(fake.windows[0]!.loaded).toEqual({ kind: 'url', target: `${server.url}/` });
    expect(fake.windows[0]!.options.webPreferences.preload).toMatch(/[/\\]preload[/\\]join\.cjs$/);
  });

  it('starts no core, job or IPC handler of its own; only a tray that waits for the window to sign in', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect([...fake.ipcMain.listeners.keys()]).toEqual(['noc:joined-session']);
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]!.menu!.items.map((i) => i.label).filter(Boolean)).toEqual(['Open NOCman', 'Acknowledge all info alerts', 'Quit']);
    expect(existsSync(path.join(userData, 'data', 'nocman.sqlite'))).toBe(false);
    expect(fake.dialog.boxes).toEqual([]);
  });

  it("accepts the host's pinned certificate and refuses another, warning in the system's language", async () => {
    const session = fake.session.defaultSession;
    expect(await session.verify('127.0.0.1', electronForm(fingerprint))).toBe(0);
    expect(await session.verify('127.0.0.1', electronForm(otherFingerprint))).toBe(-2);
    await vi.waitFor(() => expect(fake.dialog.boxes).toHaveLength(1));
    expect(fake.dialog.boxes[0]!.title).toBe('The host’s certificate changed');
    expect(fake.dialog.boxes[0]!.detail).toContain(`Trusted: ${fingerprint}\nPresented now: ${otherFingerprint}`);
  });

  it('quits when its window is closed: nothing runs here without it', () => {
    fake.windows[0]!.close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(1);
  });
});
