/**
 * Small robust statistics for detectors, plus row grouping. Quartiles and the median absolute
 * deviation follow github.com/montanaflynn/stats (the library RITA v5 uses), so that the beacon
 * timestamp score reproduces RITA's numbers: quartiles are Tukey hinges (medians of the lower and
 * upper halves, the middle element excluded for odd lengths), MAD is unscaled.
 * Functions taking `sorted` expect ascending input and do not copy it.
 */
import { GROUP_BLOCK_CARRIED, GROUP_BLOCK_ROWS, GROUP_BY_OUTER, GROUP_CARRIED, GROUP_LOCAL, type Scratch } from './scratch';
import { BLOCK_BITS, BLOCK_SIZE, gatherAt } from '../../store/column';

type NumArray = ArrayLike<number>;

/**
 * Sorts in place exactly as `values.sort()` does, without its call into the runtime when the
 * values are ascending already (rows in store order, of a log in time order) or few (many small
 * groups: insertion sort). ±0 and NaN, which the built-in orders specially, and longer unordered
 * arrays go to the built-in.
 */
export function sortAscending(values: Float64Array): Float64Array {
  const n = values.length;
  let ascending = true;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x === 0 || x !== x) return values.sort();
    if (i > 0 && x < (values[i - 1] as number)) ascending = false;
  }
  if (ascending) return values;
  if (n > SHORT_SORT) return values.sort();
  for (let i = 1; i < n; i++) {
    const x = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (values[j] as number) > x) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = x;
  }
  return values;
}

const SHORT_SORT = 48;

/**
 * The median of `values` in any order, equal to {@link median} of them sorted; the values are
 * reordered by a selection (linear on average) rather than sorted. Arrays holding ±0 or NaN,
 * which the built-in sort orders specially, are sorted instead.
 */
export function medianUnordered(values: Float64Array): number {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x === 0 || x !== x) return median(values.sort());
  }
  if (n === 0) return NaN;
  const mid = n >> 1;
  const upper = selectKth(values, mid);
  if (n % 2 === 1) return upper;
  // everything before `mid` is now the mid smallest values: the largest of them is the lower middle
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** Reorders `a` so that a[k] holds its k-th smallest value, none larger before it, none smaller after (Hoare's selection). */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const x = a[i] as number;
        a[i] = a[j] as number;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** Median of an ascending slice [from, to). NaN when empty. */
function medianRange(sorted: NumArray, from: number, to: number): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const mid = from + (n >> 1);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function median(sorted: NumArray): number {
  return medianRange(sorted, 0, sorted.length);
}

/** Linear-interpolation quantile (R type 7) of ascending data; q in [0, 1]. */
export function quantile(sorted: NumArray, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(n - 1, lo + 1)] as number;
  return a + (h - lo) * (b - a);
}

export interface Quartiles {
  q1: number;
  q2: number;
  q3: number;
}

/** Tukey hinges as montanaflynn/stats `Quartile` computes them. */
export function quartiles(sorted: NumArray): Quartiles {
  const n = sorted.length;
  const c1 = n % 2 === 0 ? n / 2 : (n - 1) / 2;
  const c2 = n % 2 === 0 ? n / 2 : c1 + 1;
  return { q1: medianRange(sorted, 0, c1), q2: medianRange(sorted, 0, n), q3: medianRange(sorted, c2, n) };
}

/** Median absolute deviation about the median (unscaled). */
export function mad(sorted: NumArray): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const m = median(sorted);
  const dev = new Float64Array(n);
  for (let i = 0; i < n; i++) dev[i] = Math.abs((sorted[i] as number) - m);
  dev.sort();
  return median(dev);
}

export function mean(values: NumArray): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return values.length === 0 ? NaN : s / values.length;
}

/** Population standard deviation. */
export function sd(values: NumArray): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += ((values[i] as number) - m) ** 2;
  return values.length === 0 ? NaN : Math.sqrt(s / values.length);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Bowley (quartile) skewness (Q1 + Q3 − 2·Q2) / (Q3 − Q1), and RITA's score 1 − |skew|. As in
 * RITA, the skew is taken as 0 unless the IQR is at least `minIqr` and the median differs from
 * both quartiles (small jitter is not asymmetry).
 */
