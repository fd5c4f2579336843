// The app's windows: a locked-down BrowserWindow on the renderer, and the registry that tells our pages from
// any other and keeps each window's session tied to its life (focus, reload, close).
import { guardContents } from './security';
import type { RendererLocation } from './location';
import type { WindowSessions } from './sessions';
import type { ContentsLike, ShellLike, WindowConstructor, WindowLike, WindowOptions } from './types';

/**
 * The window of every NOCman page: sandboxed, context-isolated, no node, no webviews, no insecure content. `preload` is
 * ours for the app's own page (window.noc), the join preload for a joined host's page, none for the join form.
 */
export function appWindowOptions(iconFile: string, preloadFile?: string): WindowOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'NOCman',
    icon: iconFile,
    webPreferences: {
      ...(preloadFile ? { preload: preloadFile } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    },
  };
}

export interface WindowDeps {
  BrowserWindow: WindowConstructor;
  shell: ShellLike;
  location: RendererLocation;
  sessions: WindowSessions;
  preloadFile: string;
  iconFile: string;
}

export class AppWindows {
  private readonly contentsIds = new Set<number>();
  private latest: WindowLike | null = null;

  constructor(private readonly deps: WindowDeps) {}

  /** True for the page of a window this app created (and that is still open). */
  owns(contents: ContentsLike): boolean {
    return this.contentsIds.has(contents.id) && !contents.isDestroyed();
  }

  count(): number {
    return this.contentsIds.size;
  }

  open(): WindowLike {
    const { BrowserWindow, shell, location, sessions } = this.deps;
    const win = new BrowserWindow(appWindowOptions(this.deps.iconFile, this.deps.preloadFile));
    // Read once: a closed window's webContents cannot be touched any more.
    const contents = win.webContents;
    const id = contents.id;
    this.contentsIds.add(id);
    this.latest = win;
    guardContents(contents, shell);
    contents.on('did-navigate', () => sessions.signOut(id));
    win.on('focus', () => sessions.focus(id));
    win.on('closed', () => {
      this.contentsIds.delete(id);
      sessions.forget(id);
      if (this.latest === win) this.latest = null;
    });
    const loading = location.kind === 'dev-server' ? win.loadURL(location.url) : win.loadFile(location.file);
    loading.catch(() => undefined);
    return win;
  }

  /** Brings the latest window to the front, opening one when none is left. */
  show(): void {
    const win = this.latest && !this.latest.isDestroyed() ? this.latest : this.open();
    win.show();
    win.focus();
  }
}
