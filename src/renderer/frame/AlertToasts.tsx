// A small stack of toasts for new critical alerts, bottom right; a click opens the alert center, each fades after 10 s.
import { Box, Notification, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { alertsPath } from '../pages/alerts/filters';
import { useMessage } from '../site';
import { useAlertsLive } from '../stores/alerts';

export function AlertToasts() {
  const { t } = useTranslation();
  const render = useMessage();
  const navigate = useNavigate();
  const toasts = useAlertsLive((s) => s.toasts);
  const dismiss = useAlertsLive((s) => s.dismiss);
  if (toasts.length === 0) return null;
  return (
    <Box pos="fixed" bottom={16} right={16} w={360} style={{ zIndex: 400 }} aria-live="assertive" data-testid="alert-toasts">
      <Stack gap="xs">
        {toasts.map((alert) => (
          <Notification
            key={alert.id}
            color="red"
            title={t('alerts.newCritical')}
            onClose={() => dismiss(alert.id)}
            withBorder
            style={{ boxShadow: 'var(--mantine-shadow-md)' }}
            closeButtonProps={{ 'aria-label': t('common.close') }}
            data-testid="alert-toast"
          >
            <UnstyledButton
              onClick={() => {
                dismiss(alert.id);
                void navigate(alertsPath({ severity: 'critical', status: 'open' }));
              }}
              aria-label={t('alerts.open')}
            >
              <Text size="xs" c="dimmed">
                {t(`alertType.${alert.type}`)}
              </Text>
              <Text size="sm" c="dark.7" data-testid="alert-toast-message">
                {render(alert.text)}
              </Text>
            </UnstyledButton>
          </Notification>
        ))}
      </Stack>
    </Box>
  );
}
