import { BLOCK_BITS, BLOCK_SIZE } from '../store/column';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { knownInfrastructure } from './util/known-domains';
import { groupRowList, medianMadWithZeros, RowList, sortAscending } from './util/stats';

const LOW_CAP = 3.9;
/** volume alone never makes a finding critical */
const MAX_SCORE = 7.5;
const MIN_BASELINE_BUCKETS = 5;

const meta = {
  id: 'volume-burst',
  title: 'Query-volume burst against the source’s own baseline',
  description:
    'A process (or host) suddenly sends far more DNS queries per minute than it usually does, above an absolute floor. Bursts that pour many distinct names into one registrable domain are what bulk exfiltration, tunnels and stageless DNS payload downloads look like; bursts spread over many domains only count at the Sigma high-rate mark.',
  mitre: ['T1071.004', 'T1048.003'],
  requiredFields: ['time', 'qname'],
  thresholds: {
    bucketSeconds: { default: 60, unit: 'seconds', min: 1, description: 'width of the counting buckets' },
    floor: { default: 100, unit: 'queries/bucket', min: 1, description: 'absolute floor: a bucket must exceed this count to be a burst at all' },
    highRate: {
      default: 1000,
      unit: 'queries/bucket',
      min: 1,
      description: 'high mark: a burst this large counts even when spread over many domains (Sigma net_dns_high_requests_rate: > 1000 per minute per source)',
    },
    madK: {
      default: 10,
      unit: 'MADs',
      min: 0,
      description: "a bucket must also exceed the source's median bucket count plus this many median absolute deviations (empty minutes in its active span count as 0)",
    },
    concentration: {
      default: 0.5,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'share of a bucket going to its top registrable domain from which the burst is concentrated',
    },
    minUniqueRatio: {
      default: 0.1,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'distinct names per query under the top domain below which a concentrated burst is a retry loop, not data transfer',
    },
  },
  falsePositives: [
    'Software updates, antivirus scans of URL lists and browser session restores make a few hundred queries in a minute over many domains: below the high mark such spread bursts are not reported, above it they stay low.',
    'Retry loops of one name (a service behind a broken proxy or in an isolated lab) are concentrated but repetitive: not reported below the high mark.',
    'Reverse-lookup storms (SIEMs, firewalls and mail servers resolving many addresses), mDNS and other names that cannot reach public DNS never count as concentrated.',
    'Busy steady sources (proxies, DNS forwarders, browsers) are compared with their own median, so their normal volume does not trigger.',
    'Well-known telemetry and update services (util/known-domains.ts) never count as concentrated.',
  ],
  severity: 'low',
} as const;

interface BucketVerdict {
  bucket: number;
  count: number;
  rows: number[];
  topDomain: number;
  share: number;
  uniqueRatio: number;
  concentrated: boolean;
  score: number;
}

type VolumeThresholds = { readonly [K in keyof (typeof meta)['thresholds']]: number };

/** Classifies one over-threshold bucket by where its queries went. */
function judgeBucket(ctx: DetectContext, bucket: number, rows: number[], t: VolumeThresholds): BucketVerdict {
  const perDomain = new Map<number, number>();
  for (const r of rows) {
    const d = ctx.domain(r);
    perDomain.set(d, (perDomain.get(d) ?? 0) + 1);
  }
  let top = -1;
  let topCount = 0;
  for (const [d, c] of perDomain) if (c > topCount) [top, topCount] = [d, c];
  const names = new Map<number, number>();
  for (const r of rows) if (ctx.domain(r) === top) names.set(ctx.qname(r), (names.get(ctx.qname(r)) ?? 0) + 1);
  let commonest = -1;
  let most = 0;
  for (const [q, c] of names) if (c > most) [commonest, most] = [q, c];
  const sample = ctx.text(commonest);
  const share = topCount / rows.length;
  const uniqueRatio = names.size / topCount;
  const concentrated =
    share >= t.concentration && uniqueRatio >= t.minUniqueRatio && ctx.isPublicQname(commonest) && knownInfrastructure(sample) === null;
  const rate = Math.log(rows.length / t.floor) / Math.log(Math.max(t.highRate, t.floor + 1) / t.floor);
  let score = 2 + 3 * Math.min(1.5, Math.max(0, rate));
  if (concentrated) score = Math.min(MAX_SCORE, score + 2 * share * Math.min(1, uniqueRatio / 0.5));
  else score = Math.min(score, LOW_CAP);
  return { bucket, count: rows.length, rows, topDomain: top, share, uniqueRatio, concentrated, score };
}

/**
 * The processes whose group can burst, from one pass in store order (no grouping): more than
 * `floor` rows, and a bucket with more than `floor` of them, or rows out of time order (then
 * their group decides). A flagged bucket must exceed the floor: the limit is never below it.
 */
