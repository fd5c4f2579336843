// The Pinger port and its adapters: the design card's `ping` package (one process per probe) and fping
// (one process per sweep), chosen when installed.
import { execFile } from 'node:child_process';
import ping from 'ping';

export interface ProbeResult {
  alive: boolean;
  /** Round-trip times in ms, null without a reply. */
  min: number | null;
  avg: number | null;
  max: number | null;
  lossPct: number;
}

export interface ProbeOptions {
  count: number;
  timeoutMs: number;
}

export interface Pinger {
  readonly name: string;
  probe(host: string, options: ProbeOptions): Promise<ProbeResult>;
  /** Many hosts at once; adapters without a batch mode probe one by one. */
  probeMany?(targets: { host: string; options: ProbeOptions }[]): Promise<ProbeResult[]>;
}

const DEAD: ProbeResult = { alive: false, min: null, avg: null, max: null, lossPct: 100 };

const num = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
};

/** The `ping` package: system ping, echoes 0.2 s apart, waiting `timeoutMs` for the last reply. */
export class PingPackagePinger implements Pinger {
  readonly name = 'ping';

  async probe(host: string, options: ProbeOptions): Promise<ProbeResult> {
    try {
      const result = await ping.promise.probe(host, {
        min_reply: options.count,
        timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
        extra: ['-i', '0.2', '-n'],
      });
      const loss = num(result.packetLoss) ?? 100;
      if (!result.alive || loss >= 100) return { ...DEAD };
      return { alive: true, min: num(result.min), avg: num(result.avg), max: num(result.max), lossPct: loss };
    } catch {
      return { ...DEAD };
    }
  }
}

/** fping: one process for a whole sweep (`-C count`), far cheaper than a process per device. */
export class FpingPinger implements Pinger {
  readonly name = 'fping';

  constructor(private readonly binary = 'fping') {}

  static available(binary = 'fping'): Promise<boolean> {
    return new Promise((resolve) => execFile(binary, ['-v'], (error) => resolve(!error)));
  }

  async probe(host: string, options: ProbeOptions): Promise<ProbeResult> {
    const [result] = await this.probeMany([{ host, options }]);
    return result!;
  }

  async probeMany(targets: { host: string; options: ProbeOptions }[]): Promise<ProbeResult[]> {
    if (targets.length === 0) return [];
    const count = Math.max(...targets.map((t) => t.options.count));
    const timeout = Math.max(...targets.map((t) => t.options.timeoutMs));
    const hosts = [...new Set(targets.map((t) => t.host))];
    const output = await new Promise<string>((resolve) => {
      // fping exits 1 when some host is down: that is an answer, not an error.
      execFile(this.binary, ['-C', String(count), '-q', '-i', '1', '-p', '100', '-t', String(timeout), '-B', '1', '-r', '0', ...hosts], { maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) =>
        resolve(`${stdout}\n${stderr}`),
      );
    });
    const byHost = new Map<string, ProbeResult>();
    for (const line of output.split('\n')) {
      const match = /^(\S+)\s+:\s+(.*)$/.exec(line.trim());
      if (!match) continue;
      const times = match[2]!.split(/\s+/).map((v) => (v === '-' ? null : Number(v)));
      const replies = times.filter((v): v is number => v !== null && Number.isFinite(v));
      const lossPct = Math.round(((times.length - replies.length) / Math.max(1, times.length)) * 100);
      byHost.set(
        match[1]!,
        replies.length === 0
          ? { ...DEAD }
          : { alive: true, min: Math.min(...replies), avg: replies.reduce((a, b) => a + b, 0) / replies.length, max: Math.max(...replies), lossPct },
      );
    }
    return targets.map((t) => byHost.get(t.host) ?? { ...DEAD });
  }
}