export function bowleySkew(sorted: NumArray, minIqr = 10): { skew: number; score: number } {
  const { q1, q2, q3 } = quartiles(sorted);
  const den = q3 - q1;
  const skew = den >= minIqr && q2 !== q1 && q2 !== q3 ? (q1 + q3 - 2 * q2) / den : 0;
  return { skew, score: 1 - Math.abs(skew) };
}

/** RITA's MAD score (median − MAD) / median, `fallback` when the median is below 1, floor 0. */
export function madScore(sorted: NumArray, fallback: number): number {
  const m = median(sorted);
  let score = m >= 1 ? (m - mad(sorted)) / m : fallback;
  if (!(score >= 0)) score = 0;
  return score;
}

/** RITA's statistical score: round((skewScore + madScore) / 2, 3). */
export function ritaStatScore(sorted: NumArray, fallbackMad: number, minIqr = 10): number {
  return round3((bowleySkew(sorted, minIqr).score + madScore(sorted, fallbackMad)) / 2);
}

/** RITA's coefficient-of-variation score: 1 − sd/mean, 0 when CV > 1 (or no events). */
export function cvScore(counts: NumArray): number {
  const m = mean(counts);
  if (!(m > 0)) return 0;
  const cv = sd(counts) / m;
  return cv > 1 ? 0 : round3(1 - cv);
}

/**
 * −log10 of the chance of at least m successes in k Bernoulli(p) trials (Chernoff bound
 * k·D(m/k ‖ p)); 0 when m/k is not above p.
 */
export function binomialSignificance(m: number, k: number, p: number): number {
  if (k <= 0 || p <= 0) return k > 0 && m > 0 ? Infinity : 0;
  const q = m / k;
  if (q <= p || p >= 1) return 0;
  const d = q * Math.log(q / p) + (q < 1 ? (1 - q) * Math.log((1 - q) / (1 - p)) : 0);
  return (k * d) / Math.LN10;
}

/**
 * Median and MAD of `sorted` (ascending, non-negative) padded with `zeros` extra zero values,
 * without materialising the zeros: the baseline of per-bucket counts over a span in which most
 * buckets may be empty.
 */
export function medianMadWithZeros(sorted: NumArray, zeros: number): { median: number; mad: number } {
  const n = sorted.length + zeros;
  if (n === 0) return { median: NaN, mad: NaN };
  const at = (i: number) => (i < zeros ? 0 : (sorted[i - zeros] as number));
  const mid = n >> 1;
  const m = n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  // deviations: one per stored value, and the padded zeros all deviate by m (one weighted slot)
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) dev[i] = Math.abs((sorted[i] as number) - m);
  dev.sort();
  const kth = (k: number): number => {
    // k-th smallest of dev ∪ {m × zeros}
    let i = 0;
    let seen = 0;
    let zerosPlaced = zeros === 0;
    while (true) {
      const next = i < dev.length ? (dev[i] as number) : Infinity;
      if (!zerosPlaced && m <= next) {
        if (k < seen + zeros) return m;
        seen += zeros;
        zerosPlaced = true;
        continue;
      }
      if (k === seen) return next;
      seen++;
      i++;
    }
  };
  const madValue = n % 2 === 1 ? kth(mid) : (kth(mid - 1) + kth(mid)) / 2;
  return { median: m, mad: madValue };
}

/** Rows bucketed by a dense group id: group g owns rows[start[g] .. start[g + 1]). */
export interface RowGroups {
  readonly count: number;
  /** the key of each group: outer · 2³² + inner (just outer without an inner key) */
  readonly keys: Float64Array;
  readonly start: Int32Array;
  readonly rows: Int32Array;
  /** with a `carry` ({@link groupRowsBy}): each row's carried value, in the order of `rows` */
  readonly carried?: Float64Array;
}

export const KEY_SHIFT = 0x100000000;

