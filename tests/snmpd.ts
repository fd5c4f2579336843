// A real SNMP agent for the tests: Debian's snmpd on a loopback port, with a config file written here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import os from 'node:os';
import path from 'node:path';

export const SNMPD = '/usr/sbin/snmpd';
export const COMMUNITY = 'nocman-test';

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export interface Agent {
  port: number;
  stop(): Promise<void>;
}

export async function startSnmpd(): Promise<Agent | null> {
  if (!existsSync(SNMPD)) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nocman-snmpd-'));
  const port = await freeUdpPort();
  const conf = path.join(dir, 'snmpd.conf');
  // The endpoint is given on the command line only: naming it in the file too makes snmpd bind twice and exit.
  writeFileSync(conf, [`rocommunity ${COMMUNITY} 127.0.0.1`, 'sysLocation NOCman test rack', 'sysContact noc@isp.test', ''].join('\n'));
  const child: ChildProcess = spawn(SNMPD, ['-f', '-Lo', '-C', '-c', conf, '-p', path.join(dir, 'snmpd.pid'), `udp:127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Ready once it answers: poll sysUpTime with snmpget.
  const ready = await new Promise<boolean>((resolve) => {
    let tries = 0;
    const timer = setInterval(() => {
      tries++;
      const probe = spawn('snmpget', ['-v2c', '-c', COMMUNITY, '-t', '0.3', '-r', '0', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.3.0'], { stdio: 'ignore' });
      probe.once('exit', (code) => {
        if (code === 0) {
          clearInterval(timer);
          resolve(true);
        } else if (tries > 40) {
          clearInterval(timer);
          resolve(false);
        }
      });
    }, 150);
  });
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`snmpd did not start:\n${output}`);
  }
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
