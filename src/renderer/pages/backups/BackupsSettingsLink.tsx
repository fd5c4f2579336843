// On the settings page, for admins: where the backup settings and restore live (their own page).
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMay } from '../../frame/permissions';

export function BackupsSettingsLink() {
  const { t } = useTranslation();
  const may = useMay();
  if (!may('backups.list')) return null;
  return (
    <Paper withBorder p="md" data-testid="settings-backups">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={6} mb={4}>
            {t('backups.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('backups.settingsLink.text')}
          </Text>
        </div>
        <Button component={Link} to="/settings/backups" variant="light" style={{ flex: 'none' }} data-testid="settings-backups-open">
          {t('backups.settingsLink.open')}
        </Button>
      </Group>
    </Paper>
  );
}