/**
 * Groups rows 0..size-1 by a dense non-negative `outer` id (e.g. a process entity), and within
 * it by a dense `inner` id (e.g. a registrable domain); a negative outer id skips the row. No
 * hashing: counting sorts over typed arrays, so it stays linear at 10M rows. Groups come ordered
 * by outer id, then by first appearance; rows stay in store order within a group.
 */
export function groupRows(size: number, outerOf: (row: number) => number, innerOf?: (row: number) => number): RowGroups {
  const outer = new Int32Array(size);
  for (let r = 0; r < size; r++) outer[r] = outerOf(r);
  let inner: Int32Array | undefined;
  if (innerOf) {
    inner = new Int32Array(size);
    for (let r = 0; r < size; r++) if ((outer[r] as number) >= 0) inner[r] = innerOf(r);
  }
  return groupRowsBy(outer, inner);
}

/*
 * The passes over every row below are functions of their own, each one loop with only its result
 * after it: V8 optimises a long loop on stack replacement with the type feedback gathered so far,
 * so code after the loop that had not run yet (a second pass) deoptimised each time the loop
 * ended (a Chromium trace of the 1M CSV's first detection: on each of scatterByOuter's four calls).
 */

/** The largest of the ids (-1 when there is none, or all are negative). */
function largestId(ids: Int32Array): number {
  let max = -1;
  for (let r = 0; r < ids.length; r++) {
    const o = ids[r] as number;
    if (o > max) max = o;
  }
  return max;
}

/** Rows per non-negative outer id o into `perOuter[o + 1]`; returns how many rows have one. */
function countPerOuter(outer: Int32Array, perOuter: Int32Array): number {
  let kept = 0;
  for (let r = 0; r < outer.length; r++) {
    const o = outer[r] as number;
    if (o < 0) continue;
    perOuter[o + 1] = (perOuter[o + 1] as number) + 1;
    kept++;
  }
  return kept;
}

/**
 * The counting sort by outer id: each kept row into `byOuter` at `fill[o]` (then advanced), with
 * its inner id into `local` and its carried value into `carriedByOuter` at the same place when
 * given (read in row order, not gathered); returns the largest inner id (0 without one). The
 * carried values are read a block at a time, not through the block table per row: at 10M rows
 * (beacon's 7.3M kept rows of the 10M CSV, in Node) 168–187 ms against 242–278. One loop over
 * the rows, not a loop per block: code after an inner loop had no type feedback when V8 optimised
 * the inner loop, and deoptimised at its first end (slower cold, at 1M rows).
 */
function scatterRows(
  outer: Int32Array,
  fill: Int32Array,
  byOuter: Int32Array,
  inner: Int32Array | undefined,
  local: Int32Array,
  carry: readonly Float64Array[] | undefined,
  carriedByOuter: Float64Array,
): number {
  let maxInner = 0;
  let values: Float64Array = new Float64Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < outer.length; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      if (carry) values = carry[r >>> BLOCK_BITS] as Float64Array;
    }
    const o = outer[r] as number;
    if (o < 0) continue;
    const at = fill[o] as number;
    fill[o] = at + 1;
    byOuter[at] = r;
    if (carry) carriedByOuter[at] = values[r - from] as number;
    if (inner) {
      const k = inner[r] as number;
      local[at] = k;
      if (k > maxInner) maxInner = k;
    }
  }
  return maxInner;
}

/**
 * The rows per outer id of an `outer` column, when its maker counted them as it wrote it (slot
 * o + 1 holds id o's rows; its length is the largest id + 2), and how many rows have one: the
 * grouping then skips its own two passes over the column (beacon at 10M rows: 88 ms). Handed
 * over: the grouping sums it in place.
 */
export interface OuterCounts {
  readonly perOuter: Int32Array;
  readonly kept: number;
}

