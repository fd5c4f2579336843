// The routed pages, each loaded as its own chunk on first use: the first screen downloads the frame and the page it
// shows, not the whole app. A new page adds one line here and one entry in nav.ts.
import { use, type ComponentType } from 'react';
import { navItemOf } from './nav';

export interface LazyPage {
  Component: ComponentType;
  /** Starts loading the chunk (a hovered link, the page of the address at start); the same promise every time. */
  preload(): Promise<ComponentType>;
}

function page(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | null = null;
  let loaded: ComponentType | null = null;
  const preload = () => {
    // A failed load (server gone for a moment) must be retried on the next visit, not remembered.
    loading ??= load().then(
      (Component) => (loaded = Component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  // Not React.lazy: that suspends once even when the chunk is already here, and React holds a revealed Suspense
  // boundary back for up to 300 ms. A page preloaded alongside the session check renders in the first pass.
  function LazyPage() {
    const Page = loaded ?? use(preload());
    return <Page />;
  }
  return { Component: LazyPage, preload };
}

export const PAGES: Record<string, LazyPage> = {
  '/': page(() => import('../pages/dashboard/DashboardPage').then((m) => m.DashboardPage)),
  '/alerts': page(() => import('../pages/alerts/AlertsPage').then((m) => m.AlertsPage)),
  '/customers': page(() => import('../pages/customers/CustomersPage').then((m) => m.CustomersPage)),
  '/customers/:id': page(() => import('../pages/customers/CustomerDetailPage').then((m) => m.CustomerDetailPage)),
  '/subscriptions': page(() => import('../pages/subscriptions/SubscriptionsPage').then((m) => m.SubscriptionsPage)),
  '/invoices': page(() => import('../pages/billing/InvoicesPage').then((m) => m.InvoicesPage)),
  '/invoices/:id': page(() => import('../pages/billing/InvoiceDetailPage').then((m) => m.InvoiceDetailPage)),
  '/payments': page(() => import('../pages/billing/PaymentsPage').then((m) => m.PaymentsPage)),
  '/billing': page(() => import('../pages/billing/BillingRunsPage').then((m) => m.BillingRunsPage)),
  '/outbox': page(() => import('../pages/outbox/OutboxPage').then((m) => m.OutboxPage)),
  '/devices': page(() => import('../pages/devices/DevicesPage').then((m) => m.DevicesPage)),
  '/devices/:id': page(() => import('../pages/devices/DeviceDetailPage').then((m) => m.DeviceDetailPage)),
  '/events': page(() => import('../pages/events/EventLogPage').then((m) => m.EventLogPage)),
  '/map': page(() => import('../pages/map/MapPage').then((m) => m.MapPage)),
  '/bandwidth': page(() => import('../pages/bandwidth/BandwidthPage').then((m) => m.BandwidthPage)),
  '/pollers': page(() => import('../pages/pollers/PollersPage').then((m) => m.PollersPage)),
  '/radius': page(() => import('../pages/radius/RadiusPage').then((m) => m.RadiusPage)),
  '/plans': page(() => import('../pages/plans/PlansPage').then((m) => m.PlansPage)),
  '/users': page(() => import('../pages/users/UsersPage').then((m) => m.UsersPage)),
  '/settings': page(() => import('../pages/settings/SettingsPage').then((m) => m.SettingsPage)),
  '/settings/messages': page(() => import('../pages/messaging/MessagesPage').then((m) => m.MessagesPage)),
  '/settings/backups': page(() => import('../pages/backups/BackupsPage').then((m) => m.BackupsPage)),
  '/profile': page(() => import('../pages/profile/ProfilePage').then((m) => m.ProfilePage)),
  '/password': page(() => import('../pages/profile/ChangePasswordPage').then((m) => m.ChangePasswordPage)),
};

/** Starts loading the page of a route (`/customers/:id`); a failure shows when the page itself is opened. */
export function preloadPage(path: string): Promise<unknown> {
  return PAGES[path]?.preload().catch(() => undefined) ?? Promise.resolve();
}

/** Starts loading the page shown at `pathname` (an address like `/customers/12`); unknown addresses load nothing. */
export function preloadPageAt(pathname: string): Promise<unknown> {
  const item = navItemOf(pathname);
  return item ? preloadPage(item.path) : Promise.resolve();
}
