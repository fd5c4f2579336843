// The web UI's files over real HTTP: hashed assets compressed and cached for a year, index.html revalidated on every
// load (so a new release shows at once), the CSP on all of them, and the answers byte-identical to the files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { makeCore, tempDir, type TestCore } from '../helpers';

let t: TestCore;
let server: RunningServer;
const SCRIPT = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `page ${i}`))};\n`;
const INDEX = '<!doctype html><script type="module" src="./assets/index-Ab12Cd34.js"></script>';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET without any client-side decoding, to see exactly what went over the wire. */
function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  t = await makeCore();
  const rendererDir = tempDir('nocman-renderer-');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'index.html'), INDEX);
  writeFileSync(path.join(rendererDir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(path.join(rendererDir, 'assets', 'logo-Ef56Gh78.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  server = await startHttpServer({ core: t.core, port: 0, host: '127.0.0.1', rendererDir, logger: { error: () => undefined } });
});

afterAll(async () => {
  await server.close();
  await t.close();
});

describe('the web UI files', () => {
  it('sends a script brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const answer = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(String(answer.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
    expect(answer.body.length).toBeLessThan(SCRIPT.length / 3);
    // the second answer comes from the kept copy, the same bytes
    const again = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'br' });
    expect(again.body.equals(answer.body)).toBe(true);
  });

  it('falls back to gzip, and to the plain file when no encoding is accepted', async () => {
    const gzipped = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(SCRIPT);

    const refused = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(SCRIPT);
    expect(refused.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(0);
    expect(answer.body.length).toBe(0);
  });

  it('does not compress images, but caches them like every hashed asset', async () => {
    const answer = await get('/assets/logo-Ef56Gh78.png', { 'Accept-Encoding': 'br, gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html revalidated on every load, at / and at any other UI address', async () => {
    for (const urlPath of ['/', '/index.html', '/customers']) {
      const answer = await get(urlPath, { 'Accept-Encoding': 'br, gzip' });
      expect(answer.status, urlPath).toBe(200);
      expect(answer.body.toString(), urlPath).toBe(INDEX);
      expect(answer.headers['cache-control'], urlPath).toBe('no-cache');
      expect(String(answer.headers['content-security-policy']), urlPath).toContain("default-src 'self'");
    }
  });

  it('answers a missing or escaping asset path without a file outside assets/', async () => {
    for (const urlPath of ['/assets/missing-0000.js', '/assets/..%2F..%2Fetc%2Fpasswd.js', '/assets/%2e%2e/index.html.js', '/assets/%']) {
      const answer = await get(urlPath, { 'Accept-Encoding': 'br' });
      expect(answer.status, urlPath).toBeLessThan(500);
      expect(answer.headers['content-encoding'], urlPath).toBeUndefined();
      expect(answer.headers['cache-control'], urlPath).not.toBe('public, max-age=31536000, immutable');
    }
  });

  it('keeps API answers out of every cache', async () => {
    const answer = await get('/api/health', { 'Accept-Encoding': 'br' });
    expect(answer.headers['cache-control']).toBe('no-store');
  });
});