/** Phases 1 and 2 of {@link groupRowsBy}: the kept rows (and their inner ids and carried values) in blocks by outer id. */
function scatterByOuter(outer: Int32Array, inner: Int32Array | undefined, carry: readonly Float64Array[] | undefined, scratch: Scratch | undefined, counted?: OuterCounts) {
  // 1. rows per outer id (slot o + 1 counts id o), summed into where each id's block starts
  const nOuter = counted ? counted.perOuter.length - 1 : largestId(outer) + 1;
  const outerStart = counted ? counted.perOuter : new Int32Array(nOuter + 1);
  const kept = counted ? counted.kept : countPerOuter(outer, outerStart);
  for (let o = 0; o < nOuter; o++) outerStart[o + 1] = (outerStart[o + 1] as number) + (outerStart[o] as number);
  // 2. counting sort by outer id; the inner ids move along (read in row order, not gathered)
  // with an inner key the outer-ordered rows, inner ids and carried values are temporaries (from
  // `scratch` when given); without one the outer-ordered rows and values are the result
  const pooled = scratch !== undefined && inner !== undefined;
  const byOuter = pooled ? scratch.int32(GROUP_BY_OUTER, kept) : new Int32Array(kept);
  const local = !inner ? new Int32Array(0) : pooled ? scratch.int32(GROUP_LOCAL, kept) : new Int32Array(kept);
  const carriedByOuter = !carry ? new Float64Array(0) : pooled ? scratch.float64(GROUP_CARRIED, kept) : new Float64Array(kept);
  const maxInner = scatterRows(outer, outerStart.slice(0, nOuter), byOuter, inner, local, carry, carriedByOuter);
  return { kept, nOuter, outerStart, byOuter, local, carriedByOuter, maxInner };
}

/**
 * {@link groupRows} over per-row id columns instead of callbacks (row r's ids are `outer[r]` and
 * `inner[r]`; `inner` is read only for kept rows): the same groups, without a call per row, so
 * detectors can pass the context's id columns as they are.
 *
 * `carry`, a per-row number in blocks of BLOCK_SIZE rows (a store column's `blocks`, e.g. the
 * event times), is moved along into group order as `carried`: read in row order here, where a
 * detector reading it row by row in group order would jump across the whole column (at 10M rows,
 * 80 MB of times: a cache miss per read, 0.6 s of a beacon run against 0.07 s).
 *
 * `scratch` (the context's): with an inner key, the temporaries come from it instead of new
 * arrays; the next call with it reuses them, so the groups returned never live in it.
 */
export function groupRowsBy(outer: Int32Array, inner: Int32Array | undefined, carry: readonly Float64Array[], scratch?: Scratch): RowGroups & { readonly carried: Float64Array };
export function groupRowsBy(outer: Int32Array, inner?: Int32Array, carry?: undefined, scratch?: Scratch): RowGroups;
export function groupRowsBy(outer: Int32Array, inner?: Int32Array, carry?: readonly Float64Array[], scratch?: Scratch): RowGroups {
  const scattered = scatterByOuter(outer, inner, carry, scratch);
  const { kept, nOuter, outerStart, byOuter, carriedByOuter } = scattered;
  if (!inner) {
    // the groups are the outer blocks that have rows, already in row order
    let count = 0;
    for (let o = 0; o < nOuter; o++) if ((outerStart[o + 1] as number) > (outerStart[o] as number)) count++;
    const keys = new Float64Array(count);
    const start = new Int32Array(count + 1);
    for (let o = 0, g = 0; o < nOuter; o++) {
      if ((outerStart[o + 1] as number) === (outerStart[o] as number)) continue;
      keys[g] = o;
      start[++g] = outerStart[o + 1] as number;
    }
    return carry ? { count, keys, start, rows: byOuter, carried: carriedByOuter } : { count, keys, start, rows: byOuter };
  }
  // 3. the groups of each outer block, in its slice of the result (visitGroups)
  const rows = new Int32Array(kept);
  const carried = carry ? new Float64Array(kept) : null;
  const keys: number[] = [];
  const start: number[] = [0];
  let at = 0;
  visitGroups(scattered, carried !== null, scratch, (o, k, groupRows, groupCarried, from, to) => {
    keys.push(o * KEY_SHIFT + k);
    rows.set(groupRows.subarray(from, to), at);
    carried?.set(groupCarried.subarray(from, to), at);
    at += to - from;
    start.push(at);
  });
  const groups = { count: keys.length, keys: Float64Array.from(keys), start: Int32Array.from(start), rows };
  return carried ? { ...groups, carried } : groups;
}

