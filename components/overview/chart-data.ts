import type { OverviewResult } from '@/lib/worker/query-results';

export type Series = OverviewResult['series'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Bucket label in UTC, as precise as the bucket size needs. */
export function bucketLabel(t: number, bucketMs: number): string {
  const d = new Date(t);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (bucketMs >= 86_400_000) return day;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return bucketMs >= 60_000 ? `${day} ${time}` : `${day} ${time}:${pad(d.getUTCSeconds())}`;
}

/** The label of every bucket, in order. */
export function bucketLabels(s: Series): string[] {
  return Array.from({ length: s.buckets }, (_, i) => bucketLabel(s.start + i * s.bucketMs, s.bucketMs));
}

/** Brush indices covering [from, to] (the whole series when unset), clamped to the series. */
export function rangeToIndexes(s: Series, from: number | undefined, to: number | undefined): { startIndex: number; endIndex: number } {
  const last = Math.max(0, s.buckets - 1);
  const idx = (t: number) => Math.max(0, Math.min(last, Math.floor((t - s.start) / s.bucketMs)));
  const startIndex = from === undefined ? 0 : idx(from);
  const endIndex = to === undefined ? last : idx(to);
  return { startIndex, endIndex: Math.max(startIndex, endIndex) };
}

/**
 * The time range of brush indices: from the first bucket's start to the last bucket's end
 * (inclusive, so 1 ms before the next bucket). `null` when the brush spans the whole series.
 */
export function indexesToRange(s: Series, startIndex: number, endIndex: number): { from: number; to: number } | null {
  if (startIndex <= 0 && endIndex >= s.buckets - 1) return null;
  return { from: s.start + startIndex * s.bucketMs, to: s.start + (endIndex + 1) * s.bucketMs - 1 };
}

const UNITS: [number, string][] = [
  [7 * 86_400_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** 900000 → "15 minutes", 604800000 → "1 week". */
export function describeBucket(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms % size === 0) {
      const n = ms / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/** The tallest stack: the sum of every series' count in the busiest bucket. */
export function maxStack(s: Series): number {
  let max = 0;
  for (let i = 0; i < s.buckets; i++) {
    let sum = 0;
    for (const k of s.series) sum += k.counts[i] ?? 0;
    if (sum > max) max = sum;
  }
  return max;
}

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ) at or above `n`, at least 1: the value axis' top. */
export function niceCeil(n: number): number {
  if (!(n > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * p >= n) ?? 10) * p;
}

/**
 * The stacked bars as one SVG path per series (hundreds of segments cost one element each
 * series, not one component each): bucket `i` spans `band(i)` px across, values map to px by `y`.
 */
export function stackPaths(s: Series, band: (i: number) => { x: number; width: number } | null, y: (value: number) => number): string[] {
  const base = new Array<number>(s.buckets).fill(0);
  return s.series.map((k) => {
    let d = '';
    for (let i = 0; i < s.buckets; i++) {
      const n = k.counts[i] ?? 0;
      const b = band(i);
      const below = base[i] ?? 0;
      base[i] = below + n;
      if (n <= 0 || !b || b.width <= 0) continue;
      const top = y(below + n);
      const bottom = y(below);
      d += `M${round(b.x)} ${round(top)}h${round(b.width)}V${round(bottom)}h${round(-b.width)}Z`;
    }
    return d;
  });
}

const round = (v: number) => Math.round(v * 100) / 100;
