// The network map: devices and customers that have coordinates, coloured by state, each a link to its page. Tiles
// come only from the mapTileUrl setting; while it is empty nothing is fetched and the markers stand on a plain
// background with a scale. Points are keyed under the devices, so every sweep's live event recolours them.
import 'leaflet/dist/leaflet.css';
import { Box, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MapPoints } from '../../../shared/contract';
import { noc } from '../../api/client';
import { FormAlert } from '../../forms/FormAlert';
import { messageOf } from '../../forms/errors';
import { tileUrlAtLoad, useSiteSettings } from '../../site';
import { DEVICES_KEY } from '../devices/queries';

type DeviceState = MapPoints['devices'][number]['state'];
type CustomerShade = 'active' | 'suspended' | 'affected' | 'other';

const DEVICE_COLOR: Record<DeviceState, string> = { up: '#2f9e44', degraded: '#f08c00', down: '#e03131', unknown: '#868e96', maintenance: '#1c7ed6' };
const CUSTOMER_COLOR: Record<CustomerShade, string> = { active: '#0ca678', suspended: '#ae3ec9', affected: '#e03131', other: '#adb5bd' };
/** Indonesia as a whole, when nothing has coordinates yet. */
const START: L.LatLngExpression = [-2.5, 118];

function shadeOf(customer: MapPoints['customers'][number]): CustomerShade {
  if (customer.affected) return 'affected';
  return customer.status === 'active' || customer.status === 'suspended' ? customer.status : 'other';
}

function Swatch({ color, label, small }: { color: string; label: string; small?: boolean }) {
  const size = small ? 9 : 12;
  return (
    <Group gap={5} wrap="nowrap">
      <Box w={size} h={size} style={{ background: color, borderRadius: '50%', border: `2px solid ${small ? '#343a40' : 'white'}`, boxShadow: '0 0 0 1px #adb5bd' }} />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
    </Group>
  );
}

function useMapPoints() {
  return useQuery({ queryKey: [...DEVICES_KEY, 'map'], queryFn: () => noc.call('devices.map', {}) });
}

