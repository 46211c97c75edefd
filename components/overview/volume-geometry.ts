/** Pure geometry of the volume chart: layout, bands, value ticks, time labels and the brush. */

/** Space around the bars inside the chart's SVG, px: the value axis on the left, the time labels under it. */
export const MARGIN = { top: 8, right: 16, bottom: 26, left: 52 } as const;
/** Axis text size, px (the label widths are estimated from it). */
export const FONT_PX = 12;
/** The brush: its height and its travellers' width, px. */
export const BRUSH_H = 30;
export const TRAVELLER_W = 10;

export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The bars' area of a chart `width` × `height` px. */
export function plotArea(width: number, height: number): Area {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
  };
}

/** Bar `i` of `n` across the area: its slot, and the bar drawn 1 px in from each side of it. */
export function band(a: Area, n: number, i: number): { x: number; width: number; slot: number } {
  const slot = a.width / Math.max(1, n);
  const x = a.left + i * slot;
  return { x: x + 1, width: Math.max(0, slot - 2), slot };
}

/** The bar under x px, or null outside the area. */
export function barAt(a: Area, n: number, x: number): number | null {
  if (n <= 0 || x < a.left || x >= a.left + a.width) return null;
  return Math.min(n - 1, Math.floor(((x - a.left) / a.width) * n));
}

/** Value → y px: 0 at the area's bottom, `top` at its top. */
export function yOf(a: Area, top: number, value: number): number {
  return a.top + a.height - (value / Math.max(1, top)) * a.height;
}

/**
 * Integer ticks from 0 to `top` (a value of niceCeil) in equal steps that divide it: the step of
 * 1, 2, 2.5, 3, 4 or 5 × 10ⁿ whose count of intervals is nearest 4 (at most 6; more ticks on a tie).
 */
export function valueTicks(top: number): number[] {
  const t = Math.max(1, Math.round(top));
  let best = t;
  let bestScore = Infinity;
  for (let p = 1; p <= t; p *= 10) {
    for (const m of [1, 2, 2.5, 3, 4, 5]) {
      const step = m * p;
      if (!Number.isInteger(step) || t % step !== 0 || t / step > 6) continue;
      const score = Math.abs(t / step - 4) - (t / step) * 1e-3;
      if (score < bestScore) {
        bestScore = score;
        best = step;
      }
    }
  }
  const out: number[] = [];
  for (let v = 0; v <= t; v += best) out.push(v);
  return out;
}

/** Estimated width of a label in px: its length × an average glyph width (DOM text is not measured). */
export const labelWidth = (label: string, fontPx = FONT_PX) => label.length * fontPx * 0.62;

/**
 * The bars whose time labels are shown: every k-th, k the fewest bars that keep the widest label
 * `gap` px clear of the next, starting at the first whose label fits inside [0, `width`].
 * Labels are centred on their bar; none overlaps another or leaves the chart.
 */
export function labelIndexes(labels: readonly string[], a: Area, width: number, gap = 16): number[] {
  const n = labels.length;
  if (n === 0) return [];
  const slot = a.width / n;
  const widest = Math.max(...labels.map((l) => labelWidth(l)));
  const k = Math.max(1, Math.ceil((widest + gap) / slot));
  const fits = (i: number) => {
    const c = a.left + (i + 0.5) * slot;
    const half = labelWidth(labels[i] ?? '') / 2;
    return c - half >= 0 && c + half <= width;
  };
  const out: number[] = [];
  let first = 0;
  while (first < n && !fits(first)) first++;
  for (let i = first; i < n; i += k) if (fits(i)) out.push(i);
  return out;
}

/** x px of the left edge of the traveller on index `i` of `n`: index 0 at the brush's left, n - 1 a traveller's width from its right. */
export function travellerX(a: Pick<Area, 'left' | 'width'>, n: number, i: number): number {
  if (n <= 1) return a.left;
  return a.left + (i * (a.width - TRAVELLER_W)) / (n - 1);
}

/** The index whose traveller is nearest x px (a traveller's left edge), clamped to [0, n - 1]. */
export function travellerIndex(a: Pick<Area, 'left' | 'width'>, n: number, x: number): number {
  if (n <= 1) return 0;
  const step = (a.width - TRAVELLER_W) / (n - 1);
  return clamp(Math.round((x - a.left) / Math.max(step, 1e-9)), 0, n - 1);
}

export interface Span {
  start: number;
  end: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The span with one end moved to `to`, kept inside [0, n - 1] and not past the other end. */
export function moveEnd(span: Span, which: keyof Span, to: number, n: number): Span {
  return which === 'start' ? { start: clamp(to, 0, span.end), end: span.end } : { start: span.start, end: clamp(to, span.start, n - 1) };
}

/** The span shifted by `delta` bars, its length kept, stopped at either end. */
export function shiftSpan(span: Span, delta: number, n: number): Span {
  const d = clamp(delta, -span.start, n - 1 - span.end);
  return { start: span.start + d, end: span.end + d };
}

/** The span after a key on one of its travellers, or null for a key that does not move it. */
export function keyMove(span: Span, which: keyof Span, key: string, n: number): Span | null {
  const at = span[which];
  const page = Math.max(1, Math.round(n / 10));
  const to = { ArrowLeft: at - 1, ArrowDown: at - 1, ArrowRight: at + 1, ArrowUp: at + 1, PageDown: at - page, PageUp: at + page, Home: 0, End: n - 1 }[key];
  return to === undefined ? null : moveEnd(span, which, to, n);
}
