// Generates a complete, self-contained FreeRADIUS 3.2 configuration directory that asks NOCman over rlm_rest (pure: text only).
import net from 'node:net';
import { modulesFiles } from './freeradiusConfigModules';
import { siteFiles } from './freeradiusConfigSite';
import { header as textHeader, quoted } from './freeradiusConfigText';

/** A NAS (router) allowed to send RADIUS requests, as NOCman's NAS list holds it. */
export interface FreeradiusNas {
  name: string;
  /** IPv4/IPv6 address or network (CIDR) the router sends from. */
  address: string;
  secret: string;
  vendor: 'mikrotik' | 'generic';
}

export interface FreeradiusConfigInput {
  /** Absolute path of the directory the files will live in (FreeRADIUS's raddbdir, `freeradius -d DIR`). */
  dir: string;
  /** NOCman's base URL as FreeRADIUS reaches it, e.g. http://127.0.0.1:5000. */
  nocmanUrl: string;
  /** The RADIUS bridge key, sent as `X-NOCman-Bridge-Key`. */
  bridgeKey: string;
  /** Address the listeners bind (`*` or `0.0.0.0` for every IPv4 address). */
  listenAddress: string;
  authPort: number;
  acctPort: number;
  nas: FreeradiusNas[];
  /** Secret of the `localhost` client (radtest, radclient, health checks on this machine). */
  localSecret: string;
  /** When the configuration was written (a comment in each file). */
  generatedAt: Date;
  /** Debian's layout by default. */
  paths?: Partial<FreeradiusPaths>;
}

export interface FreeradiusPaths {
  prefix: string;
  /** Where the rlm_*.so modules are. */
  libdir: string;
  /** The distribution's dictionaries (compiled into the server; named in the local dictionary). */
  dictdir: string;
}

export const DEBIAN_PATHS: FreeradiusPaths = { prefix: '/usr', libdir: '/usr/lib/freeradius', dictdir: '/usr/share/freeradius' };

export interface GeneratedFile {
  /** Relative to the configuration directory. */
  path: string;
  content: string;
  /** 0600: every file may hold or lead to a secret. */
  mode: number;
}

/** Directories created (0700) besides the ones holding files: logs and the pid file stay inside the configuration. */
export const RUNTIME_DIRS = ['log', 'log/radacct', 'run'] as const;

/** The file holding the whole server's log (the `log` section of radiusd.conf). */
export const LOG_FILE = 'log/radius.log';

function header(input: FreeradiusConfigInput, what: string): string {
  return textHeader(input.generatedAt, what);
}

function radiusdConf(input: FreeradiusConfigInput, paths: FreeradiusPaths): string {
  return `${header(input, 'NOCman: the main FreeRADIUS 3.2 configuration. Run: freeradius -f -d <this directory> (add -X to debug).')}
# Every path points inside this directory or at the distribution's files, so this instance runs beside (or
# instead of) the system service, as the user who starts it ("user"/"group" are left unset on purpose).
prefix = ${paths.prefix}
exec_prefix = \${prefix}
sysconfdir = /etc
localstatedir = /var
sbindir = \${exec_prefix}/sbin
raddbdir = ${quoted(input.dir)}
confdir = \${raddbdir}
modconfdir = \${confdir}/mods-config
certdir = \${confdir}/certs
cadir = \${confdir}/certs
logdir = \${raddbdir}/log
radacctdir = \${logdir}/radacct
run_dir = \${raddbdir}/run
db_dir = \${raddbdir}
libdir = ${paths.libdir}
name = freeradius
pidfile = \${run_dir}/\${name}.pid

max_request_time = 30
cleanup_delay = 5
max_requests = 16384
hostname_lookups = no
# No realm is configured, so nothing is proxied; "no" would add "Cannot proxy packets" to every
# request's Module-Failure-Message, the reason NOCman records for a reject.
proxy_requests = yes

log {
	destination = files
	colourise = no
	file = \${logdir}/radius.log
	syslog_facility = daemon
	stripped_names = no
	# Every accept and reject is written with its reason (never the password).
	auth = yes
	auth_badpass = no
	auth_goodpass = no
}

security {
	allow_core_dumps = no
	max_attributes = 200
	# A reject answers after a second: password guessing through a NAS is slow.
	reject_delay = 1
	status_server = yes
}

thread pool {
	start_servers = 5
	max_servers = 32
	min_spare_servers = 3
	max_spare_servers = 10
	max_requests_per_server = 0
	auto_limit_acct = no
}

$INCLUDE clients.conf

modules {
	$INCLUDE mods-enabled/always
	$INCLUDE mods-enabled/pap
	$INCLUDE mods-enabled/chap
	$INCLUDE mods-enabled/mschap
	$INCLUDE mods-enabled/attr_filter
	$INCLUDE mods-enabled/rest
}

instantiate {
}

policy {
	$INCLUDE policy.d/nocman
}

$INCLUDE sites-enabled/nocman
`;
}

