// One database, several processes: the runner lease (exactly one holder, takeover after expiry, release) and the event
// journal (events of one process reach the others' listeners and SSE streams; ids survive a restart) — two cores
// in this process on one real SQLite file stand for two processes.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { FakeClock } from '../../src/main/core/clock';
import type { BusEvent } from '../../src/main/core/events';
import type { JournalEvent } from '../../src/main/core/site/journal';
import { leaseTiming } from '../../src/main/core/site/lease';
import { startSiteRunner } from '../../src/main/jobs/runner';
import { createCore, type Core } from '../../src/main/core';
import { releaseTestDatabase, tempDir, testDatabaseUrl } from '../helpers';

const open: Core[] = [];
const dirs: string[] = [];

async function coreOn(dataDir: string, clock: FakeClock, extra: { leaseTtlSec?: number } = {}): Promise<Core> {
  const core = await createCore({ dataDir, bcryptCost: 4, clock, version: 'test', databaseUrl: await testDatabaseUrl(dataDir), ...extra });
  open.push(core);
  return core;
}

function newDir(): string {
  const dir = tempDir('nocman-site-');
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const core of open.splice(0)) await core.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    await releaseTestDatabase(dir);
  }
});

describe('leaseTiming', () => {
  it('lasts a third of the ping interval, between 3 and 20 s, and is renewed three times in that time', () => {
    expect(leaseTiming(60)).toEqual({ ttlMs: 20_000, renewMs: 6667 });
    expect(leaseTiming(300)).toEqual({ ttlMs: 20_000, renewMs: 6667 });
    expect(leaseTiming(6)).toEqual({ ttlMs: 3000, renewMs: 1000 });
    expect(leaseTiming(60, 2)).toEqual({ ttlMs: 2000, renewMs: 667 });
    // Takeover (expiry + one try) stays inside one interval for every interval of 6 s or more.
    for (const interval of [6, 10, 30, 60, 120]) {
      const { ttlMs, renewMs } = leaseTiming(interval);
      expect(ttlMs + renewMs).toBeLessThan(interval * 1000);
    }
  });
});

describe('runner lease on one database', () => {
  it('has one holder; another takes it only after it expired; the old holder then finds it lost', async () => {
    const dir = newDir();
    const clock = new FakeClock('2026-12-04T13:00:00Z');
    const a = await coreOn(dir, clock);
    const b = await coreOn(dir, clock);
    expect(a.instanceId).not.toBe(b.instanceId);

    expect(await a.lease.tryHold()).toBe(true);
    expect(await b.lease.tryHold()).toBe(false);
    expect(await a.lease.tryHold()).toBe(true); // a renewal
    const held = await b.lease.holder();
    expect(held).toMatchObject({ id: a.instanceId, label: a.lease.label, acquiredAt: '2026-12-04T13:00:00.000Z', heartbeatAt: '2026-12-04T13:00:00.000Z' });
    expect(held!.expiresAt).toBe(new Date(Date.parse('2026-12-04T13:00:00Z') + a.lease.timing.ttlMs).toISOString());

    // A renews at +5 s: the expiry moves, the acquisition time stays.
    clock.advance(5_000);
    expect(await a.lease.tryHold()).toBe(true);
    expect(await b.lease.holder()).toMatchObject({ acquiredAt: '2026-12-04T13:00:00.000Z', heartbeatAt: '2026-12-04T13:00:05.000Z' });

    // A stops renewing: until its lease expires nobody else gets it; one millisecond before, still A's.
    clock.advance(a.lease.timing.ttlMs - 1);
    expect(await b.lease.tryHold()).toBe(false);
    clock.advance(1);
    expect(await a.lease.holder()).toBeNull();
    expect(await b.lease.tryHold()).toBe(true);
    expect(await a.lease.holder()).toMatchObject({ id: b.instanceId, acquiredAt: clock.now().toISOString() });
    // The stalled holder wakes up: its renewal is refused, it must stop its jobs.
    expect(await a.lease.tryHold()).toBe(false);

    // A clean stop releases: the other takes it at once, without waiting for the expiry.
    await b.lease.release();
    expect(await a.lease.holder()).toBeNull();
    expect(await a.lease.tryHold()).toBe(true);
    // Releasing a lease one does not hold changes nothing.
    await b.lease.release();
    expect((await a.lease.holder())?.id).toBe(a.instanceId);
  });

  it('starts the jobs only in the holder; when the holder stops, the other starts them within one renewal', async () => {
    const dir = newDir();
    const clock = new FakeClock('2026-12-04T13:00:00Z');
    const a = await coreOn(dir, clock, { leaseTtlSec: 1 });
    const b = await coreOn(dir, clock, { leaseTtlSec: 1 });
    // No start-up catch-up backup: stopping the holder waits for one in flight (on PostgreSQL a pg_dump of a second
    // or two), which is not the hand-over timed here.
    await a.settings.update(SYSTEM_ACTOR, { backupEnabled: false });
    const changes: string[] = [];
    const quiet = { error: () => undefined, log: () => undefined };
    const runA = startSiteRunner(a, { logger: quiet, preferFping: false, onChange: (h) => changes.push(`a:${h}`) });
    await runA.ready;
    const runB = startSiteRunner(b, { logger: quiet, preferFping: false, onChange: (h) => changes.push(`b:${h}`) });
    await runB.ready;
    expect([runA.holding, runB.holding]).toEqual([true, false]);
    expect(changes).toEqual(['a:true']);

    const stoppedAt = performance.now();
    await runA.stop();
    expect(runA.holding).toBe(false);
    await expect.poll(() => runB.holding, { timeout: 3_000, interval: 20 }).toBe(true);
    // B tries every renewMs (334 ms for a 1 s lease): it took over at its next try after A released.
    expect(performance.now() - stoppedAt).toBeLessThan(b.lease.timing.renewMs + 500);
    expect(changes).toEqual(['a:true', 'a:false', 'b:true']);
    expect((await a.lease.holder())?.id).toBe(b.instanceId);
    await runB.stop();
    expect(await a.lease.holder()).toBeNull();
  });
});

