// A recording stand-in for the `electron` module (the binary cannot be installed here): it records handler
// registrations, permission handlers, sent messages, opened URLs and windows, and lets a test invoke IPC
// handlers with fake events carrying a sender and a senderFrame, as Electron would.
import { pathToFileURL } from 'node:url';
import type {
  CertificateVerdict,
  CertificateVerifyProc,
  ContentsLike,
  FrameLike,
  InvokeEventLike,
  MessageBoxOptionsLike,
  WindowOptions,
} from '../../src/main/electron/types';
import type { MenuItemOptions } from '../../src/main/electron/tray';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = (...args: unknown[]) => {
      this.off(event, wrapped);
      return (listener as (...args: unknown[]) => unknown)(...args);
    };
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...args: unknown[]) => unknown)(...args);
  }

  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

let nextProcessId = 100;

export class FakeFrame implements FrameLike {
  readonly processId: number;
  readonly routingId: number;

  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
    ids?: { processId: number; routingId: number },
  ) {
    this.processId = ids?.processId ?? nextProcessId++;
    this.routingId = ids?.routingId ?? 1;
  }
}

/** What a page did that a test may look at. */
export class FakeContents extends Emitter implements ContentsLike {
  private static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  private destroyed = false;

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** A sub-frame (an iframe) inside this page. */
  childFrame(url: string): FakeFrame {
    return new FakeFrame(url, this.mainFrame, { processId: this.mainFrame.processId, routingId: 2 });
  }

  /** Fires will-navigate as a click on a link would; answers whether the page stayed. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** The payloads of the live events this page received. */
  events(): { id: number; name: string; payload: unknown }[] {
    return this.sent.filter((m) => m.channel === 'noc:event').map((m) => m.args[0] as { id: number; name: string; payload: unknown });
  }
}

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, ((event: { sender: ContentsLike; senderFrame: FrameLike | null }, ...args: unknown[]) => void)[]>();

  on(channel: string, listener: (event: { sender: ContentsLike; senderFrame: FrameLike | null }, ...args: unknown[]) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }

  removeAllListeners(channel: string): void {
    this.listeners.delete(channel);
  }

  /** As ipcRenderer.send from `frame` of `sender` (its main frame unless told). */
  send(channel: string, from: { sender: ContentsLike; senderFrame?: FrameLike | null }, ...args: unknown[]): void {
    const senderFrame = from.senderFrame === undefined ? from.sender.mainFrame : from.senderFrame;
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: from.sender, senderFrame }, ...args);
  }

  handle(channel: string, listener: Handler): void {
    // Electron throws on a second handler for one channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** As ipcRenderer.invoke from `frame` of `sender` (its main frame unless told). */
  async invoke(channel: string, from: { sender: ContentsLike; senderFrame?: FrameLike | null }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = from.senderFrame === undefined ? from.sender.mainFrame : from.senderFrame;
    return handler({ sender: from.sender, senderFrame }, ...args);
  }
}

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequest: PermissionRequest | null = null;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  certificateVerifyProc: CertificateVerifyProc | null = null;
  certificateVerifyProcSets = 0;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void {
    this.permissionCheck = handler;
  }

  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.devicePermission = handler;
  }

  setCertificateVerifyProc(proc: CertificateVerifyProc | null): void {
    this.certificateVerifyProc = proc;
    this.certificateVerifyProcSets++;
  }

  /** What the certificate verify proc answers for a certificate of `hostname` (`fingerprint` as Electron gives it). */
  verify(hostname: string, fingerprint: string): Promise<CertificateVerdict> {
    return new Promise((resolve) => this.certificateVerifyProc!({ hostname, certificate: { fingerprint } }, resolve));
  }

  /** What the permission request handler answers for `permission`. */
  request(permission: string): Promise<boolean> {
    return new Promise((resolve) => this.permissionRequest!(null, permission, resolve));
  }

  /** The headers a response ends up with. */
  headersOf(responseHeaders: Record<string, string[]>): Record<string, string[]> {
    let result: Record<string, string[]> = {};
    this.headersListener!({ responseHeaders }, (response) => (result = response.responseHeaders));
    return result;
  }
}

