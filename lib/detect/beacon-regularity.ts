import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { huntableState, isBrowserImage, judgeHuntable } from './util/known-domains';
import { ROW_IDS } from './util/scratch';
import { binomialSignificance, bowleySkew, cvScore, KEY_SHIFT, mad, medianUnordered, ritaStatScore, sortAscending, visitRowGroups, type OuterCounts } from './util/stats';

const LOW_CAP = 3.9;

const meta = {
  id: 'beacon-regularity',
  title: 'Regular DNS beaconing (RITA-style timing score)',
  description:
    'A process (or a host, for network sources) queries one registrable domain at regular intervals over a long stretch: C2 check-ins, staged downloads with a fixed sleep, tunnel pings. Scored on the intervals between unique query seconds as RITA v5 does, and also catches low-and-slow cadences of hours to days.',
  mitre: ['T1071.004', 'T1029'],
  requiredFields: ['time', 'qname'],
  thresholds: {
    minTimestamps: {
      default: 4,
      unit: 'timestamps',
      min: 4,
      description: 'unique query seconds per (process, domain) before a score is computed (RITA v5 unique_connection_threshold 4)',
    },
    fullSignificance: {
      default: 6,
      unit: '-log10 p',
      min: 0.1,
      description: 'evidence at which the score counts in full: −log10 of the chance that random traffic at the same rate puts as many intervals on cadence (Chernoff bound); weaker evidence scales the score down, which keeps a few lucky intervals among thousands of groups quiet',
    },
    scoreBase: { default: 50, unit: '%', min: 0, max: 100, description: 'beacon score reported at all, as info (RITA v5 beacon threshold base 50)' },
    scoreLow: { default: 70, unit: '%', min: 0, max: 100, description: 'beacon score from which a finding is low (RITA v5 low 70)' },
    scoreMedium: { default: 90, unit: '%', min: 0, max: 100, description: 'beacon score from which a finding is medium (RITA v5 medium 90)' },
    scoreHigh: { default: 100, unit: '%', min: 0, max: 100, description: 'beacon score from which a finding is high (RITA v5 high 100)' },
    minIqr: { default: 10, unit: 'seconds', min: 0, description: 'interval IQR below which the Bowley skew counts as 0 (RITA v5)' },
    minIqrRatio: {
      default: 0.1,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'the same skew guard relative to the median interval, so minutes of jitter on an hourly or daily cadence are not called asymmetry',
    },
    jitterTolerance: {
      default: 0.25,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'intervals within this fraction of the median interval (at least 2 s) count as on-cadence (tolerates sleep jitter up to ~50 %)',
    },
    persistHours: {
      default: 12,
      unit: 'hours',
      min: 1,
      description: 'span at which the persistence part is full (RITA v5 ideal number of consistent hours 12)',
    },
    idealIntervals: { default: 100, unit: 'intervals', min: 1, description: 'number of check-ins that also counts as full persistence' },
    minMedianInterval: {
      default: 2,
      unit: 'seconds',
      min: 0,
      description: 'median interval below which a group is continuous traffic (RITA: a strobe), not a beacon: at 1-s timestamp resolution a busy source fills every second',
    },
    minCheckinInterval: {
      default: 10,
      unit: 'seconds',
      min: 0,
      description: 'median interval from which queries count as deliberate check-ins towards persistence (faster: retry loops, page loads)',
    },
    fleetHosts: {
      default: 5,
      unit: 'hosts',
      min: 2,
      description: 'a domain queried from at least this many hosts is fleet software: its beacons are capped at low',
    },
  },
  falsePositives: [
    'Exactly periodic benign updaters: time sync (time.windows.com, pool.ntp.org), certificate trust list and OCSP/CRL refreshes, Windows Update, connectivity probes (msftconnecttest.com), telemetry, antivirus definition and reputation checks. Names under the well-known suffix table (util/known-domains.ts, with its sources) are not scored at all; periodic is not malicious.',
    'Agents deployed across the fleet (inventory, EDR, backup, chat clients): a domain queried from fleetHosts or more hosts is capped at low; a real beacon on that many hosts is also capped, so look at it through other detectors.',
    'Browsers re-resolve open tabs and push channels as cached records expire, which looks periodic: browser processes are capped at low (malware injected into a browser is left to the content detectors).',
    'Internal services polled on a schedule (group policy, domain controllers, internal update servers): names that cannot reach public DNS (single labels, .local/.lan/.corp/.internal, .arpa) are skipped, and domains answered with RFC 1918 IPv4 addresses are capped at low.',
    'Retry storms and busy sources: groups whose median interval is under minMedianInterval are continuous traffic, not beacons (1-s timestamps cannot tell a 1-s cadence from a busy source), and the on-cadence share is measured beyond what random traffic at the same rate gives. Fast tunnels (dnscat2 polling every second) are left to the tunnel, fan-out and volume detectors.',
  ],
  severity: 'info',
} as const;

