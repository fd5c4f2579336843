// The traffic chart of one interface or one customer, drawn as inline SVG like the latency chart: in and out in bit/s,
// the plan's download speed as a dashed line, time labels in the site time zone, Day / Week / Month zoom, hover.
import { Box, Center, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { messageOf } from '../../forms/errors';
import { FormAlert } from '../../forms/FormAlert';
import { useLanguage, useSiteTimeZone } from '../../site';
import { HoverTip, TimeGrid, useNearestPoint, ValueGrid, type Frame } from '../devices/chartParts';
import { niceCeil, splitAtGaps } from '../devices/chartScale';
import { useTraffic, type TrafficRange, type TrafficTarget } from './queries';
import { formatBps } from './rates';

const HEIGHT = 220;
const PAD = { left: 70, right: 16, top: 12, bottom: 26 };
const IN = 'var(--mantine-color-teal-6)';
const OUT = 'var(--mantine-color-blue-7)';
const PLAN = 'var(--mantine-color-orange-7)';

interface TrafficPoint {
  at: number;
  inBps: number;
  outBps: number;
}

/** One point per time: a customer's interfaces are added up. */
function pointsOf(items: { at: string; inBps: number; outBps: number }[]): TrafficPoint[] {
  const byTime = new Map<number, TrafficPoint>();
  for (const item of items) {
    const at = Date.parse(item.at);
    const point = byTime.get(at) ?? { at, inBps: 0, outBps: 0 };
    point.inBps += item.inBps;
    point.outBps += item.outBps;
    byTime.set(at, point);
  }
  return [...byTime.values()].sort((a, b) => a.at - b.at);
}

function Legend({ color, label, dashed }: { color: string; label: string; dashed?: boolean }) {
  return (
    <Group gap={5} wrap="nowrap">
      <Box w={14} h={0} style={{ borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` }} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

interface PlotProps {
  width: number;
  from: number;
  to: number;
  points: TrafficPoint[];
  planBps: number | null;
  labels: { in: string; out: string };
}

function Plot({ width, from, to, points, planBps, labels }: PlotProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const plotW = Math.max(10, width - PAD.left - PAD.right);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const frame: Frame = { left: PAD.left, top: PAD.top, plotW, plotH, height: HEIGHT };
  const top = niceCeil(Math.max(0, planBps ?? 0, ...points.map((p) => Math.max(p.inBps, p.outBps))) * 1.1);
  const x = (at: number) => PAD.left + ((at - from) / (to - from)) * plotW;
  const y = (bps: number) => PAD.top + plotH - (Math.min(bps, top) / top) * plotH;
  const runs = splitAtGaps(points);
  const path = (run: TrafficPoint[], key: 'inBps' | 'outBps') => run.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p[key]).toFixed(1)}`).join('');

  const { hover, onMouseMove, onMouseLeave } = useNearestPoint(points, frame, from, to, x);

  const series = [
    { key: 'inBps' as const, color: IN, testId: 'traffic-in' },
    { key: 'outBps' as const, color: OUT, testId: 'traffic-out' },
  ];

  return (
    <Box pos="relative">
      <svg width={width} height={HEIGHT} role="img" aria-label={t('trafficChart.title')} onMouseMove={onMouseMove} onMouseLeave={onMouseLeave} data-testid="traffic-svg" style={{ display: 'block' }}>
        <ValueGrid frame={frame} top={top} y={y} format={(bps) => formatBps(bps, language)} />
        <TimeGrid frame={frame} from={from} to={to} x={x} />
        {planBps !== null && planBps > 0 && <line x1={PAD.left} x2={PAD.left + plotW} y1={y(planBps)} y2={y(planBps)} stroke={PLAN} strokeWidth={1.5} strokeDasharray="6 4" data-testid="traffic-plan" />}
        {series.map((s) =>
          runs.map((run) =>
            run.length === 1 ? (
              <circle key={`${s.key}-${run[0]!.at}`} cx={x(run[0]!.at)} cy={y(run[0]![s.key])} r={2.5} fill={s.color} data-testid={s.testId} />
            ) : (
              <path key={`${s.key}-${run[0]!.at}`} d={path(run, s.key)} fill="none" stroke={s.color} strokeWidth={1.5} strokeLinejoin="round" data-testid={s.testId} />
            ),
          ),
        )}
        <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="var(--mantine-color-gray-4)" />
        {hover && (
          <g pointerEvents="none">
            <line x1={x(hover.at)} x2={x(hover.at)} y1={PAD.top} y2={PAD.top + plotH} stroke="var(--mantine-color-gray-6)" strokeDasharray="3 3" />
            <circle cx={x(hover.at)} cy={y(hover.inBps)} r={3.5} fill="white" stroke={IN} strokeWidth={2} />
            <circle cx={x(hover.at)} cy={y(hover.outBps)} r={3.5} fill="white" stroke={OUT} strokeWidth={2} />
          </g>
        )}
      </svg>
      {hover && (
        <HoverTip at={x(hover.at)} width={width} top={PAD.top} testId="traffic-hover">
          {t('trafficChart.pointTitle', { time: formatDateTime(new Date(hover.at).toISOString(), language, timeZone) ?? '', in: `${labels.in} ${formatBps(hover.inBps, language)}`, out: `${labels.out} ${formatBps(hover.outBps, language)}` })}
        </HoverTip>
      )}
    </Box>
  );
}

interface Props {
  target: TrafficTarget;
  title: string;
  /** The plan's download speed, drawn as a dashed line (the "out" direction is towards the customer). */
  planMbps?: number | null;
  labels?: { in: string; out: string };
  testId?: string;
}

export function TrafficChart({ target, title, planMbps = null, labels, testId = 'traffic-chart' }: Props) {
  const { t } = useTranslation();
  const [range, setRange] = useState<TrafficRange>('day');
  const traffic = useTraffic(target, range);
  const { ref, width } = useElementSize();
  const data = traffic.data;
  const points = pointsOf(data?.items ?? []);
  const names = labels ?? { in: t('trafficChart.in'), out: t('trafficChart.out') };
  const planBps = planMbps === null ? null : planMbps * 1e6;
  return (
    <Paper withBorder p="md" bg="white" data-testid={testId} data-points={points.length} data-resolution={data?.resolution ?? ''}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm">
            <Title order={5}>{title}</Title>
            {data && (
              <Text size="xs" c="dimmed">
                {t(`trafficChart.resolution.${data.resolution}`)}
              </Text>
            )}
          </Group>
          <Group gap="md">
            <Legend color={IN} label={names.in} />
            <Legend color={OUT} label={names.out} />
            {planBps !== null && <Legend color={PLAN} label={t('trafficChart.plan')} dashed />}
            <SegmentedControl
              size="xs"
              value={range}
              onChange={(v) => setRange(v as TrafficRange)}
              transitionDuration={0}
              data={[
                { value: 'day', label: t('trafficChart.day') },
                { value: 'week', label: t('trafficChart.week') },
                { value: 'month', label: t('trafficChart.month') },
              ]}
              data-testid={`${testId}-range`}
            />
          </Group>
        </Group>
        <FormAlert message={traffic.isError ? messageOf(traffic.error, t) : null} />
        <Box ref={ref} h={HEIGHT} pos="relative">
          {!data && traffic.isPending && (
            <Center h={HEIGHT}>
              <Loader size="sm" />
            </Center>
          )}
          {data && width > 0 && <Plot width={width} from={data.from} to={data.to} points={points} planBps={planBps} labels={names} />}
          {data && points.length === 0 && (
            <Center pos="absolute" inset={0} style={{ pointerEvents: 'none' }}>
              <Text size="sm" c="dimmed" bg="white" px="sm" data-testid={`${testId}-empty`}>
                {t('trafficChart.empty')}
              </Text>
            </Center>
          )}
        </Box>
      </Stack>
    </Paper>
  );
}
