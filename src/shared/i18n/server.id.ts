// Bahasa Indonesia: what the server writes for people (see messages.ts). Keys are grouped by where they show.
// Every key here must exist in server.en.ts (the type below makes the compiler check it).
import { billingId } from './server/billing.id';
import { networkId } from './server/network.id';
import { siteId } from './server/site.id';

export const serverId = {
  ...networkId,
  ...billingId,
  ...siteId,
  common: {
    system: 'Sistem',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type ServerMessages = Shape<typeof serverId>;
