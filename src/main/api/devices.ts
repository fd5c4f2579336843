// Handlers of devices, maintenance windows and the monitor.
import { AppError } from '../../shared/errors';
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const devicesHandlers: HandlersOf<'devices'> = {
  'devices.list': (input, { core }) => core.devices.list(input),
  'devices.stats': (_input, { core }) => core.devices.stats(),
  'devices.get': (input, { core }) => core.devices.get(input.id),
  'devices.create': (input, { core, user }) => core.devices.create(actorOf(user), input),
  'devices.update': (input, { core, user }) => {
    const { id, ...patch } = input;
    return core.devices.update(actorOf(user), id, patch);
  },
  'devices.delete': (input, { core, user }) => core.devices.delete(actorOf(user), input.id),
  'devices.logs': async (input, { core }) => {
    await core.devices.get(input.id);
    return core.eventLog.ofDevice(input.id, input.page, input.pageSize);
  },
  'devices.events': (input, { core }) => core.eventLog.network(input),
  'devices.check': async (input, { core, user }) => {
    const result = await core.monitor.check(input.id, user.name);
    if (!result) throw new AppError('NOT_FOUND', `Device ${input.id} not found`);
    return result;
  },
  'devices.latency': (input, { core }) => core.devices.latency(input.id, new Date(input.from), new Date(input.to)),
  'devices.availability': async (input, { core }) => {
    await core.devices.get(input.id);
    return (await core.availability.of([input.id])).get(input.id)!;
  },
  'devices.availabilityList': async (input, { core }) =>
    [...(await core.availability.of()).entries()].map(([deviceId, windows]) => ({ deviceId, pct: windows.find((w) => w.window === input.window)!.pct })),
  'devices.heartbeat': async (input, { core }) => {
    await core.devices.get(input.id);
    return core.map.heartbeat(input.id, input.limit);
  },
  'devices.map': (_input, { core }) => core.map.points(),
  'devices.customers': async (input, { core }) => {
    await core.devices.get(input.id);
    return core.devices.customers(input.id);
  },
  'devices.maintenance': (input, { core }) => core.devices.maintenance(input.id),
  'devices.addMaintenance': (input, { core, user }) => core.devices.addMaintenance(actorOf(user), input.id, input.startsAt, input.endsAt, input.reason),
  'devices.removeMaintenance': (input, { core, user }) => core.devices.removeMaintenance(actorOf(user), input.id),
};

export const monitorHandlers: HandlersOf<'monitor'> = {
  'monitor.sweep': (_input, { core }) => core.monitor.sweepAll(),
};
