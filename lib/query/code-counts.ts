import { qtypeName } from '../ingest/dns-codes';
import { STATUS_ORDER, type StoreStatus } from '../store/event-store';
import type { DetectContext } from '../detect/context';
import { EVERY_ROW, scanRow, scanSize, type RowPredicate } from './filter';

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

/** Rows per status and per record type: what the status and record-type filters offer. */
export function codeCounts(ctx: DetectContext, keep: RowPredicate, maxQtypes = 64): CodeCounts {
  const byStatus = new Array<number>(STATUS_ORDER.length).fill(0);
  const byQtype = new Map<number, number>();
  const all = keep === EVERY_ROW;
  for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
    const r = scanRow(keep, i);
    if (!all && !keep(r)) continue;
    const s = ctx.statusIndex(r);
    byStatus[s] = (byStatus[s] as number) + 1;
    const q = ctx.qtype(r);
    byQtype.set(q, (byQtype.get(q) ?? 0) + 1);
  }
  return {
    statuses: STATUS_ORDER.map((name, code) => ({ code, name, count: byStatus[code] as number })).filter((c) => c.count > 0),
    qtypes: [...byQtype.entries()]
      .map(([code, count]) => ({ code, name: qtypeName(code), count }))
      .sort((a, b) => b.count - a.count || a.code - b.code)
      .slice(0, maxQtypes),
  };
}
