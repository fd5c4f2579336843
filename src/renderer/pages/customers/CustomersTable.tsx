// The customers table: sortable code, name, status and registered columns; a row opens the customer; with a
// selection, a checkbox per row for the bulk actions. Long names, e-mails and addresses end in an ellipsis with the
// whole text as a title, so the table fits 1366 px.
import { Anchor, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '../../../shared/contract';
import { useDateTime } from '../../site';
import type { CustomerSort } from '../../stores/customers';
import { PageCheckbox, type Selection } from '../../ui/BulkActions';
import { SortIcon } from '../../ui/icons';
import { TableHeading } from '../../ui/TableHeading';
import { CustomerStatusBadge } from './StatusBadges';

interface Props {
  customers: Customer[];
  sort: CustomerSort;
  order: 'asc' | 'desc';
  onSort(sort: CustomerSort): void;
  selection?: Selection;
}

function SortHeader({ column, label, second, sort, order, onSort }: { column: CustomerSort; label: string; second?: string } & Omit<Props, 'customers' | 'selection'>) {
  const { t } = useTranslation();
  const direction = sort === column ? order : null;
  return (
    <Table.Th aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSort(column)} aria-label={t('customers.sortBy', { column: label })} data-testid={`customers-sort-${column}`}>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={700}>
            {second ? <TableHeading main={label} second={second} /> : label}
          </Text>
          <SortIcon direction={direction} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function Cell({ children }: { children: ReactNode }) {
  return <Table.Td style={{ whiteSpace: 'nowrap' }}>{children}</Table.Td>;
}

export function CustomersTable({ customers, sort, order, onSort, selection }: Props) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const header = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table striped highlightOnHover withTableBorder horizontalSpacing={8} data-testid="customers-table">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={32}>
                <PageCheckbox selection={selection} pageIds={customers.map((c) => c.id)} testId="customers-select-page" />
              </Table.Th>
            )}
            <SortHeader column="code" label={t('billingFields.code')} {...header} />
            <SortHeader column="name" label={t('billingFields.name')} second={t('billingFields.address')} {...header} />
            <Table.Th>
              <TableHeading main={t('billingFields.phone')} second={t('billingFields.email')} />
            </Table.Th>
            <SortHeader column="status" label={t('billingFields.status')} {...header} />
            <SortHeader column="createdAt" label={t('billingFields.createdAt')} {...header} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.map((customer) => (
            <Table.Tr key={customer.id} data-testid={`customer-row-${customer.code}`}>
              {selection && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('bulk.selectRow', { name: customer.name })}
                    checked={selection.has(customer.id)}
                    onChange={(e) => selection.toggle(customer.id, e.currentTarget.checked)}
                    data-testid="customer-select"
                  />
                </Table.Td>
              )}
              <Cell>
                <Anchor component={Link} to={`/customers/${customer.id}`} size="sm" ff="monospace" data-testid="customer-open">
                  {customer.code}
                </Anchor>
              </Cell>
              {/* The name column takes the width the others leave (w 100%); its text adds nothing to the table's own width
                  (width 0, min-width 100%), so a long name is cut at the column's edge, not at a fixed 360 px. */}
              <Table.Td fw={500} w="100%">
                <div style={{ width: 0, minWidth: '100%' }}>
                  <Anchor component={Link} to={`/customers/${customer.id}`} size="sm" c="dark" fw={500} display="block" truncate="end" title={customer.name}>
                    {customer.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" truncate="end" title={customer.address || undefined} data-testid="customer-address">
                    {customer.address || t('common.none')}
                  </Text>
                </div>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {customer.phone}
                </Text>
                <Text size="xs" c="dimmed" maw={240} truncate="end" title={customer.email ?? undefined}>
                  {customer.email ?? t('common.none')}
                </Text>
              </Table.Td>
              <Cell>
                <CustomerStatusBadge status={customer.status} />
              </Cell>
              <Cell>{dateTime(customer.createdAt)}</Cell>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
