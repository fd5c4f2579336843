// The parts the SVG charts share (latency, traffic): value grid, time grid in the site time zone, nearest-point
// hover and its tooltip.
import { Paper, Text } from '@mantine/core';
import { useState, type MouseEvent, type ReactNode } from 'react';
import { localeOf } from '../../format';
import { useLanguage, useSiteTimeZone } from '../../site';
import { timeTicks } from './chartScale';

export const GRID = 'var(--mantine-color-gray-2)';
export const AXIS_TEXT = { fontSize: 10, fill: 'var(--mantine-color-gray-6)' } as const;

export interface Frame {
  left: number;
  top: number;
  plotW: number;
  plotH: number;
  height: number;
}

/** Horizontal lines at 0, ¼, ½, ¾ and the top of the scale, labelled on the left. */
export function ValueGrid({ frame, top, y, format }: { frame: Frame; top: number; y: (value: number) => number; format: (value: number) => string | null }) {
  return (
    <>
      {[0, 0.25, 0.5, 0.75, 1].map((f) => top * f).map((value) => (
        <g key={value}>
          <line x1={frame.left} x2={frame.left + frame.plotW} y1={y(value)} y2={y(value)} stroke={GRID} />
          <text x={frame.left - 6} y={y(value) + 3} textAnchor="end" {...AXIS_TEXT}>
            {format(value)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Vertical lines on whole local hours or days (site time zone), days in bold. */
export function TimeGrid({ frame, from, to, x }: { frame: Frame; from: number; to: number; x: (at: number) => number }) {
  const language = useLanguage();
  const timeZone = useSiteTimeZone();
  const hourFormat = new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayFormat = new Intl.DateTimeFormat(localeOf(language), { timeZone, day: 'numeric', month: 'short' });
  return (
    <>
      {timeTicks(from, to, timeZone, Math.floor(frame.plotW / 70)).map((tick) => (
        <g key={tick.at}>
          <line x1={x(tick.at)} x2={x(tick.at)} y1={frame.top} y2={frame.top + frame.plotH} stroke={GRID} strokeDasharray={tick.day ? undefined : '2 3'} />
          <text x={x(tick.at)} y={frame.height - 8} textAnchor="middle" {...AXIS_TEXT} fontWeight={tick.day ? 600 : 400}>
            {tick.day ? dayFormat.format(tick.at) : hourFormat.format(tick.at)}
          </text>
        </g>
      ))}
    </>
  );
}

/** The point nearest the mouse (within 30 px), for the hover line and tooltip. */
export function useNearestPoint<P extends { at: number }>(points: P[], frame: Frame, from: number, to: number, x: (at: number) => number) {
  const [hover, setHover] = useState<P | null>(null);
  const onMouseMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const at = from + ((event.clientX - box.left - frame.left) / frame.plotW) * (to - from);
    let best: P | null = null;
    for (const p of points) if (!best || Math.abs(p.at - at) < Math.abs(best.at - at)) best = p;
    setHover(best && Math.abs(x(best.at) - x(at)) < 30 ? best : null);
  };
  return { hover, onMouseMove, onMouseLeave: () => setHover(null) };
}

/** The tooltip beside the hovered point, on the side with room. */
export function HoverTip({ at, width, top, testId, children }: { at: number; width: number; top: number; testId: string; children: ReactNode }) {
  return (
    <Paper
      withBorder
      shadow="xs"
      px={8}
      py={4}
      pos="absolute"
      top={top}
      style={{ pointerEvents: 'none', ...(at > width / 2 ? { right: width - at + 8 } : { left: at + 8 }) }}
      data-testid={testId}
    >
      <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
        {children}
      </Text>
    </Paper>
  );
}
