// Runs bench/monitor.ts inside a private network namespace where 127.9.0.0/16 drops ICMP (dead hosts).
import { spawnSync } from 'node:child_process';

if (process.getuid?.() !== 0) {
  console.error('bench/monitor: needs root for its network namespace (unshare -n)');
  process.exit(1);
}
const script = 'ip link set lo up && iptables -A INPUT -d 127.9.0.0/16 -p icmp -j DROP && exec env NOCMAN_NETNS=1 BENCH_SIZE_ONLY=${BENCH_SIZE_ONLY:-} node --import tsx bench/monitor.ts';
const result = spawnSync('unshare', ['-n', 'sh', '-c', script], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
process.exit(result.status ?? 1);
