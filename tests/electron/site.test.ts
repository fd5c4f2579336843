// Joining a site from the desktop app, through the electron stand-in: the site file, the certificate pinned on first
// use and refused when it changes (with the warning in the user's language), and the join page against a real host.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { readSiteConfig, writeSiteConfig, type JoinConfig } from '../../src/main/core/site/config';
import { siteCertificate } from '../../src/main/core/site/tls';
import { desktopLanguage, hostAddress, JOIN_FORM_ACTION, openJoinPage, startJoined } from '../../src/main/electron/site';
import type { WindowLike } from '../../src/main/electron/types';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { makeCore, tempDir, type TestCore } from '../helpers';
import { createFakeElectron, type FakeElectron } from './fake-electron';

const clock = new FakeClock('2026-12-05T03:00:00Z');
const PINNED = '4A:FB:DE:0C:83:3A:73:19:ED:0A:26:88:31:67:3D:48:AF:B2:16:0B:44:31:C0:5C:43:02:4A:AA:C7:98:76:2B';
const OTHER = PINNED.replace(/^4A/, '5B');

/** A fingerprint as Electron's Certificate.fingerprint gives it. */
function electronForm(colonHex: string): string {
  return `sha256/${Buffer.from(colonHex.replaceAll(':', ''), 'hex').toString('base64')}`;
}

const dir = tempDir('nocman-site-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const siteFile = () => path.join(dir, `site-${++fileCount}.json`);

describe('the site file', () => {
  it('round-trips a joined site, written whole and readable by this user only', () => {
    const file = siteFile();
    writeSiteConfig(file, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED.toLowerCase() });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readSiteConfig(file, () => undefined)).toEqual({ mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED });
  });

  it('reads a host that serves its network with its own certificate files', () => {
    const file = siteFile();
    const config = { mode: 'host', serve: { host: '0.0.0.0', port: 5443, tls: { certFile: '/etc/noc.crt', keyFile: '/etc/noc.key' } } } as const;
    writeSiteConfig(file, config);
    expect(readSiteConfig(file, () => undefined)).toEqual(config);
  });

  it.each([
    ['not JSON', '{ mode: host', 'is not JSON'],
    ['an unknown mode', '{"mode":"mirror"}', 'is not a valid site file (mode'],
    ['plain http', '{"mode":"join","url":"http://10.0.0.5:5000","fingerprint":null}', 'is not a valid site file (url'],
    ['a bad fingerprint', '{"mode":"join","url":"https://10.0.0.5:5000","fingerprint":"AB:CD"}', 'is not a valid site file (fingerprint'],
    ['a port out of range', '{"mode":"host","serve":{"host":"0.0.0.0","port":70000,"tls":"self-signed"}}', 'is not a valid site file (serve.port'],
  ])('treats %s as unset, with a warning', (_what, text, warning) => {
    const file = siteFile();
    writeFileSync(file, text);
    const warnings: string[] = [];
    expect(readSiteConfig(file, (message) => warnings.push(message))).toBeNull();
    expect(warnings).toEqual([expect.stringContaining(warning)]);
  });

  it('is unset without a warning when there is none yet', () => {
    const warnings: string[] = [];
    expect(readSiteConfig(path.join(dir, 'none.json'), (message) => warnings.push(message))).toBeNull();
    expect(warnings).toEqual([]);
  });
});

describe('addresses and languages', () => {
  it.each([
    ['10.0.0.5', 'https://10.0.0.5:5000'],
    ['10.0.0.5:5443', 'https://10.0.0.5:5443'],
    ['https://noc.isp.lan:5000/', 'https://noc.isp.lan:5000'],
    ['  https://[fd00::5]:5000 ', 'https://[fd00::5]:5000'],
    ['http://10.0.0.5:5000', null],
    ['https://10.0.0.5:5000/api', null],
    ['https://user:pw@10.0.0.5', null],
    ['10.0.0.5 5000', null],
    ['', null],
  ])('reads "%s" as %s', (typed, expected) => {
    expect(hostAddress(typed)).toBe(expected);
  });

  it('speaks English on an English system and Indonesian otherwise', () => {
    expect(desktopLanguage('en-US')).toBe('en');
    expect(desktopLanguage('id')).toBe('id');
    expect(desktopLanguage('nl-NL')).toBe('id');
  });
});

