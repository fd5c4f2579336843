// The arithmetic of the latency chart: a round top for the ms axis, time ticks on whole local hours or days of the
// site time zone (via @date-fns/tz, no hand-made zone offsets), and the gaps where the device was not measured.
import { TZDate } from '@date-fns/tz';
import { addDays, addHours } from 'date-fns';

/** 0–`max` rounded up to 1, 2, 2.5 or 5 × 10ⁿ, so the grid lines land on round numbers. */
export function niceCeil(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const HOUR = 3_600_000;
const STEPS_H = [1, 2, 3, 6, 12];
const STEPS_D = [1, 2, 5, 7, 14];

export interface Tick {
  at: number;
  /** Whole-day tick: labelled with the date instead of the time. */
  day: boolean;
}

/** Ticks between `from` and `to` (ms) at most `maxTicks` of them, on whole local hours or local midnights. */
export function timeTicks(from: number, to: number, timeZone: string, maxTicks: number): Tick[] {
  const span = to - from;
  const limit = Math.max(2, maxTicks);
  const start = new TZDate(from, timeZone);
  const midnight = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), timeZone);
  const stepH = STEPS_H.find((h) => span / (h * HOUR) <= limit);
  const ticks: Tick[] = [];
  if (stepH !== undefined) {
    for (let tick = midnight; tick.getTime() <= to; tick = addHours(tick, stepH)) {
      if (tick.getTime() >= from) ticks.push({ at: tick.getTime(), day: tick.getHours() === 0 });
    }
    return ticks;
  }
  const stepD = STEPS_D.find((d) => span / (d * 24 * HOUR) <= limit) ?? 30;
  for (let tick = midnight; tick.getTime() <= to; tick = addDays(tick, stepD)) {
    if (tick.getTime() >= from) ticks.push({ at: tick.getTime(), day: true });
  }
  return ticks;
}

export interface ChartPoint {
  at: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  lossPct: number;
}

/** Runs of measured points; a missing reply or a pause longer than 3 usual steps starts a new run. */
export function runsOf(points: ChartPoint[]): ChartPoint[][] {
  const steps = points.slice(1).map((p, i) => p.at - points[i]!.at).sort((a, b) => a - b);
  const usual = steps[Math.floor(steps.length / 2)] ?? 0;
  const runs: ChartPoint[][] = [];
  let current: ChartPoint[] = [];
  let last: number | null = null;
  for (const point of points) {
    const gap = last !== null && usual > 0 && point.at - last > usual * 3;
    if (point.avg === null || gap) {
      if (current.length) runs.push(current);
      current = [];
    }
    if (point.avg !== null) current.push(point);
    last = point.at;
  }
  if (current.length) runs.push(current);
  return runs;
}

/** Runs of points split where a pause is longer than 3 usual steps (a device not polled), for any series. */
export function splitAtGaps<T extends { at: number }>(points: T[]): T[][] {
  const steps = points.slice(1).map((p, i) => p.at - points[i]!.at).sort((a, b) => a - b);
  const usual = steps[Math.floor(steps.length / 2)] ?? 0;
  const runs: T[][] = [];
  let current: T[] = [];
  for (const point of points) {
    const last = current[current.length - 1];
    if (last && usual > 0 && point.at - last.at > usual * 3) {
      runs.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length) runs.push(current);
  return runs;
}
