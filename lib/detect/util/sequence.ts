/**
 * Sequential-name staging runs (dns-c2-facts §6 D1), shared by the staging and the reassembly
 * detectors: a constant stem + increasing counter in the first label under one parent, asked by
 * one process. Counters: decimal suffix (`cloud-srv-12`, `cdn0`, nishang `7`), or the Cobalt
 * Strike stager's base-26 little-endian triplet (`aaa.stage.…`, `baa`, … `aba`).
 *
 * Grouped aggregation in two linear passes: (1) GROUP BY (stem+parent, process) → bitmask of the
 * counters 0–31 seen, and distinct processes per stem; (2) only for groups whose mask can hold a
 * run, per-counter statistics and the rows. The verdict (run boundaries) is then per group. Each
 * distinct name is parsed once per context ({@link sequenceNames}), whichever detector asks first.
 */
import { BLOCK_BITS, BLOCK_MASK } from '../../store/column';
import type { StoredAnswer } from '../../store/event-store';
import type { DetectContext } from '../context';
import { SMALL_COUNTER, sequenceNames, type SequenceNames, type StemInfo } from './sequence-name';

export { parseSequentialName, sequenceCounter, sequencePattern, type ParsedName } from './sequence-name';

export interface SequenceOptions {
  /** answered counters a run needs */
  readonly minRecords: number;
  /** missing counters tolerated inside a run */
  readonly maxGaps: number;
  /** highest counter a run may start at */
  readonly maxStart: number;
  /** more distinct processes asking the same stem+parent → shared infrastructure, skipped */
  readonly maxProcesses: number;
}

export interface SequenceEntry {
  readonly counter: number;
  /** earliest row asking this counter's name */
  firstRow: number;
  /** first answered row (NOERROR with a non-empty answer), −1 if none */
  answeredRow: number;
  /** first failed row (NXDOMAIN, NODATA, SERVFAIL, …), −1 if none */
  failedRow: number;
  rows: number;
  answered: number;
}

export interface SequenceRun {
  readonly process: number;
  readonly domain: number;
  readonly kind: 'decimal' | 'base26';
  readonly stem: string;
  readonly parent: string;
  /** answered counters of the run, ascending */
  readonly entries: readonly SequenceEntry[];
  /** the failed query right after the run (the stager's end-of-data probe), if any */
  readonly terminal: SequenceEntry | null;
  readonly start: number;
  readonly end: number;
  /** counters in [start, end] without an answer */
  readonly gaps: number;
  /** most frequent known query type of the run's rows (0 if none known), and its share */
  readonly qtype: number;
  readonly qtypeShare: number;
  readonly processesForStem: number;
  /** every row asking a counter in [start, end + 1], in row order */
  readonly rows: readonly number[];
}

/** Per-run state of a stem: up to maxProcesses processes that asked a small counter. */
interface RunStem {
  readonly procs: number[];
  readonly masks: number[];
  readonly domains: number[];
  tooMany: boolean;
  /** per tracked process: its candidate (pass 2), or null */
  cands: (Candidate | null)[] | null;
}

interface Candidate {
  readonly process: number;
  readonly domain: number;
  readonly entries: Map<number, SequenceEntry>;
  readonly rows: number[];
}

/** An answer with a value: an empty TXT string is the Cobalt Strike stager's end of data. */
function hasData(answers: readonly StoredAnswer[]): boolean {
  for (const a of answers) if (a.value !== '') return true;
  return false;
}

function popcount(x: number): number {
  let v = x >>> 0;
  let n = 0;
  while (v !== 0) {
    v &= v - 1;
    n++;
  }
  return n;
}

/**
 * Pass 1 (a pass over the named rows: see Detector.run): per (stem, process) the mask of
 * counters 0..31 seen; stems asked by more than `maxProcesses` processes are dropped on the spot.
 */
