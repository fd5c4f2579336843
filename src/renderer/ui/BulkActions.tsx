// Bulk actions on a list: the row selection (a page, or every row matching the filter up to the server's limit),
// the bar that says how many are selected, and the confirmation that states the count and the effect, then shows
// what the server did with each id.
import { Anchor, Button, Checkbox, Group, List, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BULK_MAX, reasonSchema } from '../../shared/contract';
import { fromZodError, messageOf } from '../forms/errors';
import { FormAlert } from '../forms/FormAlert';

const reasonInput = z.object({ reason: reasonSchema });

export interface Selection {
  ids: ReadonlySet<number>;
  has(id: number): boolean;
  toggle(id: number, on: boolean): void;
  setMany(ids: readonly number[], on: boolean): void;
  replace(ids: readonly number[]): void;
  clear(): void;
}

export function useSelection(): Selection {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const setMany = useCallback((many: readonly number[], on: boolean) => {
    setIds((current) => {
      const next = new Set(current);
      for (const id of many) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setIds(new Set()), []);
  return useMemo(
    () => ({
      ids,
      has: (id: number) => ids.has(id),
      toggle: (id: number, on: boolean) => setMany([id], on),
      setMany,
      replace: (many: readonly number[]) => setIds(new Set(many)),
      clear,
    }),
    [ids, setMany, clear],
  );
}

/** The header checkbox of a page of rows: checked when all are selected, mixed when some are. */
export function PageCheckbox({ selection, pageIds, testId }: { selection: Selection; pageIds: readonly number[]; testId: string }) {
  const { t } = useTranslation();
  const selected = pageIds.filter((id) => selection.has(id)).length;
  return (
    <Checkbox
      aria-label={t('bulk.selectPage')}
      checked={pageIds.length > 0 && selected === pageIds.length}
      indeterminate={selected > 0 && selected < pageIds.length}
      onChange={(e) => selection.setMany(pageIds, e.currentTarget.checked)}
      data-testid={testId}
    />
  );
}

interface BarProps {
  selection: Selection;
  /** Rows matching the filter, all pages. */
  total: number;
  /** Every id matching the filter (at most BULK_MAX). */
  loadAllIds(): Promise<number[]>;
  children: ReactNode;
  testId: string;
}

/** Shown while something is selected: the count, "select all N matching", and the actions. */
export function BulkBar({ selection, total, loadAllIds, children, testId }: BarProps) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = selection.ids.size;
  if (count === 0) return null;
  const selectAll = async () => {
    setLoading(true);
    setError(null);
    try {
      selection.replace(await loadAllIds());
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Paper withBorder p={6} px="sm" bg="blue.0" data-testid={testId} data-count={count}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Text size="sm" fw={600} data-testid={`${testId}-count`}>
            {t('bulk.selected', { count })}
          </Text>
          {count < total &&
            (total <= BULK_MAX ? (
              <Anchor component="button" type="button" size="sm" onClick={() => void selectAll()} disabled={loading} data-testid={`${testId}-all`}>
                {t('bulk.selectAllMatching', { count: total })}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {t('bulk.tooMany', { max: BULK_MAX.toLocaleString('id-ID') })}
              </Text>
            ))}
          <Anchor component="button" type="button" size="sm" c="dimmed" onClick={selection.clear} data-testid={`${testId}-clear`}>
            {t('bulk.clear')}
          </Anchor>
        </Group>
        <Group gap="xs">{children}</Group>
      </Group>
      <FormAlert message={error} testId={`${testId}-error`} />
    </Paper>
  );
}

/** A bulk operation's answer: how many were done, and the id and outcome of each. */
export interface BulkResult {
  done: number;
  results: { id: number; outcome: string }[];
}

interface ConfirmProps {
  title: string;
  /** What will happen, with the count in it. */
  text: string;
  count: number;
  /** Ask for a reason (status changes); validated as the operation validates it. */
  withReason?: boolean;
  danger?: boolean;
  /** Runs the operation; returns the result line to show, and the outcomes not done (skipped). */
  run(reason: string): Promise<{ summary: string; skipped?: Record<string, number> }>;
  onClose(): void;
  /** After the result was shown and the modal closed. */
  onDone(): void;
  testId: string;
}

export function BulkConfirmModal({ title, text, count, withReason, danger, run, onClose, onDone, testId }: ConfirmProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ summary: string; skipped?: Record<string, number> } | null>(null);

  const confirm = async () => {
    if (withReason) {
      const checked = reasonInput.safeParse({ reason });
      if (!checked.success) {
        setReasonError(fromZodError(checked.error, t, { reason }).fields['reason'] ?? null);
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await run(reason.trim()));
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const close = () => (result ? onDone() : onClose());
  const skipped = Object.entries(result?.skipped ?? {}).filter(([, n]) => n > 0);

  return (
    <Modal opened onClose={close} title={title} size="md">
      <Stack gap="sm" data-testid={testId} data-count={count}>
        <FormAlert message={error} testId={`${testId}-error`} />
        {result ? (
          <>
            <Text size="sm" fw={600} data-testid={`${testId}-result`}>
              {result.summary}
            </Text>
            {skipped.length > 0 && (
              <List size="sm" data-testid={`${testId}-skipped`}>
                {skipped.map(([outcome, n]) => (
                  <List.Item key={outcome}>{`${t(`bulk.outcome.${outcome as 'notOpen'}`)}: ${n}`}</List.Item>
                ))}
              </List>
            )}
            <Group justify="flex-end">
              <Button onClick={onDone} data-testid={`${testId}-close`}>
                {t('common.close')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm" data-testid={`${testId}-text`}>
              {text}
            </Text>
            {withReason && (
              <Textarea
                label={t('bulk.reason')}
                value={reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setReasonError(null);
                }}
                error={reasonError}
                autosize
                minRows={2}
                data-autofocus
                data-testid={`${testId}-reason`}
              />
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button color={danger ? 'red' : undefined} loading={busy} onClick={() => void confirm()} data-testid={`${testId}-confirm`}>
                {t('bulk.confirm')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** Outcomes other than the done one, counted: what the result lists as skipped. */
export function skippedOf(result: BulkResult, doneOutcome: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of result.results) if (r.outcome !== doneOutcome) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}
