// The latency and loss chart of one device, drawn as inline SVG: average line, min–max band, loss as red bars (right
// axis), time labels in the site time zone; 1 h / 6 h / Day / Week / Month zoom (raw samples up to 2 days, rollups
// beyond); a device younger than the range starts the axis at its creation; hovering shows the nearest point.
import { Box, Center, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useLanguage, useSiteTimeZone } from '../../site';
import { AXIS_TEXT, HoverTip, TimeGrid, useNearestPoint, ValueGrid, type Frame } from './chartParts';
import { axisStart, niceCeil, runsOf, type ChartPoint } from './chartScale';
import { useDeviceLatency, type LatencyRange } from './queries';
import { formatLoss, formatMs } from './text';

const HEIGHT = 240;
const PAD = { left: 52, right: 44, top: 12, bottom: 26 };
const AVG = 'var(--mantine-color-blue-7)';
const BAND = 'var(--mantine-color-blue-2)';
const LOSS = 'var(--mantine-color-red-6)';

function Legend({ color, label, kind }: { color: string; label: string; kind: 'line' | 'band' | 'bar' }) {
  return (
    <Group gap={5} wrap="nowrap">
      <Box w={14} h={kind === 'line' ? 2 : 9} style={{ background: color, opacity: kind === 'bar' ? 0.55 : 1, borderRadius: 1 }} />
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
  points: ChartPoint[];
}

function Plot({ width, from, to, points }: PlotProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const plotW = Math.max(10, width - PAD.left - PAD.right);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const frame: Frame = { left: PAD.left, top: PAD.top, plotW, plotH, height: HEIGHT };
  const top = niceCeil(Math.max(0, ...points.map((p) => p.max ?? p.avg ?? 0)) * 1.1);
  const x = (at: number) => PAD.left + ((at - from) / (to - from)) * plotW;
  const y = (ms: number) => PAD.top + plotH - (Math.min(ms, top) / top) * plotH;
  const lossY = (pct: number) => PAD.top + plotH - (pct / 100) * plotH;
  const runs = runsOf(points);
  const steps = points.length > 1 ? (to - from) / points.length : to - from;
  const barW = Math.max(1, Math.min(8, (steps / (to - from)) * plotW * 0.8));

  const linePath = (run: ChartPoint[]) => run.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.avg!).toFixed(1)}`).join('');
  const bandPath = (run: ChartPoint[]) => {
    const upper = run.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.max ?? p.avg!).toFixed(1)}`).join('');
    const lower = [...run].reverse().map((p) => `L${x(p.at).toFixed(1)},${y(p.min ?? p.avg!).toFixed(1)}`).join('');
    return `${upper}${lower}Z`;
  };

  const { hover, onMouseMove, onMouseLeave } = useNearestPoint(points, frame, from, to, x);

  const hoverText = (p: ChartPoint) => {
    const time = formatDateTime(new Date(p.at).toISOString(), language, timeZone) ?? '';
    if (p.avg === null) return t('latencyChart.noReply', { time });
    return t('latencyChart.pointTitle', { time, avg: formatMs(p.avg, language), min: formatMs(p.min, language) ?? '–', max: formatMs(p.max, language) ?? '–', loss: formatLoss(p.lossPct, language) });
  };

  return (
    <Box pos="relative">
      <svg width={width} height={HEIGHT} role="img" aria-label={t('latencyChart.title')} onMouseMove={onMouseMove} onMouseLeave={onMouseLeave} data-testid="latency-svg" style={{ display: 'block' }}>
        <ValueGrid frame={frame} top={top} y={y} format={(ms) => formatMs(ms, language)} />
        <text x={8} y={PAD.top + plotH / 2} transform={`rotate(-90 8 ${PAD.top + plotH / 2})`} textAnchor="middle" {...AXIS_TEXT}>
          ms
        </text>
        {[0, 50, 100].map((pct) => (
          <text key={pct} x={PAD.left + plotW + 6} y={lossY(pct) + 3} {...AXIS_TEXT} fill="var(--mantine-color-red-6)">
            {pct}%
          </text>
        ))}
        <TimeGrid frame={frame} from={from} to={to} x={x} />
        <g data-testid="latency-loss">
          {points
            .filter((p) => p.lossPct > 0)
            .map((p) => (
              <rect key={p.at} x={x(p.at) - barW / 2} y={lossY(p.lossPct)} width={barW} height={PAD.top + plotH - lossY(p.lossPct)} fill={LOSS} opacity={0.45} />
            ))}
        </g>
        {runs.map((run) => (
          <path key={`band-${run[0]!.at}`} d={bandPath(run)} fill={BAND} opacity={0.7} />
        ))}
        {runs.map((run) =>
          run.length === 1 ? (
            <circle key={`avg-${run[0]!.at}`} cx={x(run[0]!.at)} cy={y(run[0]!.avg!)} r={2} fill={AVG} />
          ) : (
            <path key={`avg-${run[0]!.at}`} d={linePath(run)} fill="none" stroke={AVG} strokeWidth={1.5} strokeLinejoin="round" data-testid="latency-avg" />
          ),
        )}
        <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="var(--mantine-color-gray-4)" />
        {hover && (
          <g pointerEvents="none">
            <line x1={x(hover.at)} x2={x(hover.at)} y1={PAD.top} y2={PAD.top + plotH} stroke="var(--mantine-color-gray-6)" strokeDasharray="3 3" />
            {hover.avg !== null && <circle cx={x(hover.at)} cy={y(hover.avg)} r={3.5} fill="white" stroke={AVG} strokeWidth={2} />}
          </g>
        )}
      </svg>
      {hover && (
        <HoverTip at={x(hover.at)} width={width} top={PAD.top} testId="latency-hover">
          {hoverText(hover)}
        </HoverTip>
      )}
    </Box>
  );
}

