// English: what the server writes for people (see messages.ts); the same keys as server.id.ts.
import type { ServerMessages } from './server.id';
import { billingEn } from './server/billing.en';
import { networkEn } from './server/network.en';
import { siteEn } from './server/site.en';

export const serverEn: ServerMessages = {
  ...billingEn,
  ...networkEn,
  ...siteEn,
  common: {
    system: 'System',
  },
};
