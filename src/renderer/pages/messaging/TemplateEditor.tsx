// One template (an event in one language): subject and text, the event's placeholders as chips that insert
// `{{name}}` at the cursor, a live preview with real data, Save, and Reset to the built-in text.
import { Alert, Badge, Button, Group, Paper, ScrollArea, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { operations, type MessageTemplate } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { useFormErrors } from '../../forms/useFormErrors';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { TEMPLATES_KEY } from './queries';

type Field = 'subject' | 'text';
export interface TemplateDraft {
  subject: string;
  text: string;
}

function remember(list: MessageTemplate[] | undefined, saved: MessageTemplate): MessageTemplate[] | undefined {
  return list?.map((one) => (one.event === saved.event && one.language === saved.language ? saved : one));
}

function usePreview(template: MessageTemplate, subject: string, text: string) {
  const [debounced] = useDebouncedValue({ subject, text }, 300);
  return useQuery({
    queryKey: ['templatePreview', template.event, template.language, debounced.subject, debounced.text],
    queryFn: () => noc.call('templates.preview', { event: template.event, language: template.language, subject: debounced.subject, text: debounced.text }),
    placeholderData: keepPreviousData,
  });
}

interface Props {
  template: MessageTemplate;
  /** Unsaved text of this template from an earlier visit: another event or language was opened meanwhile. */
  draft: TemplateDraft | undefined;
  /** Keeps the unsaved text (null: nothing unsaved) so switching away and back does not lose it. */
  onDraft(draft: TemplateDraft | null): void;
}

export function TemplateEditor({ template, draft, onDraft }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [values, setValues] = useState<TemplateDraft>(() => draft ?? { subject: template.subject, text: template.text });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const fields = { subject: useRef<HTMLInputElement>(null), text: useRef<HTMLTextAreaElement>(null) };
  const lastFocused = useRef<Field>('text');
  const preview = usePreview(template, values.subject, values.text);
  const eventName = t(`messages.events.${template.event}`);
  const unsaved = values.subject !== template.subject || values.text !== template.text;
  useEffect(() => {
    onDraft(unsaved ? values : null);
  }, [values, unsaved, onDraft]);

  const store = (saved: MessageTemplate) => {
    queryClient.setQueryData<MessageTemplate[]>(TEMPLATES_KEY, (list) => remember(list, saved));
    setValues({ subject: saved.subject, text: saved.text });
  };

  /** Puts `{{name}}` where the cursor was in the field last used (replacing a selection), and the cursor after it. */
  const insert = (name: string) => {
    const field = lastFocused.current;
    const element = fields[field].current;
    const current = values[field];
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    const token = `{{${name}}}`;
    setValues((v) => ({ ...v, [field]: current.slice(0, start) + token + current.slice(end) }));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = errors.validate(operations['templates.update'].input, { event: template.event, language: template.language, ...values });
    if (!input) return;
    setBusy(true);
    try {
      store(await noc.call('templates.update', input));
      setNotice(t('messages.templates.saved'));
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const unknown = preview.data?.unknown ?? [];
  return (
    <Group align="flex-start" gap="md" wrap="nowrap" data-testid="template-editor" data-event={template.event} data-language={template.language}>
      <form ref={errors.formRef} onSubmit={(e) => void submit(e)} noValidate style={{ flex: 1, minWidth: 0 }}>
        <Stack gap="xs">
          <Group gap="xs">
            <Title order={6}>{eventName}</Title>
            {template.isDefault ? (
              <Badge size="xs" color="gray" variant="light" data-testid="template-default">
                {t('messages.templates.builtIn')}
              </Badge>
            ) : (
              <Badge size="xs" color="orange" variant="light" data-testid="template-edited">
                {t('messages.templates.edited')}
              </Badge>
            )}
          </Group>
          {notice && (
            <Alert color="green" variant="light" py={6} withCloseButton onClose={() => setNotice(null)} data-testid="template-notice">
              {notice}
            </Alert>
          )}
          <FormAlert message={errors.general} testId="template-error" />
          <TextInput
            ref={fields.subject}
            label={t('messages.templates.subject')}
            value={values.subject}
            onChange={(e) => {
              const subject = e.currentTarget.value;
              setValues((v) => ({ ...v, subject }));
            }}
            onFocus={() => (lastFocused.current = 'subject')}
            error={errors.fields['subject']}
            data-testid="template-subject"
          />
          <Textarea
            ref={fields.text}
            label={t('messages.templates.text')}
            value={values.text}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setValues((v) => ({ ...v, text }));
            }}
            onFocus={() => (lastFocused.current = 'text')}
            error={errors.fields['text']}
            autosize
            minRows={6}
            maxRows={12}
            data-testid="template-text"
          />
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              {t('messages.templates.placeholders')}
            </Text>
            <Group gap={4}>
              {template.placeholders.map((name) => (
                <Button
                  key={name}
                  size="compact-xs"
                  variant="light"
                  ff="monospace"
                  // Keeps the cursor in the field: the chip is inserted where it was.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(name)}
                  data-testid={`template-chip-${name}`}
                >
                  {`{{${name}}}`}
                </Button>
              ))}
            </Group>
          </div>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" color="red" disabled={template.isDefault} onClick={() => setConfirming(true)} data-testid="template-reset">
              {t('messages.templates.reset')}
            </Button>
            <Button type="submit" loading={busy} data-testid="template-save">
              {t('messages.templates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Paper withBorder p="sm" bg="gray.0" w={360} style={{ flex: 'none' }} data-testid="template-preview">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
          {t('messages.templates.preview')}
        </Text>
        {preview.isPending ? (
          <Text size="sm" c="dimmed">
            {t('messages.templates.previewLoading')}
          </Text>
        ) : preview.data ? (
          <Stack gap={6}>
            <Text size="sm">
              <Text span size="xs" c="dimmed">
                {t('messages.templates.previewSubject')}:{' '}
              </Text>
              <span data-testid="template-preview-subject">{preview.data.subject}</span>
            </Text>
            <ScrollArea.Autosize mah={300}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview-text">
                {preview.data.text}
              </Text>
            </ScrollArea.Autosize>
            {unknown.length > 0 && (
              <Text size="xs" c="red" fw={500} role="alert" data-testid="template-preview-unknown">
                {t('messages.templates.unknown', { names: unknown.map((name) => `{{${name}}}`).join(', ') })}
              </Text>
            )}
          </Stack>
        ) : (
          <FormAlert message={t('errors.code.INTERNAL')} testId="template-preview-error" />
        )}
      </Paper>
      {confirming && (
        <ConfirmModal
          title={t('messages.templates.resetTitle')}
          text={t('messages.templates.resetText', { event: eventName, language: t(`lang.${template.language}`) })}
          confirmLabel={t('messages.templates.reset')}
          action={async () => store(await noc.call('templates.reset', { event: template.event, language: template.language }))}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false);
            errors.clear();
            setNotice(t('messages.templates.resetDone'));
          }}
          testId="template-reset"
        />
      )}
    </Group>
  );
}
