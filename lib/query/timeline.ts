/**
 * The per-entity timeline (issue #4): every query of one process or host over time, as points
 * (time × registrable domain) with status, answer validity and the findings that rest on them.
 * Past `cap` points the rows are sampled evenly, always keeping the evidence rows of findings.
 */
import { classifyIpv6, isOutsideAllocatedSpace } from '../enrich/iana-ipv6';
import { gatherAt } from '../store/column';
import type { StoreStatus } from '../store/event-store';
import type { DetectContext } from '../detect/context';
import { scanRow, scanSize, type RowPredicate } from './filter';

export type Validity = 'ok' | 'anomalous' | 'none';

export interface TimelinePoint {
  row: number;
  time: number;
  /** index into `domains` */
  domainIndex: number;
  status: StoreStatus;
  validity: Validity;
  /** indices into `findings` of the findings this row is evidence of */
  findings: number[];
}

export interface Timeline {
  /** rows of the entity in range */
  total: number;
  /** true when `points` is a sample of the rows */
  sampled: boolean;
  /**
   * registrable domains of the entity's rows in range: those with finding evidence first, then
   * by queries, most first, then by name
   */
  domains: string[];
  /** per domain: its queries (all rows in range, sampled or not) */
  domainQueries: number[];
  /** per domain: its rows that are evidence of a finding */
  domainEvidence: number[];
  /** ids of the findings touching the points */
  findings: string[];
  /** in time order */
  points: TimelinePoint[];
}

export const DEFAULT_TIMELINE_CAP = 20_000;
const AAAA = 28;

/** True when a row has an AAAA answer outside allocated IPv6 space (memoised per answer set); null when it has no answers. */
function anomalousAnswers(ctx: DetectContext, memo: Map<number, boolean>, row: number): boolean | null {
  const id = ctx.answersId(row);
  const answers = ctx.store.answerSet(id);
  if (answers.length === 0) return null;
  let v = memo.get(id);
  if (v === undefined) {
    v = answers.some((a) => a.type === AAAA && isOutsideAllocatedSpace(classifyIpv6(a.value)));
    memo.set(id, v);
  }
  return v;
}

/**
 * `keep`: the entity's rows (and range); `rows`: how many rows are loaded data; `evidence`:
 * finding id → its rows.
 *
 * Asked each time an analyst picks a process or host, with code that has seldom run: the work
 * is typed-array loops, and the time order one pass when the rows are already in it (as most
 * exports are, oldest or newest first), not a call per comparison.
 */
export function buildTimeline(
  ctx: DetectContext,
  keep: RowPredicate,
  rows: number,
  evidence: ReadonlyMap<string, ArrayLike<number>>,
  cap = DEFAULT_TIMELINE_CAP,
): Timeline {
  const matched = rowsInView(keep, rows);
  const m = matched.length;
  const byRow = evidenceInView(matched, evidence);
  const sampled = m > cap;
  // ascending rows
  const chosen = sampled ? sampleRows(matched, byRow, cap) : matched;
  const times = gatherAt(ctx.store.time.blocks, chosen, 0, chosen.length, new Float64Array(chosen.length));
  const order = timeOrder(times);

  const axis = domainAxisOrder(ctx, matched, byRow);
  const axisIndex = new Int32Array(ctx.domainCount());
  axis.forEach((d, i) => (axisIndex[d.id] = i));
  const domains = ctx.domainColumn();
  const findings: string[] = [];
  const findingIndex = new Map<string, number>();
  const memo = new Map<number, boolean>();
  const points = new Array<TimelinePoint>(chosen.length);
  for (let k = 0; k < chosen.length; k++) {
    const j = order ? (order[k] as number) : k;
    const row = chosen[j] as number;
    const ids = byRow.get(row);
    let fi: number[] = NO_FINDINGS;
    if (ids) {
      fi = ids.map((id) => {
        let i = findingIndex.get(id);
        if (i === undefined) {
          i = findings.length;
          findings.push(id);
          findingIndex.set(id, i);
        }
        return i;
      });
    }
    const answers = anomalousAnswers(ctx, memo, row);
    const validity: Validity = answers === true || fi.length > 0 ? 'anomalous' : answers === false ? 'ok' : 'none';
    points[k] = { row, time: times[j] as number, domainIndex: axisIndex[domains[row] as number] as number, status: ctx.status(row), validity, findings: fi };
  }
  return {
    total: matched.length,
    sampled,
    domains: axis.map((d) => d.name),
    domainQueries: axis.map((d) => d.queries),
    domainEvidence: axis.map((d) => d.evidence),
    findings,
    points,
  };
}