/**
 * Rows picked out of many with their outer id, in store order, for {@link groupRowList}: a
 * detector that keeps a few rows of millions lists them as it meets them, instead of writing an
 * id or -1 for every row that grouping then reads again whole (nxdomain's failures and candidates
 * and volume's bursty processes: 27,976, 796 and 2,280 of the 10M CSV's 10M rows, 49-55 ms of
 * counting and 19-27 ms of scattering each over the full column, in Node).
 */
export class RowList {
  rows = new Int32Array(1024);
  outer = new Int32Array(1024);
  length = 0;

  /** Adds row `r` (after every row added before it) with its non-negative outer id. */
  push(r: number, outerId: number): void {
    if (this.length === this.rows.length) {
      const rows = new Int32Array(2 * this.length);
      rows.set(this.rows);
      this.rows = rows;
      const outer = new Int32Array(2 * this.length);
      outer.set(this.outer);
      this.outer = outer;
    }
    this.rows[this.length] = r;
    this.outer[this.length] = outerId;
    this.length++;
  }
}

/**
 * {@link groupRowsBy} of the listed rows only: the same groups, keys, rows and carried values as
 * grouping a column that holds the list's outer ids at its rows and -1 elsewhere, in time and
 * memory of the list's length. `inner` (per row) and `carry` (per row, in column blocks) are read
 * at the listed rows.
 */
export function groupRowList(list: RowList, inner: Int32Array | undefined, carry: readonly Float64Array[], scratch?: Scratch): RowGroups & { readonly carried: Float64Array };
export function groupRowList(list: RowList, inner?: Int32Array, carry?: undefined, scratch?: Scratch): RowGroups;
export function groupRowList(list: RowList, inner?: Int32Array, carry?: readonly Float64Array[], scratch?: Scratch): RowGroups {
  const n = list.length;
  const rows = list.rows;
  // positions in the list stand for its rows: the outer ids as they are, the inner ids and the
  // carried values gathered at the rows (in blocks, as groupRowsBy reads a carry)
  const localInner = inner ? gatherInt32(inner, rows, n) : undefined;
  const carried = carry ? gatherBlocks(carry, rows, n) : undefined;
  const g = carried ? groupRowsBy(list.outer.subarray(0, n), localInner, carried, scratch) : groupRowsBy(list.outer.subarray(0, n), localInner, undefined, scratch);
  // the groups hold positions, ascending within each group as the rows are: back to rows
  const grouped = g.rows;
  for (let i = 0; i < grouped.length; i++) grouped[i] = rows[grouped[i] as number] as number;
  return g;
}

function gatherInt32(column: Int32Array, rows: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = column[rows[i] as number] as number;
  return out;
}

/** The values of `rows[0..n)` from a column in blocks, themselves in blocks of BLOCK_SIZE (the last one as long as what is left). */
function gatherBlocks(blocks: readonly Float64Array[], rows: Int32Array, n: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let from = 0; from < n; from += BLOCK_SIZE) {
    const to = Math.min(n, from + BLOCK_SIZE);
    out.push(gatherAt(blocks, rows, from, to, new Float64Array(to - from)));
  }
  return out;
}

/**
 * A group handed to a visitor: its rows are `rows[from..to)` and their carried values
 * `carried[from..to)` (empty without a carry), in buffers shared by every group and valid during
 * the call only. Positions, not views: a view per group was 20 MB of short-lived objects in a
 * first detection of the 1M CSV (its beacon groups; V8's allocation sampling), a fifth of what
 * detection allocated on the JS heap.
 */
export type GroupVisitor = (outerId: number, innerId: number, rows: Int32Array, carried: Float64Array, from: number, to: number) => void;

