// A joined workstation's tray and notifications, against a real host: a core on a real SQLite file served over HTTPS
// with the site's own certificate, read through the pinned agent. The window hands its session over (only the joined
// window's main frame on the host's origin may); the tray then follows the host's live events in the user's language,
// says when the host cannot be reached, and after the host is back gets what it missed (Last-Event-ID).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message } from '../../src/shared/i18n/messages';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { systemClock } from '../../src/main/core/clock';
import { pinnedHttpsAgent } from '../../src/main/core/site/pin';
import { siteCertificate } from '../../src/main/core/site/tls';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { JOINED_SESSION_CHANNEL, startJoinedTray, type JoinedTray } from '../../src/main/electron/joinedTray';
import { makeCore, staff, type Staffed, type TestCore } from '../helpers';
import { FakeContents, FakeFrame, FakeImage, FakeIpcMain, FakeMenu, FakeNotification, FakeTray } from './fake-electron';
import type { MenuItemOptions } from '../../src/main/electron/tray';

let host: TestCore;
let people: Staffed;
let server: RunningServer;
let tls: { cert: string; key: string; fingerprint: string };
let joined: JoinedTray | null = null;
const trays: FakeTray[] = [];
const ipcMain = new FakeIpcMain();
let quits = 0;

const electron = {
  app: { quit: () => void (quits += 1) },
  dialog: { showMessageBox: async () => ({ response: 0 }) },
  ipcMain,
  Menu: { buildFromTemplate: (template: MenuItemOptions[]) => new FakeMenu(template) },
  nativeImage: { createFromPath: (file: string) => new FakeImage(file) },
  Notification: FakeNotification,
  Tray: class extends FakeTray {
    constructor(image: FakeImage) {
      super(image);
      trays.push(this);
    }
  },
};

async function serve(port = 0): Promise<RunningServer> {
  return startHttpServer({ core: host.core, port, host: '127.0.0.1', tls });
}

beforeEach(async () => {
  host = await makeCore({ clock: systemClock });
  people = await staff(host.core);
  tls = await siteCertificate(host.dataDir, { bindHost: '127.0.0.1', clock: systemClock });
  server = await serve();
  FakeNotification.shown.length = 0;
  trays.length = 0;
});

afterEach(async () => {
  joined?.stop();
  joined = null;
  await server.close();
  await host.close();
});

function start(contents: FakeContents): JoinedTray {
  joined = startJoinedTray({
    electron: electron as never,
    origin: server.url,
    agent: pinnedHttpsAgent(tls.fingerprint),
    contents,
    language: 'id',
    resourcesDir: '/res',
    clock: systemClock,
    showWindow: () => undefined,
    retryMs: { first: 100, max: 400 },
  });
  return joined;
}

const labels = (tray: FakeTray) => tray.menu!.items.map((i) => i.label).filter(Boolean);

