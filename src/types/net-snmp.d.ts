// The part of net-snmp (which ships no types) that NOCman uses.
declare module 'net-snmp' {
  export interface Varbind {
    oid: string;
    type: number;
    value: Buffer | number | string | null;
  }
  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
  }
  export interface Session {
    get(oids: string[], callback: (error: Error | null, varbinds: Varbind[]) => void): void;
    subtree(oid: string, maxRepetitions: number, feed: (varbinds: Varbind[]) => void, done: (error: Error | null) => void): void;
    close(): void;
    on(event: 'error', listener: (error: Error) => void): void;
  }
  export const Version2c: number;
  export const ObjectType: { Counter64: number; TimeTicks: number };
  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function isVarbindError(varbind: Varbind): boolean;
  export function varbindError(varbind: Varbind): string;
  const snmp: {
    Version2c: number;
    ObjectType: { Counter64: number; TimeTicks: number };
    createSession: typeof createSession;
    isVarbindError: typeof isVarbindError;
    varbindError: typeof varbindError;
  };
  export default snmp;
}
