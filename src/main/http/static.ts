// The built web UI over HTTP: hashed assets compressed (brotli or gzip, made once per file and kept in memory) and
// cached for a year by the browser; index.html revalidated on every load, so a new release is picked up at once.
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Vite names every file under assets/ by its content hash: a name never changes content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map)$/i;
const MAX_COMPRESSED_BYTES = 8 * 1024 * 1024;

type Encoding = 'br' | 'gzip';
const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  // Quality 9: within a few percent of 11 for scripts, at a small fraction of the time the first request waits.
  br: (data) => promisify(brotliCompress)(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
};

function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

export function serveRenderer(app: Express, rendererDir: string): void {
  const assetsDir = path.join(rendererDir, 'assets');
  const compressed = new Map<string, Promise<Buffer | null>>();

  const compressedFile = (file: string, encoding: Encoding): Promise<Buffer | null> => {
    const key = `${encoding}:${file}`;
    let entry = compressed.get(key);
    if (!entry) {
      entry = readFile(file).then(
        (data) => (data.length <= MAX_COMPRESSED_BYTES ? compressors[encoding](data) : null),
        () => null, // missing: express.static answers it
      );
      // A file that is not there now may be after a rebuild: only contents are remembered.
      void entry.then((data) => data ?? compressed.delete(key));
      compressed.set(key, entry);
    }
    return entry;
  };

  app.use('/assets', (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !COMPRESSIBLE.test(req.path)) return next();
    const encoding = preferredEncoding(req.headers['accept-encoding']);
    if (!encoding) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(assetsDir, relative);
    if (!file.startsWith(assetsDir + path.sep) || relative.includes('\0')) return next();
    compressedFile(file, encoding).then((data) => {
      if (!data) return next();
      res.type(path.extname(file));
      res.set({ 'Content-Encoding': encoding, 'Content-Length': String(data.length), 'Cache-Control': IMMUTABLE, Vary: 'Accept-Encoding' });
      res.status(200).end(req.method === 'HEAD' ? undefined : data);
    }, next);
  });

  app.use(
    express.static(rendererDir, {
      index: 'index.html',
      setHeaders: (res, file) => {
        const underAssets = file.startsWith(assetsDir + path.sep);
        res.setHeader('Cache-Control', underAssets ? IMMUTABLE : 'no-cache');
        if (COMPRESSIBLE.test(file)) res.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  // Any other address is the single-page app (its routes live after the #).
  app.get(/^(?!\/api\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(rendererDir, 'index.html'), { cacheControl: false });
  });
}
