// The signed-in frame: sidebar, header (page title, open-alert badge, language, user menu), the connection and health
// banners, the routed pages and alert toasts.
import { AppShell, Burger, Center, Group, Loader, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import type { Role } from '../../shared/contract';
import { ForbiddenPage, NotFoundPage } from '../pages/errors/ErrorPages';
import { useSession } from '../stores/session';
import './frame.css';
import { AlertBadge } from './AlertBadge';
import { AlertToasts } from './AlertToasts';
import { ConnectionBanner } from './ConnectionBanner';
import { HealthBanner } from './HealthBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { mayOpen, NAV_ITEMS, navItemOf } from './nav';
import { PAGES } from './pages';
import { Sidebar } from './Sidebar';
import { UserMenu } from './UserMenu';
import { useLanguageSync, useLiveEvents } from './useLiveSync';

function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center h={160} aria-label={t('app.loading')} data-testid="page-loading">
      <Loader size="sm" />
    </Center>
  );
}

function Guarded({ path, role }: { path: string; role: Role }) {
  const item = NAV_ITEMS.find((candidate) => candidate.path === path);
  const page = PAGES[path];
  if (!item || !page) return <NotFoundPage />;
  return mayOpen(item, role) ? <page.Component /> : <ForbiddenPage />;
}

export function AppFrame() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const token = useSession((s) => s.token);
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useLiveEvents(token);
  useLanguageSync(user?.language ?? null);
  if (!user) return null;
  const current = navItemOf(pathname);

  return (
    <AppShell
      layout="alt"
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
      className="nocman-shell"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.mainMenu')} />
            <Title order={4} fw={600} data-testid="page-title">
              {current ? t(current.title) : t('notFound.title')}
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            <AlertBadge />
            <LanguageSwitch />
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar bg="dark.7" withBorder={false}>
        <Sidebar role={user.role} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        <HealthBanner />
        {/* The header and sidebar stay while a page's chunk loads; only the page area waits. */}
        <Suspense fallback={<PageLoading />}>
          <Routes>
            {NAV_ITEMS.map((item) => (
              <Route key={item.path} path={item.path} element={<Guarded path={item.path} role={user.role} />} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </AppShell.Main>
      <AlertToasts />
    </AppShell>
  );
}
