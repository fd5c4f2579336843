// What a page shows when the role may not use it, or when the address does not exist.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

function Message({ title, text, testId }: { title: string; text: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={520} data-testid={testId}>
      <Stack gap="sm" align="flex-start">
        <Title order={4}>{title}</Title>
        <Text size="sm" c="dimmed">
          {text}
        </Text>
        <Button component={Link} to="/" variant="light" size="xs">
          {t('forbidden.back')}
        </Button>
      </Stack>
    </Paper>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Message title={t('forbidden.title')} text={t('forbidden.text')} testId="forbidden" />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Message title={t('notFound.title')} text={t('notFound.text')} testId="not-found" />;
}
