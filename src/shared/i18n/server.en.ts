// English: what the server writes for people (see messages.ts); the same keys as server.id.ts.
import type { ServerMessages } from './server.id';

export const serverEn: ServerMessages = {
  common: {
    system: 'System',
  },
};
