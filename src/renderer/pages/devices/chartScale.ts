// The arithmetic of the latency chart: a round top for the ms axis, time ticks on whole local hours or days of the
// site time zone (via @date-fns/tz, no hand-made zone offsets), and the gaps where the device was not measured.
import { TZDate } from '@date-fns/tz';
import { addDays, addMinutes } from 'date-fns';

/** 0–`max` rounded up to 1, 2, 2.5 or 5 × 10ⁿ, so the grid lines land on round numbers. */
export function niceCeil(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Steps in minutes: whole quarter hours and hours of the site's clock, so a 1 h chart is labelled too. */
const STEPS_MIN = [5, 10, 15, 30, 60, 120, 180, 360, 720];
const STEPS_D = [1, 2, 5, 7, 14];

export interface Tick {
  at: number;
  /** Whole-day tick: labelled with the date instead of the time. */
  day: boolean;
}

/** Ticks between `from` and `to` (ms) at most `maxTicks` of them, on whole local minutes, hours or midnights. */
export function timeTicks(from: number, to: number, timeZone: string, maxTicks: number): Tick[] {
  const span = to - from;
  const limit = Math.max(2, maxTicks);
  const start = new TZDate(from, timeZone);
  const midnight = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), timeZone);
  const stepMin = STEPS_MIN.find((m) => span / (m * MINUTE) <= limit);
  const ticks: Tick[] = [];
  if (stepMin !== undefined) {
    // Counted from the last local midnight so ticks land on round local times; skip straight to near `from`.
    const skip = Math.max(0, Math.floor((from - midnight.getTime()) / (stepMin * MINUTE)) - 1);
    for (let tick = addMinutes(midnight, skip * stepMin); tick.getTime() <= to; tick = addMinutes(tick, stepMin)) {
      if (tick.getTime() >= from) ticks.push({ at: tick.getTime(), day: tick.getHours() === 0 && tick.getMinutes() === 0 });
    }
    return ticks;
  }
  const stepD = STEPS_D.find((d) => span / (d * 24 * HOUR) <= limit) ?? 30;
  for (let tick = midnight; tick.getTime() <= to; tick = addDays(tick, stepD)) {
    if (tick.getTime() >= from) ticks.push({ at: tick.getTime(), day: true });
  }
  return ticks;
}

/**
 * Where the x-axis starts: the range's start, or for a device younger than the range its creation (or its first
 * sample if earlier), so a new device is not a sliver at the right edge. At least 5 minutes are always shown.
 */
export function axisStart(from: number, to: number, createdAt: number, firstSample: number | null): number {
  const born = Math.min(createdAt, firstSample ?? createdAt);
  return Math.min(Math.max(from, born), to - 5 * MINUTE);
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
