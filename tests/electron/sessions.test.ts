// Sessions per window through the electron stand-in over a real core: each window gets the events of its own
// role, the tray acts for the most recently focused window still signed in, and a window that signs out,
// reloads or closes ends only its own session.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert, StatusSummary } from '../../src/shared/contract';
import { FakeNotification, type FakeWindowInstance } from './fake-electron';
import { startFakeDesktop, type FakeDesktop } from './harness';
import { message } from '../../src/shared/i18n/messages';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';

let desk: FakeDesktop | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function twoWindows(): Promise<{ d: FakeDesktop; first: FakeWindowInstance; second: FakeWindowInstance }> {
  desk = await startFakeDesktop();
  desk.desktop.windows.open();
  return { d: desk, first: desk.window(0), second: desk.window(1) };
}

const deviceDown = (id: number) => ({ type: 'device_down' as const, severity: 'critical' as const, text: message('alert.legacy', { text: `OLT-${id} is down` }), deviceId: id });
const overdue = (id: number) => ({ type: 'payment_overdue' as const, severity: 'warning' as const, text: message('alert.legacy', { text: `INV/2026/11/000${id} overdue` }), invoiceId: id });

function alertsOf(win: FakeWindowInstance): Alert[] {
  return win.webContents.events().filter((e) => e.name === 'alert.created').map((e) => e.payload as Alert);
}

function summariesOf(win: FakeWindowInstance): StatusSummary[] {
  return win.webContents.events().filter((e) => e.name === 'status.summary').map((e) => e.payload as StatusSummary);
}

/** Waits until both windows have the summary of the latest burst: everything raised before it was delivered too. */
async function settled(...windows: FakeWindowInstance[]): Promise<void> {
  const counts = windows.map((w) => summariesOf(w).length);
  await vi.waitFor(() => windows.forEach((w, i) => expect(summariesOf(w).length).toBeGreaterThan(counts[i]!)), { timeout: 5000 });
}

