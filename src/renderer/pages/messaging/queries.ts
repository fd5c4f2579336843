// Server state of Settings → Messages: the channels (secrets only as `secretSet`) and the templates.
import { useQuery } from '@tanstack/react-query';
import { noc } from '../../api/client';

export const CHANNELS_KEY = ['channels'] as const;
export const TEMPLATES_KEY = ['templates'] as const;

export function useChannels() {
  return useQuery({ queryKey: CHANNELS_KEY, queryFn: () => noc.call('channels.list', {}) });
}

export function useTemplates() {
  return useQuery({ queryKey: TEMPLATES_KEY, queryFn: () => noc.call('templates.list', {}) });
}