const RANGES: LatencyRange[] = ['hour1', 'hour6', 'day', 'week', 'month'];

export function LatencyChart({ deviceId, createdAt }: { deviceId: number; createdAt: string }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<LatencyRange>('day');
  const latency = useDeviceLatency(deviceId, range);
  const { ref, width } = useElementSize();
  const data = latency.data;
  const points: ChartPoint[] = (data?.points ?? []).map((p) => ({ ...p, at: Date.parse(p.at) }));
  const from = data ? axisStart(data.from, data.to, Date.parse(createdAt), points[0]?.at ?? null) : 0;
  return (
    <Paper withBorder p="md" bg="white" data-testid="latency-chart" data-points={points.length} data-resolution={data?.resolution ?? ''} data-range={range} data-from={from}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm">
            <Title order={5}>{t('latencyChart.title')}</Title>
            {data && (
              <Text size="xs" c="dimmed">
                {t(`latencyChart.resolution.${data.resolution}`)}
              </Text>
            )}
          </Group>
          <Group gap="md">
            <Legend color={AVG} label={t('latencyChart.avg')} kind="line" />
            <Legend color={BAND} label={t('latencyChart.range')} kind="band" />
            <Legend color={LOSS} label={t('latencyChart.loss')} kind="bar" />
            <SegmentedControl
              size="xs"
              value={range}
              onChange={(v) => setRange(v as LatencyRange)}
              transitionDuration={0}
              data={RANGES.map((value) => ({ value, label: value === 'hour1' || value === 'hour6' ? t(`chartRange.${value}`) : t(`latencyChart.${value}`) }))}
              data-testid="latency-range"
            />
          </Group>
        </Group>
        <Box ref={ref} h={HEIGHT} pos="relative">
          {!data && latency.isPending && (
            <Center h={HEIGHT}>
              <Loader size="sm" />
            </Center>
          )}
          {data && width > 0 && <Plot width={width} from={from} to={data.to} points={points} />}
          {data && points.length === 0 && (
            <Center pos="absolute" inset={0} style={{ pointerEvents: 'none' }}>
              <Text size="sm" c="dimmed" bg="white" px="sm" data-testid="latency-empty">
                {t('latencyChart.empty')}
              </Text>
            </Center>
          )}
        </Box>
      </Stack>
    </Paper>
  );
}
