// Runs the network tests (tests/net) inside a private network namespace: its loopback answers on 127/8
// except 127.0.9.0/24, whose ICMP is dropped so those addresses behave like dead hosts. Nothing outside the
// namespace is touched and no address outside 127.0.0.0/8 is pinged. Without root (or unshare/iptables) the
// dead-host tests are skipped, saying so, and the rest run.
import { spawnSync } from 'node:child_process';

const vitest = ['npx', 'vitest', 'run', '--config', 'vitest.net.config.ts'];
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const root = typeof process.getuid === 'function' && process.getuid() === 0;

let result;
if (root && has('unshare') && has('iptables') && has('ip')) {
  const script = `ip link set lo up && iptables -A INPUT -d 127.0.9.0/24 -p icmp -j DROP && exec env NOCMAN_NETNS=1 ${vitest.join(' ')}`;
  result = spawnSync('unshare', ['-n', 'sh', '-c', script], { stdio: 'inherit' });
} else {
  console.log('test-net: no private network namespace here (needs root, unshare, iptables, ip): dead-host tests are skipped');
  result = spawnSync(vitest[0], vitest.slice(1), { stdio: 'inherit' });
}
process.exit(result.status ?? 1);
