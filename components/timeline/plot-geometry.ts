/** Pure geometry of the timeline chart: layout, scales, time ticks and the hit-test index. */
import type { Window } from './timeline-data';

/** Space around the plot area, px: the domain axis on the left, the time axis under it. */
export const MARGIN = { top: 8, right: 16, bottom: 28, left: 188 } as const;

/** Chart height for `rows` domains on the axis, px. */
export function chartHeight(rows: number): number {
  return Math.min(980, Math.max(220, rows * 22 + 66));
}

export interface Plot {
  /** the plot area, px from the chart's top left */
  left: number;
  top: number;
  width: number;
  height: number;
  window: Window;
  /** domains on the axis (row 0 at the top) */
  rows: number;
}

/** The plot area of a chart `width` × `height` px. */
export function plotArea(width: number, height: number, window: Window, rows: number): Plot {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
    window,
    rows,
  };
}

/** Time (ms) → x, px: the window spans the plot's width. */
export function xOf(p: Plot, time: number): number {
  const span = p.window.hi - p.window.lo;
  return p.left + (span > 0 ? ((time - p.window.lo) / span) * p.width : p.width / 2);
}

/** Axis position (0 = top row) → y, px: each row is a band of equal height, the point at its middle. */
export function yOf(p: Plot, row: number): number {
  return p.top + ((row + 0.5) / Math.max(1, p.rows)) * p.height;
}

/** Steps the time axis may use, ms: round seconds, minutes, hours and days. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000].map((s) => s * 1000);

/** Round times inside the window, at least `minGap` px apart on a plot `width` px wide. */
export function timeTicks(window: Window, width: number, minGap = 90): number[] {
  const span = window.hi - window.lo;
  if (!(span > 0) || width <= 0) return [];
  const most = Math.max(1, Math.floor(width / minGap));
  const step = STEPS.find((s) => span / s <= most) ?? Math.ceil(span / most / 86_400_000) * 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(window.lo / step) * step; t <= window.hi; t += step) out.push(t);
  return out;
}

/** A tick's label: the time of day, with the date when the window spans more than a day. */
export function tickLabel(ms: number, window: Window): string {
  const iso = new Date(ms).toISOString();
  const time = ms % 1000 === 0 ? iso.slice(11, 19) : iso.slice(11, 23);
  return window.hi - window.lo > 86_400_000 ? `${iso.slice(5, 10)} ${time.slice(0, 5)}` : time;
}

/** A position in px. */
export interface At {
  x: number;
  y: number;
}

/** Items bucketed by a square grid of `cell` px, for finding the one nearest a pointer. */
export interface HitGrid<T extends At> {
  cell: number;
  buckets: Map<number, T[]>;
}

const bucketKey = (cx: number, cy: number) => cx * 65_536 + cy;

export function hitGrid<T extends At>(items: readonly T[], cell: number): HitGrid<T> {
  const buckets = new Map<number, T[]>();
  for (const it of items) {
    const key = bucketKey(Math.floor(it.x / cell), Math.floor(it.y / cell));
    const list = buckets.get(key);
    if (list) list.push(it);
    else buckets.set(key, [it]);
  }
  return { cell, buckets };
}

/** The item nearest (x, y) within `radius` px (at most the grid's cell), or null; of equals the later one (drawn on top). */
export function nearest<T extends At>(grid: HitGrid<T>, x: number, y: number, radius: number): T | null {
  const cx = Math.floor(x / grid.cell);
  const cy = Math.floor(y / grid.cell);
  let best: T | null = null;
  let bestD = radius * radius;
  for (let i = cx - 1; i <= cx + 1; i++) {
    for (let j = cy - 1; j <= cy + 1; j++) {
      for (const it of grid.buckets.get(bucketKey(i, j)) ?? []) {
        const d = (it.x - x) ** 2 + (it.y - y) ** 2;
        if (d <= bestD) {
          bestD = d;
          best = it;
        }
      }
    }
  }
  return best;
}
