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
  const byKey = new Map<number, number[]>();
  for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
    const r = scanRow(keep, i);
    if (!keep(r)) continue;
    const t = ctx.time(r);
    if (t < range.from || t > range.to) continue;
    const key = stackBy === 'status' ? ctx.statusIndex(r) : ctx.qtype(r);
    let counts = byKey.get(key);
    if (!counts) {
      counts = new Array<number>(buckets).fill(0);
      byKey.set(key, counts);
    }
    const b = Math.min(buckets - 1, Math.floor((t - start) / bucketMs));
    counts[b] = (counts[b] as number) + 1;
  }
  const series = [...byKey.entries()]
    .map(([k, counts]) => ({ key: stackBy === 'status' ? (STATUS_ORDER[k] ?? '?') : qtypeName(k), counts, total: counts.reduce((a, b) => a + b, 0) }))
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

/** Ids below these bounds combine into one exact float key (2^26 · 2^27 = 2^53). */
const TUPLE_IDS = 2 ** 26;
const DIM_IDS = 2 ** 27;

/**
 * `stats count by <dims>` (the seed's Splunk search): groups the kept rows by one or more
 * dimensions. The ids of a row's dimensions are combined level by level into one dense tuple id
 * (one numeric map lookup per dimension, no string per row); ids past 2^26 distinct tuples fall
 * back to string keys.
 */
export function pivotGroups(ctx: DetectContext, keep: RowPredicate, dims: readonly Dimension[]): PivotGroups {
  const levels = dims.slice(1).map(() => new Map<number, number>());
  const groupOf = new Map<number | string, number>();
  const counts: number[] = [];
  const examples: number[] = [];
  for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
    const r = scanRow(keep, i);
    if (!keep(r)) continue;
    let id: number | string = keyOf(ctx, dims[0] as Dimension, r);
    for (let k = 1; k < dims.length; k++) {
      const next = keyOf(ctx, dims[k] as Dimension, r);
      if (typeof id === 'number' && id < TUPLE_IDS && next < DIM_IDS) {
        const m = levels[k - 1] as Map<number, number>;
        const key = id * DIM_IDS + next;
        let t = m.get(key);
        if (t === undefined) {
          t = m.size;
          m.set(key, t);
        }
        id = t;
      } else {
        id = `${id},${next}`;
      }
    }
    let g = groupOf.get(id);
    if (g === undefined) {
      g = counts.length;
      groupOf.set(id, g);
      counts.push(0);
      examples.push(r);
    }
    counts[g] = (counts[g] as number) + 1;
  }
  const order = Array.from(counts.keys()).sort((a, b) => (counts[b] as number) - (counts[a] as number) || (examples[a] as number) - (examples[b] as number));
  return { total: order.length, counts: Int32Array.from(order, (g) => counts[g] as number), rows: Int32Array.from(order, (g) => examples[g] as number) };
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
  const groups = pivotGroups(ctx, keep, dims);
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