export class FakeShell {
  readonly opened: string[] = [];

  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

export class FakeMenu {
  constructor(readonly items: MenuItemOptions[]) {}

  item(label: string): MenuItemOptions {
    const item = this.items.find((i) => i.label === label);
    if (!item) throw new Error(`No menu item ${label}`);
    return item;
  }
}

export class FakeImage {
  constructor(readonly path: string) {}
}

export class FakeTray extends Emitter {
  image: FakeImage;
  toolTip = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: FakeImage) {
    super();
    this.image = image;
  }

  setImage(image: FakeImage): void {
    this.image = image;
  }

  setToolTip(text: string): void {
    this.toolTip = text;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends Emitter {
  static readonly shown: { title: string; body: string; urgency: string }[] = [];

  constructor(private readonly options: { title: string; body: string; urgency: 'critical' | 'normal' }) {
    super();
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    FakeNotification.shown.push(this.options);
  }
}

/** The dialog module: records every message box and answers with the scripted responses (then `fallback`). */
export class FakeDialog {
  readonly boxes: MessageBoxOptionsLike[] = [];
  readonly answers: number[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  fallback = 0;

  showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }> {
    this.boxes.push(options);
    return Promise.resolve({ response: this.answers.shift() ?? this.fallback });
  }

  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
}

export interface FakeElectronOptions {
  isPackaged?: boolean;
  /** app.getPath('userData'); unset, asking for it fails the test. */
  userData?: string;
  /** app.getLocale(). */
  locale?: string;
}

/** One stand-in `electron` module: its windows, trays and app events belong to it. */
export function createFakeElectron(options: FakeElectronOptions = {}) {
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];

  class FakeApp extends Emitter {
    isPackaged = options.isPackaged ?? false;
    quitCalls = 0;

    quit(): void {
      this.quitCalls++;
    }

    requestSingleInstanceLock(): boolean {
      return true;
    }

    whenReady(): Promise<void> {
      return Promise.resolve();
    }

    getPath(name: string): string {
      if (name === 'userData' && options.userData) return options.userData;
      throw new Error(`app.getPath(${name}) is not set up in this test`);
    }

    getLocale(): string {
      return options.locale ?? 'id-ID';
    }
  }
  const app = new FakeApp();

  class FakeWindow extends Emitter {
    readonly webContents = new FakeContents();
    loaded: { kind: 'url' | 'file'; target: string } | null = null;
    shown = 0;
    private destroyed = false;

    constructor(readonly options: WindowOptions) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }

    loadURL(url: string): Promise<void> {
      this.loaded = { kind: 'url', target: url };
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }

    loadFile(file: string): Promise<void> {
      this.loaded = { kind: 'file', target: file };
      this.webContents.mainFrame.url = `${pathToFileURL(file).href}#/`;
      return Promise.resolve();
    }

    show(): void {
      this.shown++;
    }

    focus(): void {
      this.emit('focus');
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    close(): void {
      this.destroyed = true;
      this.webContents.destroy();
      this.emit('closed');
    }
  }

  class Tray extends FakeTray {
    constructor(image: FakeImage) {
      super(image);
      trays.push(this);
    }
  }

  const session = new FakeSession();
  return {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: new FakeIpcMain(),
    dialog: new FakeDialog(),
    session: { defaultSession: session },
    shell: new FakeShell(),
    Tray,
    Menu: { buildFromTemplate: (template: MenuItemOptions[]) => new FakeMenu(template) },
    Notification: FakeNotification,
    nativeImage: { createFromPath: (path: string) => new FakeImage(path) },
    /** Test access: every window and tray made through this module. */
    windows,
    trays,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeWindowInstance = FakeElectron['windows'][number];
