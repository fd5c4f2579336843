// The desktop entry: app lifecycle, the core and its jobs, and the shell of app.ts over the real Electron objects.
// With src/preload, the only place that imports 'electron'; it holds no business rule.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, session, shell, Tray } from 'electron';
import { createCore, type Core } from '../core';
import { startBillingSchedule, type BillingSchedule } from '../jobs/billing';
import { startMonitorLoop, type MonitorLoop } from '../jobs/monitor';
import { APP_VERSION } from '../version';
import { startDesktop, type Desktop } from './app';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Running {
  core: Core;
  desktop: Desktop;
  billing: BillingSchedule;
  monitor: MonitorLoop;
}

let running: Running | null = null;

async function start(): Promise<void> {
  const core = await createCore({
    dataDir: process.env['NOCMAN_DATA_DIR'] || path.join(app.getPath('userData'), 'data'),
    jwtSecret: process.env['JWT_SECRET'] || undefined,
    jwtExpire: process.env['JWT_EXPIRE'] || '7d',
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
  running = { core, desktop, billing: startBillingSchedule(core), monitor: await startMonitorLoop(core) };
}

// Closing the window leaves NOCman in the tray: the monitor and the scheduler keep running. Quit from the tray.
app.on('window-all-closed', () => undefined);
app.on('activate', () => running?.desktop.windows.show());
app.on('will-quit', () => {
  if (!running) return;
  const { core, desktop, billing, monitor } = running;
  running = null;
  desktop.stop();
  billing.stop();
  monitor.stop();
  // A start-up catch-up still running would find its database closed under it.
  void billing.caughtUp.finally(() => core.close());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => running?.desktop.windows.show());
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.quit();
  });
}
