// Handlers of the customers domain.
import { actorOf } from '../core/auth/service';
import { readerLanguage } from './language';
import type { HandlersOf } from './types';

export const customersHandlers: HandlersOf<'customers'> = {
  'customers.list': (input, { core }) => core.customers.list(input),
  'customers.export': async (input, { core, user }) => {
    const { lang, ...filter } = input;
    return core.customerTransfer.exportCsv(filter, readerLanguage(lang, user, await core.settings.get()));
  },
  'customers.import': (input, { core, user }) => core.customerTransfer.importCsv(actorOf(user), input.csv, input.dryRun),
  'customers.get': (input, { core }) => core.customers.get(input.id),
  'customers.create': (input, { core, user }) => {
    const { status, ...fields } = input;
    return core.customers.create(actorOf(user), { ...fields, status });
  },
  'customers.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.customers.update(actorOf(user), id, patch);
  },
  'customers.setStatus': (input, { core, user }) => core.customers.setStatus(actorOf(user), input.id, input.status, input.reason),
  'customers.bulkStatus': (input, { core, user }) => core.customers.setStatusMany(actorOf(user), input.ids, input.status, input.reason),
  'customers.account': (input, { core }) => core.accounts.of(input.id),
  'customers.delete': (input, { core, user }) => core.customers.delete(actorOf(user), input.id),
  'customers.history': (input, { core, user }) => core.customers.historyOf(input.id, input.page, input.pageSize, user.role),
};
