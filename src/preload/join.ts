// The bridge of a joined workstation's window, which shows the host's own UI (pinned to its certificate): it only
// hands the signed-in session to this app's main process, so that the tray and the notifications follow the host's
// live events (src/main/electron/joinedTray.ts). No operation and no event crosses it; the page talks to its host.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('nocDesktop', {
  session(token: string | null): void {
    ipcRenderer.send('noc:joined-session', typeof token === 'string' ? token : null);
  },
});
