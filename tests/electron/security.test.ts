// The shell's lockdown through the electron stand-in: every permission denied, one CSP everywhere (header, the
// renderer's <meta>, the HTTP server), pages that cannot navigate away, and an allow-list for external links.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, isAllowedExternalUrl } from '../../src/main/electron/security';
import { mapTileImageSource } from '../../src/shared/mapTiles';
import { makeServer } from '../helpers';
import { FakeContents } from './fake-electron';
import { startFakeDesktop, type FakeDesktop } from './harness';

let desk: FakeDesktop | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function desktop(): Promise<FakeDesktop> {
  desk = await startFakeDesktop();
  return desk;
}

function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

function metaPolicy(): string {
  const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error('index.html has no CSP meta');
  return match[1]!;
}

describe('permissions', () => {
  it('denies every permission request, whatever it is', async () => {
    const d = await desktop();
    const session = d.electron.session.defaultSession;
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'fullscreen', 'hid']) {
      expect(await session.request(permission)).toBe(false);
    }
  });

  it('answers every permission check and device request with no', async () => {
    const d = await desktop();
    const session = d.electron.session.defaultSession;
    expect(session.permissionCheck!(null, 'clipboard-sanitized-write')).toBe(false);
    expect(session.permissionCheck!(null, 'media')).toBe(false);
    expect(session.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('content security policy', () => {
  it('adds the policy to every response the windows load', async () => {
    const d = await desktop();
    const headers = d.electron.session.defaultSession.headersOf({ 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('is the same policy in index.html, less frame-ancestors which a <meta> cannot carry, with images widened for the header to narrow', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(metaPolicy());
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    // Only the header knows the tile server; the meta allows any http(s) image and the header (both apply) narrows it.
    expect(meta.get('img-src')).toBe("'self' data: http: https:");
    expect(header.get('img-src')).toBe("'self' data:");
    meta.delete('img-src');
    header.delete('img-src');
    expect(meta).toEqual(header);
  });

  it('adds the configured map tile server to img-src, and follows a change of it', async () => {
    const d = await desktop();
    const session = d.electron.session.defaultSession;
    const imgSrc = () => directives(session.headersOf({})['Content-Security-Policy']![0]!).get('img-src');
    expect(imgSrc()).toBe("'self' data:");
    await d.core.settings.update(SYSTEM_ACTOR, { mapTileUrl: 'http://127.0.0.1:8089/tiles/{z}/{x}/{y}.png' });
    expect(imgSrc()).toBe("'self' data: http://127.0.0.1:8089");
    await d.core.settings.update(SYSTEM_ACTOR, { mapTileUrl: '' });
    expect(imgSrc()).toBe("'self' data:");
    expect(contentSecurityPolicy(mapTileImageSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'))).toContain("img-src 'self' data: https://*.tile.openstreetmap.org;");
  });

  it('matches every directive the HTTP server sends', async () => {
    const server = await makeServer();
    try {
      const response = await server.request('GET', '/api/health');
      const http = directives(response.headers.get('content-security-policy') ?? '');
      for (const [name, value] of directives(CONTENT_SECURITY_POLICY)) expect([name, http.get(name)]).toEqual([name, value]);
      // What helmet adds beyond ours: fonts (ours fall back to 'self') and the upgrade a LAN address must not get.
      const extra = [...http.keys()].filter((name) => !directives(CONTENT_SECURITY_POLICY).has(name));
      expect(extra.filter((name) => !['font-src', 'upgrade-insecure-requests'].includes(name))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('lets no inline script into index.html', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('external links', () => {
  it.each([
    ['https://www.openstreetmap.org/?mlat=-6.2&mlon=106.8#map=17/-6.2/106.8', true],
    ['http://www.openstreetmap.org/', false],
    ['https://openstreetmap.org/', false],
    ['https://www.openstreetmap.org.evil.example/', false],
    ['https://evil.example/?u=https://www.openstreetmap.org/', false],
    ['https://user:pw@www.openstreetmap.org/', false],
    ['https://www.openstreetmap.org:8443/', false],
    ['https://wa.me/6281234567890', true],
    ['http://wa.me/6281234567890', false],
    ['https://wa.me.evil.example/6281234567890', false],
    ['https://api.wa.me/6281234567890', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['mailto:noc@isp.test', false],
    ['smb://10.0.0.1/share', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('opens only allow-listed links from window.open, and never a new window', async () => {
    const d = await desktop();
    const contents = d.window(0).webContents;
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'blob:file:///abc' })).toEqual({ action: 'deny' });
    expect(d.electron.shell.opened).toEqual([]);
    expect(contents.windowOpenHandler!({ url: 'https://www.openstreetmap.org/?mlat=1&mlon=2' })).toEqual({ action: 'deny' });
    expect(d.electron.shell.opened).toEqual(['https://www.openstreetmap.org/?mlat=1&mlon=2']);
  });

  it('keeps the window on the app: navigation is refused, an allow-listed link goes to the browser', async () => {
    const d = await desktop();
    const contents = d.window(0).webContents;
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('https://www.openstreetmap.org/')).toBe(true);
    expect(d.electron.shell.opened).toEqual(['https://www.openstreetmap.org/']);
  });

  it('guards any other page the app comes to hold (webviews refused, no windows, no navigation)', async () => {
    const d = await desktop();
    const other = new FakeContents();
    d.electron.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(other.navigate('https://evil.example/')).toBe(true);
    let webviewPrevented = false;
    other.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
    // The app's own window is guarded once, not twice (a link would otherwise open twice).
    expect(d.window(0).webContents.count('will-navigate')).toBe(1);
  });
});
