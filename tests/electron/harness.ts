// The desktop shell of src/main/electron/app.ts over a real core (fresh SQLite file), driven through the
// recording stand-in for `electron`: windows, IPC calls from their frames, sign-in per window.
import path from 'node:path';
import type { Role } from '../../src/shared/contract';
import { startDesktop, type Desktop } from '../../src/main/electron/app';
import { makeCore, PASSWORD, staff, type Staffed, type TestCore } from '../helpers';
import { createFakeElectron, type FakeElectron, type FakeWindowInstance } from './fake-electron';

export const MAIN_DIR = path.resolve('/opt/NOCman/resources/app.asar/out/main');
export const RENDERER_FILE = path.resolve(MAIN_DIR, '../renderer/index.html');

export interface CallAnswer {
  ok: boolean;
  status: number;
  body: unknown;
}

export interface FakeDesktop extends TestCore {
  electron: FakeElectron;
  desktop: Desktop;
  people: Staffed;
  warnings: string[];
  /** An operation called over IPC from a window's main frame (or the frame given). */
  call(win: FakeWindowInstance, name: string, input: unknown, token: string | null, frame?: Parameters<FakeElectron['ipcMain']['invoke']>[1]['senderFrame']): Promise<CallAnswer>;
  /** Signs the user of `role` in through the window, as the renderer does (login, then subscribe). */
  signIn(win: FakeWindowInstance, role: Role): Promise<string>;
  signOut(win: FakeWindowInstance, token: string): Promise<void>;
  window(index: number): FakeWindowInstance;
}

export interface FakeDesktopOptions {
  isPackaged?: boolean;
  devServerUrl?: string;
}

const EMAIL: Record<Role, string> = { admin: 'admin@isp.test', staff: 'staff@isp.test', technician: 'tech@isp.test' };

export async function startFakeDesktop(options: FakeDesktopOptions = {}): Promise<FakeDesktop> {
  const base = await makeCore();
  const people = await staff(base.core);
  const electron = createFakeElectron({ isPackaged: options.isPackaged ?? true });
  const warnings: string[] = [];
  const desktop = await startDesktop(electron, {
    core: base.core,
    mainDir: MAIN_DIR,
    resourcesDir: '/opt/NOCman/resources',
    devServerUrl: options.devServerUrl,
    logger: { error: () => undefined, warn: (message) => warnings.push(message) },
  });

  const call: FakeDesktop['call'] = async (win, name, input, token, frame) =>
    (await electron.ipcMain.invoke(`noc:${name}`, { sender: win.webContents, senderFrame: frame }, input, token)) as CallAnswer;

  return {
    ...base,
    electron,
    desktop,
    people,
    warnings,
    call,
    async signIn(win, role) {
      const login = await call(win, 'auth.login', { email: EMAIL[role], password: PASSWORD }, null);
      if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
      const token = (login.body as { token: string }).token;
      const subscribed = (await electron.ipcMain.invoke('noc:subscribe', { sender: win.webContents }, token)) as CallAnswer;
      if (!subscribed.ok) throw new Error(`subscribe failed: ${JSON.stringify(subscribed.body)}`);
      return token;
    },
    async signOut(win, token) {
      await call(win, 'auth.logout', {}, token);
      await electron.ipcMain.invoke('noc:unsubscribe', { sender: win.webContents });
    },
    window(index) {
      const win = electron.windows[index];
      if (!win) throw new Error(`no window ${index}`);
      return win;
    },
    close: async () => {
      desktop.stop();
      await base.close();
    },
  };
}
