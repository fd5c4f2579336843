// Add a poller: its name, then its key — shown in this dialog only, never again — with the install command to run
// at the POP (the key in the environment, not on the command line, where `ps` would show it). The key dialog does not close on a stray click outside it: closing it loses the key for good.
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Poller } from '../../../shared/contract';
import { callChecked, useModalForm } from '../../forms/useModalForm';
import { FormModal } from '../../ui/FormModal';
import { CopyField } from './CopyField';

export function AddPollerModal({ onClose, onCreated }: { onClose(): void; onCreated(created: { poller: Poller; key: string }): void }) {
  const { t } = useTranslation();
  const form = useModalForm(
    () => ({ name: '' }),
    (values, errors) => callChecked(errors, 'pollers.create', values),
    onCreated,
  );
  return (
    <FormModal title={t('pollers.addTitle')} form={form} onClose={onClose} testId="poller" submitLabel={t('pollers.create')}>
      <TextInput label={t('pollers.name')} placeholder={t('pollers.namePlaceholder')} description={t('pollers.nameHint')} {...form.text('name')} data-autofocus withAsterisk data-testid="poller-name-input" />
    </FormModal>
  );
}

/** The address a poller reaches this site at: the browser's own; none in the desktop app (its page is a file). */
function siteAddress(): string | null {
  if (window.noc) return null;
  const { origin } = window.location;
  return /^https?:\/\//.test(origin) ? origin : null;
}

export function PollerKeyModal({ poller, pollerKey, onClose }: { poller: Poller; pollerKey: string; onClose(): void }) {
  const { t } = useTranslation();
  const site = siteAddress();
  return (
    <Modal opened onClose={onClose} title={t('pollers.keyTitle', { name: poller.name })} size="lg" closeOnClickOutside={false} data-testid="poller-key-modal">
      <Stack gap="sm">
        <Alert color="orange" variant="light" title={t('pollers.keyWarningTitle')} data-testid="poller-key-warning">
          {t('pollers.keyWarning')}
        </Alert>
        <CopyField label={t('pollers.key')} value={pollerKey} testId="poller-key" />
        {site ? (
          <CopyField label={t('pollers.command')} value={`NOCMAN_POLLER_KEY=${pollerKey} nocman poller --site ${site}`} multiline testId="poller-command" />
        ) : (
          <Text size="sm" data-testid="poller-command-desktop">
            {t('pollers.commandDesktop')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="poller-key-done">
            {t('pollers.keySaved')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
