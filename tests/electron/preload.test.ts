// The preload under a stand-in `electron`: it exposes window.noc with call and subscribe only, forwards only
// operation channels the contract can name, and hands the page event messages, never Electron's event object.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../src/shared/contract';

const recorded = vi.hoisted(() => {
  type Listener = (event: unknown, message: unknown) => void;
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Listener[]>();
  return {
    exposed,
    invoked,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return Promise.resolve({ ok: true, status: 200, body: null });
      },
      on: (channel: string, listener: Listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: Listener) => listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: recorded.contextBridge, ipcRenderer: recorded.ipcRenderer }));

interface Bridge {
  call(name: string, input: unknown, token: string | null): Promise<unknown>;
  subscribe(token: string, listener: (event: unknown) => void): () => void;
}

let noc: Bridge;
beforeAll(async () => {
  await import('../../src/preload/index');
  noc = recorded.exposed.get('noc') as Bridge;
});

describe('the preload bridge', () => {
  it('exposes window.noc with call and subscribe, and nothing else', () => {
    expect([...recorded.exposed.keys()]).toEqual(['noc']);
    expect(Object.keys(noc).sort()).toEqual(['call', 'subscribe']);
  });

  it('forwards every contract operation to its own channel with input and token', async () => {
    recorded.invoked.length = 0;
    for (const name of operationNames) await noc.call(name, { a: 1 }, 'tok');
    expect(recorded.invoked).toEqual(operationNames.map((name) => ({ channel: `noc:${name}`, args: [{ a: 1 }, 'tok'] })));
  });

  it.each(['subscribe', 'event', 'customers', '../customers.list', 'customers.list:x', 'noc:customers.list', 'a..b', 'radius.sessions.', 'Radius.sessions.list', ''])(
    'refuses %j without sending anything',
    async (name) => {
      recorded.invoked.length = 0;
      await expect(noc.call(name, {}, null)).rejects.toThrow(/Unknown operation/);
      expect(recorded.invoked).toEqual([]);
    },
  );

  it('subscribes with the token, passes on only the message, and unsubscribes', () => {
    recorded.invoked.length = 0;
    const received: unknown[] = [];
    const stop = noc.subscribe('tok', (event) => received.push(event));
    expect(recorded.invoked).toEqual([{ channel: 'noc:subscribe', args: ['tok'] }]);

    const message = { id: 1, name: 'settings.updated', at: '2026-01-01T00:00:00.000Z', payload: {} };
    for (const listener of recorded.listeners.get('noc:event') ?? []) listener({ sender: 'ipc internals' }, message);
    expect(received).toEqual([message]);

    stop();
    expect(recorded.listeners.get('noc:event')).toEqual([]);
    expect(recorded.invoked.at(-1)).toEqual({ channel: 'noc:unsubscribe', args: [] });
  });
});
