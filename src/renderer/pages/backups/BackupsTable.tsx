// The backups in the folder, newest first: time (site zone), kind, size, verification (or why it failed), the
// retention tiers keeping it, and Download / Restore for verified ones.
import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../shared/contract';
import { useLanguage } from '../../site';
import { formatMegabytes, useLongDateTime } from './when';

const KIND_COLORS: Record<Backup['kind'], string> = { scheduled: 'blue', manual: 'grape', safety: 'orange', cli: 'gray' };

function Check({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  if (backup.status === 'verified') {
    return (
      <Text size="sm" c="green.8" fw={600} data-testid="backup-check" data-status="verified" style={{ whiteSpace: 'nowrap' }}>
        ✓ {t('backups.table.verified')}
      </Text>
    );
  }
  return (
    <Text size="sm" c="red.8" data-testid="backup-check" data-status="failed">
      <Text span fw={600}>
        ✕ {t('backups.table.failed')}
      </Text>
      {backup.errorCode && `: ${t(`backups.error.${backup.errorCode}`)}`}
    </Text>
  );
}

function KeptFor({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  if (backup.status !== 'verified') return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  if (backup.keptFor.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('backups.table.pruned')}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" data-testid="backup-tiers">
      {backup.keptFor.map((tier) => (
        <Badge key={tier} color="gray" variant="outline" tt="none">
          {t(`backups.tier.${tier}`)}
        </Badge>
      ))}
    </Group>
  );
}

interface Props {
  items: readonly Backup[];
  onDownload(backup: Backup): void;
  onRestore(backup: Backup): void;
  downloading: string | null;
}

export function BackupsTable({ items, onDownload, onRestore, downloading }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const longDateTime = useLongDateTime();
  return (
    <Paper withBorder bg="white">
      <Title order={6} px="md" pt="sm" pb="xs">
        {t('backups.table.title')}
      </Title>
      <Table striped verticalSpacing={6} data-testid="backups-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('backups.table.time')}</Table.Th>
            <Table.Th>{t('backups.table.kind')}</Table.Th>
            <Table.Th ta="right">{t('backups.table.size')}</Table.Th>
            <Table.Th>{t('backups.table.check')}</Table.Th>
            <Table.Th>{t('backups.table.keptFor')}</Table.Th>
            <Table.Th ta="right">{t('backups.table.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text size="sm" c="dimmed" py="sm" data-testid="backups-empty">
                  {t('backups.table.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((backup) => (
            <Table.Tr key={backup.id} data-testid="backup-row" data-backup-id={backup.id} data-status={backup.status}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={500} data-testid="backup-row-time">
                  {longDateTime(backup.startedAt)}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {backup.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={KIND_COLORS[backup.kind]} tt="none" data-testid="backup-kind">
                  {t(`backups.kind.${backup.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid="backup-size">
                {backup.sizeBytes === null ? t('common.none') : t('backups.table.sizeMb', { size: formatMegabytes(backup.sizeBytes, language) })}
              </Table.Td>
              <Table.Td>
                <Check backup={backup} />
              </Table.Td>
              <Table.Td>
                <KeptFor backup={backup} />
              </Table.Td>
              <Table.Td>
                {backup.status === 'verified' && (
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <Button size="compact-sm" variant="default" loading={downloading === backup.id} onClick={() => onDownload(backup)} data-testid="backup-download">
                      {t('backups.table.download')}
                    </Button>
                    <Button size="compact-sm" variant="light" color="red" onClick={() => onRestore(backup)} data-testid="backup-restore">
                      {t('backups.table.restore')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
