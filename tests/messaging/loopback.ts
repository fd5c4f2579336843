// Real servers on loopback for the channel adapters' tests: an HTTP gateway that records each request and answers from
// a script, and an SMTP server (smtp-server, no TLS) that keeps each message parsed by mailparser.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface RecordedRequest {
  method: string;
  /** Path and query, as the client wrote them. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A scripted reply; `hang` never answers (the client's timeout ends it). */
export type ScriptedReply = { status: number; headers?: Record<string, string>; body?: string } | { hang: true };

export interface Gateway {
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order; with none left the gateway answers 200 `{"ok":true}`. */
  script(...replies: ScriptedReply[]): void;
  stop(): Promise<void>;
}

export async function startGateway(): Promise<Gateway> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = queue.shift() ?? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
      if ('hang' in reply) return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => queue.push(...replies),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SmtpOptions {
  /** When set, AUTH must give these; without, the server takes mail with or without AUTH. */
  user?: string;
  password?: string;
  /** Recipients refused at RCPT TO with `550 5.1.1 No such user`. */
  reject?: string[];
}

export interface ReceivedMail {
  /** The user the client signed in as, null without AUTH. */
  user: string | null;
  from: string;
  to: string[];
  mail: ParsedMail;
}

export interface Smtp {
  port: number;
  messages: ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<Smtp> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: options.user === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (options.reject?.includes(address.address)) {
        return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            user: typeof session.user === 'string' ? session.user : null,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A loopback port nothing listens on: taken and given back at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
