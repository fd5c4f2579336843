// The typed handler map: one handler per contract operation; a missing one does not compile.
import type { OperationName, OpOutput, OpParsedInput } from '../../shared/contract';
import type { Core } from '../core';
import type { UserRow } from '../core/db/entities/User';
import type { PollerIdentity } from '../core/pollers/service';

/** What the transport knows of the other end of a call. No proxy is trusted: the address is the socket's. */
export interface RequestMeta {
  /** `http` for `nocman serve`; `ipc` for the desktop window, the tray and other in-process callers. */
  transport: 'http' | 'ipc';
  /** The client's address (the socket's remote address over HTTP), `ipc` in process. */
  address: string;
  /** The `Host` header as the client sent it (HTTP only; absent when the client sent none). */
  host?: string;
  /** The `X-NOCman-Bridge-Key` header (HTTP only): FreeRADIUS's key for the bridge operations. */
  bridgeKey?: string;
  /** The `X-NOCman-Poller-Key` header (HTTP only): a remote poller's key for the poller operations. */
  pollerKey?: string;
}

/** The meta of a caller that gives none: the Electron IPC handlers and the tray call in process. */
export const IN_PROCESS: RequestMeta = Object.freeze({ transport: 'ipc', address: 'ipc' });

export interface CallContext {
  /** The signed-in user, null for public operations called anonymously. */
  user: UserRow | null;
  core: Core;
  meta: RequestMeta;
  /** The remote poller of a poller operation (its key checked by the dispatcher); null otherwise. */
  poller: PollerIdentity | null;
}

/** Context of an operation that requires a session: the dispatcher guarantees the user. */
export interface UserContext extends CallContext {
  user: UserRow;
}

export type Handler<N extends OperationName> = (
  input: OpParsedInput<N>,
  ctx: UserContext,
) => Promise<OpOutput<N>> | OpOutput<N>;

export type Handlers = { [N in OperationName]: Handler<N> };
export type HandlersOf<P extends string> = { [N in OperationName as N extends `${P}.${string}` ? N : never]: Handler<N> };
