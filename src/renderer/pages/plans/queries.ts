// Server state of plans: the list (all plans fit one page), shared by the Plans screen and the plan selects.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { Plan } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';
import { noc } from '../../api/client';

export const PLANS_KEY = ['plans'] as const;

export function usePlans() {
  return useQuery({
    queryKey: [...PLANS_KEY, 'all'],
    queryFn: () => noc.call('plans.list', { page: 1, pageSize: 200 }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function cycleLabel(cycleMonths: number, t: TFunction): string {
  switch (cycleMonths) {
    case 1:
      return t('plans.cycles.m1');
    case 3:
      return t('plans.cycles.m3');
    case 6:
      return t('plans.cycles.m6');
    case 12:
      return t('plans.cycles.m12');
    default:
      return String(cycleMonths);
  }
}

export function speedLabel(plan: Pick<Plan, 'downloadMbps' | 'uploadMbps'>, t: TFunction): string {
  return t('plans.speed', { down: plan.downloadMbps, up: plan.uploadMbps });
}

/** "Home 20 · 20/10 Mbps · Rp 166.500 / Bulanan": what a plan select shows. */
export function planOptionLabel(plan: Plan, t: TFunction): string {
  return `${plan.name} · ${speedLabel(plan, t)} · ${formatRupiah(plan.price)} / ${cycleLabel(plan.cycleMonths, t)}`;
}
