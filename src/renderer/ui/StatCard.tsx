// One figure on a strip of cards (dashboard, payments, invoices aging): a label, the value, an optional hint, and a
// coloured stripe. The value never wraps, so "Rp" stays with its amount; a long label wraps instead.
import { Paper, Text, UnstyledButton, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatRupiah } from '../../shared/money';

interface Props {
  label: ReactNode;
  /** A count or text; for money give `amount` instead. Absent while loading ("–"), unless children stand in. */
  value?: ReactNode;
  /** Whole Rupiah, shown as "Rp 1.250.000" and kept in data-value for tests and tools. */
  amount?: number;
  hint?: ReactNode;
  /** The stripe, and the tint when `tinted`. */
  color?: MantineColor;
  valueColor?: string;
  tinted?: boolean;
  size?: 'sm' | 'md' | 'lg';
  onClick?(): void;
  testId: string;
  /** Extra attributes on the card (e.g. data-count). */
  data?: Record<`data-${string}`, string | number>;
  children?: ReactNode;
}

const VALUE_SIZE = { sm: 16, md: 20, lg: 30 } as const;

export function StatCard({ label, value, amount, hint, color = 'blue', valueColor, tinted, size = 'md', onClick, testId, data, children }: Props) {
  const shown = amount !== undefined ? formatRupiah(amount) : value;
  const card = (
    <Paper
      withBorder
      p={size === 'sm' ? 'xs' : 'sm'}
      bg={tinted ? `${color}.0` : 'white'}
      h="100%"
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)`, minWidth: 0 }}
      data-testid={onClick ? undefined : testId}
      data-value={onClick ? undefined : amount}
      {...(onClick ? {} : data)}
    >
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      {(shown !== undefined || !children) && (
        <Text fz={VALUE_SIZE[size]} fw={700} lh={1.3} ff={amount !== undefined ? 'monospace' : undefined} c={valueColor} style={{ whiteSpace: 'nowrap' }} data-testid={`${testId}-value`}>
          {shown ?? '–'}
        </Text>
      )}
      {hint !== undefined && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
  if (!onClick) return card;
  return (
    <UnstyledButton onClick={onClick} h="100%" display="block" data-testid={testId} data-value={amount} {...data}>
      {card}
    </UnstyledButton>
  );
}
