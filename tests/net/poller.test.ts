// A remote poller in its own network namespace (a POP) watching hosts the site cannot reach, its link to the site cut
// with iptables while its devices change state, and SIGKILLed during the cut: after the link returns, the site's
// history holds every change in order, no sweep lost, none doubled; while the poller was silent its devices were
// unknown (poller down) under one alert. Run by scripts/test-net.mjs (root, in a private namespace).
//
// The cut lasts NOCMAN_NET_CUT_SEC seconds (75 by default, enough for seven sweeps at the 10 s interval, the site's
// silence limit of 30 s and a SIGKILL in the middle); a longer cut tests the same paths and only costs CI time.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { PingPackagePinger } from '../../src/main/core/monitoring/pinger';
import { startHttpServer, type RunningServer } from '../../src/main/http/server';
import { startSiteRunner, type SiteRunner } from '../../src/main/jobs/runner';
import { BUILT } from '../e2e/harness';
import { freePort, makeCore, type TestCore } from '../helpers';

const inNamespace = process.env['NOCMAN_NETNS'] === '1';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CUT_SEC = Number(process.env['NOCMAN_NET_CUT_SEC'] ?? 75);
const NS = `nocman-pop-${process.pid}`;
/** The POP's devices: loopback addresses (tests ping nothing else) that answer in the POP and not at the site. */
const HOSTS = ['127.0.50.1', '127.0.50.2', '127.0.50.3'];
const SITE_DROP = ['INPUT', '-d', '127.0.50.0/24', '-p', 'icmp', '-j', 'DROP'];
/** The link between POP and site: everything from the POP's side of the veth dropped at the site. */
const CUT = ['INPUT', '-i', 'vsite', '-j', 'DROP'];

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' }).toString();
const inPop = (cmd: string, args: string[]) => sh('ip', ['netns', 'exec', NS, cmd, ...args]);
const popDown = (host: string, down: boolean) => inPop('iptables', [down ? '-I' : '-D', 'INPUT', '-d', host, '-p', 'icmp', '-j', 'DROP']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe.skipIf(!inNamespace || !BUILT)('a poller at a POP behind a link that is cut', () => {
  let t: TestCore;
  let server: RunningServer;
  let runner: SiteRunner;
  let poller: ChildProcess | null = null;
  let output = '';
  let port = 0;

  beforeAll(async () => {
    sh('iptables', ['-I', ...SITE_DROP]);
    sh('ip', ['netns', 'add', NS]);
    inPop('ip', ['link', 'set', 'lo', 'up']);
    sh('ip', ['link', 'add', 'vsite', 'type', 'veth', 'peer', 'name', 'vpop', 'netns', NS]);
    sh('ip', ['addr', 'add', '10.77.0.1/30', 'dev', 'vsite']);
    sh('ip', ['link', 'set', 'vsite', 'up']);
    inPop('ip', ['addr', 'add', '10.77.0.2/30', 'dev', 'vpop']);
    inPop('ip', ['link', 'set', 'vpop', 'up']);
    t = await makeCore({ clock: systemClock, pollerSilenceSec: 30, pingIntervalSec: 10, pinger: new PingPackagePinger() });
    port = await freePort();
    // The site listens on its side of the link only (and this private namespace has no other network).
    server = await startHttpServer({ core: t.core, port, host: '10.77.0.1', corsOrigins: [], logger: { error: () => undefined } });
    runner = startSiteRunner(t.core, { logger: { error: () => undefined, log: () => undefined }, preferFping: false });
    await runner.ready;
  });

  afterAll(async () => {
    poller?.kill('SIGKILL');
    await runner?.stop();
    await server?.close();
    await t?.close();
    try {
      sh('ip', ['link', 'del', 'vsite']);
    } catch {
      // gone with the namespace
    }
    sh('ip', ['netns', 'del', NS]);
    sh('iptables', ['-D', ...SITE_DROP]);
  });

  function startPoller(key: string, dataDir: string): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', NS, process.execPath, path.join(root, 'bin/nocman.mjs'), 'poller', '--site', `http://10.77.0.1:${port}`, '--data-dir', dataDir], {
      cwd: root,
      env: { PATH: process.env['PATH'], NOCMAN_POLLER_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    return child;
  }

  it('keeps every change in order through a cut link and a SIGKILL', async () => {
    const core = t.core;
    const actor = { id: null, name: 'test', role: 'system' as const };
    const { poller: row, key } = await core.pollers.create(actor, 'POP Subang');
    const ids: number[] = [];
    for (const [i, host] of HOSTS.entries()) {
      const d = await core.devices.create(actor, {
        name: `CPE Subang ${i + 1}`, host, type: 'cpe', location: 'Subang', parentId: null, pollerId: row.id, subscriptionIds: [],
        monitored: true, intervalSec: 10, echoCount: 1, timeoutMs: 500, failThreshold: 2, latencyWarnMs: null, lossWarnPct: null, notes: '',
      });
      ids.push(d.id);
    }
    // The site itself cannot reach the POP's hosts.
    expect((await new PingPackagePinger().probe(HOSTS[0]!, { count: 1, timeoutMs: 500 })).alive).toBe(false);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'nocman-pop-'));
    poller = startPoller(key, dataDir);
    await until('the POP devices online', async () => (await Promise.all(ids.map((id) => core.devices.get(id)))).every((d) => d.status === 'online'), 60_000);

    // Cut the link; while it is cut the devices change state.
    const cutAt = Date.now();
    sh('iptables', ['-I', ...CUT]);
    await sleep(5_000);
    popDown(HOSTS[1]!, true);
    await until('the site to call the poller down', async () => (await core.pollers.list())[0]!.state === 'down', 60_000);
    const during = await Promise.all(ids.map((id) => core.devices.get(id)));
    expect(during.map((d) => [d.status, d.statusReason])).toEqual(ids.map(() => ['unknown', 'pollerDown']));
    const alerts = async () => (await core.alerts.list('admin', { status: 'open', page: 1, pageSize: 50 })).items;
    // The poller is marked down and its alert raised right after, in the next statement: wait for it, then one only.
    await until('the poller_down alert', async () => (await alerts()).length > 0, 10_000);
    expect((await alerts()).map((a) => a.type)).toEqual(['poller_down']);
    popDown(HOSTS[1]!, false);
    popDown(HOSTS[2]!, true);
    // SIGKILL in the middle of the cut: what it buffered is on its disk; it starts again and goes on buffering.
    await sleep(Math.max(0, cutAt + (CUT_SEC * 1000) / 2 - Date.now()));
    poller.kill('SIGKILL');
    await until('the poller dead', () => poller!.signalCode === 'SIGKILL');
    poller = startPoller(key, dataDir);
    await sleep(Math.max(0, cutAt + CUT_SEC * 1000 - Date.now()));
    sh('iptables', ['-D', ...CUT]);
    const restoredAt = Date.now();

    await until('the backlog delivered', async () => {
      const p = (await core.pollers.list())[0]!;
      return p.state === 'up' && p.backlog === 0 && Date.parse(p.lastSweepAt ?? '') > restoredAt - 10_000;
    }, 90_000);
    // Every change, in order, at the time it happened at the POP (inside the cut).
    const changes = async (id: number) => (await core.eventLog.ofDevice(id, 1, 200)).items.filter((l) => l.event === 'status').reverse().map((l) => ({ at: Date.parse(l.at), to: l.text.params['to'] }));
    const second = await changes(ids[1]!);
    expect(second.map((c) => c.to)).toEqual(['online', 'offline', 'online']);
    expect(second[1]!.at).toBeGreaterThan(cutAt);
    expect(second[2]!.at).toBeLessThan(restoredAt);
    const third = await changes(ids[2]!);
    expect(third.map((c) => c.to)).toEqual(['online', 'offline']);
    expect(third[1]!.at).toBeLessThan(restoredAt);
    expect((await core.devices.get(ids[2]!)).status).toBe('offline');
    expect((await changes(ids[0]!)).map((c) => c.to)).toEqual(['online']);
    // No sweep lost: the first device has a sample at least every 10 s interval (plus the ping and restart slack)
    // across the cut; none doubled: one per sweep time.
    const samples = ((await core.db.dataSource.query('SELECT at FROM sample WHERE device_id = ? ORDER BY at', [ids[0]])) as { at: number }[]).map((s) => s.at);
    expect(new Set(samples).size).toBe(samples.length);
    const gaps = samples.slice(1).map((at, i) => at - samples[i]!);
    expect(Math.max(...gaps), `gaps ${gaps.join(',')}`).toBeLessThanOrEqual(25);
    expect(samples.filter((at) => at * 1000 > cutAt && at * 1000 < restoredAt).length).toBeGreaterThanOrEqual(Math.floor(CUT_SEC / 10) - 2);
    const [{ dup }] = (await core.db.dataSource.query('SELECT COUNT(*) - COUNT(DISTINCT batch_id) AS dup FROM poller_batch')) as [{ dup: number }];
    expect(Number(dup)).toBe(0);
    // The poller's alert resolved; the device that stayed down has its own.
    const open = await alerts();
    expect(open.filter((a) => a.type === 'poller_down')).toHaveLength(0);
    expect(open.filter((a) => a.type === 'device_down').map((a) => a.deviceId)).toEqual([ids[2]]);
    // The restarted poller found the sweeps its killed self had buffered.
    expect(output).toMatch(/: [1-9]\d* batches waiting on disk/);
  }, 240_000);
});
