// The Users screen (admin): search, role filter, paging, and the create / edit / delete modals.
import { Alert, Button, Group, Pagination, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../shared/contract';
import { FormAlert } from '../../forms/FormAlert';
import { messageOf } from '../../forms/errors';
import { useSession } from '../../stores/session';
import { CreateUserModal } from './CreateUserModal';
import { DeleteUserModal } from './DeleteUserModal';
import { EditUserModal } from './EditUserModal';
import { USERS_KEY, useUsersList } from './queries';
import { roleOptions } from './roleOptions';
import { UsersTable } from './UsersTable';

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useSession((s) => s.user);
  const setMe = useSession((s) => s.setUser);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<Role | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = useUsersList({ search: debouncedSearch || undefined, role: role ?? undefined, page, pageSize: PAGE_SIZE });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  const done = (message: string) => {
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: USERS_KEY });
  };

  return (
    <Stack gap="sm" maw={1200}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('common.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={260}
            data-testid="users-search"
          />
          <Select
            aria-label={t('users.roleFilter')}
            placeholder={t('users.allRoles')}
            data={roleOptions(t)}
            value={role}
            onChange={(value) => {
              setRole(value as Role | null);
              setPage(1);
            }}
            clearable
            allowDeselect
            w={180}
            data-testid="users-role-filter"
          />
        </Group>
        <Button onClick={() => setCreating(true)} data-testid="users-new">
          {t('users.newUser')}
        </Button>
      </Group>

      {notice && (
        <Alert color="green" variant="light" py="xs" withCloseButton onClose={() => setNotice(null)} data-testid="users-notice">
          {notice}
        </Alert>
      )}
      <FormAlert message={list.isError ? messageOf(list.error, t) : null} testId="users-error" />

      <Paper withBorder={false} bg="white">
        <UsersTable users={data?.items ?? []} meId={me?.id ?? 0} onEdit={setEditing} onDelete={setDeleting} />
        {data && data.items.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md" data-testid="users-empty">
            {t('users.empty')}
          </Text>
        )}
      </Paper>

      <Group justify="space-between">
        <Text size="xs" c="dimmed" data-testid="users-range">
          {data ? t('pager.range', { from, to, total: data.total }) : ''}
        </Text>
        {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} data-testid="users-pager" />}
      </Group>

      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          done(t('users.created', { name: user.name }));
        }}
      />
      {editing && (
        <EditUserModal
          key={editing.id}
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            if (user.id === me?.id) setMe(user);
            done(t('users.updated', { name: user.name }));
          }}
        />
      )}
      {deleting && (
        <DeleteUserModal
          user={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(user) => {
            setDeleting(null);
            done(t('users.deleted', { name: user.name }));
          }}
        />
      )}
    </Stack>
  );
}
