// The signed-in frame: sidebar, header (page title, open-alert badge, language, user menu), the routed pages and alert toasts.
import { AppShell, Burger, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import type { Role } from '../../shared/contract';
import { AlertsPage } from '../pages/alerts/AlertsPage';
import { BackupsPage } from '../pages/backups/BackupsPage';
import { BandwidthPage } from '../pages/bandwidth/BandwidthPage';
import { BillingRunsPage } from '../pages/billing/BillingRunsPage';
import { InvoiceDetailPage } from '../pages/billing/InvoiceDetailPage';
import { InvoicesPage } from '../pages/billing/InvoicesPage';
import { PaymentsPage } from '../pages/billing/PaymentsPage';
import { CustomerDetailPage } from '../pages/customers/CustomerDetailPage';
import { CustomersPage } from '../pages/customers/CustomersPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { DeviceDetailPage } from '../pages/devices/DeviceDetailPage';
import { DevicesPage } from '../pages/devices/DevicesPage';
import { ForbiddenPage, NotFoundPage } from '../pages/errors/ErrorPages';
import { ChangePasswordPage } from '../pages/profile/ChangePasswordPage';
import { PlansPage } from '../pages/plans/PlansPage';
import { ProfilePage } from '../pages/profile/ProfilePage';
import { RadiusPage } from '../pages/radius/RadiusPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { SubscriptionsPage } from '../pages/subscriptions/SubscriptionsPage';
import { UsersPage } from '../pages/users/UsersPage';
import { useSession } from '../stores/session';
import './frame.css';
import { AlertBadge } from './AlertBadge';
import { AlertToasts } from './AlertToasts';
import { HealthBanner } from './HealthBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { mayOpen, NAV_ITEMS, navItemOf } from './nav';
import { Sidebar } from './Sidebar';
import { UserMenu } from './UserMenu';
import { useLanguageSync, useLiveEvents } from './useLiveSync';

const PAGES: Record<string, ComponentType> = {
  '/': DashboardPage,
  '/alerts': AlertsPage,
  '/customers': CustomersPage,
  '/customers/:id': CustomerDetailPage,
  '/subscriptions': SubscriptionsPage,
  '/invoices': InvoicesPage,
  '/invoices/:id': InvoiceDetailPage,
  '/payments': PaymentsPage,
  '/billing': BillingRunsPage,
  '/devices': DevicesPage,
  '/devices/:id': DeviceDetailPage,
  '/bandwidth': BandwidthPage,
  '/radius': RadiusPage,
  '/plans': PlansPage,
  '/users': UsersPage,
  '/settings': SettingsPage,
  '/settings/backups': BackupsPage,
  '/profile': ProfilePage,
  '/password': ChangePasswordPage,
};

function Guarded({ path, role }: { path: string; role: Role }) {
  const item = NAV_ITEMS.find((candidate) => candidate.path === path);
  const Page = PAGES[path];
  if (!item || !Page) return <NotFoundPage />;
  return mayOpen(item, role) ? <Page /> : <ForbiddenPage />;
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
        <HealthBanner />
        <Routes>
          {NAV_ITEMS.map((item) => (
            <Route key={item.path} path={item.path} element={<Guarded path={item.path} role={user.role} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </AppShell.Main>
      <AlertToasts />
    </AppShell>
  );
}
