// The typed handler map: one handler per contract operation; a missing one does not compile.
import type { OperationName, OpOutput, OpParsedInput } from '../../shared/contract';
import type { Core } from '../core';
import type { UserRow } from '../core/db/entities/User';

export interface CallContext {
  /** The signed-in user, null for public operations called anonymously. */
  user: UserRow | null;
  core: Core;
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
