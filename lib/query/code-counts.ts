import { qtypeName } from '../ingest/dns-codes';
import { STATUS_ORDER, type StoreStatus } from '../store/event-store';
import type { DetectContext } from '../detect/context';
import { EVERY_ROW, scanRow, scanSize, type RowPredicate } from './filter';
import { rowsPerOutcome } from './row-counts';

export interface CodeCount<N extends string = string> {
  /** the status's index in STATUS_ORDER, or the record type's number */
  code: number;
  name: N;
  count: number;
}

export interface CodeCounts {
  /** in STATUS_ORDER */
  statuses: CodeCount<StoreStatus>[];
  /** by count, largest first, at most `maxQtypes` */
  qtypes: CodeCount[];
}

/**
 * Rows per outcome id (a record type, status and status code: EventStore.outcomes, a few dozen
 * in a log) among the kept rows: one read per row, every other count folded from these. All
 * rows: counted once per context ({@link rowsPerOutcome}), read-only.
 */
export function outcomeCounts(ctx: DetectContext, keep: RowPredicate): Readonly<Float64Array> {
  if (keep === EVERY_ROW) return rowsPerOutcome(ctx);
  const counts = new Float64Array(ctx.store.outcomes.qtype.length);
  for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
    const r = scanRow(keep, i);
    if (!keep(r)) continue;
    const o = ctx.outcome(r);
    counts[o] = (counts[o] as number) + 1;
  }
  return counts;
}

/** Rows per status (index in STATUS_ORDER), folded from {@link outcomeCounts}. */
export function statusCounts(ctx: DetectContext, perOutcome: Readonly<Float64Array>): number[] {
  const byStatus = new Array<number>(STATUS_ORDER.length).fill(0);
  const status = ctx.store.outcomes.status;
  for (let o = 0; o < perOutcome.length; o++) {
    const s = status[o] as number;
    byStatus[s] = (byStatus[s] as number) + (perOutcome[o] as number);
  }
  return byStatus;
}

/** Rows per status and per record type: what the status and record-type filters offer. */
export function codeCounts(ctx: DetectContext, keep: RowPredicate, maxQtypes = 64): CodeCounts {
  const perOutcome = outcomeCounts(ctx, keep);
  const byStatus = statusCounts(ctx, perOutcome);
  const byQtype = new Map<number, number>();
  const qtype = ctx.store.outcomes.qtype;
  for (let o = 0; o < perOutcome.length; o++) {
    const c = perOutcome[o] as number;
    if (c === 0) continue;
    const q = qtype[o] as number;
    byQtype.set(q, (byQtype.get(q) ?? 0) + c);
  }
  return {
    statuses: STATUS_ORDER.map((name, code) => ({ code, name, count: byStatus[code] as number })).filter((c) => c.count > 0),
    qtypes: [...byQtype.entries()]
      .map(([code, count]) => ({ code, name: qtypeName(code), count }))
      .sort((a, b) => b.count - a.count || a.code - b.code)
      .slice(0, maxQtypes),
  };
}
