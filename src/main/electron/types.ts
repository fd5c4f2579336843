// The few parts of Electron's objects the desktop transport uses, as narrow shapes: the real objects fit them,
// and so does the recording stand-in the tests pass instead.

/** A frame in a page (Electron's WebFrameMain): who sent an IPC call. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

/** A page (Electron's WebContents). */
export interface ContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  /** A main-frame navigation committed (a reload too): the page that signed in is gone. */
  on(event: 'did-navigate', listener: () => void): unknown;
  /** A load failed (host down, certificate refused …); `isMainFrame` for the page itself. */
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
  ): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** What an `ipcMain.handle` listener receives (Electron's IpcMainInvokeEvent). */
export interface InvokeEventLike {
  readonly sender: ContentsLike;
  readonly senderFrame: FrameLike | null;
}

export type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface HeadersDetails {
  responseHeaders?: Record<string, string[]>;
}

/** Electron's Session: permissions and response headers of every page the app loads. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: HeadersDetails, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void,
    ): void;
  };
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  icon: string;
  webPreferences: {
    /** Our preload (window.noc) for the app's own page; none for a joined host's page, which speaks HTTP. */
    preload?: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    webviewTag: false;
    allowRunningInsecureContent: false;
    navigateOnDragDrop: false;
  };
}

/** Electron's BrowserWindow. */
export interface WindowLike {
  readonly webContents: ContentsLike;
  loadURL(url: string): Promise<void>;
  loadFile(file: string): Promise<void>;
  show(): void;
  focus(): void;
  isDestroyed(): boolean;
  on(event: 'focus', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

/** A Chromium certificate check (Electron's setCertificateVerifyProc request): `fingerprint` is `sha256/BASE64`. */
export interface CertificateRequestLike {
  hostname: string;
  certificate: { fingerprint: string };
}

/** 0 accepts the certificate, -2 refuses it, -3 leaves the decision to Chromium's own verification. */
export type CertificateVerdict = 0 | -2 | -3;
export type CertificateVerifyProc = (request: CertificateRequestLike, callback: (verdict: CertificateVerdict) => void) => void;

/** The session of a joined workstation: permissions locked down, and the host's certificate checked by its pin. */
export interface JoinSessionLike {
  setPermissionRequestHandler: SessionLike['setPermissionRequestHandler'];
  setPermissionCheckHandler: SessionLike['setPermissionCheckHandler'];
  setDevicePermissionHandler: SessionLike['setDevicePermissionHandler'];
  setCertificateVerifyProc(proc: CertificateVerifyProc | null): void;
}

export interface MessageBoxOptionsLike {
  type: 'question' | 'warning' | 'info' | 'error';
  title: string;
  message: string;
  detail?: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink?: boolean;
}

/** Electron's dialog module, the part the site choice and the certificate warnings use. */
export interface DialogLike {
  showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }>;
}

export type WindowConstructor = new (options: WindowOptions) => WindowLike;
