// Billing test fixtures: a plan, customers and subscriptions made through the real services.
import type { Core } from '../src/main/core';

export const admin = { id: null, name: 'system-test', role: 'system' as const };

export async function plan(core: Core, name = 'Home 20', price = 150_000, cycleMonths = 1) {
  return core.plans.create(admin, { name, downloadMbps: 20, uploadMbps: 10, price, cycleMonths, description: '', active: true });
}

let phone = 0;
export async function subscriber(core: Core, planId: number, startDate: string, extra: { autoRenew?: boolean; priceOverride?: number | null; overrideReason?: string | null; billingAnchorDay?: number } = {}) {
  phone++;
  const customer = await core.customers.create(admin, {
    name: `Pelanggan ${phone}`,
    phone: `+62812${String(55_000_000 + phone)}`,
    email: null,
    address: `Jl. Uji ${phone}`,
    latitude: null,
    longitude: null,
    notes: '',
    status: 'pending',
  });
  const subscription = await core.subscriptions.create(admin, {
    customerId: customer.id,
    planId,
    startDate,
    billingAnchorDay: extra.billingAnchorDay,
    autoRenew: extra.autoRenew ?? true,
    priceOverride: extra.priceOverride ?? null,
    overrideReason: extra.overrideReason ?? null,
    serviceNote: '',
  });
  return { customer, subscription };
}

export async function invoicesOf(core: Core, subscriptionId: number) {
  return (await core.invoices.list({ subscriptionId, page: 1, pageSize: 200 })).items.sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}
