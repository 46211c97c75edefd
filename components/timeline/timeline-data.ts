/** Pure helpers of the timeline view: the visible time window (zoom and pan) and the domain axis. */
import type { TimelinePoint } from '@/lib/worker/query-results';

export interface Window {
  lo: number;
  hi: number;
}

/** The span of the points, padded so single points are not on the edge. */
export function fullWindow(points: readonly TimelinePoint[]): Window | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const pad = Math.max(1000, (last.time - first.time) * 0.02);
  return { lo: first.time - pad, hi: last.time + pad };
}

/** Zooms by `factor` (< 1 in, > 1 out) about the middle; never wider than `full`, never under 1 s. */
export function zoom(w: Window, factor: number, full: Window): Window {
  const mid = (w.lo + w.hi) / 2;
  const half = Math.max(500, ((w.hi - w.lo) * factor) / 2);
  if (half * 2 >= full.hi - full.lo) return full;
  return clampTo({ lo: mid - half, hi: mid + half }, full);
}

/** Moves the window by `fraction` of its width, kept inside `full`. */
export function pan(w: Window, fraction: number, full: Window): Window {
  const d = (w.hi - w.lo) * fraction;
  return clampTo({ lo: w.lo + d, hi: w.hi + d }, full);
}

function clampTo(w: Window, full: Window): Window {
  const width = Math.min(w.hi - w.lo, full.hi - full.lo);
  if (w.lo < full.lo) return { lo: full.lo, hi: full.lo + width };
  if (w.hi > full.hi) return { lo: full.hi - width, hi: full.hi };
  return w;
}

/** The points inside the window. */
export function inWindow(points: readonly TimelinePoint[], w: Window | null): TimelinePoint[] {
  return w ? points.filter((p) => p.time >= w.lo && p.time <= w.hi) : [...points];
}

/** Domains per page of the timeline's y axis the analyst can choose. */
export const AXIS_PAGE_SIZES = [10, 20, 40] as const;

export interface DomainAxis {
  /** indices into the timeline's domains, top to bottom */
  shown: number[];
  /** domains matching the search */
  matched: number;
  /** the page shown (clamped), and how many there are */
  page: number;
  pages: number;
  /** position of the first shown domain among the matched ones */
  first: number;
  /** domains not on the axis (by search or paging) */
  offscreen: number;
  /** of them, those with finding evidence */
  offscreenEvidence: number;
}

/**
 * One page of the domain axis: the domains (already ordered evidence first, then by queries)
 * whose name contains `search`, `size` at a time; and what is off-screen.
 */
export function domainAxis(domains: readonly string[], evidence: readonly number[], opts: { search: string; page: number; size: number }): DomainAxis {
  const needle = opts.search.trim().toLowerCase();
  const matching: number[] = [];
  domains.forEach((d, i) => {
    if (needle === '' || d.toLowerCase().includes(needle)) matching.push(i);
  });
  const size = Math.max(1, opts.size);
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const page = Math.min(Math.max(0, Math.floor(opts.page)), pages - 1);
  const shown = matching.slice(page * size, page * size + size);
  const on = new Set(shown);
  let offscreenEvidence = 0;
  evidence.forEach((n, i) => {
    if (n > 0 && !on.has(i)) offscreenEvidence++;
  });
  return { shown, matched: matching.length, page, pages, first: page * size, offscreen: domains.length - shown.length, offscreenEvidence };
}

/** The points whose domain is on the axis. */
export function onAxis(points: readonly TimelinePoint[], shown: readonly number[]): TimelinePoint[] {
  const on = new Set(shown);
  return points.filter((p) => on.has(p.domainIndex));
}
