// English strings of the network-wide event log.
import type { eventsId } from './id.events';

export const eventsEn: typeof eventsId = {
  eventLog: {
    nav: 'Event log',
    title: 'Network event log',
    at: 'Time',
    device: 'Device',
    event: 'Event',
    message: 'Details',
    latency: 'Latency',
    allDevices: 'All devices',
    allEvents: 'All events',
    allStatuses: 'All statuses',
    empty: 'No events match these filters.',
    from: 'From',
    to: 'To',
    toBeforeFrom: 'The end is before the start',
    kind: { status: 'Status change', check: 'Manual check', snmp: 'SNMP', poller: 'Poller' },
  },
};
