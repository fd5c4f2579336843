// The banner at the top of the content while the NOCman server cannot be reached (a joined workstation, a browser):
// since when, how old the data on screen is, when the next attempt is, and "try now". The same for every role.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateInZone } from '../../shared/dates';
import { formatClock, formatLongDateTime } from '../format';
import { useLanguage, useSiteTimeZone } from '../site';
import { useConnection } from '../stores/connection';

/** Re-renders every second while `active`, for the countdown. */
function useSecondTick(active: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return undefined;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function ConnectionBanner() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const status = useConnection((s) => s.status);
  const offlineSince = useConnection((s) => s.offlineSince);
  const lastDataAt = useConnection((s) => s.lastDataAt);
  const nextRetryAt = useConnection((s) => s.nextRetryAt);
  const retryNow = useConnection((s) => s.retryNow);
  const now = useSecondTick(status !== 'online');
  if (status === 'online') return null;

  const sinceIso = offlineSince ?? now.toISOString();
  // A time of day while the outage is today; the full date once it spans midnight.
  const sameDay = dateInZone(new Date(sinceIso), timeZone) === dateInZone(now, timeZone);
  const since = (sameDay ? formatClock(sinceIso, language, timeZone) : formatLongDateTime(sinceIso, language, timeZone)) ?? '';
  const lastData = formatLongDateTime(lastDataAt, language, timeZone);
  const seconds = nextRetryAt ? Math.max(0, Math.ceil((new Date(nextRetryAt).getTime() - now.getTime()) / 1000)) : null;
  const trying = status === 'reconnecting' || seconds === null;

  return (
    <Alert
      color="orange"
      variant="filled"
      radius={0}
      py={8}
      mb="md"
      mx="calc(var(--mantine-spacing-md) * -1)"
      mt="calc(var(--mantine-spacing-md) * -1)"
      role="alert"
      data-testid="connection-banner"
      data-status={status}
      data-last-data={lastDataAt ?? ''}
      data-retry-in={seconds ?? ''}
      styles={{ root: { position: 'sticky', top: 'var(--app-shell-header-offset, 52px)', zIndex: 150 } }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Text size="sm" fw={700} data-testid="connection-banner-title">
            {t('connection.offlineSince', { since })}
          </Text>
          <Text size="sm" data-testid="connection-banner-detail">
            {lastData ? t('connection.lastData', { at: lastData }) : t('connection.noData')}{' '}
            {trying ? t('connection.reconnecting') : t('connection.retryIn', { seconds })}
          </Text>
        </div>
        <Button size="xs" variant="white" color="orange" onClick={retryNow} disabled={status === 'reconnecting'} data-testid="connection-retry-now">
          {t('connection.retryNow')}
        </Button>
      </Group>
    </Alert>
  );
}