function stemMasks(ctx: DetectContext, names: SequenceNames, named: Int32Array, maxProcesses: number): (RunStem | undefined)[] {
  const { stemOf, counterOf } = names;
  const qnames = ctx.qnameColumn();
  const processes = ctx.processColumn();
  const domains = ctx.domainColumn();
  const state: (RunStem | undefined)[] = [];
  for (let i = 0; i < named.length; i++) {
    const r = named[i] as number;
    const q = qnames[r] as number;
    const s = stemOf[q] as number;
    if (s < 0) continue;
    let st = state[s];
    if (st === undefined) state[s] = st = { procs: [], masks: [], domains: [], tooMany: false, cands: null };
    else if (st.tooMany) continue;
    const c = counterOf[q] as number;
    if (c >= SMALL_COUNTER) continue;
    const proc = processes[r] as number;
    let k = st.procs.indexOf(proc);
    if (k < 0) {
      if (st.procs.length >= maxProcesses) {
        st.tooMany = true;
        continue;
      }
      k = st.procs.push(proc) - 1;
      st.masks.push(0);
      st.domains.push(domains[r] as number);
    }
    st.masks[k] = (st.masks[k] as number) | (1 << c);
  }
  return state;
}

/** Pass 2 (a pass over the named rows): per-counter statistics and rows of the candidate groups. */
function candidateRows(ctx: DetectContext, names: SequenceNames, named: Int32Array, state: readonly (RunStem | undefined)[], candidateDomains: ReadonlySet<number>): void {
  const { stemOf, counterOf } = names;
  const qnames = ctx.qnameColumn();
  const processes = ctx.processColumn();
  const domains = ctx.domainColumn();
  const times = ctx.store.time.blocks;
  const outcomes = ctx.store.outcome.blocks;
  const statusOf = ctx.store.outcomes.status;
  const answersKnown = ctx.fields.has('answers');
  for (let i = 0; i < named.length; i++) {
    const r = named[i] as number;
    const q = qnames[r] as number;
    let s = stemOf[q] as number;
    if (s === -3 && candidateDomains.has(domains[r] as number)) s = names.resolve(q);
    if (s < 0) continue;
    const st = state[s];
    if (st === undefined || st.cands === null) continue;
    const cand = st.cands[st.procs.indexOf(processes[r] as number)];
    if (!cand) continue;
    const c = counterOf[q] as number;
    let e = cand.entries.get(c);
    if (e === undefined) {
      e = { counter: c, firstRow: r, answeredRow: -1, failedRow: -1, rows: 0, answered: 0 };
      cand.entries.set(c, e);
    }
    e.rows++;
    const first = e.firstRow;
    // inputs need not be in time order
    if (((times[r >>> BLOCK_BITS] as Float64Array)[r & BLOCK_MASK] as number) < ((times[first >>> BLOCK_BITS] as Float64Array)[first & BLOCK_MASK] as number)) e.firstRow = r;
    const status = statusOf[(outcomes[r >>> BLOCK_BITS] as Uint16Array)[r & BLOCK_MASK] as number] as number;
    const ok = status === 0 && (!answersKnown || hasData(ctx.answers(r)));
    if (ok) {
      e.answered++;
      if (e.answeredRow < 0) e.answeredRow = r;
    } else if (e.failedRow < 0) e.failedRow = r;
    cand.rows.push(r);
  }
}

/** The (stem + parent, process) groups of one context, with the rows of those that can hold a run. */
interface SequenceGroups {
  /** per stem id: its processes (up to `maxProcesses`, in order of first sight) and their masks */
  readonly state: readonly (RunStem | undefined)[];
}

/**
 * Groups tracked for any caller whose options fall within these: staging and payload reassembly
 * (at most 3 and 20 processes per stem, runs of at least 8 and 2 answered counters by default)
 * share one computation of both passes per context instead of each making its own.
 */
const SHARED_MAX_PROCESSES = 20;
const SHARED_NEED = 2;
const SHARED_GROUPS = Symbol('sequence groups');

