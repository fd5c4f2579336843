// On the settings page, for admins: where the message channels, rules and templates live (their own page).
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMay } from '../../frame/permissions';

export function MessagesSettingsLink() {
  const { t } = useTranslation();
  const may = useMay();
  if (!may('channels.list')) return null;
  return (
    <Paper withBorder p="md" data-testid="settings-messages">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={6} mb={4}>
            {t('messages.nav')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('messages.settingsLinkText')}
          </Text>
        </div>
        <Button component={Link} to="/settings/messages" variant="light" style={{ flex: 'none' }} data-testid="settings-messages-open">
          {t('messages.settingsLinkOpen')}
        </Button>
      </Group>
    </Paper>
  );
}
