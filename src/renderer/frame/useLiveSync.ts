// Keeps the signed-in app in step: UI language (user, then site) and live events (settings, users, alerts, billing, backups, outbox, pollers) into the query cache.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventPayload, Language } from '../../shared/contract';
import { noc } from '../api/client';
import { applyLanguage } from '../i18n';
import { SETTINGS_KEY, useSiteSettings } from '../site';
import { alertEventHandler } from '../pages/alerts/live';
import { backupEventHandler } from '../pages/backups/live';
import { billingEventHandler } from '../pages/billing/live';
import { deviceEventHandler } from '../pages/devices/live';
import { outboxEventHandler } from '../pages/outbox/live';
import { refreshPollers } from '../pages/pollers/queries';
import { USERS_KEY } from '../pages/users/queries';
import { useSession } from '../stores/session';
import { BANDWIDTH_KEY } from '../pages/bandwidth/queries';

/** The user's own language wins; otherwise the site's default. */
export function useLanguageSync(userLanguage: Language | null): void {
  const { data: settings } = useSiteSettings();
  const language = userLanguage ?? settings?.language;
  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);
}

export function useLiveEvents(token: string | null): void {
  const queryClient = useQueryClient();
  const setUser = useSession((s) => s.setUser);
  const myId = useSession((s) => s.user?.id);
  useEffect(() => {
    if (!token) return undefined;
    const alerts = alertEventHandler(queryClient);
    const billing = billingEventHandler(queryClient);
    const devices = deviceEventHandler(queryClient);
    const backups = backupEventHandler(queryClient);
    const outbox = outboxEventHandler(queryClient);
    const unsubscribe = noc.subscribe((event) => {
      if (alerts.handle(event) || billing.handle(event) || devices.handle(event) || backups.handle(event) || outbox.handle(event)) return;
      if (event.name === 'settings.updated') {
        queryClient.setQueryData(SETTINGS_KEY, event.payload as EventPayload<'settings.updated'>);
      } else if (event.name === 'users.changed') {
        const change = event.payload as EventPayload<'users.changed'>;
        void queryClient.invalidateQueries({ queryKey: USERS_KEY });
        if (change.user && change.user.id === myId) setUser(change.user);
      } else if (event.name === 'pollers.changed') {
        refreshPollers(queryClient);
        // A poller's batch may carry the interfaces it walked for "Discover" (answered after the call gave up waiting).
        void queryClient.invalidateQueries({ queryKey: [...BANDWIDTH_KEY, 'interfaces'] });
      }
    });
    return () => {
      unsubscribe();
      alerts.dispose();
      billing.dispose();
      devices.dispose();
      outbox.dispose();
    };
  }, [token, queryClient, setUser, myId]);
}