/** Passes 1 and 2 for stems asked by at most `maxProcesses` processes and groups with at least `need` small counters. */
function sequenceGroups(ctx: DetectContext, names: SequenceNames, maxProcesses: number, need: number): SequenceGroups {
  // the rows whose name has a counter, in row order (found once per context)
  const named = names.rowsWithCounters();
  const state = stemMasks(ctx, names, named, maxProcesses);
  const domains = new Set<number>();
  for (const st of state) {
    if (st === undefined || st.tooMany) continue;
    for (let k = 0; k < st.procs.length; k++) {
      if (popcount(st.masks[k] as number) < need) continue;
      const cand: Candidate = { process: st.procs[k] as number, domain: st.domains[k] as number, entries: new Map(), rows: [] };
      domains.add(cand.domain);
      st.cands ??= st.procs.map(() => null);
      st.cands[k] = cand;
    }
  }
  if (domains.size > 0) candidateRows(ctx, names, named, state, domains);
  return { state };
}

/**
 * Finds every run meeting `opts`; one per (stem + parent, process) group at most. The hot loops
 * touch only typed arrays and per-stem arrays of at most `maxProcesses` entries (no Map per row).
 * Options within the shared ones read the context's shared groups: a stem asked by more than
 * `opts.maxProcesses` processes is skipped, a group with fewer than `need` small counters too;
 * the rest is what grouping with `opts` itself gives (its first processes, masks, rows).
 */
export function findSequenceRuns(ctx: DetectContext, opts: SequenceOptions): SequenceRun[] {
  const names = sequenceNames(ctx);
  const { counterOf } = names;
  const need = Math.max(1, Math.min(opts.minRecords, SMALL_COUNTER - opts.maxStart - opts.maxGaps));
  const { state } =
    opts.maxProcesses <= SHARED_MAX_PROCESSES && need >= SHARED_NEED
      ? ctx.memo(SHARED_GROUPS, () => sequenceGroups(ctx, names, SHARED_MAX_PROCESSES, SHARED_NEED))
      : sequenceGroups(ctx, names, opts.maxProcesses, need);
  const runs: SequenceRun[] = [];
  state.forEach((st, s) => {
    if (st === undefined || st.tooMany || st.cands === null || st.procs.length > opts.maxProcesses) return;
    for (let k = 0; k < st.cands.length; k++) {
      const cand = st.cands[k];
      if (!cand || popcount(st.masks[k] as number) < need) continue;
      const run = verdict(ctx, cand, names.stems[s] as StemInfo, st.procs.length, counterOf, opts);
      if (run) runs.push(run);
    }
  });
  return runs;
}

function verdict(
  ctx: DetectContext,
  cand: Candidate,
  stem: StemInfo,
  processesForStem: number,
  counterOf: Int32Array,
  opts: SequenceOptions,
): SequenceRun | null {
  const answered = [...cand.entries.values()].filter((e) => e.answered > 0).sort((a, b) => a.counter - b.counter);
  const head = answered[0];
  if (head === undefined || head.counter > opts.maxStart) return null;
  const entries = [head];
  let gaps = 0;
  let end = head.counter;
  for (let i = 1; i < answered.length; i++) {
    const e = answered[i] as SequenceEntry;
    const d = e.counter - end - 1;
    if (gaps + d > opts.maxGaps) break;
    gaps += d;
    end = e.counter;
    entries.push(e);
  }
  if (entries.length < opts.minRecords) return null;
  const next = cand.entries.get(end + 1);
  const terminal = next !== undefined && next.answered === 0 ? next : null;

  const start = head.counter;
  const last = terminal ? end + 1 : end;
  const rows: number[] = [];
  const qtypes = new Map<number, number>();
  let typed = 0;
  for (const r of cand.rows) {
    const c = counterOf[ctx.qname(r)] as number;
    if (c < start || c > last) continue;
    rows.push(r);
    const t = ctx.qtype(r);
    if (t !== 0) {
      qtypes.set(t, (qtypes.get(t) ?? 0) + 1);
      typed++;
    }
  }
  let qtype = 0;
  let best = 0;
  for (const [t, n] of qtypes) if (n > best) [qtype, best] = [t, n];
  return {
    process: cand.process,
    domain: cand.domain,
    kind: stem.kind,
    stem: stem.stem,
    parent: stem.parent,
    entries,
    terminal,
    start,
    end,
    gaps,
    qtype,
    qtypeShare: typed === 0 ? 0 : best / typed,
    processesForStem,
    rows,
  };
}
