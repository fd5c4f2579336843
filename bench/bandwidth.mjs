// Runs bench/bandwidth.ts in a private network namespace with lo and 4 veth pairs (9 interfaces for the agent).
import { spawnSync } from 'node:child_process';

if (process.getuid?.() !== 0) {
  console.error('bench/bandwidth: needs root for its network namespace (unshare -n)');
  process.exit(1);
}
// veth pairs (no dummy module in every kernel): 4 pairs + lo = 9 interfaces.
const dummies = Array.from({ length: 4 }, (_, i) => `ip link add ve${i}a type veth peer name ve${i}b && ip link set ve${i}a up && ip link set ve${i}b up`).join(' && ');
const script = `ip link set lo up && ${dummies} && exec env NOCMAN_NETNS=1 node --import tsx bench/bandwidth.ts`;
const result = spawnSync('unshare', ['-n', 'sh', '-c', script], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
process.exit(result.status ?? 1);
