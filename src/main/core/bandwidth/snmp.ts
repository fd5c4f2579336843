// The SnmpClient port and its net-snmp adapter (SNMP v2c): system uptime, interface discovery (IF-MIB) and
// the 64-bit octet counters of chosen interfaces.
import snmp, { type Session, type Varbind } from 'net-snmp';
import { counter64 } from './counters';

export interface SnmpTarget {
  host: string;
  port: number;
  community: string;
  timeoutMs: number;
  retries: number;
}

export interface DiscoveredInterface {
  ifIndex: number;
  name: string;
  descr: string;
  alias: string;
  speedMbps: number | null;
  operUp: boolean;
}

export interface InterfaceCounters {
  ifIndex: number;
  inOctets: bigint;
  outOctets: bigint;
}

export interface SnmpClient {
  uptime(target: SnmpTarget): Promise<number>;
  interfaces(target: SnmpTarget): Promise<DiscoveredInterface[]>;
  counters(target: SnmpTarget, ifIndexes: number[]): Promise<{ uptime: number; counters: InterfaceCounters[] }>;
}

export const OID = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
  ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6',
  ifHCOutOctets: '1.3.6.1.2.1.31.1.1.1.10',
  ifHighSpeed: '1.3.6.1.2.1.31.1.1.1.15',
  ifAlias: '1.3.6.1.2.1.31.1.1.1.18',
} as const;

const text = (value: Varbind['value'] | undefined) => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value ?? ''));

export class NetSnmpClient implements SnmpClient {
  private open(target: SnmpTarget): Session {
    const session = snmp.createSession(target.host, target.community, {
      port: target.port,
      retries: target.retries,
      timeout: target.timeoutMs,
      version: snmp.Version2c,
    });
    session.on('error', () => undefined);
    return session;
  }

  private async with<T>(target: SnmpTarget, work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.open(target);
    try {
      return await work(session);
    } finally {
      session.close();
    }
  }

  private get(session: Session, oids: string[]): Promise<Varbind[]> {
    return new Promise((resolve, reject) =>
      session.get(oids, (error, varbinds) => {
        if (error) return reject(error);
        const bad = varbinds.find((v) => snmp.isVarbindError(v));
        if (bad) return reject(new Error(snmp.varbindError(bad)));
        resolve(varbinds);
      }),
    );
  }

  private column(session: Session, oid: string): Promise<Map<number, Varbind['value']>> {
    const values = new Map<number, Varbind['value']>();
    return new Promise((resolve, reject) =>
      session.subtree(
        oid,
        20,
        (varbinds) => {
          for (const v of varbinds) if (!snmp.isVarbindError(v)) values.set(Number(v.oid.slice(oid.length + 1)), v.value);
        },
        (error) => (error ? reject(error) : resolve(values)),
      ),
    );
  }

  uptime(target: SnmpTarget): Promise<number> {
    return this.with(target, async (session) => Number((await this.get(session, [OID.sysUpTime]))[0]!.value));
  }

  interfaces(target: SnmpTarget): Promise<DiscoveredInterface[]> {
    return this.with(target, async (session) => {
      const descr = await this.column(session, OID.ifDescr);
      const [names, aliases, speeds, oper] = await Promise.all([OID.ifName, OID.ifAlias, OID.ifHighSpeed, OID.ifOperStatus].map((oid) => this.column(session, oid)));
      return [...descr.keys()].sort((a, b) => a - b).map((ifIndex) => {
        const speed = Number(speeds!.get(ifIndex));
        return {
          ifIndex,
          name: text(names!.get(ifIndex)) || text(descr.get(ifIndex)),
          descr: text(descr.get(ifIndex)),
          alias: text(aliases!.get(ifIndex)),
          speedMbps: Number.isFinite(speed) && speed > 0 ? speed : null,
          operUp: Number(oper!.get(ifIndex)) === 1,
        };
      });
    });
  }

  counters(target: SnmpTarget, ifIndexes: number[]) {
    return this.with(target, async (session) => {
      const oids = [OID.sysUpTime, ...ifIndexes.flatMap((i) => [`${OID.ifHCInOctets}.${i}`, `${OID.ifHCOutOctets}.${i}`])];
      const varbinds: Varbind[] = [];
      // A few interfaces per request keeps each PDU well under the UDP size limit.
      for (let i = 0; i < oids.length; i += 40) varbinds.push(...(await this.get(session, oids.slice(i, i + 40))));
      const uptime = Number(varbinds[0]!.value);
      const counters = ifIndexes.map((ifIndex, k) => ({
        ifIndex,
        inOctets: counter64(varbinds[1 + k * 2]!.value as Buffer),
        outOctets: counter64(varbinds[2 + k * 2]!.value as Buffer),
      }));
      return { uptime, counters };
    });
  }
}
