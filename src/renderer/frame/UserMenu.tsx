// The user menu in the header: who is signed in, Profile, Change password, Sign out.
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { User } from '../../shared/contract';
import { useSession } from '../stores/session';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useSession((s) => s.logout);
  return (
    <Menu position="bottom-end" width={220} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.userMenu')} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="blue">
              {initialsOf(user.name)}
            </Avatar>
            <div style={{ lineHeight: 1.1 }}>
              <Text size="sm" fw={500} data-testid="user-menu-name">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" data-testid="user-menu-role">
                {t(`roles.${user.role}`)}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item onClick={() => void navigate('/profile')} data-testid="menu-profile">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item onClick={() => void navigate('/password')} data-testid="menu-password">
          {t('nav.changePassword')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          onClick={() => {
            void navigate('/');
            void logout();
          }}
          data-testid="menu-signout"
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