export function MapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const points = useMapPoints();
  const configuredTileUrl = useSiteSettings().data?.mapTileUrl ?? '';
  // A tile server set after this page loaded is not in the page's CSP yet: ask for a reload instead of failing tiles.
  const needsReload = configuredTileUrl !== '' && tileUrlAtLoad() !== undefined && configuredTileUrl !== tileUrlAtLoad();
  const tileUrl = needsReload ? '' : configuredTileUrl;
  const holder = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);
  const [show, setShow] = useState({ devices: true, customers: true });

  useEffect(() => {
    if (!holder.current) return;
    const created = L.map(holder.current, { center: START, zoom: 5, attributionControl: true, preferCanvas: false });
    created.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false }).addTo(created);
    layer.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
      fitted.current = false;
    };
  }, []);

  // Tiles only from the configured address: no default server is ever contacted.
  useEffect(() => {
    const current = map.current;
    if (!current || !tileUrl) return;
    const host = (() => {
      try {
        return new URL(tileUrl.replace(/[{}]/g, '')).host;
      } catch {
        return tileUrl;
      }
    })();
    const tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: t('map.attribution', { host }) }).addTo(current);
    return () => {
      tiles.remove();
    };
  }, [tileUrl, t]);

  useEffect(() => {
    const current = map.current;
    const group = layer.current;
    const data = points.data;
    if (!current || !group || !data) return;
    group.clearLayers();
    const bounds: L.LatLngExpression[] = [];
    if (show.customers) {
      for (const c of data.customers) {
        const shade = shadeOf(c);
        L.circleMarker([c.latitude, c.longitude], { radius: 5, color: '#343a40', weight: 1.5, fillColor: CUSTOMER_COLOR[shade], fillOpacity: 0.95, className: `nm-customer nm-customer-${shade}` })
          .bindTooltip(`${c.code} · ${c.name} — ${t(`map.customerState.${shade}`)}`)
          .on('click', () => void navigate(`/customers/${c.id}`))
          .addTo(group);
        bounds.push([c.latitude, c.longitude]);
      }
    }
    if (show.devices) {
      for (const d of data.devices) {
        L.circleMarker([d.latitude, d.longitude], { radius: 8, color: 'white', weight: 2, fillColor: DEVICE_COLOR[d.state], fillOpacity: 1, className: `nm-device nm-device-${d.state}` })
          .bindTooltip(`${d.name} (${d.host}) — ${t(`map.state.${d.state}`)}`)
          .on('click', () => void navigate(`/devices/${d.id}`))
          .addTo(group);
        bounds.push([d.latitude, d.longitude]);
      }
    }
    if (!fitted.current && bounds.length > 0) {
      current.fitBounds(L.latLngBounds(bounds), { padding: [40, 40], maxZoom: 16 });
      fitted.current = true;
    }
  }, [points.data, show, navigate, t]);

  const data = points.data;
  const empty = data && data.devices.length === 0 && data.customers.length === 0;
  return (
    <Stack gap="sm" data-testid="map-page" data-devices={data?.devices.length ?? ''} data-customers={data?.customers.length ?? ''} data-tiles={tileUrl ? 'on' : 'off'}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Title order={3} fw={600}>
            {t('map.title')}
          </Title>
          {data && (
            <Text size="sm" c="dimmed" data-testid="map-counts">
              {t('map.counts', { devices: data.devices.length, customers: data.customers.length })}
            </Text>
          )}
        </Group>
        <Group gap="md">
          <Checkbox size="xs" label={t('map.devices')} checked={show.devices} onChange={(e) => setShow((s) => ({ ...s, devices: e.currentTarget.checked }))} data-testid="map-show-devices" />
          <Checkbox size="xs" label={t('map.customers')} checked={show.customers} onChange={(e) => setShow((s) => ({ ...s, customers: e.currentTarget.checked }))} data-testid="map-show-customers" />
        </Group>
      </Group>
      <FormAlert message={points.isError ? messageOf(points.error, t) : null} />
      <Paper withBorder p="xs" bg="white">
        <Group gap="md" wrap="wrap">
          {(Object.keys(DEVICE_COLOR) as DeviceState[]).map((state) => (
            <Swatch key={state} color={DEVICE_COLOR[state]} label={t(`map.state.${state}`)} />
          ))}
          <Text size="xs" c="dimmed">
            |
          </Text>
          {(Object.keys(CUSTOMER_COLOR) as CustomerShade[]).map((shade) => (
            <Swatch key={shade} color={CUSTOMER_COLOR[shade]} label={t(`map.customerState.${shade}`)} small />
          ))}
        </Group>
      </Paper>
      {!configuredTileUrl && (
        <Text size="xs" c="dimmed" data-testid="map-no-tiles">
          {t('map.noTiles')}
        </Text>
      )}
      {needsReload && (
        <Group gap="xs" data-testid="map-tiles-reload">
          <Text size="xs">{t('map.tilesChanged')}</Text>
          <Button size="compact-xs" variant="light" onClick={() => window.location.reload()}>
            {t('map.reload')}
          </Button>
        </Group>
      )}
      <Box pos="relative">
        <Box ref={holder} h="calc(100vh - 250px)" mih={360} style={{ borderRadius: 4, border: '1px solid var(--mantine-color-gray-3)', background: '#eef1f4', zIndex: 0 }} data-testid="map" />
        {empty && (
          <Text size="sm" c="dimmed" bg="white" px="sm" py={4} pos="absolute" top={12} left="50%" style={{ transform: 'translateX(-50%)', zIndex: 500, borderRadius: 4 }} data-testid="map-empty">
            {t('map.empty')}
          </Text>
        )}
      </Box>
    </Stack>
  );
}
