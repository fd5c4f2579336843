// The tray and notifications of a joined workstation: the window (the host's UI) hands its session over through the
// join preload (`noc:joined-session`); this process then reads the host's live events itself (../core/site/remote.ts,
// pinned to the host's certificate) and draws the same tray level, tooltip and menu and the same notices as a host
// does — in the signed-in user's language, else the site's — from the host's `status.summary` and `alert.created`.
import path from 'node:path';
import type { Alert, Language, Settings, StatusSummary } from '../../shared/contract';
import { minutesInZone } from '../../shared/dates';
import { translator } from '../../shared/i18n/messages';
import { trayState, type TrayLevel } from '../core/alerts/desktop';
import { NotificationPolicy, type Notice } from '../core/alerts/notifications';
import type { Clock } from '../core/clock';
import { RemoteSite, type RemoteEvent, type RemoteState } from '../core/site/remote';
import type { Agent } from 'node:http';
import { showNotice, type TrayElectron } from './tray';
import type { ContentsLike, FrameLike } from './types';

const FLUSH_MS = 5_000;
export const JOINED_SESSION_CHANNEL = 'noc:joined-session';

export interface JoinedIpcLike {
  on(channel: string, listener: (event: { sender: ContentsLike; senderFrame: FrameLike | null }, ...args: unknown[]) => void): unknown;
  removeAllListeners(channel: string): unknown;
}

export interface JoinedTrayOptions<Image, Menu> {
  electron: TrayElectron<Image, Menu> & { ipcMain: JoinedIpcLike };
  /** The host's origin, `https://noc-server:5443`. */
  origin: string;
  agent?: Agent | (() => Agent | undefined);
  /** The joined window's page: only it may hand a session over, and only while it shows the host. */
  contents: ContentsLike;
  /** The app's own language (the OS locale), until a user signs in. */
  language: Language;
  resourcesDir: string;
  clock: Clock;
  showWindow(): void;
  /** Back-off bounds of the event stream (tests). */
  retryMs?: { first: number; max: number };
}

export interface JoinedTray {
  readonly remote: RemoteSite;
  stop(): void;
}

export function startJoinedTray<Image, Menu>(options: JoinedTrayOptions<Image, Menu>): JoinedTray {
  const { electron, clock } = options;
  let language: Language = options.language;
  let site: Pick<Settings, 'timeZone' | 'quietHoursStart' | 'quietHoursEnd' | 'language'> | null = null;
  let summary: StatusSummary = { open: { critical: 0, warning: 0, info: 0 }, total: 0 };
  let state: RemoteState = 'signed-out';
  let stopped = false;
  const timeZone = () => site?.timeZone ?? 'Asia/Jakarta';
  const policy = new NotificationPolicy(
    () => clock.now().getTime(),
    () => ({
      language,
      timeZone: timeZone(),
      quiet: site?.quietHoursStart && site.quietHoursEnd ? { start: site.quietHoursStart, end: site.quietHoursEnd } : null,
      localMinutes: minutesInZone(clock.now(), timeZone()),
    }),
  );
  const icon = (level: TrayLevel) => electron.nativeImage.createFromPath(path.join(options.resourcesDir, `tray-${level}.png`));
  const icons: Record<TrayLevel, Image> = { ok: icon('ok'), warning: icon('warning'), critical: icon('critical') };
  const tray = new electron.Tray(icons.ok);

  const redraw = () => {
    if (stopped) return;
    const tr = translator(language, timeZone());
    const drawn = trayState(summary, tr);
    // Cut off from the host, the tray says so rather than show counts that may be old.
    const offline = state === 'offline';
    tray.setImage(icons[offline ? 'warning' : drawn.level]);
    tray.setToolTip(offline ? tr.t('tray.hostUnreachable', { host: options.origin }) : drawn.tooltip);
    tray.setContextMenu(
      electron.Menu.buildFromTemplate([
        { label: drawn.menu.open, click: options.showWindow },
        { label: drawn.menu.acknowledgeInfo, enabled: remote.state === 'online', click: () => void acknowledgeAllInfo() },
        { type: 'separator' },
        { label: drawn.menu.quit, click: () => electron.app.quit() },
      ]),
    );
  };
  const show = (notice: Notice | null) => showNotice(electron, notice, options.showWindow);

  const onEvent = (event: RemoteEvent) => {
    if (event.name === 'status.summary') {
      summary = event.payload as StatusSummary;
      redraw();
    } else if (event.name === 'alert.created') {
      show(policy.onAlertCreated(event.payload as Alert));
    } else if (event.name === 'settings.updated') {
      site = event.payload as Settings;
      redraw();
    }
  };
  const remote = new RemoteSite({
    url: options.origin,
    agent: options.agent,
    onEvent,
    onState: (next) => {
      state = next;
      // Back online: the counts may have moved meanwhile.
      if (next === 'online') void refresh();
      else redraw();
    },
    firstRetryMs: options.retryMs?.first,
    maxRetryMs: options.retryMs?.max,
  });

  /** Who is signed in (their language), the site's settings and the open counts, read once the stream is up. */
  const refresh = async () => {
    try {
      const [me, settings, stats] = await Promise.all([
        remote.get<{ language: Language | null }>('/api/auth/me'),
        remote.get<Settings>('/api/settings'),
        remote.get<{ open: StatusSummary['open'] }>('/api/alerts/stats'),
      ]);
      site = settings;
      language = me.language ?? settings.language;
      summary = { open: stats.open, total: stats.open.critical + stats.open.warning + stats.open.info };
    } catch {
      // the stream's own reconnects will try again
    }
    redraw();
  };
  const acknowledgeAllInfo = async () => {
    await remote.send('PUT', '/api/alerts/acknowledge', { allInfo: true }).catch(() => undefined);
  };

  // The window's page hands its session over; only the joined window, its main frame, on the host's own origin.
  electron.ipcMain.on(JOINED_SESSION_CHANNEL, (event, token) => {
    const frame = event.senderFrame;
    if (event.sender !== options.contents || !frame || frame.parent !== null || !sameOrigin(frame.url, options.origin)) return;
    if (token !== null && (typeof token !== 'string' || token.length === 0 || token.length > 4096)) return;
    if (token === null) {
      language = options.language;
      summary = { open: { critical: 0, warning: 0, info: 0 }, total: 0 };
    }
    remote.setToken(token);
    redraw();
  });
  const flusher = setInterval(() => show(policy.flush()), FLUSH_MS);
  flusher.unref?.();
  tray.on('click', options.showWindow);
  redraw();

  return {
    remote,
    stop: () => {
      stopped = true;
      clearInterval(flusher);
      electron.ipcMain.removeAllListeners(JOINED_SESSION_CHANNEL);
      remote.stop();
      tray.destroy();
    },
  };
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}
