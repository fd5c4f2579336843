// The app gate: first-run setup, sign-in, or the signed-in frame, following the session store.
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppFrame } from './frame/AppFrame';
import { AuthLayout } from './pages/auth/AuthLayout';
import { LoginPage } from './pages/auth/LoginPage';
import { useBackupRun } from './pages/backups/progress';
import { useAlertsLive } from './stores/alerts';
import { useBillingRun } from './stores/billing';
import { useSession } from './stores/session';

// Seen once per installation: not worth a place in the first download.
const SetupPage = lazy(() => import('./pages/setup/SetupPage').then((m) => ({ default: m.SetupPage })));

function Booting() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" aria-label={t('app.loading')}>
      <Loader size="sm" />
    </Center>
  );
}

function Offline() {
  const { t } = useTranslation();
  const start = useSession((s) => s.start);
  return (
    <AuthLayout>
      <Stack gap="sm" data-testid="offline">
        <Title order={4}>{t('boot.offlineTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('boot.offlineText')}
        </Text>
        <Button onClick={() => void start()} data-testid="retry">
          {t('common.retry')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}

export function App() {
  // The session check itself starts in main.tsx, before the first render.
  const phase = useSession((s) => s.phase);
  const queryClient = useQueryClient();

  // Server state belongs to one session: the next user must not see the last one's lists.
  useEffect(() => {
    if (phase !== 'signedIn') {
      queryClient.clear();
      useAlertsLive.getState().reset();
      useBillingRun.getState().reset();
      useBackupRun.getState().reset();
    }
  }, [phase, queryClient]);

  switch (phase) {
    case 'booting':
      return <Booting />;
    case 'offline':
      return <Offline />;
    case 'setup':
      return (
        <Suspense fallback={<Booting />}>
          <SetupPage />
        </Suspense>
      );
    case 'signedOut':
      return <LoginPage />;
    case 'signedIn':
      return <AppFrame />;
  }
}
