// On the settings page: a card naming a part of the settings that lives on its own page (messages, backups), shown
// only to those who may open that page.
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { OperationName } from '../../../shared/contract';
import { useMay } from '../../frame/permissions';

export function SettingsLinkCard({ id, to, operation, title, text, open }: { id: string; to: string; operation: OperationName; title: string; text: string; open: string }) {
  const may = useMay();
  if (!may(operation)) return null;
  return (
    <Paper withBorder p="md" data-testid={`settings-${id}`}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={6} mb={4}>
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {text}
          </Text>
        </div>
        <Button component={Link} to={to} variant="light" style={{ flex: 'none' }} data-testid={`settings-${id}-open`}>
          {open}
        </Button>
      </Group>
    </Paper>
  );
}
