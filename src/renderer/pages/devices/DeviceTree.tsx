// The tree of parents and children: who depends on whom, so an outage upstream explains the unreachable below it.
import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Device } from '../../../shared/contract';
import { useLanguage } from '../../site';
import { DeviceStatusBadge } from './DeviceBadges';
import { formatMs } from './text';

export interface TreeNode {
  device: Device;
  children: TreeNode[];
}

/** Roots are devices without a parent (or whose parent is not in the list); each level sorted by name. */
export function buildTree(devices: Device[]): TreeNode[] {
  const nodes = new Map(devices.map((device) => [device.id, { device, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.device.parentId === null ? undefined : nodes.get(node.device.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => a.device.name.localeCompare(b.device.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Number of devices below a node, at any depth. */
function countBelow(node: TreeNode): number {
  return node.children.reduce((sum, child) => sum + 1 + countBelow(child), 0);
}

function Branch({ node, depth, matches }: { node: TreeNode; depth: number; matches: ((device: Device) => boolean) | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { device } = node;
  const avg = device.lastLatencyMs?.avg ?? null;
  const below = countBelow(node);
  const dim = matches !== null && !matches(device);
  return (
    <Box data-testid="tree-node" data-device-id={device.id} data-depth={depth}>
      <Group gap="sm" wrap="nowrap" py={5} px="xs" style={{ borderTop: depth === 0 ? '1px solid var(--mantine-color-gray-2)' : undefined, opacity: dim ? 0.45 : 1 }}>
        <DeviceStatusBadge status={device.status} reason={device.statusReason} />
        <Anchor component={Link} to={`/devices/${device.id}`} size="sm" fw={600} c="dark" style={{ whiteSpace: 'nowrap' }}>
          {device.name}
        </Anchor>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t(`deviceType.${device.type}`)}
        </Text>
        <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {device.host}
        </Text>
        <Text size="xs" c="dimmed" truncate="end" style={{ flex: 1, minWidth: 0 }}>
          {device.location}
        </Text>
        {below > 0 && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('devices.childrenCount', { count: below })}
          </Text>
        )}
        <Text size="xs" ff="monospace" w={70} ta="right" style={{ whiteSpace: 'nowrap' }}>
          {avg !== null && device.status === 'online' ? `${formatMs(avg, language)} ms` : ''}
        </Text>
      </Group>
      {node.children.length > 0 && (
        <Box ml={22} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
          {node.children.map((child) => (
            <Branch key={child.device.id} node={child} depth={depth + 1} matches={matches} />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** The whole tree; devices that do not match the filters are dimmed, not hidden, so the path to a match stays. */
export function DeviceTree({ devices, matches }: { devices: Device[]; matches: ((device: Device) => boolean) | null }) {
  const { t } = useTranslation();
  const roots = buildTree(devices);
  return (
    <Stack gap={6} data-testid="devices-tree">
      <Text size="xs" c="dimmed" px="xs" pt="xs">
        {t('devices.treeHint')}
      </Text>
      <Box>
        {roots.map((node) => (
          <Branch key={node.device.id} node={node} depth={0} matches={matches} />
        ))}
      </Box>
    </Stack>
  );
}
