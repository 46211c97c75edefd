import { BLOCK_BITS, BLOCK_SIZE } from '../store/column';
import { STATUS_ORDER } from '../store/event-store';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { dgaLabelScore, secondLevelLabel } from './util/dga';
import { huntableState, isLocalServiceName, judgeHuntable } from './util/known-domains';
import { groupRowList, KEY_SHIFT, RowList } from './util/stats';

/** Server-side failures (a reply was received); TIMEOUT, NO_RESPONSE and client ERRORs are not. */
const FAILURES = ['NXDOMAIN', 'SERVFAIL', 'REFUSED'] as const;
const FAILURE_OF_STATUS = new Int8Array(STATUS_ORDER.length).fill(-1);
FAILURES.forEach((s, i) => (FAILURE_OF_STATUS[STATUS_ORDER.indexOf(s)] = i));
const NXDOMAIN = STATUS_ORDER.indexOf('NXDOMAIN');
const NAME_COUNTED = 1;
const NAME_SKIP = 2;

const meta = {
  id: 'nxdomain-dga',
  title: 'NXDOMAIN bursts and DGA-like domains',
  description:
    'A process (or host) fails many lookups in a short window (Splunk ESCU excessive DNS failures), or asks for many distinct random-looking registrable domains that mostly do not exist: the signature of a domain generation algorithm hunting for its live C2 domain.',
  mitre: ['T1568.002', 'T1071.004'],
  requiredFields: ['time', 'qname', 'status'],
  thresholds: {
    failureBurst: {
      default: 50,
      unit: 'events',
      min: 1,
      description: 'failed lookups (NXDOMAIN, SERVFAIL, REFUSED) per process and status within the window above which it is a burst (Splunk ESCU excessive_dns_failures: count > 50)',
    },
    windowMinutes: { default: 60, unit: 'minutes', min: 1, description: 'sliding window for the failure count' },
    minDgaDomains: {
      default: 10,
      unit: 'domains',
      min: 2,
      description: 'distinct registrable domains, mostly NXDOMAIN, with random-looking labels, before a process is called DGA-like',
    },
    dgaLabelScore: {
      default: 0.6,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'label randomness score (util/dga.ts: letter-bigram likelihood, letter/digit alternation, consonant runs) from which a label counts as random-looking',
    },
    diverseFailures: {
      default: 10,
      unit: 'domains',
      min: 1,
      description: 'distinct registrable domains inside a failure burst from which the burst is scored as spread (not a retry loop of one name)',
    },
  },
  falsePositives: [
    'Retry loops of one failing name (an updater behind a broken proxy, WER reporting on an isolated lab): bursts on few distinct domains stay low.',
    'Resolver trouble (an outage, a lab without upstream DNS) makes every process fail: SERVFAIL and REFUSED bursts stay low whatever their spread; only spread NXDOMAIN bursts reach medium.',
    "Chromium's random single-label probes (7–15 letters, 3 at browser start, also with the search suffix appended or as mDNS .local): single labels, non-public TLDs and suffix-appended names collapse into the organisation's own domain and are not counted.",
    'wpad/isatap and _ldap/_kerberos SRV lookups, reverse (.arpa) lookups and well-known telemetry/antivirus names (util/known-domains.ts) are not counted, as ESCU excludes corporate and popular domains.',
    'Typo-squatting checks, spam filters and security tools resolving lists of (dead) domains: a domain-reputation scanner querying many random-looking non-existent domains looks like a DGA; confirm by process.',
    'Dictionary-word DGAs (two English words joined) are not recognised as random; they still show as failure bursts.',
  ],
  severity: 'low',
} as const;

const LOW_CAP = 3.9;

interface Burst {
  status: string;
  count: number;
  rows: Int32Array;
  domains: number;
  start: number;
}

/** Densest window of one status's failures, given their times (ascending). */
function densestWindow(times: Float64Array, windowMs: number): { from: number; to: number } {
  let best = { from: 0, to: 0 };
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    const t0 = times[i] as number;
    if (j < i) j = i;
    while (j < times.length && (times[j] as number) - t0 < windowMs) j++;
    if (j - i > best.to - best.from) best = { from: i, to: j };
  }
  return best;
}

