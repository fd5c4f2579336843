// Puts the desktop shell together over a running core, from the Electron objects it is given: session lockdown,
// IPC handlers, per-window sessions and events, the window and the tray.
import path from 'node:path';
import type { Core } from '../core';
import { createDispatcher, type Logger } from '../api/dispatcher';
import { refusalOf } from './frames';
import { registerIpc } from './ipc';
import { rendererLocation, type RendererLocation } from './location';
import { relayEvents } from './relay';
import { mapTileImageSource } from '../../shared/mapTiles';
import { guardContents, secureSession } from './security';
import { WindowSessions } from './sessions';
import { startTray, type ServedSite, type TrayElectron } from './tray';
import type { ContentsLike, IpcMainLike, SessionLike, ShellLike, WindowConstructor } from './types';
import { AppWindows } from './windows';

export interface DesktopElectron<Image, Menu> extends TrayElectron<Image, Menu> {
  app: {
    readonly isPackaged: boolean;
    quit(): void;
    on(event: 'web-contents-created', listener: (event: unknown, contents: ContentsLike) => void): unknown;
  };
  BrowserWindow: WindowConstructor;
  ipcMain: IpcMainLike;
  session: { readonly defaultSession: SessionLike };
  shell: ShellLike;
}

export interface DesktopOptions {
  core: Core;
  /** The folder of the built main script (out/main): preload and renderer sit beside it. */
  mainDir: string;
  /** Where the tray icons are: resources/ of the package, or of the repository in development. */
  resourcesDir: string;
  /** ELECTRON_RENDERER_URL, honoured only when the app is not packaged. */
  devServerUrl: string | undefined;
  logger?: Logger & { warn(message: string): void };
}

export interface Desktop {
  location: RendererLocation;
  windows: AppWindows;
  sessions: WindowSessions;
  /** The site this host serves to the network (address, certificate fingerprint), shown in the tray. */
  setServedSite(site: ServedSite | null): void;
  stop(): void;
}

export async function startDesktop<Image, Menu>(electron: DesktopElectron<Image, Menu>, options: DesktopOptions): Promise<Desktop> {
  const logger = options.logger ?? console;
  const { core } = options;
  const location = rendererLocation({
    isPackaged: electron.app.isPackaged,
    devServerUrl: options.devServerUrl,
    rendererFile: path.join(options.mainDir, '../renderer/index.html'),
    warn: (message) => logger.warn(message),
  });
  // The tile server allowed in img-src follows the setting: read once now, then on every settings change.
  let tileSource = mapTileImageSource((await core.settings.get()).mapTileUrl);
  const stopTileWatch = core.events.subscribe((event) => {
    if (event.name === 'settings.updated') tileSource = mapTileImageSource((event.payload as { mapTileUrl: string }).mapTileUrl);
  });
  secureSession(electron.session.defaultSession, () => tileSource);
  electron.app.on('web-contents-created', (_event, contents) => guardContents(contents, electron.shell));

  const dispatcher = createDispatcher(core, logger);
  const sessions = new WindowSessions();
  const windows = new AppWindows({
    BrowserWindow: electron.BrowserWindow,
    shell: electron.shell,
    location,
    sessions,
    preloadFile: path.join(options.mainDir, '../preload/index.cjs'),
    iconFile: path.join(options.resourcesDir, 'icon.png'),
  });
  const removeIpc = registerIpc({
    ipcMain: electron.ipcMain,
    dispatcher,
    sessions,
    logger,
    refusalOf: (event) => refusalOf(event, { location, isAppContents: (contents) => windows.owns(contents) }),
  });
  const stopRelay = relayEvents(core.events, dispatcher, sessions);
  windows.open();
  const tray = await startTray({
    electron,
    core,
    dispatcher,
    sessions,
    resourcesDir: options.resourcesDir,
    showWindow: () => windows.show(),
  });

  return {
    location,
    windows,
    sessions,
    setServedSite: (site) => tray.setServedSite(site),
    stop: () => {
      tray.stop();
      stopTileWatch();
      stopRelay();
      removeIpc();
    },
  };
}