/** Points of no finding share one (empty) list. */
const NO_FINDINGS: number[] = [];

/** The evidence rows in view (looked up in `matched`, which is ascending) → the findings resting on each. */
function evidenceInView(matched: Int32Array, evidence: ReadonlyMap<string, ArrayLike<number>>): Map<number, string[]> {
  const byRow = new Map<number, string[]>();
  for (const [id, list] of evidence) {
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as number;
      if (positionOf(matched, r) < 0) continue;
      const ids = byRow.get(r);
      if (ids) ids.push(id);
      else byRow.set(r, [id]);
    }
  }
  return byRow;
}

/**
 * `cap` of the rows in `matched`, ascending: every evidence row, and the others evenly spaced
 * (the i-th pick is the ⌊i·others/room⌋-th row that is not evidence, found from the evidence
 * rows' positions without a pass over `matched`).
 */
function sampleRows(matched: Int32Array, byRow: ReadonlyMap<number, unknown>, cap: number): Int32Array {
  const skip = new Int32Array(byRow.size);
  let e = 0;
  for (const r of byRow.keys()) skip[e++] = positionOf(matched, r);
  skip.sort();
  const others = matched.length - skip.length;
  const room = Math.max(0, cap - skip.length);
  const out = new Int32Array(skip.length + room);
  // the picks ascend (others > room, so ⌊i·others/room⌋ does), as do the evidence positions: merged
  let s = 0; // evidence positions at or before the pick
  let o = 0;
  for (let i = 0; i < room; i++) {
    const k = Math.floor((i * others) / room);
    while (s < skip.length && (skip[s] as number) <= k + s) out[o++] = matched[skip[s++] as number] as number;
    out[o++] = matched[k + s] as number;
  }
  while (s < skip.length) out[o++] = matched[skip[s++] as number] as number;
  return out;
}

/**
 * The order of ascending rows by (time, row): null when it is theirs already; otherwise their
 * indices sorted (the comparison the rows' own order breaks ties with).
 */
function timeOrder(times: Float64Array): Int32Array | null {
  let inOrder = true;
  for (let i = 1; i < times.length && inOrder; i++) inOrder = (times[i] as number) >= (times[i - 1] as number);
  if (inOrder) return null;
  const order = new Int32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
}

/** The domains of `rows`, with evidence first, then by queries, then by name. */
function domainAxisOrder(ctx: DetectContext, rows: ArrayLike<number>, evidence: ReadonlyMap<number, unknown>) {
  // counts by domain id: one pass over the rows reading the context's domain column
  const domains = ctx.domainColumn();
  const queries = new Int32Array(ctx.domainCount());
  const seen: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const id = domains[rows[i] as number] as number;
    if (queries[id] === 0) seen.push(id);
    queries[id] = (queries[id] as number) + 1;
  }
  const withEvidence = new Map<number, number>();
  for (const r of evidence.keys()) {
    const id = domains[r] as number;
    withEvidence.set(id, (withEvidence.get(id) ?? 0) + 1);
  }
  return seen
    .map((id) => ({ id, name: ctx.domainText(id), queries: queries[id] as number, evidence: withEvidence.get(id) ?? 0 }))
    .sort((a, b) => Number(b.evidence > 0) - Number(a.evidence > 0) || b.queries - a.queries || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The rows `keep` holds below `rows`, ascending (its candidates as they are when they are exactly those). */
function rowsInView(keep: RowPredicate, rows: number): Int32Array {
  const candidates = keep.rows;
  if (candidates instanceof Int32Array && keep.exact === true) {
    let end = candidates.length;
    while (end > 0 && (candidates[end - 1] as number) >= rows) end--;
    return candidates.subarray(0, end);
  }
  const n = scanSize(keep, rows);
  const matched = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = scanRow(keep, i);
    if (r < rows && keep(r)) matched[m++] = r;
  }
  return matched.subarray(0, m);
}

/** Index of `row` in the ascending `rows`, -1 when it is not there. */
function positionOf(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = rows[mid] as number;
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
