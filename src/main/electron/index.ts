// The desktop entry: app lifecycle, the core and its jobs, and the shell of app.ts over the real Electron objects.
// With src/preload, the only place that imports 'electron'; it holds no business rule.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, session, shell, Tray } from 'electron';
import { createCore, type Core } from '../core';
import { startSiteRunner, type SiteRunner } from '../jobs/runner';
import type { Language } from '../../shared/contract';
import { translator } from '../../shared/i18n/messages';
import { systemClock } from '../core/clock';
import { joinOrigin, readSiteConfig, writeSiteConfig, type JoinConfig, type SiteConfig, type SiteServe } from '../core/site/config';
import { serverTls, type TlsChoice } from '../core/site/tls';
import { startHttpServer, type RunningServer } from '../http/server';
import { APP_VERSION } from '../version';
import { startDesktop, type Desktop } from './app';
import { chooseSiteMode, desktopLanguage, openJoinPage, startJoined } from './site';
import { startJoinedTray, type JoinedTray } from './joinedTray';
import { pinnedHttpsAgent } from '../core/site/pin';
import type { Agent } from 'node:http';
import type { WindowLike } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Running {
  core: Core;
  desktop: Desktop;
  runner: SiteRunner;
  server: RunningServer | null;
}

let running: Running | null = null;
// The window is there before the jobs have started (the monitor's first sweep, the outbox): a second start or a
// dock click shows it at once instead of waiting for them.
let showWindow: (() => void) | null = null;
let mode: SiteConfig['mode'] | null = null;
let joinedTray: JoinedTray | null = null;
const joinPreload = () => path.join(here, '../preload/join.cjs');

const warn = (message: string) => console.warn(`NOCman: ${message}`);
const resourcesDir = () => (app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(here, '../../resources'));

function tlsChoice(serve: SiteServe): TlsChoice {
  return serve.tls === 'self-signed' ? { kind: 'self-signed' } : { kind: 'files', certFile: serve.tls.certFile, keyFile: serve.tls.keyFile };
}

/** Host mode: this app owns the database, the monitor and the scheduler, and with `serve` also serves the site. */
async function startHost(serve: SiteServe | null, language: Language): Promise<void> {
  mode = 'host';
  const dataDir = process.env['NOCMAN_DATA_DIR'] || path.join(app.getPath('userData'), 'data');
  const core = await createCore({
    dataDir,
    jwtSecret: process.env['JWT_SECRET'] || undefined,
    jwtExpire: process.env['JWT_EXPIRE'] || '7d',
    radiusBridgeKey: process.env['NOCMAN_RADIUS_BRIDGE_KEY'] || undefined,
    radiusSecretKey: process.env['NOCMAN_RADIUS_SECRET_KEY'] || undefined,
    version: APP_VERSION,
    pingIntervalSec: Number(process.env['PING_INTERVAL']) || 60,
    allowedHosts: serve ? [serve.host] : undefined,
  });
  const desktop = await startDesktop(
    { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, session, shell, Tray },
    { core, mainDir: here, resourcesDir: resourcesDir(), devServerUrl: process.env['ELECTRON_RENDERER_URL'] },
  );
  showWindow = () => desktop.windows.show();
  const served = serve ? await serveSite(core, serve, dataDir, language) : null;
  desktop.setServedSite(served && { url: served.server.url, fingerprint: served.fingerprint });
  const server = served?.server ?? null;
  // The monitor and the schedules run here only while this app holds the site's runner lease (another process on
  // the same data folder may hold it: a `nocman serve` of the site).
  running = { core, desktop, server, runner: startSiteRunner(core) };
}

