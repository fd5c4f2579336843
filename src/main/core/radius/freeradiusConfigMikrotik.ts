// The RouterOS commands that point a MikroTik at NOCman's FreeRADIUS: RADIUS client, CoA, PPP/hotspot AAA, isolir redirect.
import type { FreeradiusNas } from './freeradiusConfig';
import { hasControlCharacter } from './freeradiusConfigText';

export interface MikrotikSetup {
  /** The address routers send RADIUS to (FreeRADIUS's listen address, or a placeholder when it listens on all). */
  radiusAddress: string;
  authPort: number;
  acctPort: number;
  /** Address list suspended customers land in (Mikrotik-Address-List). */
  isolirList: string;
  /** Seconds between accounting updates (NOCman's radiusInterimIntervalSec). */
  interimIntervalSec: number;
  /** Where isolated customers' web traffic goes; null when not known yet (the isolir rules are then commented out). */
  paymentPageAddress: string | null;
}

function interval(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** RouterOS quoting: double quotes, with \ " and $ escaped (RouterOS expands $variables in strings). */
export function routerosString(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** The commands for one router; `secret` is the NAS's secret, or a placeholder on screen. */
export function mikrotikCommands(setup: MikrotikSetup, nasName: string, secret: string): string {
  const list = routerosString(setup.isolirList);
  const page = setup.paymentPageAddress ?? 'PAYMENT_PAGE_ADDRESS';
  const isolir = [
    `/ip firewall nat add chain=dstnat src-address-list=${list} protocol=tcp dst-port=80 action=dst-nat to-addresses=${page} to-ports=80 comment="NOCman isolir: web to the payment page"`,
    `/ip firewall filter add chain=forward src-address-list=${list} dst-address=${page} action=accept comment="NOCman isolir: payment page"`,
    `/ip firewall filter add chain=forward src-address-list=${list} protocol=udp dst-port=53 action=accept comment="NOCman isolir: DNS"`,
    `/ip firewall filter add chain=forward src-address-list=${list} protocol=tcp dst-port=53 action=accept comment="NOCman isolir: DNS"`,
    `/ip firewall filter add chain=forward src-address-list=${list} action=reject reject-with=icmp-admin-prohibited comment="NOCman isolir: nothing else"`,
  ];
  const pending = setup.paymentPageAddress === null;
  const every = interval(setup.interimIntervalSec);
  return `# NOCman RADIUS for ${[...nasName].map((c) => (hasControlCharacter(c) ? ' ' : c)).join('')}
/radius add service=ppp,hotspot address=${setup.radiusAddress} secret=${secret} authentication-port=${setup.authPort} accounting-port=${setup.acctPort} timeout=3s comment="NOCman"
# CoA and Disconnect from NOCman (suspension, reactivation, plan change take effect at once)
/radius incoming set accept=yes port=3799
/ppp aaa set use-radius=yes accounting=yes interim-update=${every}
/ip hotspot profile set [find] use-radius=yes radius-accounting=yes radius-interim-update=${every}
# Isolir: NOCman puts a suspended customer's address in the address list ${list}. Web goes to the payment
# page, DNS still works, everything else is refused. Keep the filter rules above any rule that accepts
# the customers' traffic.${pending ? '\n# Replace PAYMENT_PAGE_ADDRESS with the payment page\'s IP address (or run radius-config with --payment-page), then remove the "# ".' : ''}
${isolir.map((line) => (pending ? `# ${line}` : line)).join('\n')}
`;
}

/** One RouterOS script per NAS, with its real secret: `/import file-name=…` on the router. */
export function mikrotikScripts(setup: MikrotikSetup, nas: FreeradiusNas[]): Array<{ name: string; content: string }> {
  return nas
    .filter((entry) => entry.vendor === 'mikrotik')
    .map((entry, index) => ({
      name: `mikrotik/${String(index + 1).padStart(2, '0')}-${entry.name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'nas'}.rsc`,
      content: mikrotikCommands(setup, entry.name, routerosString(entry.secret)),
    }));
}
