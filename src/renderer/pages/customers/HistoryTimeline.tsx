// The customer's timeline, newest first: who, when, a sentence per kind, the from → to values and the reason.
import { Badge, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useBusinessDate, useDateTime } from '../../site';
import { ListFooter } from '../../ui/ListFooter';
import { changeLinesOf, headlineOf, reasonText } from './historyText';
import { useCustomerHistory } from './queries';

const PAGE_SIZE = 20;

function dotColor(kind: string): string {
  if (kind.endsWith('.status')) return 'orange';
  if (kind.endsWith('.created') || kind === 'payment.completed') return 'green';
  if (kind === 'invoice.overdue' || kind === 'payment.failed' || kind === 'outage.started') return 'red';
  if (kind === 'outage.ended') return 'green';
  if (kind === 'message.failed') return 'red';
  if (kind === 'message.skipped') return 'orange';
  if (kind === 'message.sent') return 'teal';
  if (kind.endsWith('.deleted')) return 'red';
  return 'blue';
}

export function HistoryTimeline({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const businessDate = useBusinessDate();
  const formats = { date: businessDate, dateTime };
  const [page, setPage] = useState(1);
  const history = useCustomerHistory(customerId, page, PAGE_SIZE);
  const items = history.data?.items ?? [];

  return (
    <Paper withBorder p="md" bg="white">
      <Stack gap="sm">
        <Title order={5}>{t('history.title')}</Title>
        <FormAlert message={history.isError ? messageOf(history.error, t) : null} testId="history-error" />
        {history.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('history.empty')}
          </Text>
        )}
        <Timeline bulletSize={12} lineWidth={2} data-testid="history">
          {items.map((entry) => (
            <Timeline.Item key={entry.id} color={dotColor(entry.kind)} data-testid="history-entry" data-kind={entry.kind}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600} data-testid="history-headline">
                  {headlineOf(entry, t, businessDate)}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="history-meta">
                  {dateTime(entry.at)} · {entry.bySystem ? t('msg.common.system') : entry.actor}
                </Text>
              </Group>
              {changeLinesOf(entry, t, formats).map((line) => (
                <Text key={line.field} size="xs" c="dark.4" data-testid="history-change">
                  {line.field}:{' '}
                  {line.from !== null && (
                    <>
                      <Text span size="xs" td="line-through" c="dimmed">
                        {line.from}
                      </Text>
                      {' → '}
                    </>
                  )}
                  <Text span size="xs" fw={500}>
                    {line.to}
                  </Text>
                </Text>
              ))}
              {entry.reason && (
                <Group gap={6} mt={2}>
                  <Badge variant="outline" color="gray" size="xs">
                    {t('history.reason')}
                  </Badge>
                  <Text size="xs" fs="italic" data-testid="history-reason">
                    {reasonText(entry.reason, t)}
                  </Text>
                </Group>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
        <ListFooter data={history.data} onPage={setPage} testId="history" />
      </Stack>
    </Paper>
  );
}
