// The users table: name, email, role, status, last sign-in, created, and row actions.
import { ActionIcon, Badge, Box, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract';
import { useDateTime } from '../../site';
import { StatusBadge } from './StatusBadge';

const ROLE_COLORS = { admin: 'violet', staff: 'blue', technician: 'teal' } as const;

function PencilIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />
    </svg>
  );
}

interface Props {
  users: User[];
  meId: number;
  onEdit(user: User): void;
  onDelete(user: User): void;
}

export function UsersTable({ users, meId, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table striped highlightOnHover withTableBorder data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('fields.role')}</Table.Th>
            <Table.Th>{t('fields.status')}</Table.Th>
            <Table.Th>{t('fields.lastLogin')}</Table.Th>
            <Table.Th>{t('fields.createdAt')}</Table.Th>
            <Table.Th w={80} ta="right">
              {t('common.actions')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
              <Table.Td fw={500}>
                {user.name}
                {user.id === meId && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    ({t('users.you')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                <Badge color={ROLE_COLORS[user.role]} variant="outline">
                  {t(`roles.${user.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <StatusBadge user={user} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(user.lastLoginAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(user.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t('common.edit')} withArrow>
                    <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(user)} aria-label={t('common.edit')} data-testid="user-edit">
                      <PencilIcon />
                    </ActionIcon>
                  </Tooltip>
                  {user.id === meId ? (
                    <Box w={28} aria-hidden />
                  ) : (
                    <Tooltip label={t('common.delete')} withArrow>
                      <ActionIcon variant="subtle" color="red" onClick={() => onDelete(user)} aria-label={t('common.delete')} data-testid="user-delete">
                        <TrashIcon />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
