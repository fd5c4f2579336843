// Live alert UI state: rows just created or changed (highlighted for a moment) and the toasts of new critical alerts.
import { create } from 'zustand';
import type { Alert } from '../../shared/contract';

const FRESH_MS = 3000;
const TOAST_MS = 10_000;
const MAX_TOASTS = 4;

interface AlertsLive {
  /** Ids of alerts created or changed in the last few seconds. */
  fresh: Record<number, true>;
  toasts: Alert[];
  markFresh(id: number): void;
  toast(alert: Alert): void;
  dismiss(id: number): void;
  reset(): void;
}

export const useAlertsLive = create<AlertsLive>()((set) => ({
  fresh: {},
  toasts: [],
  markFresh(id) {
    set((s) => ({ fresh: { ...s.fresh, [id]: true } }));
    setTimeout(() => {
      set((s) => {
        const fresh = { ...s.fresh };
        delete fresh[id];
        return { fresh };
      });
    }, FRESH_MS);
  },
  toast(alert) {
    // Newest on top; a storm shows the latest few, the badge tells the rest.
    set((s) => ({ toasts: [alert, ...s.toasts.filter((a) => a.id !== alert.id)].slice(0, MAX_TOASTS) }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((a) => a.id !== alert.id) })), TOAST_MS);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((a) => a.id !== id) }));
  },
  reset() {
    set({ fresh: {}, toasts: [] });
  },
}));
