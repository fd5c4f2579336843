// The desktop transport: one ipcMain handler per contract operation, events to the window, a locked-down window.
// The only place (with src/preload) that imports 'electron'; it holds no business rule.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { eventFor, events as eventDefs, operationNames, type Role } from '../../shared/contract';
import { createDispatcher } from '../api/dispatcher';
import { createCore, type Core } from '../core';
import { APP_VERSION } from '../version';
import { startTray } from './tray';
import { startBillingSchedule, type BillingSchedule } from '../jobs/billing';
import { startMonitorLoop, type MonitorLoop } from '../jobs/monitor';

const here = path.dirname(fileURLToPath(import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'NOCman',
    icon: path.join(here, '../../resources/icon.png'),
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  if (process.env['ELECTRON_RENDERER_URL']) void win.loadURL(process.env['ELECTRON_RENDERER_URL']);
  else void win.loadFile(path.join(here, '../renderer/index.html'));
  return win;
}

async function start(): Promise<void> {
  core = await createCore({
    dataDir: process.env['NOCMAN_DATA_DIR'] || path.join(app.getPath('userData'), 'data'),
    jwtSecret: process.env['JWT_SECRET'] || undefined,
    jwtExpire: process.env['JWT_EXPIRE'] || '7d',
    version: APP_VERSION,
    pingIntervalSec: Number(process.env['PING_INTERVAL']) || 60,
  });
  const dispatcher = createDispatcher(core);
  for (const name of operationNames) {
    ipcMain.handle(`noc:${name}`, (_event, input: unknown, token: string | null) => dispatcher.call(name, input, token));
  }

  // Each window subscribes with its session token; events go only to roles the contract allows.
  const subscribers = new Map<number, string>();
  let signedIn: { token: string; role: Role } | null = null;
  ipcMain.handle('noc:subscribe', async (event, token: string) => {
    const user = await dispatcher.authenticate(token);
    subscribers.set(event.sender.id, token);
    signedIn = { token, role: user.role as Role };
  });
  ipcMain.handle('noc:unsubscribe', (event) => {
    subscribers.delete(event.sender.id);
    signedIn = null;
  });
  core.events.subscribe((busEvent) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const token = subscribers.get(win.webContents.id);
      if (!token) continue;
      dispatcher
        .authenticate(token)
        .then((user) => {
          const payload = eventFor(eventDefs[busEvent.name], busEvent.payload, user.role as Role);
          if (payload !== null) win.webContents.send('noc:event', { ...busEvent, payload });
        })
        .catch(() => subscribers.delete(win.webContents.id));
    }
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  mainWindow = createWindow();
  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow();
    mainWindow.show();
    mainWindow.focus();
  };
  const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(here, '../../resources');
  stopTray = await startTray({ core, dispatcher, resourcesDir, session: () => signedIn, showWindow });
  billing = startBillingSchedule(core);
  monitorLoop = await startMonitorLoop(core);
}

let monitorLoop: MonitorLoop | null = null;

let billing: BillingSchedule | null = null;

let stopTray: (() => void) | null = null;

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
// Closing the window leaves NOCman in the tray: the monitor and the scheduler keep running. Quit from the tray.
app.on('window-all-closed', () => undefined);
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && core) mainWindow = createWindow();
});
app.on('will-quit', () => {
  stopTray?.();
  billing?.stop();
  monitorLoop?.stop();
  void core?.close();
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => mainWindow?.focus());
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.quit();
  });
}
