// The headless transport: REST routes generated from the contract, SSE, OpenAPI and the built renderer.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { operations, type OperationDef } from '../../shared/contract';
import { AppError, type ErrorBody } from '../../shared/errors';
import { mapTileImageSource } from '../../shared/mapTiles';
import type { Core } from '../core';
import { createDispatcher, toErrorBody, type Logger } from '../api/dispatcher';
import { openApiDocument } from './openapi';
import { requestMeta } from './meta';
import { EventStreams } from './sse';
import { serveRenderer } from './static';

export const JSON_BODY_LIMIT = '1mb';
export const POLLER_BODY_LIMIT = '32mb';

export interface HttpOptions {
  core: Core;
  /** Folder of the built renderer (index.html); served at `/` when present. */
  rendererDir?: string;
  /** Allowed browser origins for CORS (CORS_ORIGIN, comma-separated); none by default. */
  corsOrigins?: string[];
  logger?: Logger;
  heartbeatMs?: number;
}

function bearer(req: Request): string | null {
  const header = req.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

function sendFailure(res: Response, status: number, body: ErrorBody): void {
  if (body.error.details?.retryAfterSec) res.set('Retry-After', String(body.error.details.retryAfterSec));
  res.status(status).json(body);
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  const { status, body } = toErrorBody(error, logger);
  sendFailure(res, status, body);
}

/** Whether a request carries body bytes (a `Content-Length: 0` POST from fetch does not). */
function carriesBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || (req.get('content-length') ?? '0') !== '0';
}

const NOT_JSON = 'Send the request body as JSON in UTF-8 (Content-Type: application/json)';

/** Refuses a body that is not JSON in UTF-8 before the parser, which would skip it silently (read as `{}`). */
function refuseNonJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!carriesBody(req)) return next();
  if (!req.is('application/json')) return next(new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_JSON));
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  // JSON between systems is UTF-8 (RFC 8259 §8.1); utf-16 or utf-7 would only widen what reaches the parser.
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return next(new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_JSON));
  next();
}

/**
 * An error Express or the static server raised for a malformed request (a path like `/api/plans/%zz` that is not
 * valid percent-encoding, a static path it refuses): the caller's fault, answered in the error shape and not logged.
 */
function requestError(error: unknown): AppError | null {
  if (error instanceof AppError) return null;
  if (error instanceof URIError) return AppError.validation('path', 'The URL is not valid percent-encoding');
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  if (status === 404) return new AppError('NOT_FOUND', 'Not found');
  return AppError.validation('request', 'The request cannot be read');
}

