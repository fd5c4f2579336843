// The template editor: the events (to customers, to the team) on the left, the language tabs and one template's
// editor with its preview on the right.
import { Badge, Group, Loader, NavLink, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_EVENTS, TEAM_EVENTS, type Language, type MessageEvent } from '../../../shared/contract';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useLanguage } from '../../site';
import { useTemplates } from './queries';
import { TemplateEditor, type TemplateDraft } from './TemplateEditor';

const GROUPS = [
  { title: 'messages.templates.customer', events: CUSTOMER_EVENTS },
  { title: 'messages.templates.team', events: TEAM_EVENTS },
] as const;

export function TemplatesPanel() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [event, setEvent] = useState<MessageEvent>('invoiceIssued');
  const [language, setLanguage] = useState<Language>(useLanguage());
  // Unsaved edits by `event:language`, kept while the admin looks at another template.
  const drafts = useRef(new Map<string, TemplateDraft>());
  const key = `${event}:${language}`;
  const keepDraft = useCallback(
    (draft: TemplateDraft | null) => {
      if (draft) drafts.current.set(key, draft);
      else drafts.current.delete(key);
    },
    [key],
  );
  if (templates.isPending) return <Loader size="sm" />;
  if (templates.isError) return <FormAlert message={messageOf(templates.error, t)} />;
  const edited = (e: MessageEvent, l?: Language) => templates.data.some((one) => one.event === e && (l === undefined || one.language === l) && !one.isDefault);
  const template = templates.data.find((one) => one.event === event && one.language === language);

  return (
    <Group align="flex-start" gap="md" wrap="nowrap" data-testid="templates">
      <Paper withBorder py={4} w={220} style={{ flex: 'none' }}>
        {GROUPS.map((group) => (
          <Stack key={group.title} gap={0} mb={4}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={6} pb={2}>
              {t(group.title)}
            </Text>
            {group.events.map((one) => (
              <NavLink
                key={one}
                active={one === event}
                label={t(`messages.events.${one}`)}
                rightSection={edited(one) ? <Badge size="xs" color="orange" variant="dot">{t('messages.templates.edited')}</Badge> : null}
                onClick={() => setEvent(one)}
                py={4}
                data-testid={`template-event-${one}`}
              />
            ))}
          </Stack>
        ))}
      </Paper>
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <Tabs value={language} onChange={(value) => setLanguage(value === 'en' ? 'en' : 'id')}>
          <Tabs.List>
            {(['id', 'en'] as const).map((l) => (
              <Tabs.Tab key={l} value={l} rightSection={edited(event, l) ? <Badge size="xs" color="orange" variant="dot" /> : null} data-testid={`template-lang-${l}`}>
                {t(`lang.${l}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {template && <TemplateEditor key={key} template={template} draft={drafts.current.get(key)} onDraft={keepDraft} />}
      </Stack>
    </Group>
  );
}
