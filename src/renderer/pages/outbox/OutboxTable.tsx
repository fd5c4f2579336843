// The outbox as a dense table: time, channel, audience, event, recipient, status, reason, attempts; a row opens to
// the full text, the subject and the gateway's answer. Resend (stopped messages) and cancel (queued) ask first.
import { Anchor, Badge, Box, Button, Code, Group, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutboxMessage } from '../../../shared/contract';
import { noc } from '../../api/client';
import { useDateTime } from '../../site';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { channelText, eventText, isFinalReason, mayResend, OUTBOX_STATUS_COLORS, reasonText, recipientLabel } from './text';

interface Props {
  messages: OutboxMessage[];
  onNotice(message: string): void;
  onChanged(): void;
}

type Dialog = { kind: 'resend' | 'cancel'; message: OutboxMessage };

const COLUMNS = 9;

function Details({ m }: { m: OutboxMessage }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Stack gap="xs" p="xs" data-testid="outbox-details">
      <Group gap="lg" wrap="wrap">
        <Text size="xs" c="dimmed">
          #{m.id} · {m.recipient} · {t('outbox.language', { language: t(`lang.${m.language}`) })}
        </Text>
        {m.attachment && (
          <Text size="xs" c="dimmed">
            {t(`outbox.attachment.${m.attachment}`)}
          </Text>
        )}
        {m.lastAttemptAt && (
          <Text size="xs" c="dimmed">
            {t('outbox.lastAttempt')}: {dateTime(m.lastAttemptAt)}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Stack gap={4} miw={0}>
          {m.subject !== null && (
            <Text size="sm" data-testid="outbox-subject">
              <Text span size="xs" c="dimmed" tt="uppercase" fw={600} mr={6}>
                {t('outbox.subject')}
              </Text>
              {m.subject}
            </Text>
          )}
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('outbox.text')}
          </Text>
          <Box p="xs" bg="gray.0" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderRadius: 4, fontSize: 13 }} data-testid="outbox-text">
            {m.text}
          </Box>
        </Stack>
        <Stack gap={4} miw={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('outbox.answer')}
          </Text>
          {m.answer ? (
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 220, overflowY: 'auto' }} data-testid="outbox-answer">
              {m.answer}
            </Code>
          ) : (
            <Text size="sm" c="dimmed" data-testid="outbox-answer">
              {t('outbox.noAnswer')}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

export function OutboxTable({ messages, onNotice, onChanged }: Props) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <>
      <Table.ScrollContainer minWidth={980} type="native">
        <Table highlightOnHover withTableBorder horizontalSpacing={8} fz={13} data-testid="outbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28} />
              <Table.Th>{t('outbox.col.time')}</Table.Th>
              <Table.Th>{t('outbox.col.channel')}</Table.Th>
              <Table.Th>{t('outbox.col.event')}</Table.Th>
              <Table.Th>{t('outbox.col.recipient')}</Table.Th>
              <Table.Th>{t('outbox.col.status')}</Table.Th>
              <Table.Th>{t('outbox.col.reason')}</Table.Th>
              <Table.Th ta="right" title={t('outbox.col.attempts')}>
                {t('outbox.col.attemptsShort')}
              </Table.Th>
              <Table.Th ta="right">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {messages.map((m) => {
              const expanded = open.has(m.id);
              const label = recipientLabel(m, t);
              return (
                <Fragment key={m.id}>
                  <Table.Tr data-testid="outbox-row" data-outbox-id={m.id} data-status={m.status} data-reason={m.reason ?? ''} bg={expanded ? 'blue.0' : undefined}>
                    <Table.Td>
                      <UnstyledButton onClick={() => toggle(m.id)} aria-expanded={expanded} aria-label={expanded ? t('outbox.hideDetails') : t('outbox.details')} title={expanded ? t('outbox.hideDetails') : t('outbox.details')} c="dimmed" fz={12} px={4} data-testid="outbox-toggle">
                        {expanded ? '▾' : '▸'}
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(m.createdAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fz={13}>
                        {channelText(m.channel, t)}
                      </Text>
                      <Text size="xs" c="dimmed" data-testid="outbox-audience">
                        {t(`outbox.audiences.${m.audience}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={200}>
                      <Text size="sm" fz={13} truncate="end" data-testid="outbox-event">
                        {eventText(m.event, t)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={230}>
                      {m.customerId !== null ? (
                        <Anchor component={Link} to={`/customers/${m.customerId}`} size="sm" fz={13} truncate="end" display="block" data-testid="outbox-customer-link">
                          {label}
                        </Anchor>
                      ) : (
                        <Text size="sm" fz={13} truncate="end">
                          {label}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={m.recipient}>
                        {m.recipient}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={OUTBOX_STATUS_COLORS[m.status]} variant={m.status === 'queued' ? 'outline' : 'light'} size="sm" data-testid="outbox-status">
                        {t(`outbox.statuses.${m.status}`)}
                      </Badge>
                      {m.status === 'queued' && (
                        <Text size="xs" c="dimmed" data-testid="outbox-next-try">
                          {t(m.attempts > 0 ? 'outbox.retryAt' : 'outbox.nextTry', { time: dateTime(m.notBefore) })}
                        </Text>
                      )}
                      {m.status === 'sent' && m.sentAt && (
                        <Text size="xs" c="dimmed">
                          {t('outbox.sentAt', { time: dateTime(m.sentAt) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td maw={240}>
                      <Text size="sm" fz={13} c={m.status === 'failed' ? 'red.8' : m.status === 'skipped' ? 'orange.9' : undefined} data-testid="outbox-reason">
                        {m.reason ? reasonText(m.reason, t, m.attempts) : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" c={m.attempts > 0 ? undefined : 'dimmed'} data-testid="outbox-attempts">
                      {m.attempts}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {mayResend(m) && (
                          <Button size="compact-xs" variant="light" onClick={() => setDialog({ kind: 'resend', message: m })} data-testid="outbox-resend">
                            {t('outbox.resend')}
                          </Button>
                        )}
                        {m.status === 'queued' && (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'cancel', message: m })} data-testid="outbox-cancel">
                            {t('outbox.cancel')}
                          </Button>
                        )}
                        {isFinalReason(m.reason) && (
                          <Text size="xs" c="dimmed" title={t('outbox.noResend', { reason: reasonText(m.reason ?? '', t) })}>
                            —
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr data-testid="outbox-details-row">
                      <Table.Td colSpan={COLUMNS} bg="white">
                        <Details m={m} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dialog && (
        <ConfirmModal
          title={t(dialog.kind === 'resend' ? 'outbox.resendTitle' : 'outbox.cancelTitle', { id: dialog.message.id })}
          text={t(dialog.kind === 'resend' ? 'outbox.resendText' : 'outbox.cancelText', { event: eventText(dialog.message.event, t), recipient: recipientLabel(dialog.message, t) })}
          confirmLabel={t(dialog.kind === 'resend' ? 'outbox.resend' : 'outbox.cancel')}
          action={() => noc.call(dialog.kind === 'resend' ? 'outbox.resend' : 'outbox.cancel', { id: dialog.message.id })}
          onClose={() => setDialog(null)}
          onDone={() => {
            onNotice(t(dialog.kind === 'resend' ? 'outbox.resent' : 'outbox.cancelledNotice', { id: dialog.message.id }));
            setDialog(null);
            onChanged();
          }}
          testId={`outbox-${dialog.kind}`}
        />
      )}
    </>
  );
}