/** Whether `times` never decrease. */
function ascending(times: Float64Array): boolean {
  for (let i = 1; i < times.length; i++) if (!((times[i] as number) >= (times[i - 1] as number))) return false;
  return true;
}

/**
 * Pass 1 (a row pass: see Detector.run): each counted failed row with its (process, failure kind)
 * id into `failures`, and per registrable domain with an NXDOMAIN whether its label looks
 * generated (`judged`).
 */
function markFailures(ctx: DetectContext, nameState: Uint8Array, failures: RowList, judged: Map<number, boolean>, dgaScore: number): void {
  const qnames = ctx.qnameColumn();
  const domains = ctx.domainColumn();
  const processes = ctx.processColumn();
  const statusOf = ctx.store.outcomes.status;
  // the outcome ids a block at a time: one block-table read per block, not per row
  let outcomes: Uint16Array = new Uint16Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < ctx.size; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      outcomes = ctx.store.outcome.blocks[r >>> BLOCK_BITS] as Uint16Array;
    }
    const status = statusOf[outcomes[r - from] as number] as number;
    const f = FAILURE_OF_STATUS[status] as number;
    if (f < 0) continue;
    const q = qnames[r] as number;
    let st = nameState[q] as number;
    if (st === 0) st = judgeName(ctx, nameState, q);
    if (st !== NAME_COUNTED) continue;
    failures.push(r, (processes[r] as number) * 4 + f);
    if (status !== NXDOMAIN) continue;
    const d = domains[r] as number;
    if (!judged.has(d)) judged.set(d, dgaLabelScore(secondLevelLabel(ctx.domainText(d))) >= dgaScore);
  }
}

/** Pass 2 (a row pass): each counted row under a candidate domain, with its process, into `listed`. */
function markCandidates(ctx: DetectContext, nameState: Uint8Array, candidate: Uint8Array, listed: RowList): void {
  const qnames = ctx.qnameColumn();
  const domains = ctx.domainColumn();
  const processes = ctx.processColumn();
  for (let r = 0; r < ctx.size; r++) {
    if (candidate[domains[r] as number] !== 1) continue;
    const q = qnames[r] as number;
    let st = nameState[q] as number;
    if (st === 0) st = judgeName(ctx, nameState, q);
    if (st === NAME_COUNTED) listed.push(r, processes[r] as number);
  }
}

/**
 * Whether name `q` is counted (huntable — public, not known infrastructure — and not a local
 * service), recorded in `nameState`; returns its state. Huntability is the context's shared
 * judgement ({@link huntableState}), made once per name for every detector.
 */
function judgeName(ctx: DetectContext, nameState: Uint8Array, q: number): number {
  const huntable = huntableState(ctx);
  const h = huntable[q] === 0 ? judgeHuntable(ctx, huntable, q) : (huntable[q] as number);
  const st = h === 1 && !isLocalServiceName(ctx.text(q)) ? NAME_COUNTED : NAME_SKIP;
  nameState[q] = st;
  return st;
}