/**
 * {@link groupRowsBy}'s groups with an inner key and a carry, handed to `visit` one at a time
 * instead of gathered: each outer block's groups are formed in a buffer the size of the block and
 * visited in the order groupRowsBy returns them (by outer id, then by first appearance), rows in
 * store order. For a caller that keeps few groups (beacon): no second scatter of every kept row
 * and value into new arrays (90 MB at 10M rows), and each block's work stays in cache.
 */
export function visitRowGroups(outer: Int32Array, inner: Int32Array, carry: readonly Float64Array[], scratch: Scratch, visit: GroupVisitor, counted?: OuterCounts): void {
  visitGroups(scatterByOuter(outer, inner, carry, scratch, counted), true, scratch, visit);
}

/**
 * Each outer block's groups by inner id (`s.local`), formed in a buffer the size of the block
 * (from `scratch` when given) and handed to `visit` in order: by outer id, then by first
 * appearance, rows in store order; `carried` is empty without `withCarry`.
 */
function visitGroups(s: ReturnType<typeof scatterByOuter>, withCarry: boolean, scratch: Scratch | undefined, visit: GroupVisitor): void {
  const { nOuter, outerStart, byOuter, local, carriedByOuter, maxInner } = s;
  let largest = 0;
  for (let o = 0; o < nOuter; o++) largest = Math.max(largest, (outerStart[o + 1] as number) - (outerStart[o] as number));
  const carriedLength = withCarry ? largest : 0;
  const rows = scratch ? scratch.int32(GROUP_BLOCK_ROWS, largest) : new Int32Array(largest);
  const carried = scratch ? scratch.float64(GROUP_BLOCK_CARRIED, carriedLength) : new Float64Array(carriedLength);
  const groupOf = new Int32Array(maxInner + 1);
  const stamp = new Int32Array(maxInner + 1).fill(-1);
  // per group of the current block: its inner id, then its size, then where it starts in `rows`
  const innerOf = new Int32Array(maxInner + 1);
  const at = new Int32Array(maxInner + 1);
  for (let o = 0; o < nOuter; o++) {
    const from = outerStart[o] as number;
    const to = outerStart[o + 1] as number;
    if (to === from) continue;
    const count = blockGroups(local, from, to, o, stamp, groupOf, innerOf, at);
    scatterBlock(local, from, to, at, byOuter, carriedByOuter, rows, carried, withCarry);
    for (let g = 0, start = 0; g < count; g++) {
      const end = at[g] as number;
      visit(o, innerOf[g] as number, rows, carried, start, end);
      start = end;
    }
  }
}

/**
 * The groups of one outer block (`local[from..to)`, inner ids) in order of first appearance:
 * each entry becomes its group, `innerOf[g]` is the group's inner id and `at[g]` where it starts
 * in the block; returns how many. The stamp per inner id is the block's id, so nothing is reset.
 */
function blockGroups(local: Int32Array, from: number, to: number, o: number, stamp: Int32Array, groupOf: Int32Array, innerOf: Int32Array, at: Int32Array): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const k = local[i] as number;
    let g: number;
    if (stamp[k] !== o) {
      stamp[k] = o;
      g = count++;
      groupOf[k] = g;
      innerOf[g] = k;
      at[g] = 0;
    } else g = groupOf[k] as number;
    local[i] = g;
    at[g] = (at[g] as number) + 1;
  }
  for (let g = 0, start = 0; g < count; g++) {
    const n = at[g] as number;
    at[g] = start;
    start += n;
  }
  return count;
}

/** One outer block's rows (and values, `withCarry`) into their groups' places in `rows` and `carried`; `at[g]` ends as group g's end. */
function scatterBlock(group: Int32Array, from: number, to: number, at: Int32Array, byOuter: Int32Array, carriedByOuter: Float64Array, rows: Int32Array, carried: Float64Array, withCarry: boolean): void {
  for (let i = from; i < to; i++) {
    const g = group[i] as number;
    const p = at[g] as number;
    rows[p] = byOuter[i] as number;
    if (withCarry) carried[p] = carriedByOuter[i] as number;
    at[g] = p + 1;
  }
}
