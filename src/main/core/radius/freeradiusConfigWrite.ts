// Writes a generated FreeRADIUS configuration to disk: directories 0700, files 0600 (they hold the bridge key and NAS secrets).
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RUNTIME_DIRS, type GeneratedFile } from './freeradiusConfig';

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Writes every file (each atomically, by rename) and the runtime directories (log, run) under `dir`. */
export function writeFreeradiusConfig(dir: string, files: GeneratedFile[]): string[] {
  ensureDir(dir);
  for (const runtime of RUNTIME_DIRS) ensureDir(path.join(dir, runtime));
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.path);
    ensureDir(path.dirname(target));
    const partial = `${target}.partial`;
    writeFileSync(partial, file.content, { mode: file.mode });
    chmodSync(partial, file.mode);
    renameSync(partial, target);
    written.push(target);
  }
  return written;
}
