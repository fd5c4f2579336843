// The centred card of the signed-out screens (setup, sign-in), with the brand and the language switch.
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../frame/LanguageSwitch';
import { useSession } from '../../stores/session';

export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const version = useSession((s) => s.version);
  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Stack gap="xs" w={400}>
        <Group justify="space-between" align="flex-end" px={2}>
          <Box>
            <Title order={3} c="blue.8">
              {t('app.name')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Box>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="xs" p="lg" radius="sm">
          {children}
        </Paper>
        {version && (
          <Text size="xs" c="dimmed" ta="center">
            {t('app.version', { version })}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
