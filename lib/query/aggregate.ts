import { STATUS_ORDER } from '../store/event-store';
import { qtypeName } from '../ingest/dns-codes';
import type { DetectContext } from '../detect/context';
import { scanRow, scanSize, type RowPredicate } from './filter';

export interface VolumeSeries {
  start: number;
  bucketMs: number;
  buckets: number;
  /** one series per stack key (status name or record type), counts per bucket */
  series: { key: string; counts: number[] }[];
}

const NICE_BUCKETS_MS = [1e3, 5e3, 15e3, 30e3, 60e3, 300e3, 900e3, 1800e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 86400e3, 7 * 86400e3];

/** The smallest round bucket size that keeps the range within `maxBuckets`. */
export function bucketSize(spanMs: number, maxBuckets: number): number {
  for (const b of NICE_BUCKETS_MS) if (spanMs / b <= maxBuckets) return b;
  return Math.ceil(spanMs / maxBuckets / 86400e3) * 86400e3;
}

/** Query volume over time stacked by status or record type. */
export function volumeSeries(
  ctx: DetectContext,
  keep: RowPredicate,
  stackBy: 'status' | 'qtype',
  range: { from: number; to: number },
  maxBuckets = 200,
): VolumeSeries {
  const span = Math.max(1, range.to - range.from);
  const bucketMs = bucketSize(span, maxBuckets);
  const start = Math.floor(range.from / bucketMs) * bucketMs;
  const buckets = Math.max(1, Math.floor((range.to - start) / bucketMs) + 1);
  // series by stack key through a slot table (status index or record type < 65,536): no map per row
  const slotOf = new Int32Array(stackBy === 'status' ? STATUS_ORDER.length : 65_536).fill(-1);
  const keys: number[] = [];
  const counts: Float64Array[] = [];
  for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
    const r = scanRow(keep, i);
    if (!keep(r)) continue;
    const t = ctx.time(r);
    if (t < range.from || t > range.to) continue;
    const key = stackBy === 'status' ? ctx.statusIndex(r) : ctx.qtype(r);
    let slot = slotOf[key] as number;
    if (slot < 0) {
      slot = slotOf[key] = keys.length;
      keys.push(key);
      counts.push(new Float64Array(buckets));
    }
    const b = Math.min(buckets - 1, Math.floor((t - start) / bucketMs));
    const c = counts[slot] as Float64Array;
    c[b] = (c[b] as number) + 1;
  }
  const series = keys
    .map((k, slot) => {
      const c = Array.from(counts[slot] as Float64Array);
      return { key: stackBy === 'status' ? (STATUS_ORDER[k] ?? '?') : qtypeName(k), counts: c, total: c.reduce((a, b) => a + b, 0) };
    })
    .sort((a, b) => b.total - a.total)
    .map(({ key, counts }) => ({ key, counts }));
  return { start, bucketMs, buckets, series };
}

export type Dimension = 'qname' | 'domain' | 'answers' | 'host' | 'user' | 'process';

/** Key of a row in one dimension, as a number (string id, domain id or process id). */
function keyOf(ctx: DetectContext, dim: Dimension, r: number): number {
  switch (dim) {
    case 'qname':
      return ctx.qname(r);
    case 'domain':
      return ctx.domain(r);
    case 'answers':
      return ctx.answersId(r);
    case 'host':
      return ctx.store.actors.host.get(ctx.actor(r));
    case 'user':
      return ctx.store.actors.user.get(ctx.actor(r));
    case 'process':
      return ctx.store.actors.image.get(ctx.actor(r));
  }
}

function labelOf(ctx: DetectContext, dim: Dimension, id: number): string {
  switch (dim) {
    case 'domain':
      return ctx.domainText(id);
    case 'answers':
      return ctx.store.answerText(id);
    default:
      return ctx.text(id);
  }
}

