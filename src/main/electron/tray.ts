// The tray icon (worst open severity), its tooltip and menu, and native notifications — drawn from core's decisions,
// for the session of the most recently focused window that is still signed in.
import path from 'node:path';
import type { Core } from '../core';
import { DesktopAlerts, type TrayLevel } from '../core/alerts/desktop';
import type { Notice } from '../core/alerts/notifications';
import type { Dispatcher } from '../api/dispatcher';
import type { WindowSessions } from './sessions';
import type { DialogLike } from './types';

const FLUSH_MS = 5_000;

export interface MenuItemOptions {
  label?: string;
  type?: 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/** The site this host serves to the network: shown in the tray with its certificate's fingerprint. */
export interface ServedSite {
  url: string;
  fingerprint: string;
}

export interface TrayControl {
  stop(): void;
  /** Shows (or, with null, hides) the tray item of the site served to the network. */
  setServedSite(site: ServedSite | null): void;
}

/** The Electron objects the tray uses (the real ones, or the tests' stand-in). */
export interface TrayElectron<Image, Menu> {
  app: { quit(): void };
  dialog: DialogLike;
  nativeImage: { createFromPath(path: string): Image };
  Tray: new (image: Image) => TrayLike<Image, Menu>;
  Menu: { buildFromTemplate(template: MenuItemOptions[]): Menu };
  Notification: {
    new (options: { title: string; body: string; urgency: 'critical' | 'normal' }): NotificationLike;
    isSupported(): boolean;
  };
}

export interface TrayDeps<Image, Menu> {
  electron: TrayElectron<Image, Menu>;
  core: Core;
  dispatcher: Dispatcher;
  sessions: WindowSessions;
  resourcesDir: string;
  showWindow: () => void;
}

export async function startTray<Image, Menu>(deps: TrayDeps<Image, Menu>): Promise<TrayControl> {
  const { electron, sessions } = deps;
  const desktop = new DesktopAlerts(deps.core, () => sessions.current());
  await desktop.refreshSettings();
  const icon = (level: TrayLevel) => electron.nativeImage.createFromPath(path.join(deps.resourcesDir, `tray-${level}.png`));
  const icons: Record<TrayLevel, Image> = { ok: icon('ok'), warning: icon('warning'), critical: icon('critical') };
  const tray = new electron.Tray(icons.ok);
  let stopped = false;
  let served: ServedSite | null = null;

  const acknowledgeAllInfo = async () => {
    // Whoever is signed in when the item is clicked, not when the menu was drawn.
    const session = sessions.current();
    if (session) await deps.dispatcher.call('alerts.acknowledgeMany', { allInfo: true }, session.token);
  };
  // The address and the fingerprint an admin reads out to a workstation that joins (it compares them on first use).
  const showServed = (site: ServedSite) => {
    const t = desktop.translator();
    void electron.dialog.showMessageBox({
      type: 'info',
      title: t.t('site.served.title'),
      message: t.t('site.served.message', { url: site.url }),
      detail: t.t('site.served.detail', { fingerprint: site.fingerprint }),
      buttons: ['OK'],
      defaultId: 0,
      cancelId: 0,
    });
  };
  const redraw = async () => {
    const state = await desktop.tray();
    if (stopped) return;
    const site = served;
    tray.setImage(icons[state.level]);
    tray.setToolTip(state.tooltip);
    tray.setContextMenu(
      electron.Menu.buildFromTemplate([
        { label: state.menu.open, click: deps.showWindow },
        { label: state.menu.acknowledgeInfo, enabled: sessions.current() !== null, click: () => void acknowledgeAllInfo() },
        ...(site ? [{ label: desktop.translator().t('site.served.menu', { url: site.url }), click: () => showServed(site) }] : []),
        { type: 'separator' },
        { label: state.menu.quit, click: () => electron.app.quit() },
      ]),
    );
  };
  const show = (notice: Notice | null) => showNotice(electron, notice, deps.showWindow);

  const unsubscribe = deps.core.events.subscribe((event) => {
    show(desktop.onEvent(event));
    if (event.name === 'status.summary' || event.name === 'settings.updated') void redraw().catch(() => undefined);
  });
  const unwatch = sessions.onChange(() => void redraw().catch(() => undefined));
  const flusher = setInterval(() => show(desktop.flush()), FLUSH_MS);
  tray.on('click', deps.showWindow);
  await redraw();

  return {
    stop: () => {
      stopped = true;
      clearInterval(flusher);
      unsubscribe();
      unwatch();
      tray.destroy();
    },
    setServedSite: (site) => {
      served = site;
      void redraw().catch(() => undefined);
    },
  };
}

/** A native notification for a notice (if the system has them); a click on it brings the window up. */
export function showNotice(electron: Pick<TrayElectron<unknown, unknown>, 'Notification'>, notice: Notice | null, showWindow: () => void): void {
  if (!notice || !electron.Notification.isSupported()) return;
  const note = new electron.Notification({ title: notice.title, body: notice.body, urgency: notice.severity === 'critical' ? 'critical' : 'normal' });
  note.on('click', showWindow);
  note.show();
}