describe('events per window', () => {
  it('projects each event for the role of the window it goes to', async () => {
    const { d, first, second } = await twoWindows();
    await d.signIn(first, 'staff');
    await d.signIn(second, 'technician');

    await d.core.alerts.raise('device:1:down', deviceDown(1));
    await d.core.alerts.raise('invoice:1:overdue', overdue(1));
    await settled(first, second);

    expect(alertsOf(first).map((a) => a.type)).toEqual(['payment_overdue']);
    expect(alertsOf(second).map((a) => a.type)).toEqual(['device_down']);
    expect(summariesOf(first).at(-1)).toEqual({ open: { critical: 0, warning: 1, info: 0 }, total: 1 });
    expect(summariesOf(second).at(-1)).toEqual({ open: { critical: 1, warning: 0, info: 0 }, total: 1 });
  });

  it('stops sending to a window that signed out, and only to that one', async () => {
    const { d, first, second } = await twoWindows();
    const staffToken = await d.signIn(first, 'staff');
    await d.signIn(second, 'admin');
    await d.signOut(first, staffToken);
    const before = first.webContents.sent.length;

    await d.core.alerts.raise('invoice:2:overdue', overdue(2));
    await settled(second);

    expect(alertsOf(second).map((a) => a.invoiceId)).toEqual([2]);
    expect(first.webContents.sent.length).toBe(before);
  });

  it('stops sending to a window whose session was revoked elsewhere, without waiting for it to ask', async () => {
    const { d, first, second } = await twoWindows();
    await d.signIn(first, 'technician');
    await d.signIn(second, 'admin');
    const tech = await d.core.users.findRow(d.people.ids.technician);
    await d.core.auth.logout(tech!);

    await d.core.alerts.raise('device:3:down', deviceDown(3));
    await settled(second);

    expect(alertsOf(first)).toEqual([]);
    expect(d.desktop.sessions.of(first.webContents.id)).toBeNull();
    expect(d.desktop.sessions.current()?.role).toBe('admin');
  });

  it('keeps events of one window in the order they happened', async () => {
    const { d, first } = await twoWindows();
    await d.signIn(first, 'technician');
    for (let i = 1; i <= 20; i++) await d.core.alerts.raise(`device:${i}:down`, deviceDown(i));
    await vi.waitFor(() => expect(alertsOf(first)).toHaveLength(20), { timeout: 5000 });
    const ids = first.webContents.events().map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('checks the session once for a burst, not once per event', async () => {
    const { d, first } = await twoWindows();
    await d.signIn(first, 'technician');
    const { alert } = await d.core.alerts.raise('device:9:down', deviceDown(9));
    await vi.waitFor(() => expect(alertsOf(first)).toHaveLength(1));
    const checks = vi.spyOn(d.core.auth, 'authenticate');
    for (let i = 0; i < 500; i++) d.core.events.emit('alert.created', alert);
    await vi.waitFor(() => expect(alertsOf(first)).toHaveLength(501));
    // One for the burst, give or take the status summary of the first raise: nowhere near 500.
    expect(checks.mock.calls.length).toBeLessThan(10);
  });
});

describe('who the tray acts for', () => {
  it('acts for the most recently focused window that is still signed in', async () => {
    const { d, first, second } = await twoWindows();
    await d.signIn(first, 'staff');
    await d.signIn(second, 'technician');
    expect(d.desktop.sessions.current()?.role).toBe('technician');
    first.focus();
    expect(d.desktop.sessions.current()?.role).toBe('staff');
    second.focus();
    expect(d.desktop.sessions.current()?.role).toBe('technician');
  });

  it('stays signed in for the other window when one signs out, and acknowledges with that session', async () => {
    const { d, first, second } = await twoWindows();
    const staffToken = await d.signIn(first, 'staff');
    await d.signIn(second, 'technician');
    first.focus();
    const networkInfo = (await d.core.alerts.raise('device:5:up', { type: 'device_up', severity: 'info', text: message('alert.legacy', { text: 'OLT-5 is up' }), deviceId: 5 })).alert;
    const billingInfo = (await d.core.alerts.raise('invoice:5:due', { type: 'payment_due', severity: 'info', text: message('alert.legacy', { text: 'INV due' }), invoiceId: 5 })).alert;

    await d.signOut(first, staffToken);
    expect(d.desktop.sessions.current()?.role).toBe('technician');

    const tray = d.electron.trays[0]!;
    await vi.waitFor(() => expect(tray.menu?.item('Akui semua peringatan info').enabled).toBe(true));
    // The site speaks Indonesian and the user chose no language of their own: the whole menu is Indonesian.
    expect(tray.menu!.items.map((i) => i.label).filter(Boolean)).toEqual(['Buka NOCman', 'Akui semua peringatan info', 'Keluar']);
    tray.menu!.item('Akui semua peringatan info').click!();
    await vi.waitFor(async () => {
      const acknowledged = await d.core.alerts.get('admin', networkInfo.id);
      expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Tono Teknisi' });
    });
    // The technician's session cannot reach billing alerts: the staff member's alert is left as it was.
    expect(await d.core.alerts.get('admin', billingInfo.id)).toMatchObject({ status: 'open' });
  });

  it('forgets a closed window and disables the tray action when no window is signed in', async () => {
    const { d, first, second } = await twoWindows();
    await d.signIn(first, 'admin');
    await d.signIn(second, 'technician');
    second.close();
    expect(d.desktop.sessions.current()?.role).toBe('admin');
    first.close();
    expect(d.desktop.sessions.current()).toBeNull();
    const tray = d.electron.trays[0]!;
    await vi.waitFor(() => expect(tray.menu?.item('Akui semua peringatan info').enabled).toBe(false));
  });

  it('signs a window out when its page reloads or navigates', async () => {
    const { d, first, second } = await twoWindows();
    await d.signIn(first, 'staff');
    await d.signIn(second, 'technician');
    first.webContents.emit('did-navigate');
    expect(d.desktop.sessions.of(first.webContents.id)).toBeNull();
    expect(d.desktop.sessions.current()?.role).toBe('technician');
  });

  it('does not sign a window in when it signed out while its subscribe was still being checked', async () => {
    const { d, first } = await twoWindows();
    const token = await d.people.token('admin');
    const subscribing = d.electron.ipcMain.invoke('noc:subscribe', { sender: first.webContents }, token);
    const unsubscribing = d.electron.ipcMain.invoke('noc:unsubscribe', { sender: first.webContents });
    await Promise.all([subscribing, unsubscribing]);
    expect(d.desktop.sessions.of(first.webContents.id)).toBeNull();
  });

  it('notifies for the role of the window in front', async () => {
    const { d, first, second } = await twoWindows();
    FakeNotification.shown.length = 0;
    await d.signIn(first, 'technician');
    await d.signIn(second, 'staff');
    await d.core.alerts.raise('device:7:down', deviceDown(7));
    expect(FakeNotification.shown).toEqual([]);
    first.focus();
    await d.core.alerts.raise('device:8:down', deviceDown(8));
    expect(FakeNotification.shown.map((n) => n.body)).toEqual(['OLT-8 is down']);
  });
});

describe('the tray and notifications speak the language of the user in front', () => {
  it('draws the level, tooltip and menu, and notifies, in English for an English user and in Indonesian for another', async () => {
    const { d, first, second } = await twoWindows();
    await d.core.users.update(SYSTEM_ACTOR, d.people.ids.technician, { language: 'en' });
    await d.signIn(first, 'technician');
    await d.signIn(second, 'admin');
    first.focus();
    const tray = d.electron.trays[0]!;
    FakeNotification.shown.length = 0;
    await vi.waitFor(() => expect(tray.menu!.items.map((i) => i.label).filter(Boolean)).toEqual(['Open NOCman', 'Acknowledge all info alerts', 'Quit']));
    expect(tray.image.path).toMatch(/tray-ok\.png$/);
    expect(tray.toolTip).toBe('NOCman — No open alerts');

    // A device goes down: the tray turns critical and says so, the notification is in English.
    await d.core.alerts.raise('device:9:down', { type: 'device_down', severity: 'critical', text: message('alert.down', { device: 'OLT Kuta', host: '127.0.0.9' }), deviceId: 9 });
    await vi.waitFor(() => expect(tray.image.path).toMatch(/tray-critical\.png$/));
    expect(tray.toolTip).toBe('NOCman — 1 critical, 0 warning, 0 info');
    expect(FakeNotification.shown).toEqual([{ title: 'NOCman — CRITICAL', body: 'OLT Kuta (127.0.0.9) is down', urgency: 'critical' }]);

    // The admin, who chose no language (the site's: Indonesian), comes to the front: the tray speaks Indonesian.
    second.focus();
    await vi.waitFor(() => expect(tray.menu!.items.map((i) => i.label).filter(Boolean)).toEqual(['Buka NOCman', 'Akui semua peringatan info', 'Keluar']));
    await d.core.alerts.raise('device:10:down', { type: 'device_down', severity: 'critical', text: message('alert.down', { device: 'OLT Ubud', host: '127.0.0.10' }), deviceId: 10 });
    await vi.waitFor(() => expect(FakeNotification.shown).toHaveLength(2));
    expect(FakeNotification.shown[1]).toEqual({ title: 'NOCman — KRITIS', body: 'OLT Ubud (127.0.0.10) mati', urgency: 'critical' });
    await vi.waitFor(() => expect(tray.toolTip).toMatch(/^NOCman — 2 /));
  });
});