/** What a failure to read the body (body-parser's errors) means to the caller: never an internal error. */
function bodyError(error: unknown): AppError {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${JSON_BODY_LIMIT}`);
  if (type === 'entity.parse.failed') return AppError.validation('body', 'Malformed JSON');
  if (type === 'charset.unsupported') return new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_JSON);
  if (type === 'encoding.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Encoding: send the body as it is, or as gzip, deflate or br');
  }
  // A corrupt or truncated gzip/br/deflate stream, a length that does not match, an aborted upload.
  return AppError.validation('body', 'Unreadable request body');
}

export function createHttpApp(options: HttpOptions) {
  const { core } = options;
  const logger = options.logger ?? console;
  const dispatcher = createDispatcher(core, logger);
  const streams = new EventStreams(core, dispatcher, options.heartbeatMs);
  const app = express();

  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // The page's img-src also names the configured map tile server (read per page load, so a changed tile address is
  // allowed at the next reload); API answers are not documents and skip the settings read.
  app.use((req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    core.settings.get().then(
      (settings) => {
        res.locals['tileSource'] = mapTileImageSource(settings.mapTileUrl);
        next();
      },
      () => next(),
    );
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Mantine writes CSS variables into style attributes and <style> tags.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', (_req, res) => ((res as Response).locals['tileSource'] as string | null | undefined) ?? ''],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // helmet's default would make a browser fetch every script over https: the UI is also served over plain
          // HTTP on LAN addresses (`--host 10.x`), where that breaks it. Over `--tls` every request is https anyway.
          upgradeInsecureRequests: null,
        },
      },
      // No HSTS, even with `--tls`: NOCman's own certificate is self-signed for a LAN address, and HSTS would make a
      // browser refuse the click-through exception for that name for a year, and keep refusing plain HTTP on it if
      // the admin turns TLS off again. With the admin's own certificate behind a real name, HSTS is the job of the
      // reverse proxy or of that admin, who knows the host names.
      strictTransportSecurity: false,
    }),
  );
  const origins = options.corsOrigins ?? [];
  app.use(
    '/api',
    cors({
      origin: origins.length > 0 ? origins : false,
      allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      maxAge: 600,
    }),
  );
  // Answers carry tokens and personal data: no browser or proxy cache may keep them. The OpenAPI document is public.
  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', refuseNonJsonBody);
  // A remote poller's batch is one sweep: 10,000 results are ~1 MB of JSON, so its route takes up to 32 MB.
  const parsePollerJson = express.json({ limit: POLLER_BODY_LIMIT, strict: true });
  app.use('/api/poller', (req, res, next) => parsePollerJson(req, res, (error?: unknown) => next(error === undefined ? undefined : bodyError(error))));
  const parseJson = express.json({ limit: JSON_BODY_LIMIT, strict: true });
  app.use('/api', (req, res, next) => parseJson(req, res, (error?: unknown) => next(error === undefined ? undefined : bodyError(error))));

  app.get('/api/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json(openApiDocument(core.version));
  });
  app.get('/api/events', async (req, res) => {
    try {
      await streams.handle(req, res, bearer(req) ?? '');
    } catch (error) {
      sendError(res, error, logger);
    }
  });

  // Literal segments before parameters, so `/api/customers/export` is not read as `/api/customers/:id`.
  const routes = (Object.entries(operations) as [string, OperationDef][]).sort(
    ([, a], [, b]) => (a.path.match(/:/g)?.length ?? 0) - (b.path.match(/:/g)?.length ?? 0),
  );
  for (const [name, def] of routes) {
    const method = def.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    app[method](def.path, async (req: Request, res: Response) => {
      const readsQuery = def.method === 'GET' || def.method === 'DELETE';
      const body: unknown = req.body;
      if (!readsQuery && body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        return sendError(res, AppError.validation('body', 'Expected a JSON object'), logger);
      }
      const input = { ...(readsQuery ? req.query : (body as object | undefined)), ...req.params };
      const result = await dispatcher.call(name, input, bearer(req), requestMeta(req));
      if (!result.ok) return sendFailure(res, result.status, result.body);
      if (def.responseType === 'radius') {
        // rlm_rest's format, not the resource/error shape: 200 with the attributes, 204 without, 401 = reject.
        const reply = result.body as { status: number; attributes: Record<string, string | number> };
        return reply.status === 204 ? res.status(204).end() : res.status(reply.status).json(reply.attributes);
      }
      if (result.status === 204) return res.status(204).end();
      if (def.responseType === 'file') {
        // A file on disk (a backup): streamed, never read whole into memory; its path does not leave the server.
        const file = result.body as { path: string; fileName: string; contentType: string };
        res.set('Content-Type', file.contentType);
        return res.download(file.path, file.fileName, { dotfiles: 'allow' }, (error) => {
          if (error && !res.headersSent) sendError(res, new AppError('NOT_FOUND', 'The file is no longer there'), logger);
        });
      }
      if (def.responseType === 'pdf') {
        const file = `${name.split('.')[0]}-${String(req.params['id'] ?? '')}.pdf`;
        res.set('Content-Disposition', `inline; filename="${file}"`);
        return res.status(result.status).type('application/pdf').send(Buffer.from(result.body as string, 'base64'));
      }
      if (def.responseType === 'csv') {
        const file = `${name.split('.')[0]}-${new Date().toISOString().slice(0, 10)}.csv`;
        res.set('Content-Disposition', `attachment; filename="${file}"`);
        return res.status(result.status).type('text/csv; charset=utf-8').send(result.body as string);
      }
      return res.status(result.status).json(result.body);
    });
  }

  app.use('/api', (req, _res, next) => next(new AppError('NOT_FOUND', `No route ${req.method} ${req.originalUrl}`)));

  const rendererDir = options.rendererDir;
  if (rendererDir && existsSync(path.join(rendererDir, 'index.html'))) {
    serveRenderer(app, rendererDir);
  }

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => sendError(res, requestError(error) ?? error, logger));

  return { app, streams, dispatcher };
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpsMaterial {
  /** PEM certificate (chain). */
  cert: string;
  /** PEM private key. */
  key: string;
}

/** How long close() lets requests in flight finish before it cuts the connections still open. */
const CLOSE_GRACE_MS = 10_000;

export function startHttpServer(options: HttpOptions & { port: number; host: string; tls?: HttpsMaterial }): Promise<RunningServer> {
  const { app, streams } = createHttpApp(options);
  const tls = options.tls;
  return new Promise((resolve, reject) => {
    // https.Server is an http.Server underneath: the SSE streams, closeIdleConnections and the rest work the same.
    const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, app).listen(options.port, options.host) : app.listen(options.port, options.host);
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        server,
        port,
        url: `${tls ? 'https' : 'http'}://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            // A client whose event stream just ended may ask again on its kept-alive socket before that socket is
            // closed (the streams answer 503 from now on); anything else still open after a grace period — a
            // request that never ends — is cut, so close() always ends. Requests in flight get that long to finish.
            const cut = setTimeout(() => {
              streams.closeAll();
              server.closeAllConnections();
            }, CLOSE_GRACE_MS);
            cut.unref();
            streams.closeAll();
            server.close(() => {
              clearTimeout(cut);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