export interface PivotRow {
  keys: string[];
  count: number;
  /** one example row, to open the evidence */
  row: number;
}

/** Groups of a pivot by count, largest first (ties: earliest example row first). */
export interface PivotGroups {
  readonly total: number;
  /** count of the i-th group */
  readonly counts: Int32Array;
  /** one row of the i-th group: its keys are that row's keys */
  readonly rows: Int32Array;
}

/**
 * Every row's group in `stats count by <dims>` (the seed's Splunk search) over the rows
 * [0, size), computed once per dataset and dimensions; a filtered pivot then only counts its rows
 * per group ({@link PivotIndex.groups}). Grouping needs no map: the rows are put in tuple order by
 * one stable counting sort per key (a map per tuple took seconds at a million rows of nearly
 * unique tuples), and equal neighbours form a group.
 */
export class PivotIndex {
  /** group of each row */
  readonly groupOf: Int32Array;
  readonly groupCount: number;
  private counts: Int32Array;
  private first: Int32Array;

  constructor(ctx: DetectContext, size: number, dims: readonly Dimension[]) {
    // one key column per sort pass; host, user and process all follow from the row's actor, so
    // together they are one key (the order of the passes does not change the groups)
    const actorDims = dims.filter((d) => d === 'host' || d === 'user' || d === 'process');
    const rowDims = dims.filter((d) => d === 'qname' || d === 'domain' || d === 'answers');
    const cols: { keys: Int32Array; max: number }[] = rowDims.map((d) => keyColumn(size, (r) => keyOf(ctx, d, r)));
    if (actorDims.length > 0) {
      const proj = actorProjection(ctx, actorDims);
      cols.push(keyColumn(size, (r) => proj[ctx.actor(r)] as number));
    }
    let order = new Int32Array(size);
    for (let i = 0; i < size; i++) order[i] = i;
    let spare = new Int32Array(size);
    for (const col of cols) {
      countingSort(order, col.keys, col.max, spare);
      [order, spare] = [spare, order];
    }
    const groupOf = spare; // free now
    let g = -1;
    for (let i = 0; i < size; i++) {
      const r = order[i] as number;
      if (i === 0 || !sameKeys(cols, order[i - 1] as number, r)) g++;
      groupOf[r] = g;
    }
    this.groupOf = groupOf;
    this.groupCount = g + 1;
    this.counts = new Int32Array(this.groupCount);
    this.first = new Int32Array(this.groupCount);
  }

  /**
   * The groups of the kept rows by count, largest first (ties: earliest example row first); the
   * example of a group is its first kept row in scan order. One pass over the kept rows.
   */
  groups(keep: RowPredicate): PivotGroups {
    const { groupOf, counts, first } = this;
    const touched: number[] = [];
    let maxCount = 0;
    for (let i = 0, n = scanSize(keep, groupOf.length); i < n; i++) {
      const r = scanRow(keep, i);
      if (!keep(r)) continue;
      const g = groupOf[r] as number;
      const c = (counts[g] as number) + 1;
      counts[g] = c;
      if (c === 1) {
        first[g] = r;
        touched.push(g);
      }
      if (c > maxCount) maxCount = c;
    }
    // touched is in order of first appearance; a stable counting sort by count keeps that for ties
    const byAppearance = Int32Array.from(touched);
    const desc = new Int32Array(this.groupCount);
    for (const t of touched) desc[t] = maxCount - (counts[t] as number);
    const ordered = new Int32Array(touched.length);
    countingSort(byAppearance, desc, maxCount, ordered);
    const out = {
      total: ordered.length,
      counts: Int32Array.from(ordered, (t) => counts[t] as number),
      rows: Int32Array.from(ordered, (t) => first[t] as number),
    };
    for (const t of touched) counts[t] = 0; // ready for the next filter
    return out;
  }
}