describe('the tray of a joined workstation', () => {
  it('takes the session only from the joined window on the host, then speaks the user language from the host events', async () => {
    const window = new FakeContents();
    window.mainFrame.url = `${server.url}/#/dashboard`;
    const tray = start(window);
    const t = trays[0]!;
    expect(labels(t)).toEqual(['Buka NOCman', 'Akui semua peringatan info', 'Keluar']);
    await host.core.users.update(SYSTEM_ACTOR, people.ids.technician, { language: 'en' });
    // (A change of the user reaching the stream after it started would end it once, to be read again with the change.)
    await host.core.journal.settled();
    const token = await people.token('technician');

    // Another page, a sub-frame of the window, or the window showing another origin: ignored.
    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: new FakeContents() }, token);
    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: window, senderFrame: new FakeFrame(`${server.url}/`, window.mainFrame) }, token);
    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: window, senderFrame: new FakeFrame('https://evil.example/') }, token);
    expect(tray.remote.state).toBe('signed-out');

    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: window }, token);
    await vi.waitFor(() => expect(labels(t)).toEqual(['Open NOCman', 'Acknowledge all info alerts', 'Quit']), { timeout: 5000 });
    expect(tray.remote.state).toBe('online');
    expect(t.toolTip).toBe('NOCman — No open alerts');
    expect(t.image.path).toBe('/res/tray-ok.png');

    // A device goes down on the host: the tray turns critical, the notice is in English.
    await host.core.alerts.raise('device:4:down', { type: 'device_down', severity: 'critical', text: message('alert.down', { device: 'OLT Sanur', host: '127.0.0.4' }), deviceId: 4 });
    await vi.waitFor(() => expect(t.image.path).toBe('/res/tray-critical.png'), { timeout: 5000 });
    expect(t.toolTip).toBe('NOCman — 1 critical, 0 warning, 0 info');
    await vi.waitFor(() => expect(FakeNotification.shown).toEqual([{ title: 'NOCman — CRITICAL', body: 'OLT Sanur (127.0.0.4) is down', urgency: 'critical' }]));
    // A billing alert is not the technician's: no notice, no count.
    await host.core.alerts.raise('invoice:9:overdue', { type: 'payment_overdue', severity: 'critical', text: message('alert.legacy', { text: 'INV overdue' }), invoiceId: 9 });
    await host.core.journal.settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(FakeNotification.shown).toHaveLength(1);
    expect(t.toolTip).toBe('NOCman — 1 critical, 0 warning, 0 info');

    // Signed out in the window: the stream stops, the tray speaks the app's language again.
    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: window }, null);
    expect(tray.remote.state).toBe('signed-out');
    expect(labels(t)).toEqual(['Buka NOCman', 'Akui semua peringatan info', 'Keluar']);
  });

  it('says when the host cannot be reached, and after it is back shows what happened meanwhile', async () => {
    const window = new FakeContents();
    window.mainFrame.url = `${server.url}/`;
    const tray = start(window);
    const t = trays[0]!;
    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: window }, await people.token('admin'));
    await vi.waitFor(() => expect(tray.remote.state).toBe('online'), { timeout: 5000 });
    const port = server.port;

    // The host's network server goes away (the books stay: the core goes on and raises an alert meanwhile).
    await server.close();
    await vi.waitFor(() => expect(tray.remote.state).toBe('offline'), { timeout: 5000 });
    expect(t.toolTip).toBe(`NOCman — Tidak terhubung ke ${server.url}; mencoba lagi`);
    expect(t.image.path).toBe('/res/tray-warning.png');
    await host.core.alerts.raise('device:5:down', { type: 'device_down', severity: 'critical', text: message('alert.down', { device: 'OLT Canggu', host: '127.0.0.5' }), deviceId: 5 });
    await host.core.journal.settled();
    expect(FakeNotification.shown).toEqual([]);

    // Back on the same address: the stream resumes from its last event id and the missed alert is told.
    server = await serve(port);
    await vi.waitFor(() => expect(tray.remote.state).toBe('online'), { timeout: 5000 });
    await vi.waitFor(() => expect(FakeNotification.shown.map((n) => n.body)).toEqual(['OLT Canggu (127.0.0.5) mati']), { timeout: 5000 });
    await vi.waitFor(() => expect(t.image.path).toBe('/res/tray-critical.png'));
    expect(quits).toBe(0);
  });

  it('refuses a host whose certificate is not the pinned one: no token is sent, the tray stays offline', async () => {
    const other = await makeCore({ clock: systemClock });
    const otherTls = await siteCertificate(other.dataDir, { bindHost: '127.0.0.1', clock: systemClock });
    await other.close();
    const window = new FakeContents();
    window.mainFrame.url = `${server.url}/`;
    joined = startJoinedTray({
      electron: electron as never,
      origin: server.url,
      agent: pinnedHttpsAgent(otherTls.fingerprint),
      contents: window,
      language: 'en',
      resourcesDir: '/res',
      clock: systemClock,
      showWindow: () => undefined,
      retryMs: { first: 100, max: 400 },
    });
    ipcMain.send(JOINED_SESSION_CHANNEL, { sender: window }, await people.token('admin'));
    await vi.waitFor(() => expect(joined!.remote.state).toBe('offline'), { timeout: 5000 });
    expect(trays[0]!.toolTip).toBe(`NOCman — Cannot reach ${server.url}; retrying`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(joined!.remote.state).toBe('offline');
  });
});
