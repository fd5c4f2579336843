// Handlers of interfaces and bandwidth.
import { toCsv } from '../core/csv';
import type { HandlersOf } from './types';

const DAY = 86_400_000;

export const interfacesHandlers: HandlersOf<'interfaces'> = {
  'interfaces.list': async (input, { core }) => {
    await core.devices.get(input.id);
    return core.bandwidth.interfaces(input.id);
  },
  'interfaces.discover': async (input, { core }) => {
    await core.devices.get(input.id);
    return core.bandwidth.discover(input.id);
  },
  'interfaces.update': (input, { core }) => core.bandwidth.updateInterface(input.id, input.ifIndex, input),
};

export const bandwidthHandlers: HandlersOf<'bandwidth'> = {
  'bandwidth.list': (input, { core }) => core.bandwidth.samples({ ...input, from: new Date(input.from), to: new Date(input.to) }),
  'bandwidth.customerSummary': (input, { core }) => {
    const to = input.to ? new Date(input.to) : core.clock.now();
    const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * DAY);
    return core.bandwidth.customerSummary(input.id, from, to);
  },
  'bandwidth.top': (input, { core }) => {
    const to = input.to ? new Date(input.to) : core.clock.now();
    const from = input.from ? new Date(input.from) : new Date(to.getTime() - 3_600_000);
    return core.bandwidth.top(from, to, input.limit);
  },
  'bandwidth.report': async (input, { core }) => core.bandwidth.report(input.month, (await core.settings.get()).timeZone),
  'bandwidth.reportCsv': async (input, { core }) => {
    const rows = await core.bandwidth.report(input.month, (await core.settings.get()).timeZone);
    const header = ['code', 'name', 'planDownloadMbps', 'totalInGB', 'totalOutGB', 'peakOutMbps', 'p95OutMbps', 'daysOverPlan'] as const;
    return toCsv(header, rows.map((r) => header.map((h) => r[h])));
  },
  'bandwidth.poll': (_input, { core }) => core.bandwidth.poll(true),
};