function mayBurst(ctx: DetectContext, bucketMs: number, floor: number): Uint8Array {
  const n = ctx.processCount;
  const processes = ctx.processColumn();
  const rows = new Int32Array(n);
  const run = new Int32Array(n);
  const busiest = new Int32Array(n);
  const last = new Float64Array(n);
  const disordered = new Uint8Array(n);
  // the times a block at a time: one block-table read per block, not per row
  let times: Float64Array = new Float64Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < ctx.size; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      times = ctx.store.time.blocks[r >>> BLOCK_BITS] as Float64Array;
    }
    const p = processes[r] as number;
    const id = Math.floor((times[r - from] as number) / bucketMs);
    const seen = (rows[p] as number) > 0;
    rows[p] = (rows[p] as number) + 1;
    if (seen && id === last[p]) run[p] = (run[p] as number) + 1;
    else {
      if (seen && !(id >= (last[p] as number))) disordered[p] = 1;
      run[p] = 1;
      last[p] = id;
    }
    if ((run[p] as number) > (busiest[p] as number)) busiest[p] = run[p] as number;
  }
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) out[p] = (rows[p] as number) > floor && (disordered[p] === 1 || (busiest[p] as number) > floor) ? 1 : 0;
  return out;
}

/** The rows of the processes `maybe` flags, with their process (a row pass: see Detector.run). */
function burstyRows(ctx: DetectContext, maybe: Uint8Array): RowList {
  const processes = ctx.processColumn();
  const listed = new RowList();
  for (let r = 0; r < ctx.size; r++) if (maybe[processes[r] as number] === 1) listed.push(r, processes[r] as number);
  return listed;
}

export const volumeBurst = defineDetector({
  meta,
  run(ctx, t): RawFinding[] {
    const bucketMs = t.bucketSeconds * 1000;
    const span = ctx.timeSpan();
    const firstBucket = Math.floor(span.min / bucketMs);
    const lastBucket = Math.floor(span.max / bucketMs);
    const groups = groupRowList(burstyRows(ctx, mayBurst(ctx, bucketMs, t.floor)));
    // the baseline spans the whole capture: minutes in which a source was silent count as 0
    const spanBuckets = lastBucket - firstBucket + 1;
    const out: RawFinding[] = [];
    for (let g = 0; g < groups.count; g++) {
      const from = groups.start[g] as number;
      const to = groups.start[g + 1] as number;
      if (to - from <= t.floor) continue;
      const rows = groups.rows.subarray(from, to);
      const ids = new Float64Array(rows.length);
      ctx.unitsOf(groups.rows, from, to, bucketMs, ids);
      // rows are in store order: their buckets too when the log is in time order (then left as they are)
      sortAscending(ids);
      // a flagged bucket must exceed the floor (the limit is never below it): nothing to do for
      // a source whose busiest bucket does not
      let busiest = 0;
      for (let i = 0, run = 0; i < ids.length; i++) {
        run = i > 0 && ids[i] === ids[i - 1] ? run + 1 : 1;
        if (run > busiest) busiest = run;
      }
      if (!(busiest > t.floor)) continue;
      const buckets: number[] = [];
      const counts: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i === 0 || ids[i] !== ids[i - 1]) {
          buckets.push(ids[i] as number);
          counts.push(0);
        }
        counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
      }
      const sortedCounts = Float64Array.from(counts).sort();
      const base = medianMadWithZeros(sortedCounts, spanBuckets - counts.length);
      // too short a capture for a baseline: the floor alone decides
      const limit = spanBuckets < MIN_BASELINE_BUCKETS ? t.floor : Math.max(t.floor, base.median + t.madK * base.mad);
      const flagged = new Map<number, number[]>();
      buckets.forEach((b, i) => {
        if ((counts[i] as number) > limit) flagged.set(b, []);
      });
      if (flagged.size === 0) continue;
      for (const r of rows) flagged.get(Math.floor(ctx.time(r) / bucketMs))?.push(r);
      const verdicts = [...flagged].map(([b, bucketRows]) => judgeBucket(ctx, b, bucketRows, t));
      const kept = verdicts.filter((v) => v.concentrated || v.count >= t.highRate).sort((a, b) => a.bucket - b.bucket);
      if (kept.length === 0) continue;
      const worst = kept.reduce((a, b) => (b.score > a.score ? b : a));
      const pe = ctx.processEntity(groups.keys[g] as number);
      const evidence = Int32Array.from(kept.flatMap((v) => v.rows)).sort();
      const domain = worst.concentrated ? ctx.domainText(worst.topDomain) : undefined;
      const perMin = (c: number) => Math.round((c * 60) / t.bucketSeconds);
      out.push({
        title: worst.concentrated
          ? `Query burst: ${worst.count} queries in ${t.bucketSeconds} s, ${Math.round(worst.share * 100)} % to ${domain}`
          : `Query burst: ${worst.count} queries in ${t.bucketSeconds} s over many domains`,
        severity: severityFor(meta, worst.score),
        score: worst.score,
        entity: { domain, qname: ctx.qnameText(worst.rows[0] as number), host: pe.host, process: pe.process || undefined },
        rows: evidence,
        details: {
          bucketSeconds: t.bucketSeconds,
          baseline: { medianPerBucket: base.median, madPerBucket: base.mad, threshold: limit, activeBuckets: counts.length, captureBuckets: spanBuckets },
          peak: { start: new Date(worst.bucket * bucketMs).toISOString(), queries: worst.count, perMinute: perMin(worst.count) },
          topDomain: ctx.domainText(worst.topDomain),
          topDomainShare: Math.round(worst.share * 1000) / 1000,
          distinctNamesPerQuery: Math.round(worst.uniqueRatio * 1000) / 1000,
          bursts: kept.slice(0, 20).map((v) => ({
            start: new Date(v.bucket * bucketMs).toISOString(),
            queries: v.count,
            topDomain: ctx.domainText(v.topDomain),
            concentrated: v.concentrated,
          })),
        },
      });
    }
    return out;
  },
});
