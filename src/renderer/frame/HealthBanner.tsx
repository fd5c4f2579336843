// The red banner under the header when the database is not healthy (read-only, full, damaged, unavailable): what it
// means and what to do, for every role. Health is polled, and asked again as soon as a call fails for that reason.
import { Alert, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../shared/errors';
import { noc } from '../api/client';
import { useDateTime } from '../site';
import { useSession } from '../stores/session';

/** Shared with the dashboard's server line: one poll for both. */
export const HEALTH_KEY = ['health'] as const;
const POLL_MS = 30_000;

function isStorageError(error: unknown): boolean {
  return error instanceof AppError && error.code === 'STORAGE_UNAVAILABLE';
}

/** A query or mutation that failed because of the storage makes the health check run now, not in 30 s. */
function useRecheckOnStorageErrors(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const recheck = () => void queryClient.invalidateQueries({ queryKey: HEALTH_KEY });
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isStorageError(event.action.error)) recheck();
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isStorageError(event.action.error)) recheck();
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient]);
}

export function HealthBanner() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const isAdmin = useSession((s) => s.user?.role === 'admin');
  useRecheckOnStorageErrors();
  const health = useQuery({ queryKey: HEALTH_KEY, queryFn: () => noc.call('system.health', {}), refetchInterval: POLL_MS });
  const state = health.data?.database;
  if (!state || state === 'ok') return null;
  const error = health.data?.databaseError ?? null;
  return (
    <Alert
      color="red"
      variant="filled"
      radius={0}
      py={8}
      mb="md"
      mx="calc(var(--mantine-spacing-md) * -1)"
      mt="calc(var(--mantine-spacing-md) * -1)"
      role="alert"
      data-testid="health-banner"
      data-state={state}
      styles={{ root: { position: 'sticky', top: 'var(--app-shell-header-offset, 52px)', zIndex: 150 } }}
    >
      <Text size="sm" fw={700} data-testid="health-banner-title">
        {t(`dbHealth.title.${state}`)}
      </Text>
      <Text size="sm" data-testid="health-banner-advice">
        {isAdmin ? t(`dbHealth.admin.${state}`) : t('dbHealth.others')}
        {error && (
          <Text span size="xs" ff="monospace" ml="xs" opacity={0.85}>
            {t('dbHealth.since', { code: error.code, time: dateTime(error.at) })}
          </Text>
        )}
      </Text>
    </Alert>
  );
}
