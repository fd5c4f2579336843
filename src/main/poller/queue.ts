// The poller's disk buffer: one file per batch, in order. A batch is on disk (written to a temporary name, fsynced,
// renamed, the folder fsynced) before it is sent, and removed only after the site acknowledged it. A process killed at
// any point leaves either the whole batch or nothing, and a batch whose answer was lost is sent again with the same
// id (the site acknowledges it without applying it twice). Nothing is dropped: the backlog grows while the link is
// down, as far as the disk allows.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PollerBatch } from '../../shared/contract';

const NAME = /^(\d{12})\.json$/;

export class DiskQueue {
  private next: number;
  private names: string[];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A temporary file is a batch whose write was cut off: it was never acknowledged, never sent; it goes.
    for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true });
    this.names = readdirSync(dir).filter((n) => NAME.test(n)).sort();
    const last = this.names.at(-1);
    this.next = last ? Number(NAME.exec(last)![1]) + 1 : 1;
  }

  get size(): number {
    return this.names.length;
  }

  /** The sequence number the next batch gets (part of its id). */
  get nextSeq(): number {
    return this.next;
  }

  /** Writes the batch durably; returns its file name. */
  push(make: (seq: number) => PollerBatch): string {
    const seq = this.next++;
    const name = `${String(seq).padStart(12, '0')}.json`;
    const tmp = path.join(this.dir, `${name}.tmp`);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(make(seq)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path.join(this.dir, name));
    syncDir(this.dir);
    this.names.push(name);
    return name;
  }

  /** The oldest batch not yet acknowledged, or null. A file that cannot be read is set aside, never blocking the rest. */
  peek(): { name: string; batch: PollerBatch } | null {
    while (this.names.length > 0) {
      const name = this.names[0]!;
      try {
        return { name, batch: JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as PollerBatch };
      } catch {
        this.setAside(name);
      }
    }
    return null;
  }

  /** The site has the batch: its file goes. */
  ack(name: string): void {
    rmSync(path.join(this.dir, name), { force: true });
    this.names = this.names.filter((n) => n !== name);
  }

  /** A batch the site refuses as invalid (it would be refused forever): kept in `rejected/` for a person to read. */
  setAside(name: string): void {
    const rejected = path.join(this.dir, 'rejected');
    mkdirSync(rejected, { recursive: true, mode: 0o700 });
    try {
      renameSync(path.join(this.dir, name), path.join(rejected, name));
    } catch {
      rmSync(path.join(this.dir, name), { force: true });
    }
    this.names = this.names.filter((n) => n !== name);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems do not fsync folders; the rename is still atomic.
  }
}
