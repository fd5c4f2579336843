// What billing tells the network side: credentials to create inside its transaction, and access that changed after it
// committed (so live sessions can be disconnected or given a new rate). Billing services take this port.
import type { EntityManager } from 'typeorm';

export interface AccessChange {
  /** `status`: suspended, reactivated, expired, cancelled, deleted → Disconnect; `plan`: a new speed → CoA. */
  kind: 'status' | 'plan';
  customerIds?: number[];
  subscriptionIds?: number[];
  planIds?: number[];
}

export interface AccessHooks {
  /** Inside the caller's transaction: new subscriptions get a username and a generated password. */
  provision(em: EntityManager, subscriptionIds: number[]): Promise<void>;
  /** After the caller's transaction committed; never throws and never waits for the network. */
  changed(change: AccessChange): void;
}

export const NO_ACCESS_HOOKS: AccessHooks = {
  provision: async () => undefined,
  changed: () => undefined,
};
