// The line under a paged table: "1–25 of 130" and the pager.
import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  data: { total: number; page: number; pageSize: number } | undefined;
  onPage(page: number): void;
  testId: string;
}

export function ListFooter({ data, onPage, testId }: Props) {
  const { t } = useTranslation();
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, data.page * data.pageSize) : 0;
  return (
    <Group justify="space-between">
      <Text size="xs" c="dimmed" data-testid={`${testId}-range`}>
        {data ? t('pager.range', { from, to, total: data.total }) : ''}
      </Text>
      {pages > 1 && <Pagination size="sm" total={pages} value={data?.page ?? 1} onChange={onPage} data-testid={`${testId}-pager`} />}
    </Group>
  );
}