describe('event journal', () => {
  it('hands the events of one process to the listeners and streams of another, once each, in order', async () => {
    const dir = newDir();
    const clock = new FakeClock('2026-12-04T13:00:00Z');
    const a = await coreOn(dir, clock);
    const b = await coreOn(dir, clock);
    const heardByB: BusEvent[] = [];
    b.events.subscribe((event) => heardByB.push(event));
    const streamedByA: JournalEvent[] = [];
    const streamedByB: JournalEvent[] = [];
    a.journal.subscribe((event) => streamedByA.push(event));
    b.journal.subscribe((event) => streamedByB.push(event));

    // A person changes the tax rate on A; the monitor of A announces a sweep.
    await a.settings.update(SYSTEM_ACTOR, { taxRate: 12 });
    a.events.emit('monitor.sweep', { checked: 3, online: 2, offline: 1, unreachable: 0, durationMs: 40 });
    await a.journal.settled();
    await expect.poll(() => streamedByB.length, { timeout: 3_000, interval: 20 }).toBe(2);

    expect(streamedByA.map((e) => e.name)).toEqual(['settings.updated', 'monitor.sweep']);
    expect(streamedByB).toEqual(streamedByA);
    expect(streamedByB[1]!.id).toBe(streamedByB[0]!.id + 1);
    // B's own listeners (tray, windows, the runner's jobs) heard them as foreign events, with their payload.
    expect(heardByB.map((e) => [e.name, e.foreign])).toEqual([
      ['settings.updated', true],
      ['monitor.sweep', true],
    ]);
    expect((heardByB[0]!.payload as { taxRate: number }).taxRate).toBe(12);
    // B reads the new setting (the cache follows the other connection's commit).
    expect((await b.settings.get()).taxRate).toBe(12);

    // A's events were not written twice: B does not journal what it heard from A.
    await b.journal.settled();
    const [{ n }] = (await a.db.dataSource.query('SELECT COUNT(*) AS n FROM event_journal')) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('keeps its ids across a restart, so a client replays from its Last-Event-ID what it missed', async () => {
    const dir = newDir();
    const clock = new FakeClock('2026-12-04T13:00:00Z');
    const first = await coreOn(dir, clock);
    first.events.emit('monitor.sweep', { checked: 1, online: 1, offline: 0, unreachable: 0, durationMs: 5 });
    first.events.emit('monitor.sweep', { checked: 2, online: 2, offline: 0, unreachable: 0, durationMs: 6 });
    await first.journal.settled();
    const seen = first.journal.lastId;
    expect(seen).toBeGreaterThanOrEqual(2);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // The host comes back: its first events carry higher ids than any before the restart.
    const again = await coreOn(dir, clock);
    expect(again.journal.lastId).toBe(seen);
    again.events.emit('monitor.sweep', { checked: 3, online: 2, offline: 1, unreachable: 0, durationMs: 7 });
    again.events.emit('monitor.sweep', { checked: 4, online: 2, offline: 2, unreachable: 0, durationMs: 8 });
    await again.journal.settled();
    const missed = await again.journal.since(seen);
    expect(missed.map((e) => [e.id, (e.payload as { checked: number }).checked])).toEqual([
      [seen + 1, 3],
      [seen + 2, 4],
    ]);
    expect(await again.journal.since(seen + 2)).toEqual([]);
    // From before the restart, too.
    expect((await again.journal.since(seen - 1)).map((e) => (e.payload as { checked: number }).checked)).toEqual([2, 3, 4]);
  });
});
