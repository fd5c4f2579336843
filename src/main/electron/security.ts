// Locks the desktop shell down: no permission is ever granted, every response carries the CSP, pages cannot
// navigate away or open windows, and only allow-listed https links leave for the system browser.
import type { ContentsLike, SessionLike, ShellLike } from './types';

/**
 * The renderer's Content Security Policy: the directives of the HTTP server's helmet configuration
 * (src/main/http/server.ts), sent as a header and repeated in src/renderer/index.html's <meta>
 * (which leaves out frame-ancestors: browsers ignore it there).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy with the configured map tile server (`mapTileImageSource`) added to img-src. index.html's <meta> allows
 * any http(s) image because only the header knows the tile server; a browser enforces both policies, so the header
 * narrows images back to 'self', data: and that one origin.
 */
export function contentSecurityPolicy(tileSource: string | null): string {
  if (!tileSource) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", `img-src 'self' data: ${tileSource}`);
}

/**
 * Hosts the renderer links to (the customer's map location, a WhatsApp chat with the customer); every other link
 * stays inside or goes nowhere.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['www.openstreetmap.org', 'wa.me'];

export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && hosts.includes(url.hostname);
}

/** Opens `url` in the system browser when it is allow-listed; answers whether it did. */
export function openExternalIfAllowed(shell: ShellLike, url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  if (!isAllowedExternalUrl(url, hosts)) return false;
  shell.openExternal(url).catch(() => undefined);
  return true;
}

/** Denies every permission (camera, notifications, clipboard, open-external, devices …) and adds the CSP header. */
export function secureSession(session: SessionLike, tileSource: () => string | null = () => null): void {
  denyPermissions(session);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy(tileSource())] } });
  });
}

/** No permission is ever granted (camera, notifications, clipboard, devices …). */
export function denyPermissions(session: Pick<SessionLike, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

// Every page is guarded once (app-wide on creation, and by the window that made it), never twice.
const guarded = new WeakSet<ContentsLike>();

/** A page stays on the app: navigation and redirects are refused, new windows too; allow-listed links open outside. */
export function guardContents(contents: ContentsLike, shell: ShellLike): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(shell, url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfAllowed(shell, url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