function join(fake: FakeElectron, config: JoinConfig, language: 'id' | 'en' = 'id') {
  const file = siteFile();
  writeSiteConfig(file, config);
  const warnings: string[] = [];
  const joined = startJoined(fake, { config, siteFile: file, language, iconFile: '/opt/NOCman/resources/icon.png', warn: (m) => warnings.push(m) });
  return { joined, file, warnings };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('join mode', () => {
  it('opens the host in a window without our preload, and answers no IPC', () => {
    const fake = createFakeElectron();
    join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED });
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.loaded).toEqual({ kind: 'url', target: 'https://10.0.0.5:5000/' });
    expect(fake.windows[0]!.options.webPreferences.preload).toBeUndefined();
    expect(fake.windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.trays).toHaveLength(0);
    // and the host's page may not navigate elsewhere
    expect(fake.windows[0]!.webContents.navigate('https://evil.example/')).toBe(true);
  });

  it("accepts the pinned certificate, leaves other sites to Chromium, refuses another one", async () => {
    const fake = createFakeElectron();
    const { file } = join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED });
    const session = fake.session.defaultSession;
    expect(await session.verify('10.0.0.5', electronForm(PINNED))).toBe(0);
    expect(await session.verify('tile.openstreetmap.org', electronForm(OTHER))).toBe(-3);
    expect(await session.verify('10.0.0.5', electronForm(OTHER))).toBe(-2);
    expect(await session.request('notifications')).toBe(false);
    expect(readSiteConfig(file, () => undefined)).toMatchObject({ fingerprint: PINNED });
  });

  it('pins the certificate seen on first use and saves it in site.json', async () => {
    const fake = createFakeElectron();
    const { file, joined } = join(fake, { mode: 'join', url: 'https://noc.isp.lan:5000', fingerprint: null });
    expect(await fake.session.defaultSession.verify('noc.isp.lan', electronForm(PINNED))).toBe(0);
    expect(joined.config().fingerprint).toBe(PINNED);
    expect(readSiteConfig(file, () => undefined)).toEqual({ mode: 'join', url: 'https://noc.isp.lan:5000', fingerprint: PINNED });
    expect(await fake.session.defaultSession.verify('noc.isp.lan', electronForm(OTHER))).toBe(-2);
  });

  it('warns once per changed certificate, naming both fingerprints in Indonesian', async () => {
    const fake = createFakeElectron();
    join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED }, 'id');
    await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER));
    await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER));
    await settle();
    expect(fake.dialog.boxes).toHaveLength(1);
    const box = fake.dialog.boxes[0]!;
    expect(box.type).toBe('warning');
    expect(box.title).toBe('Sertifikat host berubah');
    expect(box.message).toContain('https://10.0.0.5:5000');
    expect(box.detail).toContain(`Dipercaya: ${PINNED}`);
    expect(box.detail).toContain(`Ditunjukkan sekarang: ${OTHER}`);
    expect(box.buttons).toEqual(['Tetap tolak', 'Percayai sertifikat baru']);
    expect(box.cancelId).toBe(0);
  });

  it('in English, and trusts the new certificate only when the user says so', async () => {
    const fake = createFakeElectron();
    fake.dialog.answers.push(1);
    const { file, joined } = join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED }, 'en');
    expect(await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER))).toBe(-2);
    await settle();
    expect(fake.dialog.boxes[0]!.title).toBe('The host’s certificate changed');
    expect(fake.dialog.boxes[0]!.detail).toContain(`Trusted: ${PINNED}\nPresented now: ${OTHER}`);
    expect(joined.config().fingerprint).toBe(OTHER);
    expect(readSiteConfig(file, () => undefined)).toMatchObject({ fingerprint: OTHER });
    expect(await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER))).toBe(0);
    expect(await fake.session.defaultSession.verify('10.0.0.5', electronForm(PINNED))).toBe(-2);
  });

  it('keeps refusing when the user keeps refusing', async () => {
    const fake = createFakeElectron();
    fake.dialog.answers.push(0);
    const { file } = join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED }, 'en');
    await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER));
    await settle();
    expect(readSiteConfig(file, () => undefined)).toMatchObject({ fingerprint: PINNED });
    expect(await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER))).toBe(-2);
  });
});

