// The pages of the signed-in app: path, title key, and the contract operation whose roles decide who sees it.
import { matchPath } from 'react-router';
import { mayAccess, operations, type OperationName, type Role } from '../../shared/contract';
import type { TranslationKey } from '../forms/errors';

export interface NavItem {
  path: string;
  title: TranslationKey;
  testId: string;
  /** Shown only to roles that may call this operation (the contract decides, not the UI). */
  requires: OperationName;
  inSidebar: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', title: 'nav.dashboard', testId: 'nav-dashboard', requires: 'auth.me', inSidebar: true },
  { path: '/alerts', title: 'nav.alerts', testId: 'nav-alerts', requires: 'alerts.list', inSidebar: true },
  { path: '/customers', title: 'nav.customers', testId: 'nav-customers', requires: 'customers.list', inSidebar: true },
  { path: '/customers/:id', title: 'nav.customer', testId: 'nav-customer', requires: 'customers.get', inSidebar: false },
  { path: '/subscriptions', title: 'nav.subscriptions', testId: 'nav-subscriptions', requires: 'subscriptions.list', inSidebar: true },
  { path: '/invoices', title: 'nav.invoices', testId: 'nav-invoices', requires: 'invoices.list', inSidebar: true },
  { path: '/invoices/:id', title: 'nav.invoice', testId: 'nav-invoice', requires: 'invoices.get', inSidebar: false },
  { path: '/payments', title: 'nav.payments', testId: 'nav-payments', requires: 'payments.list', inSidebar: true },
  { path: '/billing', title: 'nav.billingRuns', testId: 'nav-billing', requires: 'billing.jobs', inSidebar: true },
  { path: '/outbox', title: 'outbox.nav', testId: 'nav-outbox', requires: 'outbox.list', inSidebar: true },
  { path: '/devices', title: 'nav.devices', testId: 'nav-devices', requires: 'devices.list', inSidebar: true },
  { path: '/events', title: 'eventLog.nav', testId: 'nav-events', requires: 'devices.events', inSidebar: true },
  { path: '/devices/:id', title: 'nav.device', testId: 'nav-device', requires: 'devices.get', inSidebar: false },
  { path: '/map', title: 'map.nav', testId: 'nav-map', requires: 'devices.map', inSidebar: true },
  { path: '/bandwidth', title: 'nav.bandwidth', testId: 'nav-bandwidth', requires: 'bandwidth.top', inSidebar: true },
  { path: '/pollers', title: 'pollers.nav', testId: 'nav-pollers', requires: 'pollers.list', inSidebar: true },
  { path: '/radius', title: 'radius.title', testId: 'nav-radius', requires: 'radius.sessions.list', inSidebar: true },
  { path: '/plans', title: 'nav.plans', testId: 'nav-plans', requires: 'plans.list', inSidebar: true },
  { path: '/users', title: 'nav.users', testId: 'nav-users', requires: 'users.list', inSidebar: true },
  { path: '/settings', title: 'nav.settings', testId: 'nav-settings', requires: 'settings.get', inSidebar: true },
  { path: '/settings/messages', title: 'messages.nav', testId: 'nav-messages', requires: 'channels.list', inSidebar: true },
  { path: '/settings/backups', title: 'backups.title', testId: 'nav-backups', requires: 'backups.list', inSidebar: true },
  { path: '/profile', title: 'nav.profile', testId: 'nav-profile', requires: 'auth.updateProfile', inSidebar: true },
  { path: '/password', title: 'nav.changePassword', testId: 'nav-password', requires: 'auth.changePassword', inSidebar: false },
];

export function mayOpen(item: NavItem, role: Role): boolean {
  return mayAccess(operations[item.requires].access, role);
}

/** The page at `pathname`; a path may have parameters (`/customers/:id`). */
export function navItemOf(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => matchPath(item.path, pathname) !== null);
}

function isAtOrBelow(path: string, pathname: string): boolean {
  return pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * Whether a sidebar entry is the current page or its parent (`/customers` while on `/customers/12`), unless a more
 * specific sidebar entry is (`/settings/backups` is its own entry, not Settings).
 */
export function isCurrent(item: NavItem, pathname: string): boolean {
  if (item.path === '/') return pathname === '/';
  if (!isAtOrBelow(item.path, pathname)) return false;
  return !NAV_ITEMS.some((other) => other.inSidebar && other.path.startsWith(`${item.path}/`) && isAtOrBelow(other.path, pathname));
}
