// Where the window loads the renderer from, and whether a frame's URL is that app: the built file, or in
// development only, a dev server on this machine (ELECTRON_RENDERER_URL).
import { pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'file'; file: string } | { kind: 'dev-server'; url: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** A dev server URL we accept: plain http on this machine, no credentials. */
export function isLocalDevServerUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
}

export interface LocationInput {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  /** The built renderer's index.html. */
  rendererFile: string;
  warn?: (message: string) => void;
}

/** A packaged app always loads its own file: an environment variable must not point it at another page. */
export function rendererLocation(input: LocationInput): RendererLocation {
  const devUrl = input.devServerUrl;
  if (!devUrl) return { kind: 'file', file: input.rendererFile };
  if (input.isPackaged) {
    input.warn?.('ELECTRON_RENDERER_URL is ignored in a packaged app');
    return { kind: 'file', file: input.rendererFile };
  }
  if (!isLocalDevServerUrl(devUrl)) {
    input.warn?.('ELECTRON_RENDERER_URL must be an http://localhost or http://127.0.0.1 URL; loading the built renderer');
    return { kind: 'file', file: input.rendererFile };
  }
  return { kind: 'dev-server', url: devUrl };
}

/** True when `raw` is the app's own page (any hash route or query of it). */
export function isAppUrl(location: RendererLocation, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return url.origin === new URL(location.url).origin;
  const own = pathToFileURL(location.file);
  return url.protocol === 'file:' && url.host === own.host && samePath(url.pathname, own.pathname);
}

/** Chromium and Node may percent-encode a path differently, and Windows paths ignore case. */
function samePath(a: string, b: string): boolean {
  const plain = (pathname: string) => {
    let decoded = pathname;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // a malformed escape is compared as it is
    }
    return process.platform === 'win32' ? decoded.toLowerCase() : decoded;
  };
  return plain(a) === plain(b);
}
