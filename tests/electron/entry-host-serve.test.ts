// The real desktop entry in host mode with `serve` in site.json: the app runs the site as before and also serves
// its network over HTTPS with the certificate it made in its data folder; quitting closes that server.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pinnedHttpsAgent, probeHost } from '../../src/main/core/site/pin';
import { fingerprintOfPem } from '../../src/main/core/site/tls';
import { freePort } from '../helpers';

const { fake, dataDir } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./fake-electron');
  const { tempDir } = await import('../helpers');
  const dir = tempDir('nocman-electron-host-');
  return { dataDir: dir, fake: createFakeElectron({ isPackaged: true, userData: dir }) };
});
vi.mock('electron', () => fake);


let url: string;

beforeAll(async () => {
  const port = await freePort();
  url = `https://127.0.0.1:${port}`;
  writeFileSync(path.join(dataDir, 'site.json'), JSON.stringify({ mode: 'host', serve: { host: '127.0.0.1', port, tls: 'self-signed' } }));
  process.env['NOCMAN_DATA_DIR'] = dataDir;
  Object.defineProperty(process, 'resourcesPath', { value: path.join(dataDir, 'resources'), configurable: true });
  await import('../../src/main/electron/index');
  await vi.waitFor(() => expect(fake.trays).toHaveLength(1), { timeout: 20_000, interval: 50 });
  // The window and tray come first; the site's server starts right after them.
  await vi.waitFor(() => probeHost(url, 1000), { timeout: 20_000, interval: 100 });
});

afterAll(async () => {
  fake.app.emit('will-quit');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a desktop host that serves its site', () => {
  it('asks nothing, and runs the site in its own window as before', () => {
    expect(fake.dialog.boxes).toEqual([]);
    expect(fake.windows[0]!.loaded?.kind).toBe('file');
    expect(fake.ipcMain.handlers.size).toBeGreaterThan(10);
  });

  it('serves HTTPS with the certificate it made in its data folder', async () => {
    const fingerprint = fingerprintOfPem(readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8'));
    expect(await probeHost(url)).toEqual({ fingerprint });
    const agent = pinnedHttpsAgent(fingerprint);
    const status = await new Promise<number>((resolve, reject) => {
      request(`${url}/api/health`, { agent }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .once('error', reject)
        .end();
    });
    agent.destroy();
    expect(status).toBe(200);
  });

  it('shows the served address and the certificate fingerprint from the tray, in the site language', async () => {
    const fingerprint = fingerprintOfPem(readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8'));
    const label = `Melayani situs di ${url}…`;
    await vi.waitFor(() => expect(fake.trays[0]!.menu?.items.map((item) => item.label)).toContain(label));
    fake.trays[0]!.menu!.item(label).click!();
    expect(fake.dialog.boxes.at(-1)).toMatchObject({ title: 'PC ini melayani situs', detail: expect.stringContaining(fingerprint) });
  });

  it('closes the server when the app quits', async () => {
    fake.app.emit('will-quit');
    await vi.waitFor(() => expect(probeHost(url, 1000)).rejects.toThrow(/ECONNREFUSED/), { timeout: 5000, interval: 100 });
  });
});
