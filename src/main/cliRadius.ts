// `nocman radius-config`: writes the FreeRADIUS configuration that asks this NOCman, and prints the MikroTik commands.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from './core';
import { freeradiusConfigFiles, type FreeradiusNas, type GeneratedFile } from './core/radius/freeradiusConfig';
import { mikrotikCommands, mikrotikScripts, type MikrotikSetup } from './core/radius/freeradiusConfigMikrotik';
import { writeFreeradiusConfig } from './core/radius/freeradiusConfigWrite';
import { loadOrCreateBridgeKey } from './core/radius/keys';
import { readServeConfig } from './env';
import { APP_VERSION } from './version';

export const RADIUS_CONFIG_USAGE = `Usage: nocman radius-config --out DIR [--data-dir DIR] [--url http://127.0.0.1:5000] [--auth-port 1812] [--acct-port 1813] [--listen 127.0.0.1] [--payment-page ADDRESS]`;

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) throw new Error(`--${name} must be a port between 1 and 65535, not "${raw}"`);
  return Number(raw);
}

/** NOCman's URL as FreeRADIUS on this machine reaches it: the served port, on loopback unless bound to one address. */
function defaultUrl(host: string, servedPort: number): string {
  const anyAddress = host === '0.0.0.0' || host === '::' || host === '' || host === 'localhost';
  const reachable = anyAddress ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${servedPort}`;
}

function printSummary(dir: string, files: GeneratedFile[], nas: FreeradiusNas[], localSecret: string, setup: MikrotikSetup, listen: string): void {
  const scripts = files.filter((file) => file.path.startsWith('mikrotik/'));
  console.log(`Wrote the FreeRADIUS configuration to ${dir} (${files.length} files, mode 0600; directories 0700).`);
  console.log(`  check:  freeradius -XC -d ${dir}`);
  console.log(`  run:    freeradius -f -d ${dir}        (add -X for debug output; stop Debian's own service first: systemctl disable --now freeradius)`);
  console.log(`  log:    ${path.join(dir, 'log', 'radius.log')}`);
  console.log(`  test:   radtest -t mschap <username> <password> 127.0.0.1:${setup.authPort} 0 ${localSecret}`);
  console.log(`Clients: localhost (secret above) and ${nas.length} NAS from NOCman${nas.length === 0 ? ' — add the routers under RADIUS → NAS, then run this again' : ''}.`);
  if (listen === '127.0.0.1' || listen === '::1') {
    console.log(`Note: FreeRADIUS listens on ${listen} only, so routers cannot reach it; use --listen <this server's LAN address> (or *).`);
  }
  console.log('\nOn each MikroTik (RouterOS 7), with that router\'s secret from NOCman\'s NAS list:\n');
  console.log(mikrotikCommands(setup, '<router>', '<NAS secret>'));
  if (scripts.length > 0) {
    console.log('The same commands with each router\'s real secret (upload the file, then /import file-name=<file>):');
    for (const script of scripts) console.log(`  ${path.join(dir, script.path)}`);
  }
}

/** `nocman radius-config --out DIR …`: 0 when written, 2 on bad arguments. */
export async function radiusConfigCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      url: { type: 'string' },
      'auth-port': { type: 'string' },
      'acct-port': { type: 'string' },
      listen: { type: 'string' },
      'payment-page': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(RADIUS_CONFIG_USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(RADIUS_CONFIG_USAGE);
    return 2;
  }
  const serve = readServeConfig(process.env, { dataDir: values['data-dir'] }, APP_VERSION);
  const dir = path.resolve(values.out);
  const listen = values.listen ?? '127.0.0.1';
  const authPort = port('auth-port', values['auth-port'], 1812);
  const acctPort = port('acct-port', values['acct-port'], 1813);
  const nocmanUrl = values.url ?? defaultUrl(serve.host, serve.port);
  const paymentPageAddress = values['payment-page'] ?? null;
  if (paymentPageAddress !== null && net.isIP(paymentPageAddress) === 0) throw new Error(`--payment-page must be an IP address, not "${paymentPageAddress}"`);

  const core = await createCore(serve.core);
  let nas: FreeradiusNas[];
  let isolirList: string;
  let interimSec: number;
  try {
    nas = (await core.radius.nas.withSecrets()).map(({ name, address, secret, vendor }) => ({ name, address, secret, vendor }));
    const settings = await core.settings.get();
    isolirList = settings.radiusIsolirAddressList;
    interimSec = settings.radiusInterimIntervalSec;
  } finally {
    await core.close();
  }
  const bridgeKey = loadOrCreateBridgeKey(serve.core.dataDir, process.env['NOCMAN_RADIUS_BRIDGE_KEY'] || undefined);
  const localSecret = randomBytes(18).toString('base64url');
  const files = freeradiusConfigFiles({ dir, nocmanUrl, bridgeKey, listenAddress: listen, authPort, acctPort, nas, localSecret, generatedAt: new Date() });
  const radiusAddress = listen === '*' || listen === '0.0.0.0' || listen === '::' ? "<this server's address>" : listen;
  const setup: MikrotikSetup = { radiusAddress, authPort, acctPort, isolirList, interimIntervalSec: interimSec, paymentPageAddress };
  const scripts = mikrotikScripts(setup, nas).map((script) => ({ path: script.name, content: script.content, mode: 0o600 }));
  const all = [...files, ...scripts];
  writeFreeradiusConfig(dir, all);
  printSummary(dir, all, nas, localSecret, setup, listen);
  return 0;
}
