// A read-only text to copy (a poller key, its install command): Copy puts it on the clipboard, or, where the browser
// gives no clipboard (a plain-http site address), selects it so Ctrl+C copies it.
import { Button, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  /** A long command wraps over lines; a key stays on one. */
  multiline?: boolean;
  testId: string;
}

export function CopyField({ label, value, multiline = false, testId }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);

  const copy = async () => {
    input.current?.focus();
    input.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      setCopied('selected');
    }
  };

  const common = {
    ref: input,
    label,
    value,
    readOnly: true,
    onFocus: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => e.currentTarget.select(),
    'data-testid': testId,
  } as const;
  return (
    <div>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        {multiline ? <Textarea {...common} autosize minRows={2} style={{ flex: 1 }} styles={{ input: { fontSize: 12, fontFamily: 'var(--mantine-font-family-monospace)' } }} /> : <TextInput {...common} style={{ flex: 1 }} styles={{ input: { fontSize: 12, fontFamily: 'var(--mantine-font-family-monospace)' } }} />}
        <Button variant={copied === 'copied' ? 'light' : 'default'} color={copied === 'copied' ? 'green' : undefined} onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {copied === 'copied' ? t('pollers.copied') : t('pollers.copy')}
        </Button>
      </Group>
      {copied === 'selected' && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('pollers.copySelected')}
        </Text>
      )}
    </div>
  );
}
