// "Reset password": a confirmation, then the new password shown once with a copy button (it stays retrievable behind
// "Show" for admin and staff, as the contract allows).
import { Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { noc } from '../../api/client';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { refreshRadius } from './queries';

interface Props {
  subscriptionId: number;
  username: string;
  onClose(): void;
}

export function PasswordReset({ subscriptionId, username, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const answer = useRef<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  if (password === null) {
    return (
      <ConfirmModal
        title={t('radius.access.resetTitle')}
        text={t('radius.access.resetConfirm', { username })}
        confirmLabel={t('radius.access.resetDo')}
        action={async () => {
          answer.current = (await noc.call('radius.credentials.resetPassword', { id: subscriptionId })).password;
        }}
        onClose={onClose}
        onDone={() => {
          refreshRadius(queryClient);
          setPassword(answer.current ?? '');
        }}
        testId="access-reset"
      />
    );
  }
  return (
    <Modal opened onClose={onClose} title={t('radius.access.newPasswordTitle')} size="sm">
      <Stack gap="sm">
        <Text size="sm">{t('radius.access.newPasswordText', { username })}</Text>
        <Group gap="sm" wrap="nowrap">
          <Code fz="lg" px="sm" py={6} style={{ flex: 1, letterSpacing: 1 }} data-testid="access-new-password">
            {password}
          </Code>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'default'} color={copied ? 'green' : undefined} onClick={copy}>
                {copied ? t('radius.access.copied') : t('radius.access.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="access-new-password-close">
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