function clientAddress(address: string): { key: 'ipaddr' | 'ipv6addr'; value: string } {
  const host = address.split('/')[0] ?? address;
  return { key: net.isIPv6(host) ? 'ipv6addr' : 'ipaddr', value: address };
}

/** A client's name in clients.conf: letters, digits, `-` and `_` only (the display name goes in `shortname`). */
function clientName(index: number, nas: FreeradiusNas): string {
  const slug = nas.name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `nas${index + 1}${slug ? `-${slug}` : ''}`;
}

const LOCAL_ADDRESSES = new Set(['127.0.0.1', '127.0.0.1/32']);

function clientsConf(input: FreeradiusConfigInput): string {
  const nasBlocks = input.nas
    .filter((nas) => !LOCAL_ADDRESSES.has(nas.address))
    .map((nas, index) => {
      const { key, value } = clientAddress(nas.address);
      return `client ${clientName(index, nas)} {
	${key} = ${value}
	secret = ${quoted(nas.secret)}
	shortname = ${quoted(nas.name)}
	nas_type = other
}
`;
    });
  const local = input.nas.find((nas) => LOCAL_ADDRESSES.has(nas.address));
  return `${header(input, "NOCman: the NAS list (NOCman's RADIUS → NAS list) and localhost. Regenerate after changing a NAS.")}
# localhost: radtest/radclient on this machine${local ? ` (the NAS "${local.name.replace(/[\r\n]/g, ' ')}" uses this address and secret)` : ''}.
client localhost {
	ipaddr = 127.0.0.1
	secret = ${quoted(local?.secret ?? input.localSecret)}
	shortname = ${quoted(local?.name ?? 'localhost')}
	nas_type = other
}

${nasBlocks.join('\n')}`;
}

function dictionary(input: FreeradiusConfigInput, paths: FreeradiusPaths): string {
  return `${header(input, 'NOCman: local dictionary, read after the distribution dictionary.')}
# The distribution dictionary (${paths.dictdir}/dictionary) already includes MikroTik's; naming it
# here makes the vendor attributes NOCman answers with (Mikrotik-Rate-Limit, Mikrotik-Address-List)
# explicit. Reading the same definitions twice is allowed.
$INCLUDE ${paths.dictdir}/dictionary.mikrotik
`;
}

function check(input: FreeradiusConfigInput): void {
  const url = new URL(input.nocmanUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the NOCman URL must be http or https, not ${input.nocmanUrl}`);
  for (const port of [input.authPort, input.acctPort]) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`a RADIUS port must be between 1 and 65535, not ${port}`);
  }
  if (input.authPort === input.acctPort) throw new Error('the authentication and accounting ports must differ');
  if (!input.dir.startsWith('/')) throw new Error(`the configuration directory must be an absolute path, not ${input.dir}`);
  if (input.listenAddress !== '*' && net.isIP(input.listenAddress) === 0) throw new Error(`--listen must be an IP address or *, not ${input.listenAddress}`);
  for (const nas of input.nas) {
    const host = nas.address.split('/')[0] ?? '';
    if (net.isIP(host) === 0) throw new Error(`the NAS "${nas.name}" has no IP address (${nas.address}): FreeRADIUS needs one`);
  }
}

/** Every file of the configuration directory, with its mode. Throws on input FreeRADIUS could not use. */
export function freeradiusConfigFiles(input: FreeradiusConfigInput): GeneratedFile[] {
  check(input);
  const paths: FreeradiusPaths = { ...DEBIAN_PATHS, ...input.paths };
  const files: Array<Omit<GeneratedFile, 'mode'>> = [
    { path: 'radiusd.conf', content: radiusdConf(input, paths) },
    { path: 'clients.conf', content: clientsConf(input) },
    { path: 'dictionary', content: dictionary(input, paths) },
    ...modulesFiles(input),
    ...siteFiles(input),
  ];
  return files.map((file) => ({ ...file, mode: 0o600 }));
}
