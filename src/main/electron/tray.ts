// The tray icon (worst open severity), its tooltip and menu, and native notifications — drawn from core's decisions.
import path from 'node:path';
import { app, Menu, Notification, Tray, nativeImage } from 'electron';
import type { Core } from '../core';
import { DesktopAlerts, type TrayLevel } from '../core/alerts/desktop';
import type { Notice } from '../core/alerts/notifications';
import type { Dispatcher } from '../api/dispatcher';
import type { Role } from '../../shared/contract';

const FLUSH_MS = 5_000;

export interface TrayDeps {
  core: Core;
  dispatcher: Dispatcher;
  resourcesDir: string;
  /** The session of the window, when someone is signed in. */
  session: () => { token: string; role: Role } | null;
  showWindow: () => void;
}

export async function startTray(deps: TrayDeps): Promise<() => void> {
  const desktop = new DesktopAlerts(deps.core, () => deps.session()?.role ?? null);
  await desktop.refreshSettings();
  const icons: Record<TrayLevel, Electron.NativeImage> = {
    ok: nativeImage.createFromPath(path.join(deps.resourcesDir, 'tray-ok.png')),
    warning: nativeImage.createFromPath(path.join(deps.resourcesDir, 'tray-warning.png')),
    critical: nativeImage.createFromPath(path.join(deps.resourcesDir, 'tray-critical.png')),
  };
  const tray = new Tray(icons.ok);

  const acknowledgeAllInfo = async () => {
    const session = deps.session();
    if (session) await deps.dispatcher.call('alerts.acknowledgeMany', { allInfo: true }, session.token);
  };
  const redraw = async () => {
    const state = await desktop.tray();
    tray.setImage(icons[state.level]);
    tray.setToolTip(state.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'NOCman', click: deps.showWindow },
        { label: 'Acknowledge all info alerts', enabled: deps.session() !== null, click: () => void acknowledgeAllInfo() },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };
  const show = (notice: Notice | null) => {
    if (!notice || !Notification.isSupported()) return;
    const note = new Notification({ title: notice.title, body: notice.body, urgency: notice.severity === 'critical' ? 'critical' : 'normal' });
    note.on('click', deps.showWindow);
    note.show();
  };

  const unsubscribe = deps.core.events.subscribe((event) => {
    show(desktop.onEvent(event));
    if (event.name === 'status.summary' || event.name === 'settings.updated') void redraw();
  });
  const flusher = setInterval(() => show(desktop.flush()), FLUSH_MS);
  tray.on('click', deps.showWindow);
  await redraw();

  return () => {
    clearInterval(flusher);
    unsubscribe();
    tray.destroy();
  };
}
