// Import customers from a spreadsheet's CSV: pick a file, dry run, show row errors or "N rows ready", then import all.
import { Alert, Button, Code, FileButton, Group, List, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '../../../shared/contract';
import { noc } from '../../api/client';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useMessage } from '../../site';
import { readFileText } from './csvTransfer';

type Check = OpOutput<'customers.import'>;

interface Props {
  onClose(): void;
  onImported(count: number): void;
}

export function ImportModal({ onClose, onImported }: Props) {
  const { t } = useTranslation();
  const messageText = useMessage();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // cleared after each pick, so choosing the same (fixed) file again is noticed
  const resetRef = useRef<() => void>(null);

  const pick = async (picked: File | null) => {
    if (!picked) return;
    resetRef.current?.();
    setCheck(null);
    setError(null);
    setBusy('checking');
    setFile({ name: picked.name, csv: '' });
    try {
      const csv = await readFileText(picked);
      setFile({ name: picked.name, csv });
      setCheck(await noc.call('customers.import', { csv, dryRun: true }));
    } catch (failure) {
      setError(failure instanceof DOMException ? t('importer.unreadable') : messageOf(failure, t));
    } finally {
      setBusy(null);
    }
  };

  const importAll = async () => {
    if (!file) return;
    setBusy('importing');
    setError(null);
    try {
      const result = await noc.call('customers.import', { csv: file.csv, dryRun: false });
      if (result.errors.length > 0) setCheck(result);
      else onImported(result.imported);
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setBusy(null);
    }
  };

  const ready = check !== null && check.errors.length === 0 && check.rows > 0;

  return (
    <Modal opened onClose={onClose} title={t('importer.title')} size="xl">
      <Stack gap="sm" data-testid="import-modal">
        <Text size="sm">{t('importer.intro')}</Text>
        <Alert color="blue" variant="light" py="xs">
          <List size="sm" spacing={2}>
            <List.Item>
              {t('importer.columns')}: <Code>{t('importer.columnsList')}</Code>
            </List.Item>
            <List.Item>{t('importer.columnsHelp')}</List.Item>
            <List.Item>{t('importer.format')}</List.Item>
          </List>
        </Alert>
        <Group gap="sm">
          <FileButton resetRef={resetRef} onChange={(f) => void pick(f)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button {...props} variant={file ? 'default' : 'filled'} data-testid="import-choose">
                {file ? t('importer.chooseAnother') : t('importer.chooseFile')}
              </Button>
            )}
          </FileButton>
          {busy === 'checking' && file && (
            <Group gap={6}>
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {t('importer.checking', { file: file.name })}
              </Text>
            </Group>
          )}
        </Group>
        <FormAlert message={error} testId="import-error" />
        {ready && file && (
          <Alert color="green" variant="light" py="xs" data-testid="import-ready">
            {t('importer.ready', { count: check.rows, file: file.name })}
          </Alert>
        )}
        {check && check.errors.length > 0 && file && (
          <Stack gap={6} data-testid="import-errors">
            <Alert color="red" variant="light" py="xs" title={t('importer.errorsTitle', { count: check.errors.length, file: file.name })}>
              <Text size="sm">{t('importer.errorsHint')}</Text>
            </Alert>
            <ScrollArea.Autosize mah={260}>
              <Table striped highlightOnHover withTableBorder data-testid="import-errors-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70} ta="right">
                      {t('importer.row')}
                    </Table.Th>
                    <Table.Th w={140}>{t('importer.column')}</Table.Th>
                    <Table.Th>{t('importer.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {check.errors.map((issue, index) => (
                    <Table.Tr key={index} data-testid={`import-error-row-${issue.row}`}>
                      <Table.Td ta="right">{issue.row}</Table.Td>
                      <Table.Td>
                        <Code data-testid="import-error-column">{issue.column}</Code>
                      </Table.Td>
                      <Table.Td data-testid="import-error-message">{messageText(issue.text)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!ready} loading={busy === 'importing'} onClick={() => void importAll()} data-testid="import-submit">
            {ready ? t('importer.submit', { count: check.rows }) : t('importer.submitIdle')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
