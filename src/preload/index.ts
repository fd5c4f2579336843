// The bridge of sandboxed windows: exposes `window.noc` (call an operation, receive events), nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// The contract's names look like `domain.operation`; the main process only handles declared ones.
// (The contract itself is not imported: it pulls in zod, and a sandboxed preload can require only 'electron'.)
const OPERATION_NAME = /^[a-z]+(\.[a-zA-Z]+)+$/;

contextBridge.exposeInMainWorld('noc', {
  call(name: string, input: unknown, token: string | null): Promise<unknown> {
    if (!OPERATION_NAME.test(name)) return Promise.reject(new Error(`Unknown operation ${name}`));
    return ipcRenderer.invoke(`noc:${name}`, input, token);
  },
  subscribe(token: string, listener: (event: { id: number; name: string; at: string; payload: unknown }) => void): () => void {
    const forward = (_event: IpcRendererEvent, message: { id: number; name: string; at: string; payload: unknown }) =>
      listener(message);
    ipcRenderer.on('noc:event', forward);
    void ipcRenderer.invoke('noc:subscribe', token);
    return () => {
      ipcRenderer.removeListener('noc:event', forward);
      void ipcRenderer.invoke('noc:unsubscribe');
    };
  },
});