/** The key of each row of [0, size), and the largest key. */
function keyColumn(size: number, keyOfRow: (r: number) => number): { keys: Int32Array; max: number } {
  const keys = new Int32Array(size);
  let max = 0;
  for (let i = 0; i < size; i++) {
    const v = keyOfRow(i);
    keys[i] = v;
    if (v > max) max = v;
  }
  return { keys, max };
}

/** A dense id per actor for its values in the given actor dimensions (equal values, equal id). */
function actorProjection(ctx: DetectContext, dims: readonly Dimension[]): Int32Array {
  const actors = ctx.store.actors;
  const proj = new Int32Array(actors.size);
  const ids = new Map<string, number>();
  for (let a = 0; a < actors.size; a++) {
    const k = dims.map((d) => (d === 'host' ? actors.host.get(a) : d === 'user' ? actors.user.get(a) : actors.image.get(a))).join(',');
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    proj[a] = id;
  }
  return proj;
}

function sameKeys(cols: readonly { keys: Int32Array }[], a: number, b: number): boolean {
  for (const c of cols) if (c.keys[a] !== c.keys[b]) return false;
  return true;
}

/** Stable counting sort: `out` gets `items` ordered by `keys[item]` (keys in 0..max). */
function countingSort(items: Int32Array, keys: Int32Array, max: number, out: Int32Array): void {
  const start = new Int32Array(max + 2);
  const n = items.length;
  for (let i = 0; i < n; i++) {
    const at = (keys[items[i] as number] as number) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let v = 0; v <= max; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  for (let i = 0; i < n; i++) {
    const v = keys[items[i] as number] as number;
    const at = start[v] as number;
    out[at] = items[i] as number;
    start[v] = at + 1;
  }
}


/** One page of a pivot with its labels. */
export function pivotPage(ctx: DetectContext, dims: readonly Dimension[], groups: PivotGroups, offset: number, limit: number): PivotRow[] {
  const out: PivotRow[] = [];
  for (let i = offset; i < Math.min(groups.total, offset + limit); i++) {
    const row = groups.rows[i] as number;
    out.push({ keys: dims.map((d) => labelOf(ctx, d, keyOf(ctx, d, row))), count: groups.counts[i] as number, row });
  }
  return out;
}

export function pivot(
  ctx: DetectContext,
  keep: RowPredicate,
  dims: readonly Dimension[],
  opts: { limit?: number; offset?: number } = {},
): { total: number; rows: PivotRow[] } {
  const groups = new PivotIndex(ctx, ctx.size, dims).groups(keep); // a one-off: the engine keeps its indexes
  return { total: groups.total, rows: pivotPage(ctx, dims, groups, opts.offset ?? 0, opts.limit ?? 100) };
}

/** Top values of one dimension. */
export function topN(ctx: DetectContext, keep: RowPredicate, dim: Dimension, n = 10): { key: string; count: number }[] {
  return pivot(ctx, keep, [dim], { limit: n }).rows.map((r) => ({ key: r.keys[0] ?? '', count: r.count }));
}

export interface Totals {
  events: number;
  first: number | null;
  last: number | null;
  nxdomain: number;
  byStatus: Record<string, number>;
}

export function totals(ctx: DetectContext, keep: RowPredicate): Totals {
  const byStatus = new Array<number>(STATUS_ORDER.length).fill(0);
  let events = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
    const r = scanRow(keep, i);
    if (!keep(r)) continue;
    events++;
    const t = ctx.time(r);
    if (t < first) first = t;
    if (t > last) last = t;
    const s = ctx.statusIndex(r);
    byStatus[s] = (byStatus[s] as number) + 1;
  }
  return {
    events,
    first: events ? first : null,
    last: events ? last : null,
    nxdomain: byStatus[STATUS_ORDER.indexOf('NXDOMAIN')] ?? 0,
    byStatus: Object.fromEntries(STATUS_ORDER.map((s, i) => [s, byStatus[i] as number]).filter(([, n]) => (n as number) > 0)),
  };
}
