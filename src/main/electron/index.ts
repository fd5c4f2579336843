// The desktop entry: app lifecycle, the core and its jobs, and the shell of app.ts over the real Electron objects.
// With src/preload, the only place that imports 'electron'; it holds no business rule.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, session, shell, Tray } from 'electron';
import { createCore, type Core } from '../core';
import { startSiteRunner, type SiteRunner } from '../jobs/runner';
import { APP_VERSION } from '../version';
import { startDesktop, type Desktop } from './app';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Running {
  core: Core;
  desktop: Desktop;
  runner: SiteRunner;
}

let running: Running | null = null;
// The window is there before the jobs have started (the monitor's first sweep, the outbox): a second start or a
// dock click shows it at once instead of waiting for them.
let windows: Desktop['windows'] | null = null;

async function start(): Promise<void> {
  const core = await createCore({
    dataDir: process.env['NOCMAN_DATA_DIR'] || path.join(app.getPath('userData'), 'data'),
    jwtSecret: process.env['JWT_SECRET'] || undefined,
    jwtExpire: process.env['JWT_EXPIRE'] || '7d',
    radiusBridgeKey: process.env['NOCMAN_RADIUS_BRIDGE_KEY'] || undefined,
    radiusSecretKey: process.env['NOCMAN_RADIUS_SECRET_KEY'] || undefined,
    version: APP_VERSION,
    pingIntervalSec: Number(process.env['PING_INTERVAL']) || 60,
  });
  const desktop = await startDesktop(
    { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, session, shell, Tray },
    {
      core,
      mainDir: here,
      resourcesDir: app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(here, '../../resources'),
      devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    },
  );
  windows = desktop.windows;
  // The monitor and the schedules run here only while this app holds the site's runner lease (another process on
  // the same data folder may hold it: a `nocman serve` of the site).
  running = { core, desktop, runner: startSiteRunner(core) };
}

// Closing the window leaves NOCman in the tray: the monitor and the scheduler keep running. Quit from the tray.
app.on('window-all-closed', () => undefined);
app.on('activate', () => windows?.show());
app.on('will-quit', () => {
  if (!running) return;
  const { core, desktop, runner } = running;
  running = null;
  windows = null;
  desktop.stop();
  // A start-up catch-up still running finishes before the database closes under it; the lease is given up.
  void runner.stop().finally(() => core.close());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => windows?.show());
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
