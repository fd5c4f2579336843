// Create or edit a device: identity (name, type, host, location, coordinates, parent), the subscriptions it serves, and how it is
// monitored (by this site or a remote poller, interval, echoes, timeout, failures before offline, latency and loss warnings),
// checked with the contract.
import { Autocomplete, Divider, Select, SimpleGrid, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_TYPES, type Device, type DeviceType, type OpInput, type Poller } from '../../../shared/contract';
import { numberOrAbsent, numberOrNull as optional, numberRequired as required, type NumberFieldValue } from '../../forms/numbers';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import { callChecked, updateChecked, useModalForm } from '../../forms/useModalForm';
import { noc } from '../../api/client';
import { HEALTH_KEY } from '../../frame/HealthBanner';
import { useMay } from '../../frame/permissions';
import { usePollers } from '../pollers/queries';
import { FormModal } from '../../ui/FormModal';
import { useAllDevices } from './queries';
import { SubscriptionPicker } from './SubscriptionPicker';

interface Values {
  name: string;
  type: DeviceType;
  host: string;
  location: string;
  latitude: NumberFieldValue;
  longitude: NumberFieldValue;
  parentId: string | null;
  /** A poller's id, or SITE. */
  pollerId: string;
  subscriptionIds: number[];
  monitored: boolean;
  intervalSec: NumberFieldValue;
  echoCount: NumberFieldValue;
  timeoutMs: NumberFieldValue;
  failThreshold: NumberFieldValue;
  latencyWarnMs: NumberFieldValue;
  lossWarnPct: NumberFieldValue;
  notes: string;
}

/** The select's value for "this site" (no poller). */
const SITE = 'site';

/** The contract's defaults, shown so the operator sees what a new device will do. */
const EMPTY: Values = {
  name: '',
  type: 'router',
  host: '',
  location: '',
  latitude: '',
  longitude: '',
  parentId: null,
  pollerId: SITE,
  subscriptionIds: [],
  monitored: true,
  intervalSec: '',
  echoCount: 3,
  timeoutMs: 1000,
  failThreshold: 3,
  latencyWarnMs: '',
  lossWarnPct: '',
  notes: '',
};

function valuesOf(device: Device | null): Values {
  if (!device) return EMPTY;
  return {
    ...device,
    parentId: device.parentId === null ? null : String(device.parentId),
    pollerId: device.pollerId === null ? SITE : String(device.pollerId),
    latitude: device.latitude ?? '',
    longitude: device.longitude ?? '',
    latencyWarnMs: device.latencyWarnMs ?? '',
    lossWarnPct: device.lossWarnPct ?? '',
  };
}

function inputOf(values: Values) {
  return {
    name: values.name,
    type: values.type,
    host: values.host,
    location: values.location,
    latitude: optional(values.latitude),
    longitude: optional(values.longitude),
    parentId: values.parentId === null ? null : Number(values.parentId),
    pollerId: values.pollerId === SITE ? null : Number(values.pollerId),
    subscriptionIds: values.subscriptionIds,
    monitored: values.monitored,
    intervalSec: numberOrAbsent(values.intervalSec),
    echoCount: required(values.echoCount),
    timeoutMs: required(values.timeoutMs),
    failThreshold: required(values.failThreshold),
    latencyWarnMs: optional(values.latencyWarnMs),
    lossWarnPct: optional(values.lossWarnPct),
    notes: values.notes,
  };
}

function changesOf(device: Device, values: Values): OpInput<'devices.update'> {
  // Emptied in an edit, the interval is refused rather than skipped as unchanged (only a new device takes the default).
  const next = { ...inputOf(values), intervalSec: required(values.intervalSec) };
  const changes: Record<string, unknown> = { id: device.id };
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const before = device[key as keyof Device];
    // NaN (a number field holding no number) reads as null in JSON: keep it so the schema refuses it.
    if (JSON.stringify(before) !== JSON.stringify(value) || Number.isNaN(value)) changes[key] = value;
  }
  return changes as OpInput<'devices.update'>;
}