describe('the join page, against a real host', () => {
  let host: TestCore;
  let server: RunningServer;
  let fingerprint: string;

  beforeAll(async () => {
    host = await makeCore();
    const cert = await siteCertificate(host.dataDir, { clock });
    fingerprint = cert.fingerprint;
    server = await startHttpServer({ core: host.core, port: 0, host: '127.0.0.1', tls: cert, logger: { error: () => undefined } });
  });
  afterAll(async () => {
    await server.close();
    await host.close();
  });

  function openPage(fake: FakeElectron, language: 'id' | 'en' = 'en') {
    const file = siteFile();
    const joined: { config: JoinConfig; window: WindowLike }[] = [];
    const win = openJoinPage(fake, { language, siteFile: file, iconFile: '/icon.png', joined: (config, window) => joined.push({ config, window }) });
    return { file, joined, win, page: () => decodeURIComponent(fake.windows[0]!.loaded!.target.replace(/^data:text\/html;charset=utf-8,/, '')) };
  }

  it('is a form without script that asks for the address in the user language', () => {
    const fake = createFakeElectron();
    const { page } = openPage(fake, 'id');
    expect(page()).toContain('Gabung ke situs NOCman');
    expect(page()).toContain(`action="${JOIN_FORM_ACTION}"`);
    expect(page()).not.toContain('<script');
    expect(fake.windows[0]!.options.webPreferences.preload).toBeUndefined();
  });

  it('says so when the address is not one, and keeps what was typed', async () => {
    const fake = createFakeElectron();
    const { page, joined } = openPage(fake);
    fake.windows[0]!.webContents.navigate(`${JOIN_FORM_ACTION}?address=${encodeURIComponent('http://10.0.0.5')}`);
    await settle();
    expect(page()).toContain('Type an address like https://10.0.0.5:5000');
    expect(page()).toContain('value="http://10.0.0.5"');
    expect(joined).toEqual([]);
  });

  it("shows the host's fingerprint, and on yes pins it in site.json and joins", async () => {
    const fake = createFakeElectron();
    fake.dialog.answers.push(0);
    const { file, joined } = openPage(fake);
    const address = server.url.replace('https://', '');
    fake.windows[0]!.webContents.navigate(`${JOIN_FORM_ACTION}?address=${encodeURIComponent(address)}`);
    await until(() => joined.length === 1);
    expect(fake.dialog.boxes[0]!.detail).toContain(fingerprint);
    expect(fake.dialog.boxes[0]!.buttons).toEqual(['Trust and join', 'Cancel']);
    expect(joined[0]!.config).toEqual({ mode: 'join', url: server.url, fingerprint });
    expect(joined[0]!.window).toBe(fake.windows[0]);
    expect(readSiteConfig(file, () => undefined)).toEqual({ mode: 'join', url: server.url, fingerprint });
  });

  it('writes nothing when the user does not recognise the fingerprint', async () => {
    const fake = createFakeElectron();
    fake.dialog.answers.push(1);
    const { file, joined, page } = openPage(fake);
    fake.windows[0]!.webContents.navigate(`${JOIN_FORM_ACTION}?address=${encodeURIComponent(server.url)}`);
    await until(() => fake.dialog.boxes.length === 1 && page().includes('value="https://'));
    expect(joined).toEqual([]);
    expect(() => readFileSync(file)).toThrow();
  });

  it('names the address it could not reach', async () => {
    const fake = createFakeElectron();
    const { page } = openPage(fake);
    const closed = await startHttpServer({ core: host.core, port: 0, host: '127.0.0.1', logger: { error: () => undefined } });
    const port = closed.port;
    await closed.close();
    fake.windows[0]!.webContents.navigate(`${JOIN_FORM_ACTION}?address=127.0.0.1:${port}`);
    await until(() => page().includes('No answer over TLS'));
    expect(page()).toContain(`No answer over TLS from https://127.0.0.1:${port}: `);
    expect(page()).toContain('ECONNREFUSED');
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a joined window whose host does not answer', () => {
  const failLoad = (fake: FakeElectron, code: number, url: string) =>
    fake.windows[0]!.webContents.emit('did-fail-load', {}, code, code === -102 ? 'ERR_CONNECTION_REFUSED' : 'ERR_FAILED', url, true);
  const shown = (fake: FakeElectron) => decodeURIComponent(fake.windows[0]!.loaded!.target.replace(/^data:text\/html;charset=utf-8,/, ''));

  it('says so in the user language and tries again with back-off, from 2 s to at most 30 s', async () => {
    const fake = createFakeElectron();
    const { file } = join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED }, 'id');
    vi.useFakeTimers();
    try {
      const delays: number[] = [];
      for (let i = 0; i < 6; i++) {
        failLoad(fake, -102, 'https://10.0.0.5:5000/');
        expect(shown(fake)).toContain('Host NOCman https://10.0.0.5:5000 tidak menjawab (ERR_CONNECTION_REFUSED).');
        expect(shown(fake)).toContain(file);
        delays.push(Number(/percobaan berikutnya dalam (\d+) dtk/.exec(shown(fake))![1]));
        vi.advanceTimersByTime(delays.at(-1)! * 1000 - 1);
        expect(fake.windows[0]!.loaded!.target).toMatch(/^data:/);
        vi.advanceTimersByTime(1);
        expect(fake.windows[0]!.loaded).toEqual({ kind: 'url', target: 'https://10.0.0.5:5000/' });
      }
      expect(delays).toEqual([2, 4, 8, 16, 30, 30]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores failures of other frames or addresses and aborted loads', () => {
    const fake = createFakeElectron();
    join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED });
    failLoad(fake, -3, 'https://10.0.0.5:5000/');
    failLoad(fake, -102, 'https://tile.openstreetmap.org/1/1/1.png');
    fake.windows[0]!.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'https://10.0.0.5:5000/', false);
    expect(fake.windows[0]!.loaded).toEqual({ kind: 'url', target: 'https://10.0.0.5:5000/' });
  });

  it('does not retry a host whose certificate it refused', async () => {
    const fake = createFakeElectron();
    fake.dialog.fallback = 0;
    join(fake, { mode: 'join', url: 'https://10.0.0.5:5000', fingerprint: PINNED }, 'en');
    expect(await fake.session.defaultSession.verify('10.0.0.5', electronForm(OTHER))).toBe(-2);
    vi.useFakeTimers();
    try {
      failLoad(fake, -2, 'https://10.0.0.5:5000/');
      expect(shown(fake)).toContain('The host’s certificate was refused');
      vi.advanceTimersByTime(60_000);
      expect(fake.windows[0]!.loaded!.target).toMatch(/^data:/);
    } finally {
      vi.useRealTimers();
    }
  });
});