/** The site's network server (the same API and web UI as `nocman serve`, over TLS); a failure is told, not fatal. */
async function serveSite(core: Core, serve: SiteServe, dataDir: string, language: Language): Promise<{ server: RunningServer; fingerprint: string } | null> {
  try {
    const tls = await serverTls(tlsChoice(serve), { dataDir, bindHost: serve.host, clock: systemClock });
    const server = await startHttpServer({ core, rendererDir: path.join(here, '../renderer'), port: serve.port, host: serve.host, tls });
    console.log(`NOCman listening on ${server.url}`);
    console.log(`TLS certificate SHA-256 fingerprint: ${tls.fingerprint}`);
    return { server, fingerprint: tls.fingerprint };
  } catch (error) {
    const t = translator(language, 'Asia/Jakarta');
    const reason = error instanceof Error ? error.message : String(error);
    void dialog.showMessageBox({
      type: 'error',
      title: t.t('site.serveFailed.title'),
      message: t.t('site.serveFailed.message', { address: `${serve.host}:${serve.port}`, reason }),
      detail: t.t('site.serveFailed.detail'),
      buttons: ['OK'],
      defaultId: 0,
      cancelId: 0,
    });
    return null;
  }
}

/** Join mode: a window on the host's UI, and nothing else — no core, monitor or scheduler in this process. */
function startJoin(config: JoinConfig, siteFile: string, language: Language, window?: WindowLike): void {
  mode = 'join';
  const joined = startJoined(
    { BrowserWindow, dialog, session, shell },
    { config, siteFile, language, iconFile: path.join(resourcesDir(), 'icon.png'), preloadFile: joinPreload(), warn, window },
  );
  showWindow = () => {
    joined.window.show();
    joined.window.focus();
  };
  // The tray and notifications from the host's live events, once the window hands over its session. The agent follows
  // the pin (set on first use, or replaced when the person trusts a new certificate).
  const agents = new Map<string, Agent>();
  const agent = () => {
    const pin = joined.config().fingerprint;
    if (!pin) return undefined;
    if (!agents.has(pin)) agents.set(pin, pinnedHttpsAgent(pin));
    return agents.get(pin);
  };
  joinedTray = startJoinedTray<Electron.NativeImage, Electron.Menu>({
    electron: { app, dialog, ipcMain, Menu, nativeImage, Notification, Tray },
    origin: joinOrigin(joined.config()),
    agent,
    contents: joined.window.webContents,
    language,
    resourcesDir: resourcesDir(),
    clock: systemClock,
    showWindow: () => showWindow?.(),
  });
}

async function start(): Promise<void> {
  const siteFile = path.join(app.getPath('userData'), 'site.json');
  const language = desktopLanguage(app.getLocale());
  const config = readSiteConfig(siteFile, warn);
  if (config?.mode === 'join') return startJoin(config, siteFile, language);
  if (config?.mode === 'host') return startHost(config.serve, language);
  const choice = await chooseSiteMode(dialog, language);
  if (choice === 'quit') return app.quit();
  if (choice === 'host') {
    writeSiteConfig(siteFile, { mode: 'host', serve: null });
    return startHost(null, language);
  }
  mode = 'join';
  const page = openJoinPage(
    { BrowserWindow, dialog, session, shell },
    { language, siteFile, iconFile: path.join(resourcesDir(), 'icon.png'), preloadFile: joinPreload(), joined: (joined, window) => startJoin(joined, siteFile, language, window) },
  );
  showWindow = () => page.show();
}

// A host keeps running in the tray when its window closes (the monitor and the scheduler go on; quit from the
// tray); a joined workstation has nothing running without its window.
app.on('window-all-closed', () => {
  if (mode !== 'host') app.quit();
});
app.on('activate', () => showWindow?.());
app.on('will-quit', () => {
  joinedTray?.stop();
  joinedTray = null;
  if (!running) return;
  const { core, desktop, runner, server } = running;
  running = null;
  showWindow = null;
  desktop.stop();
  // A start-up catch-up still running finishes before the database closes under it; the lease is given up.
  void Promise.allSettled([runner.stop(), server?.close()]).finally(() => core.close());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow?.());
  // A database refused at start (lost, damaged, read-only) is told in a dialog that names the file and the backup
  // to restore: the console of a desktop app is nowhere to be seen.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(error);
      dialog.showErrorBox('NOCman', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