/** The device itself and everything below it: choosing one of them as parent would make a loop. */
function selfAndBelow(id: number, devices: Device[]): Set<number> {
  const out = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of devices) {
      if (d.parentId !== null && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

/** This site, then every poller whose key is not revoked (and the device's own poller, even revoked, so it shows). */
function pollerOptions(pollers: Poller[], current: number | null, t: (key: 'pollers.thisSite' | 'pollers.revokedOption', options?: { name: string }) => string) {
  const usable = pollers.filter((p) => p.state !== 'revoked' || p.id === current);
  return [{ value: SITE, label: t('pollers.thisSite') }, ...usable.map((p) => ({ value: String(p.id), label: p.state === 'revoked' ? t('pollers.revokedOption', { name: p.name }) : p.name }))];
}

interface Props {
  device: Device | null;
  onClose(): void;
  onSaved(device: Device): void;
}

export function DeviceFormModal({ device, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const all = useAllDevices().data?.items ?? [];
  const may = useMay();
  const pollers = usePollers({ enabled: may('pollers.list') }).data ?? [];
  // A site without pollers sees no choice to make; the select shows once there is a poller to choose.
  const choosePoller = pollers.length > 0 || (device?.pollerId ?? null) !== null;
  // The interval an empty field gets is the server's PING_INTERVAL, read from the health answer (not assumed 60).
  const defaultInterval = useQuery({ queryKey: HEALTH_KEY, queryFn: () => noc.call('system.health', {}) }).data?.defaultPingIntervalSec;
  // A second device on a host already in the list is allowed (two services behind one address) but never silently:
  // the first save only arms "Save anyway" for that host, the second one saves.
  const [armedHost, setArmedHost] = useState<string | null>(null);
  const hostInput = useRef<HTMLInputElement>(null);
  const sameHost = (host: string) => all.find((d) => d.id !== device?.id && d.host.toLowerCase() === host.trim().toLowerCase());
  const form = useModalForm(
    () => valuesOf(device),
    async (values, errors) => {
      const host = values.host.trim().toLowerCase();
      if (sameHost(host) && armedHost !== host) {
        setArmedHost(host);
        // The warning sits at the top of a long form: bring it into view where the click left the eye at the bottom.
        hostInput.current?.focus();
        return null;
      }
      return save(values, errors);
    },
    onSaved,
  );
  const { values, errors, set } = form;
  const duplicate = sameHost(values.host);
  const armed = duplicate !== undefined && armedHost === values.host.trim().toLowerCase();

  function save(values: Values, errors: Parameters<typeof callChecked>[0]) {
    return device ? updateChecked(errors, 'devices.update', changesOf(device, values), device) : callChecked(errors, 'devices.create', inputOf(values));
  }

  const excluded = device ? selfAndBelow(device.id, all) : new Set<number>();
  const parents = all.filter((d) => !excluded.has(d.id)).map((d) => ({ value: String(d.id), label: `${d.name} (${d.host})` }));
  const locations = [...new Set(all.map((d) => d.location).filter(Boolean))].sort();

  // No range on the inputs: what is typed stays, and the contract's schema says what is wrong with it.
  const number = (key: 'intervalSec' | 'echoCount' | 'timeoutMs' | 'failThreshold' | 'latencyWarnMs' | 'lossWarnPct', label: string, extra: { description?: string; placeholder?: string }) => (
    <TypedNumberInput
      label={label}
      {...form.field(key)}
      disabled={!values.monitored}
      data-testid={`device-${key}`}
      {...extra}
    />
  );

  return (
    <FormModal
      title={device ? t('devices.editTitle', { name: device.name }) : t('devices.createTitle')}
      form={form}
      onClose={onClose}
      size="xl"
      testId="device"
      submitLabel={armed ? t('devices.saveAnyway') : undefined}
    >
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t('devices.name')} {...form.text('name')} data-testid="device-name" data-autofocus withAsterisk />
        <Select
          label={t('devices.type')}
          data={DEVICE_TYPES.map((type) => ({ value: type, label: t(`deviceType.${type}`) }))}
          {...form.field('type')}
          onChange={(v) => set('type', (v ?? 'router') as DeviceType)}
          data-testid="device-type"
          withAsterisk
        />
        <TextInput
          label={t('devices.host')}
          {...form.text('host')}
          ff="monospace"
          placeholder="10.10.0.1"
          data-testid="device-host"
          ref={hostInput}
          withAsterisk
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          description={
            duplicate && (
              <Text span size="xs" ff="text" c="orange.9" fw={armed ? 600 : undefined} data-testid="device-host-duplicate">
                {t(armed ? 'devices.hostTakenConfirm' : 'devices.hostTaken', { name: `${duplicate.name} (${duplicate.host})` })}
              </Text>
            )
          }
        />
        <Autocomplete label={t('devices.location')} data={locations} {...form.field('location')} data-testid="device-location" />
        {(['latitude', 'longitude'] as const).map((key) => (
          <TypedNumberInput
            key={key}
            label={t(`coordinates.${key}`)}
            value={values[key]}
            onChange={(v) => set(key, v)}
            error={errors.fields[key]}
            placeholder={key === 'latitude' ? '-6.2088' : '106.8456'}
            description={key === 'latitude' ? t('coordinates.hint') : ' '}
            data-testid={`device-${key}`}
          />
        ))}
      </SimpleGrid>
      <Select
        label={t('devices.parent')}
        placeholder={t('devices.noParent')}
        data={parents}
        {...form.field('parentId')}
        searchable
        clearable
        allowDeselect
        nothingFoundMessage={t('common.none')}
        data-testid="device-parent"
      />
      <SubscriptionPicker value={values.subscriptionIds} onChange={(ids) => set('subscriptionIds', ids)} error={errors.fields['subscriptionIds']} />
      <Divider label={t('devices.monitoring')} labelPosition="left" mt={4} />
      {choosePoller && (
        <Select
          label={t('pollers.monitoredBy')}
          description={t('pollers.monitoredByHint')}
          data={pollerOptions(pollers, device?.pollerId ?? null, t)}
          {...form.field('pollerId')}
          onChange={(v) => set('pollerId', v ?? SITE)}
          allowDeselect={false}
          maw={420}
          data-testid="device-poller"
        />
      )}
      <Switch label={t('devices.monitored')} {...form.check('monitored')} data-testid="device-monitored" />
      <SimpleGrid cols={4} spacing="sm">
        {number('intervalSec', t('devices.intervalSec'), {
          placeholder: defaultInterval === undefined ? undefined : String(defaultInterval),
          description: defaultInterval === undefined ? t('devices.intervalHint') : t('devices.intervalHintSec', { sec: defaultInterval }),
        })}
        {number('echoCount', t('devices.echoCount'), { description: ' ' })}
        {number('timeoutMs', t('devices.timeoutMs'), { description: ' ' })}
        {number('failThreshold', t('devices.failThreshold'), { description: ' ' })}
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        {number('latencyWarnMs', t('devices.latencyWarnMs'), { description: t('devices.warnHint') })}
        {number('lossWarnPct', t('devices.lossWarnPct'), { description: t('devices.warnHint') })}
      </SimpleGrid>
      <Textarea label={t('devices.notes')} {...form.text('notes')} autosize minRows={2} data-testid="device-notes" />
      {errors.fields['input'] && (
        <Text size="xs" c="red">
          {errors.fields['input']}
        </Text>
      )}
    </FormModal>
  );
}
