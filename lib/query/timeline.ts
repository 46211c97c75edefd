/**
 * The per-entity timeline (issue #4): every query of one process or host over time, as points
 * (time × registrable domain) with status, answer validity and the findings that rest on them.
 * Past `cap` points the rows are sampled evenly, always keeping the evidence rows of findings.
 */
import { classifyIpv6, isOutsideAllocatedSpace } from '../enrich/iana-ipv6';
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

/** True when a row has an AAAA answer outside allocated IPv6 space (memoised per answer set). */
function anomalousAnswers(ctx: DetectContext, memo: Map<number, boolean>, row: number): boolean | null {
  const id = ctx.answersId(row);
  let v = memo.get(id);
  if (v === undefined) {
    v = ctx.answers(row).some((a) => a.type === AAAA && isOutsideAllocatedSpace(classifyIpv6(a.value)));
    memo.set(id, v);
  }
  return ctx.answers(row).length === 0 ? null : v;
}

/**
 * `keep`: the entity's rows (and range); `rows`: how many rows are loaded data; `evidence`:
 * finding id → its rows.
 */
export function buildTimeline(
  ctx: DetectContext,
  keep: RowPredicate,
  rows: number,
  evidence: ReadonlyMap<string, ArrayLike<number>>,
  cap = DEFAULT_TIMELINE_CAP,
): Timeline {
  // rows in view, and a byte per loaded row marking them (cheaper than a set of a busy process's rows)
  const n = scanSize(keep, rows);
  const inView = new Uint8Array(rows);
  let matched = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = scanRow(keep, i);
    if (r < rows && keep(r)) {
      matched[m++] = r;
      inView[r] = 1;
    }
  }
  matched = matched.subarray(0, m);
  const byRow = new Map<number, string[]>();
  for (const [id, list] of evidence) {
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as number;
      if (inView[r] === 0) continue;
      inView[r] = 2; // evidence
      const ids = byRow.get(r);
      if (ids) ids.push(id);
      else byRow.set(r, [id]);
    }
  }
  let chosen: number[];
  const sampled = m > cap;
  if (sampled) {
    // every evidence row, and the others evenly spaced (the i-th pick is others[⌊i·others/room⌋])
    chosen = [...byRow.keys()];
    const others = m - byRow.size;
    const room = Math.max(0, cap - byRow.size);
    let next = 0; // index among the others of the next pick
    let i = 0; // picks made
    let k = 0; // others seen
    for (let j = 0; j < m && i < room && others > 0; j++) {
      const r = matched[j] as number;
      if (inView[r] === 2) continue;
      if (k === next) {
        chosen.push(r);
        i++;
        next = Math.floor((i * others) / room);
      }
      k++;
    }
  } else chosen = Array.from(matched);
  chosen.sort((a, b) => ctx.time(a) - ctx.time(b) || a - b);

  const axis = domainAxisOrder(ctx, matched, byRow);
  const domainIndex = new Map(axis.map((d, i) => [d.id, i]));
  const findings: string[] = [];
  const findingIndex = new Map<string, number>();
  const memo = new Map<number, boolean>();
  const points = chosen.map((row): TimelinePoint => {
    const di = domainIndex.get(ctx.domain(row)) ?? 0;
    const ids = byRow.get(row) ?? [];
    const fi = ids.map((id) => {
      let i = findingIndex.get(id);
      if (i === undefined) {
        i = findings.length;
        findings.push(id);
        findingIndex.set(id, i);
      }
      return i;
    });
    const answers = anomalousAnswers(ctx, memo, row);
    const validity: Validity = answers === true || fi.length > 0 ? 'anomalous' : answers === false ? 'ok' : 'none';
    return { row, time: ctx.time(row), domainIndex: di, status: ctx.status(row), validity, findings: fi };
  });
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

/** The domains of `rows`, with evidence first, then by queries, then by name. */
function domainAxisOrder(ctx: DetectContext, rows: ArrayLike<number>, evidence: ReadonlyMap<number, unknown>) {
  // counts by domain id in typed arrays: one pass over the rows, no map per row
  const n = ctx.domainCount();
  const queries = new Int32Array(n);
  const withEvidence = new Int32Array(n);
  const seen: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const id = ctx.domain(rows[i] as number);
    if (queries[id] === 0) seen.push(id);
    queries[id] = (queries[id] as number) + 1;
  }
  for (const r of evidence.keys()) {
    const id = ctx.domain(r);
    withEvidence[id] = (withEvidence[id] as number) + 1;
  }
  return seen
    .map((id) => ({ id, name: ctx.domainText(id), queries: queries[id] as number, evidence: withEvidence[id] as number }))
    .sort((a, b) => Number(b.evidence > 0) - Number(a.evidence > 0) || b.queries - a.queries || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