export const nxdomainDga = defineDetector({
  meta,
  run(ctx, t): RawFinding[] {
    // per normalised name: 0 not yet judged, NAME_COUNTED or NAME_SKIP (judgeName)
    const nameState = new Uint8Array(ctx.store.strings.size);
    const domains = ctx.domainColumn();
    // one pass over the statuses: the failed rows by (process, status), and the DGA candidates:
    // registrable domains with at least one NXDOMAIN (a failure) and a random-looking label
    const failures = new RowList();
    const judged = new Map<number, boolean>();
    markFailures(ctx, nameState, failures, judged, t.dgaLabelScore);
    // with each failure's time (see groupRowsBy's carry)
    const byFailure = groupRowList(failures, undefined, ctx.store.time.blocks);
    const candidate = new Uint8Array(ctx.domains.size);
    for (const [d, yes] of judged) if (yes) candidate[d] = 1;
    const candidates = new RowList();
    markCandidates(ctx, nameState, candidate, candidates);
    const byDomain = groupRowList(candidates, domains, undefined, ctx.scratch);

    // DGA part: per process, the candidate domains whose lookups mostly failed NXDOMAIN
    const dga = new Map<number, { domains: number[]; rows: number[] }>();
    for (let g = 0; g < byDomain.count; g++) {
      const key = byDomain.keys[g] as number;
      const d = key % KEY_SHIFT;
      const from = byDomain.start[g] as number;
      const to = byDomain.start[g + 1] as number;
      let nx = 0;
      for (let i = from; i < to; i++) if (ctx.statusIndex(byDomain.rows[i] as number) === NXDOMAIN) nx++;
      if (nx * 2 <= to - from) continue;
      const p = Math.floor(key / KEY_SHIFT);
      let acc = dga.get(p);
      if (!acc) dga.set(p, (acc = { domains: [], rows: [] }));
      acc.domains.push(d);
      for (let i = from; i < to; i++) acc.rows.push(byDomain.rows[i] as number);
    }

    // burst part: densest window per (process, status)
    const bursts = new Map<number, Burst>();
    const windowMs = t.windowMinutes * 60_000;
    for (let g = 0; g < byFailure.count; g++) {
      const from = byFailure.start[g] as number;
      const to = byFailure.start[g + 1] as number;
      if (to - from <= t.failureBurst) continue;
      const rows = byFailure.rows.slice(from, to);
      let times = byFailure.carried.subarray(from, to);
      // in store order already, and so in time order too when the log is (the usual case)
      if (!ascending(times)) {
        rows.sort((a, b) => ctx.time(a) - ctx.time(b) || a - b);
        times = Float64Array.from(rows, (r) => ctx.time(r));
      }
      const w = densestWindow(times, windowMs);
      if (w.to - w.from <= t.failureBurst) continue;
      const key = byFailure.keys[g] as number;
      const p = Math.floor(key / 4);
      const inWindow = rows.subarray(w.from, w.to);
      const domains = new Set<number>();
      for (const r of inWindow) domains.add(ctx.domain(r));
      const prev = bursts.get(p);
      if (!prev || inWindow.length > prev.count) {
        bursts.set(p, {
          status: FAILURES[key % 4] as string,
          count: inWindow.length,
          rows: inWindow,
          domains: domains.size,
          start: times[w.from] as number,
        });
      }
    }

    const out: RawFinding[] = [];
    for (const p of new Set([...dga.keys(), ...bursts.keys()])) {
      const d = dga.get(p);
      const b = bursts.get(p);
      const dgaCount = d && d.domains.length >= t.minDgaDomains ? d.domains.length : 0;
      if (dgaCount === 0 && !b) continue;
      let score = 0;
      if (b) {
        score = 2 + Math.min(1.5, Math.log10(b.count / t.failureBurst) * 1.5);
        // spread NXDOMAIN bursts go up; retry loops and resolver trouble (SERVFAIL, REFUSED) stay low
        if (b.domains >= t.diverseFailures && b.status === 'NXDOMAIN') score += 1;
        else score = Math.min(score, LOW_CAP);
      }
      if (dgaCount > 0) score = Math.max(score, Math.min(9.5, 5 + 2 * Math.log10(dgaCount / t.minDgaDomains) + (b ? 0.5 : 0)));
      const rows = new Set<number>();
      if (dgaCount > 0 && d) for (const r of d.rows) rows.add(r);
      if (b) for (const r of b.rows) rows.add(r);
      const evidence = Int32Array.from(rows).sort();
      const pe = ctx.processEntity(p);
      const example = dgaCount > 0 && d ? (d.rows[0] as number) : (evidence[0] as number);
      const burstText = b ? `${b.count} ${b.status} in ${t.windowMinutes} min` : '';
      const title =
        dgaCount > 0
          ? `${dgaCount} random-looking non-existent domains queried${b ? ` (${burstText})` : ''}`
          : `DNS failure burst: ${burstText} across ${b?.domains ?? 0} domains`;
      out.push({
        title,
        severity: severityFor(meta, score),
        score,
        entity: { qname: ctx.qnameText(example), host: pe.host, process: pe.process || undefined },
        rows: evidence,
        details: {
          dgaDomains: dgaCount,
          dgaExamples: dgaCount > 0 && d ? d.domains.slice(0, 10).map((x) => ctx.domainText(x)) : [],
          burst: b ? { status: b.status, count: b.count, distinctDomains: b.domains, windowStart: new Date(b.start).toISOString() } : null,
        },
      });
    }
    return out;
  },
});
