// Settings → Messages (admins): the channels (WhatsApp, e-mail, Telegram), the sending rules, and the templates.
import { Loader, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useSiteSettings } from '../../site';
import { ChannelCard } from './ChannelCard';
import { MessageRules } from './MessageRules';
import { useChannels } from './queries';
import { TemplatesPanel } from './TemplatesPanel';

type Tab = 'channels' | 'rules' | 'templates';

function ChannelsPanel() {
  const { t } = useTranslation();
  const channels = useChannels();
  if (channels.isPending) return <Loader size="sm" />;
  if (channels.isError) return <FormAlert message={messageOf(channels.error, t)} />;
  return (
    <Stack gap="sm" maw={980}>
      {channels.data.map((channel) => (
        <ChannelCard key={channel.channel} saved={channel} />
      ))}
    </Stack>
  );
}

function RulesPanel() {
  const { t } = useTranslation();
  const settings = useSiteSettings();
  if (settings.isPending) return <Loader size="sm" />;
  if (settings.isError) return <FormAlert message={messageOf(settings.error, t)} />;
  return <MessageRules settings={settings.data} />;
}

export function MessagesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('channels');
  return (
    <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'channels')} keepMounted={false} data-testid="messages-page">
      <Tabs.List mb="sm">
        {(['channels', 'rules', 'templates'] as const).map((one) => (
          <Tabs.Tab key={one} value={one} data-testid={`messages-tab-${one}`}>
            {t(`messages.tabs.${one}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="channels">
        <ChannelsPanel />
      </Tabs.Panel>
      <Tabs.Panel value="rules">
        <RulesPanel />
      </Tabs.Panel>
      <Tabs.Panel value="templates">
        <TemplatesPanel />
      </Tabs.Panel>
    </Tabs>
  );
}
