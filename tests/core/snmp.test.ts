// Counter arithmetic as a table, and the net-snmp client against a real snmpd on a loopback port:
// discover interfaces, read the 64-bit counters twice, see a rate; an agent that does not answer.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTER64, counter64, counterRate, UPTIME_WRAP, type CounterReading } from '../../src/main/core/bandwidth/counters';
import { percentile } from '../../src/main/core/bandwidth/service';
import { NetSnmpClient, type SnmpTarget } from '../../src/main/core/bandwidth/snmp';
import { COMMUNITY, startSnmpd, type Agent } from '../snmpd';

const at = (seconds: number, octets: bigint, uptime: number): CounterReading => ({ octets, uptime, at: seconds * 1000 });

describe('counter arithmetic', () => {
  it.each([
    ['a normal delta', at(0, 1_000n, 100), at(300, 1_000n + 37_500_000n, 30_100), 1e9, { kind: 'rate', bps: 1_000_000, wrapped: false }],
    ['measured time, not the nominal interval', at(0, 0n, 100), at(250, 31_250_000n, 25_100), 1e9, { kind: 'rate', bps: 1_000_000 }],
    ['a 64-bit wrap the link can carry', at(0, COUNTER64 - 1_000n, 100), at(300, 36_499_000n, 30_100), 1e9, { kind: 'rate', bps: 973_333.3333333334, wrapped: true }],
    ['a reboot (uptime went back)', at(0, 5_000_000_000n, 9_000_000), at(300, 2_000n, 3_000), 1e9, { kind: 'restart', reason: 'reboot' }],
    ['a cleared counter without reboot', at(0, 5_000_000_000n, 100), at(300, 10n, 30_100), 1e9, { kind: 'restart', reason: 'reset' }],
    ['sysUpTime wrapping after 497 days is not a reboot', at(0, 0n, UPTIME_WRAP - 10_000), at(300, 37_500_000n, 20_000), 1e9, { kind: 'rate', bps: 1_000_000 }],
    ['the first reading', null, at(0, 10n, 100), 1e9, { kind: 'restart', reason: 'first' }],
    ['no time between readings', at(5, 10n, 100), at(5, 20n, 100), 1e9, { kind: 'restart', reason: 'no-time' }],
  ] as const)('%s', (_label, previous, current, speed, expected) => {
    expect(counterRate(previous, current, speed)).toMatchObject(expected);
  });

  it.each([
    [Buffer.from([0x01]), 1n],
    [Buffer.from([0x01, 0x00]), 256n],
    [Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), COUNTER64 - 1n],
  ])('reads Counter64 %o as %s', (buffer, value) => expect(counter64(buffer)).toBe(value));
});

describe('95th percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [hundred, 95, 95],
    [hundred, 100, 100],
    [[5], 95, 5],
    [[], 95, 0],
    [[10, 1, 7, 3], 95, 10],
    [Array.from({ length: 8640 }, (_, i) => (i < 8208 ? 1 : 100)), 95, 1], // 5% of a month's buckets may burst
  ])('case %#', (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});

describe('net-snmp against snmpd', () => {
  let agent: Agent | null = null;
  const client = new NetSnmpClient();
  const target = (): SnmpTarget => ({ host: '127.0.0.1', port: agent!.port, community: COMMUNITY, timeoutMs: 1000, retries: 1 });

  beforeAll(async () => {
    agent = await startSnmpd();
  });
  afterAll(() => agent?.stop());

  it('discovers the interfaces of IF-MIB with names and speeds', async () => {
    expect(agent, 'snmpd is installed by .ci/run').not.toBeNull();
    const interfaces = await client.interfaces(target());
    const lo = interfaces.find((i) => i.name === 'lo');
    expect(lo).toMatchObject({ descr: 'lo', operUp: true });
    expect(interfaces.every((i) => i.ifIndex > 0)).toBe(true);
  });

  it('reads the 64-bit octet counters twice and sees traffic as a rate', { timeout: 20_000 }, async () => {
    const lo = (await client.interfaces(target())).find((i) => i.name === 'lo')!;
    const first = await client.counters(target(), [lo.ifIndex]);
    const t0 = Date.now();
    // traffic on lo: a burst of pings to loopback addresses
    execFileSync('ping', ['-c', '20', '-i', '0.01', '-s', '1400', '-q', '127.0.0.1'], { stdio: 'ignore' });
    // snmpd caches interface statistics for a few seconds: read again after its cache expired.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const second = await client.counters(target(), [lo.ifIndex]);
    const rate = counterRate(
      { octets: first.counters[0]!.inOctets, uptime: first.uptime, at: t0 },
      { octets: second.counters[0]!.inOctets, uptime: second.uptime, at: Date.now() },
      null,
    );
    expect(rate.kind).toBe('rate');
    if (rate.kind === 'rate') {
      expect(rate.bytes).toBeGreaterThanOrEqual(20n * 1400n);
      expect(rate.bps).toBeGreaterThan(0);
    }
    expect(second.uptime).toBeGreaterThanOrEqual(first.uptime);
  });

  it('fails cleanly, within its timeout, when the agent does not answer', async () => {
    const started = Date.now();
    await expect(client.uptime({ ...target(), community: 'wrong-community', timeoutMs: 300, retries: 0 })).rejects.toThrow();
    await expect(client.uptime({ host: '127.0.0.1', port: 9, community: COMMUNITY, timeoutMs: 300, retries: 0 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
