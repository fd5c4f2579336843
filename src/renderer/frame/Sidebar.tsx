// The left sidebar: brand and the pages the signed-in role may use.
import { Box, NavLink, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../shared/contract';
import { isCurrent, mayOpen, NAV_ITEMS } from './nav';
import { preloadPage } from './pages';
import { prefetchPageData } from './startData';

export function Sidebar({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => item.inSidebar && mayOpen(item, role));
  const queryClient = useQueryClient();
  const prepare = (path: string) => {
    void preloadPage(path);
    void prefetchPageData(queryClient, path);
  };
  return (
    <Stack gap={0} h="100%">
      <Box px="md" h={52} style={{ borderBottom: '1px solid var(--mantine-color-dark-5)', display: 'flex', flexDirection: 'column', justifyContent: 'center' }}>
        <Text fw={700} size="md" c="white" lh={1.2}>
          {t('app.name')}
        </Text>
        <Text size="xs" c="gray.5" truncate>
          {t('app.tagline')}
        </Text>
      </Box>
      {/* 20 pages for an admin do not fit 768 px at full height: denser rows, and the list scrolls on a short screen. */}
      <Box component="nav" aria-label={t('nav.mainMenu')} p="xs" style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="sidebar">
        {items.map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={t(item.title)}
            active={isCurrent(item, pathname)}
            onClick={onNavigate}
            // The page's chunk and data start loading while the pointer is on its way to the click.
            onMouseEnter={() => prepare(item.path)}
            onFocus={() => prepare(item.path)}
            variant="filled"
            color="blue.7"
            c={isCurrent(item, pathname) ? undefined : 'gray.3'}
            py={6}
            styles={{ root: { borderRadius: 4 }, label: { fontSize: 13, fontWeight: 500 } }}
            data-testid={item.testId}
          />
        ))}
      </Box>
    </Stack>
  );
}
