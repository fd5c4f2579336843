// English strings of availability, the heartbeat strip, the short chart ranges, device coordinates and the map.
import type { Messages } from './id';

type NetView = Pick<Messages, 'availability' | 'heartbeat' | 'chartRange' | 'downstream' | 'coordinates' | 'map'>;

export const netViewEn: NetView = {
  availability: {
    title: 'Availability',
    '24h': '24 h',
    '7d': '7 days',
    '30d': '30 days',
    none: '–',
    hint: 'Up time ÷ (up time + down time), from the status history. Time unreachable (parent down), in maintenance or unknown is not counted.',
    detail: 'Up {{up}}, down {{down}}, not counted {{excluded}}',
    column: 'Availability 24 h',
  },
  heartbeat: {
    title: 'Last checks',
    empty: 'No checks yet.',
    count_one: 'Last {{count}} check',
    count_other: 'Last {{count}} checks',
    kind: { up: 'Up', degraded: 'Slow/lossy', down: 'No reply', unknown: 'Unknown' },
    tip: '{{time}} — {{kind}}, {{latency}}, loss {{loss}}',
    noReply: '{{time}} — {{kind}}',
  },
  chartRange: { hour1: '1 h', hour6: '6 h' },
  downstream: {
    title: 'Customers below this device',
    affected: 'Affected customers',
  },
  coordinates: {
    latitude: 'Latitude',
    longitude: 'Longitude',
    hint: 'For the map, e.g. -6.2088 and 106.8456. Fill in both or neither.',
    both: 'Give both latitude and longitude, or neither',
    latRange: 'Between -90 and 90',
    lonRange: 'Between -180 and 180',
  },
  map: {
    nav: 'Map',
    title: 'Map',
    devices: 'Devices',
    customers: 'Customers',
    empty: 'No device or customer has coordinates yet.',
    noTiles: 'No map background: the map tile address is not set (Settings → Monitoring).',
    tilesChanged: 'Map tile address changed: reload the page to show the new map background.',
    reload: 'Reload',
    state: { up: 'Up', degraded: 'Degraded', down: 'Down', unknown: 'Unknown', maintenance: 'Maintenance' },
    customerState: { active: 'Active', suspended: 'Suspended', affected: 'Affected by an outage', other: 'Other' },
    counts: '{{devices}} devices, {{customers}} customers',
    tileUrl: 'Map tile address',
    tileUrlHint: 'E.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png or a local tile server. Empty: nothing is downloaded.',
    attribution: 'Tiles: {{host}}',
  },
};