function bandScore(p: number, base: number, low: number, medium: number, high: number): number {
  const frac = (x: number, a: number, b: number) => Math.min(1, Math.max(0, (x - a) / Math.max(1e-9, b - a)));
  if (p >= high) return 6.5;
  if (p >= medium) return 4 + 2 * frac(p, medium, high);
  if (p >= low) return 2 + 2 * frac(p, low, medium);
  return 1 + frac(p, base, low);
}

function humanSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round((s / 3600) * 10) / 10} h`;
  return `${Math.round((s / 86400) * 10) / 10} d`;
}

const PRIVATE_V4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

/** Share of answered rows whose IPv4 answers are all RFC 1918 (internal service). */
function privateAnswerShare(ctx: DetectContext, rows: Int32Array): number {
  const cache = new Map<number, number>();
  let answered = 0;
  let priv = 0;
  for (const r of rows) {
    const id = ctx.answersId(r);
    if (id === 0) continue;
    let c = cache.get(id);
    if (c === undefined) {
      const a4 = ctx.answers(r).filter((a) => a.type === 1);
      c = a4.length === 0 ? 0 : a4.every((a) => PRIVATE_V4.test(a.value)) ? 2 : 1;
      cache.set(id, c);
    }
    if (c === 0) continue;
    answered++;
    if (c === 2) priv++;
  }
  return answered === 0 ? 0 : priv / answered;
}

interface Timing {
  n: number;
  ts: number;
  /** on-cadence share beyond chance */
  conc: number;
  chance: number;
  confidence: number;
  hist: number;
  dur: number;
  pct: number;
  /** sorted intervals, seconds */
  intervals: Float64Array;
  iqrGuard: number;
  medianInterval: number;
  span: number;
  coverage: number;
}

/*
 * The per-value loops of scoreTiming, each a small function of its own: they run once per group
 * and are optimised after a few groups, while the large scoreTiming ran unoptimised for much of
 * the first detection, boxing each number it computed (15 MB of heap in a Chromium worker on the
 * 1M Zeek log). Indexed loops: a for-of allocates an iterator result per value until optimised.
 */

/** The n - 1 intervals between the ascending `secs[0..n)` into `iv`. */
function intervalsInto(secs: Float64Array, n: number, iv: Float64Array): void {
  for (let i = 1; i < n; i++) iv[i - 1] = (secs[i] as number) - (secs[i - 1] as number);
}

/** How many of `values` are within `tol` of `center`. */
function countNear(values: Float64Array, center: number, tol: number): number {
  let on = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs((values[i] as number) - center) <= tol) on++;
  return on;
}

/** Events per bin of `bins` equal bins over the span of the ascending `secs[0..n)`. */
function histogram(secs: Float64Array, n: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  const first = secs[0] as number;
  const span = (secs[n - 1] as number) - first;
  for (let i = 0; i < n; i++) {
    const b = span > 0 ? Math.min(bins - 1, Math.floor((((secs[i] as number) - first) / span) * bins)) : 0;
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}

/**
 * Scores the unique query seconds of one group (ascending); null when the group cannot be
 * reported: its median interval is under minMedianInterval, or its score must stay under
 * scoreBase (the score is the confidence times parts that are each at most 1, so a low
 * confidence rules it out before the costlier parts are computed).
 */
function scoreTiming(secs: Float64Array, n: number, datasetSpan: number, t: BeaconThresholds, scratch: Float64Array): Timing | null {
  // the intervals live in `scratch` (one buffer for every group); a scored group keeps a copy
  const iv = scratch.subarray(0, n - 1);
  intervalsInto(secs, n, iv);
  const med = medianUnordered(iv);
  if (med < t.minMedianInterval) return null;
  const tol = Math.max(t.jitterTolerance * med, 2);
  const on = countNear(iv, med, tol);
  const first = secs[0] as number;
  const span = (secs[n - 1] as number) - first;
  // on-cadence share beyond chance: random (Poisson) traffic at the same mean rate also puts
  // some intervals near its median, and nearly all of them when the rate nears the resolution
  // (intervals are whole seconds: geometric arrivals with the observed mean interval)
  const stay = 1 - 1 / Math.max(1, span / (n - 1));
  const chance = stay ** Math.max(0, Math.ceil(med - tol) - 1) - stay ** Math.floor(med + tol);
  const confidence = Math.min(1, binomialSignificance(on - 1, iv.length - 1, chance) / t.fullSignificance);
  // pct below is round(1000 · confidence · reg · (1 + hist + dur) / 3) / 10 with reg, hist and
  // dur in [0, 1]: never above this bound
  if (Math.round(1000 * confidence) / 10 < t.scoreBase) return null;
  sortAscending(iv);
  const iqrGuard = Math.max(t.minIqr, t.minIqrRatio * med);
  const ts = ritaStatScore(iv, 1, iqrGuard);
  const onShare = on / iv.length;
  const conc = chance < 1 ? Math.max(0, (onShare - chance) / (1 - chance)) : 0;
  // histogram over the group's own span, about two events per bin for an even cadence
  const bins = Math.max(1, Math.min(24, Math.floor((n - 1) / 2)));
  const counts = histogram(secs, n, bins);
  let bars = 0;
  let largest = 0;
  for (let i = 0; i < bins; i++) {
    const c = counts[i] as number;
    if (c > 0) bars++;
    if (c > largest) largest = c;
  }
  let bimodal = 0;
  if (bars >= 11) {
    // RITA: bars grouped by height in steps of 5 % of the tallest; share of the two commonest
    const step = Math.ceil(largest * 0.05);
    const freq = new Map<number, number>();
    for (let i = 0; i < bins; i++) {
      const c = counts[i] as number;
      if (c > 0) freq.set(Math.floor(c / step), (freq.get(Math.floor(c / step)) ?? 0) + 1);
    }
    const top = [...freq.values()].sort((a, b) => b - a);
    bimodal = Math.min(1, ((top[0] ?? 0) + (top[1] ?? 0)) / Math.max(1, bars - 1));
  }
  const hist = Math.max(cvScore(counts), bimodal);
  // RITA's duration part rewards covering the dataset; in a short capture everything does, so
  // persistence is absolute here: hours of activity, or the number of check-ins
  const coverage = datasetSpan > 0 ? Math.min(1, span / datasetSpan) : 1;
  const checkins = med >= t.minCheckinInterval ? (n - 1) / t.idealIntervals : 0;
  const persistence = Math.min(1, Math.max(span / (t.persistHours * 3600), checkins));
  const dur = (bars / bins) * persistence;
  const reg = (ts + 2 * conc) / 3;
  const pct = Math.round(1000 * confidence * reg * ((1 + hist + dur) / 3)) / 10;
  return { n, ts, conc, chance, confidence, hist, dur, pct, intervals: iv.slice(), iqrGuard, medianInterval: med, span, coverage };
}

/**
 * The distinct whole seconds of a group's times (`times[from..to)`, ms, in row order: see
 * {@link groupRowsBy}'s carry), ascending, into `secs`; returns how many. A function of its own
 * (called once per group) so that it is optimised early: left in the large `run`, its loops ran
 * unoptimised for much of the first detection, boxing every time read.
 */
function distinctSeconds(times: Float64Array, from: number, to: number, secs: Float64Array): number {
  for (let i = from; i < to; i++) secs[i - from] = Math.floor((times[i] as number) / 1000);
  // rows are in store order: in time order already when the log is (then left as they are)
  sortAscending(secs.subarray(0, to - from));
  let n = 0;
  for (let i = 0; i < to - from; i++) {
    const s = secs[i] as number;
    if (n === 0 || s !== secs[n - 1]) secs[n++] = s;
  }
  return n;
}

type BeaconThresholds = { readonly [K in keyof (typeof meta)['thresholds']]: number };

/**
 * Each row's process when its name is huntable, else -1, and the rows per process counted on the
 * way (for the grouping: see OuterCounts) (a row pass: see Detector.run).
 */
function huntableProcesses(ctx: DetectContext): { outer: Int32Array; counted: OuterCounts } {
  const huntable = huntableState(ctx);
  const qnames = ctx.qnameColumn();
  const processes = ctx.processColumn();
  const outer = ctx.scratch.int32(ROW_IDS, ctx.size);
  const perOuter = new Int32Array(ctx.processCount + 1);
  let kept = 0;
  for (let r = 0; r < ctx.size; r++) {
    const q = qnames[r] as number;
    let h = huntable[q] as number;
    if (h === 0) h = judgeHuntable(ctx, huntable, q);
    if (h !== 1) {
      outer[r] = -1;
      continue;
    }
    const p = processes[r] as number;
    outer[r] = p;
    perOuter[p + 1] = (perOuter[p + 1] as number) + 1;
    kept++;
  }
  return { outer, counted: { perOuter, kept } };
}

/** A (process, domain) group whose timing scores at least scoreBase, with its rows (a copy). */
interface Scored {
  readonly key: number;
  readonly rows: Int32Array;
  readonly timing: Timing;
}

/**
 * Every (process, domain) group of the huntable rows, scored as it is formed (visitRowGroups):
 * the groups that score at least scoreBase, and the key (process · 2³² + domain) of every group.
 */
function scoreGroups(ctx: DetectContext, datasetSpan: number, minTs: number, t: BeaconThresholds): { scored: Scored[]; keys: number[] } {
  const { outer, counted } = huntableProcesses(ctx);
  const scored: Scored[] = [];
  const keys: number[] = [];
  let secs = new Float64Array(1024);
  let intervals = new Float64Array(1024);
  // each group's times come along in group order (read in row order, not row by row per group)
  visitRowGroups(outer, ctx.domainColumn(), ctx.store.time.blocks, ctx.scratch, (process, domain, rows, times, from, to) => {
    const key = process * KEY_SHIFT + domain;
    keys.push(key);
    const size = to - from;
    if (size < minTs) return;
    if (size > secs.length) {
      secs = new Float64Array(size);
      intervals = new Float64Array(size);
    }
    const n = distinctSeconds(times, from, to, secs);
    if (n < minTs) return;
    const timing = scoreTiming(secs, n, datasetSpan, t, intervals);
    if (timing !== null && timing.pct >= t.scoreBase) scored.push({ key, rows: rows.slice(from, to), timing });
  }, counted);
  return { scored, keys };
}

/**
 * The distinct hosts (up to `fleet`) that query each domain of a scored group, from the keys of
 * every group (one per process and domain): a pass over every group (see Detector.run), which
 * skips the other domains on a typed-array read.
 */
function scoredDomainHosts(ctx: DetectContext, keys: readonly number[], scored: readonly Scored[], fleet: number): Map<number, string[]> {
  const domainHosts = new Map<number, string[]>();
  if (scored.length === 0) return domainHosts;
  const wanted = new Uint8Array(ctx.domainCount());
  for (const { key } of scored) {
    const d = key % KEY_SHIFT;
    wanted[d] = 1;
    domainHosts.set(d, []);
  }
  for (let g = 0; g < keys.length; g++) {
    const key = keys[g] as number;
    const d = key % KEY_SHIFT;
    if (wanted[d] !== 1) continue;
    const hosts = domainHosts.get(d) as string[];
    if (hosts.length >= fleet) continue;
    const host = ctx.processEntity(Math.floor(key / KEY_SHIFT)).host;
    if (!hosts.includes(host)) hosts.push(host);
  }
  return domainHosts;
}

export const beaconRegularity = defineDetector({
  meta,
  run(ctx, t): RawFinding[] {
    const span = ctx.timeSpan();
    const datasetSpan = Number.isFinite(span.min) ? (span.max - span.min) / 1000 : 0;
    const minTs = Math.max(4, Math.floor(t.minTimestamps));
    const { scored, keys } = scoreGroups(ctx, datasetSpan, minTs, t);
    // prevalence: distinct hosts per domain (up to the fleet size), from the groups (one per
    // process and domain), for the domains of the scored groups only
    const fleet = Math.max(2, Math.floor(t.fleetHosts));
    const domainHosts = scoredDomainHosts(ctx, keys, scored, fleet);
    const out: RawFinding[] = [];
    for (const { key, rows, timing } of scored) {
      const domainId = key % KEY_SHIFT;
      const pe = ctx.processEntity(Math.floor(key / KEY_SHIFT));
      const domain = ctx.domainText(domainId);
      let score = bandScore(timing.pct, t.scoreBase, t.scoreLow, t.scoreMedium, t.scoreHigh);
      const capped: string[] = [];
      const hostCount = domainHosts.get(domainId)?.length ?? 1;
      if (hostCount >= fleet) capped.push(`queried from ${fleet}+ hosts (fleet software)`);
      if (isBrowserImage(pe.process)) capped.push('browser process');
      if (privateAnswerShare(ctx, rows) > 0.5) capped.push('answers are RFC 1918 addresses (internal service)');
      if (capped.length > 0) score = Math.min(score, LOW_CAP);
      const names = new Set<number>();
      for (const r of rows) if (names.size < 1000) names.add(ctx.qname(r));
      out.push({
        title: `Regular DNS queries to ${domain} every ~${humanSeconds(timing.medianInterval)} (beacon score ${timing.pct} %)`,
        severity: severityFor(meta, score),
        score,
        entity: { domain, qname: ctx.qnameText(rows[0] as number), host: pe.host, process: pe.process || undefined },
        rows,
        details: {
          beaconScore: timing.pct,
          parts: {
            timestamp: timing.ts,
            onCadence: Math.round(timing.conc * 1000) / 1000,
            onCadenceByChance: Math.round(timing.chance * 1000) / 1000,
            confidence: Math.round(timing.confidence * 1000) / 1000,
            histogram: Math.round(timing.hist * 1000) / 1000,
            duration: Math.round(timing.dur * 1000) / 1000,
          },
          medianIntervalSeconds: timing.medianInterval,
          madSeconds: mad(timing.intervals),
          bowleySkew: Math.round(bowleySkew(timing.intervals, timing.iqrGuard).skew * 1000) / 1000,
          uniqueTimestamps: timing.n,
          spanSeconds: timing.span,
          datasetCoverage: Math.round(timing.coverage * 1000) / 1000,
          distinctNames: names.size,
          capped,
        },
      });
    }
    return out;
  },
});
