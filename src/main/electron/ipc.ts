// The IPC transport: one `noc:<operation>` handler per contract operation plus subscribe/unsubscribe, each
// answering in the shared error shape. Calls from anything but the app's own main frame are FORBIDDEN, and an
// input over the HTTP body limit is PAYLOAD_TOO_LARGE, as over HTTP.
import { operationNames, type Role } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { toErrorBody, type CallResult, type Dispatcher, type Logger } from '../api/dispatcher';
import type { WindowSessions } from './sessions';
import type { InvokeEventLike, IpcMainLike } from './types';

/** The HTTP server's JSON body limit (`JSON_BODY_LIMIT = '1mb'` in src/main/http/server.ts), in bytes. */
export const IPC_BODY_LIMIT_BYTES = 1024 * 1024;
const LIMIT_TEXT = '1mb';

export const SUBSCRIBE_CHANNEL = 'noc:subscribe';
export const UNSUBSCRIBE_CHANNEL = 'noc:unsubscribe';

export function operationChannel(name: string): string {
  return `noc:${name}`;
}

/** Every channel the main process answers: derived from the contract, never listed by hand. */
export function ipcChannels(): string[] {
  return [...operationNames.map(operationChannel), SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL];
}

function failure(error: AppError): CallResult {
  return { ok: false, status: error.status, body: error.toBody() };
}

const DONE: CallResult = { ok: true, status: 204, body: undefined };

/** The size the input would have as a JSON body, or null when it is not JSON at all (cycles, BigInt). */
function serializedBytes(input: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify(input ?? null) ?? '', 'utf8');
  } catch {
    return null;
  }
}

/** Null when the input may go on; otherwise the answer that refuses it. */
function bodyRefusal(input: unknown): CallResult | null {
  const size = serializedBytes(input);
  if (size === null) return failure(AppError.validation('input', 'Expected a JSON value'));
  if (size > IPC_BODY_LIMIT_BYTES) return failure(new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${LIMIT_TEXT}`));
  return null;
}

/** Node's default limit on HTTP headers: a longer token cannot be one we issued. */
const MAX_TOKEN_LENGTH = 16 * 1024;

function tokenOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value.length <= MAX_TOKEN_LENGTH ? value : null;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  sessions: WindowSessions;
  /** Why a call is refused (see frames.ts), or null when it comes from the app's own frame. */
  refusalOf(event: InvokeEventLike): string | null;
  logger?: Logger;
}

/** Registers the handlers; the returned function removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  const { ipcMain, dispatcher, sessions } = deps;
  const guarded =
    (answer: (event: InvokeEventLike, ...args: unknown[]) => Promise<CallResult> | CallResult) =>
    async (event: InvokeEventLike, ...args: unknown[]): Promise<CallResult> => {
      const refusal = deps.refusalOf(event);
      if (refusal) return failure(new AppError('FORBIDDEN', refusal));
      return answer(event, ...args);
    };

  for (const name of operationNames) {
    ipcMain.handle(
      operationChannel(name),
      guarded((_event, input, rawToken) => {
        const token = tokenOf(rawToken);
        return bodyRefusal(input) ?? dispatcher.call(name, input, token);
      }),
    );
  }

  ipcMain.handle(
    SUBSCRIBE_CHANNEL,
    guarded(async (event, rawToken) => {
      const token = tokenOf(rawToken);
      if (!token) return failure(new AppError('UNAUTHENTICATED', 'Sign in first'));
      const ticket = sessions.begin(event.sender.id);
      try {
        const user = await dispatcher.authenticate(token);
        sessions.signIn(event.sender, ticket, { token, role: user.role as Role, language: user.language });
        return DONE;
      } catch (error) {
        return { ok: false, ...toErrorBody(error, deps.logger ?? console) };
      }
    }),
  );
  ipcMain.handle(
    UNSUBSCRIBE_CHANNEL,
    guarded((event) => {
      sessions.signOut(event.sender.id);
      return DONE;
    }),
  );

  return () => {
    for (const channel of ipcChannels()) ipcMain.removeHandler(channel);
  };
}
