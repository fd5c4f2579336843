// The head of a record's page (invoice, customer): the way back, the record's name with its badges, a subtitle,
// the actions on the right, and the key facts below (children).
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  back: { to: string; label: string; testId: string };
  title: ReactNode;
  titleTestId: string;
  /** A code shown dimmed before the title (e.g. the customer number). */
  prefix?: ReactNode;
  mono?: boolean;
  /** A voided record's name is struck through. */
  struck?: boolean;
  badges?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

export function DetailHeader({ back, title, titleTestId, prefix, mono, struck, badges, subtitle, actions, children }: Props) {
  return (
    <>
      <Anchor component={Link} to={back.to} size="sm" data-testid={back.testId}>
        ← {back.label}
      </Anchor>
      <Paper withBorder p="md" bg="white">
        <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="sm" wrap="wrap">
              {prefix}
              <Title order={3} fw={600} ff={mono ? 'monospace' : undefined} td={struck ? 'line-through' : undefined} data-testid={titleTestId}>
                {title}
              </Title>
              {badges}
            </Group>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
          {actions && <Group gap="xs">{actions}</Group>}
        </Group>
        {children}
      </Paper>
    </>
  );
}

/** One fact under the header: a small caps label and its value. */
export function DetailField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
