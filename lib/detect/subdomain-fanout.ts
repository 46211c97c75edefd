import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { encodedVerdict } from './util/entropy';
import { BENIGN_ZONE, benignFlagsOf, benignNameFlags } from './util/benign-names';
import { benignZone, isStructurallyBenign, subdomainOf } from './util/labels';

/** First labels at least this long are judged for encoded data (the "looks like a tunnel" modifier). */
const ENCODED_LABEL_MIN = 16;

const meta = {
  id: 'subdomain-fanout',
  title: 'Unique-subdomain fan-out under one domain',
  description:
    'RITA-style C2-over-DNS: the number of distinct query names under one registrable domain. Bulk tunnels and ' +
    'stageless DNS payload delivery need hundreds to thousands of unique names; normal domains need few.',
  mitre: ['T1071.004', 'T1048.003'],
  requiredFields: ['qname'],
  thresholds: {
    minSubdomains: {
      default: 100,
      unit: 'names',
      description: 'Distinct names under one registrable domain to become a candidate (RITA v5 c2_subdomain_threshold / c2_score_thresholds.base).',
      min: 1,
    },
    lowSubdomains: {
      default: 500,
      unit: 'names',
      description: 'RITA v5 c2_score_thresholds.low: from here the finding is low.',
      min: 1,
    },
    mediumSubdomains: {
      default: 800,
      unit: 'names',
      description: 'RITA v5 c2_score_thresholds.medium: from here the finding is medium.',
      min: 1,
    },
    highSubdomains: {
      default: 1000,
      unit: 'names',
      description: 'RITA v5 c2_score_thresholds.high: from here the finding is high (RITA caps the count here).',
      min: 1,
    },
    encodedShare: {
      default: 0.5,
      unit: 'ratio',
      description: 'Share of names whose first label (≥ 16 chars) looks like encoded data that adds the tunnel modifier (+2).',
      min: 0,
      max: 1,
    },
    entropyRatio: {
      default: 0.96,
      unit: 'ratio',
      description: 'Entropy share of random data (same alphabet and length) a first label needs to count as encoded (dns-c2-facts.md §3).',
      min: 0.5,
      max: 1.2,
    },
    dominantShare: {
      default: 0.8,
      unit: 'ratio',
      description: 'Share of the queries one process/host must make to be named in the finding.',
      min: 0,
      max: 1,
    },
  },
  falsePositives: [
    'Big CDN, cloud and platform zones (Akamai, CloudFront, AWS, Apple, Google, Microsoft; Sigma high_subdomain_rate allow-list): allow-listed in BENIGN_ZONES (lib/detect/util/labels.ts).',
    'Your own organisation’s domain with many host names (add it to the allow-list or raise the thresholds).',
    'Reputation and DNSBL lookups (McAfee GTI, Sophos, Spamhaus): allow-listed.',
    '.arpa reverse lookups and .local multicast names are skipped, as RITA does.',
  ],
  severity: 'info',
} as const;

type T = { [K in keyof typeof meta.thresholds]: number };

/**
 * RITA's bucketed score (analysis/spagooper.go calculateBucketedScore with config.go category
 * scores), mapped onto the 0–10 bands so that RITA's categories keep their names: base → info,
 * low → low, medium → medium, high → high (RITA reaches "critical" only through modifiers).
 */
function ritaScore(count: number, t: T): number {
  const anchors: [number, number][] = [
    [t.minSubdomains, 1],
    [t.lowSubdomains, 2],
    [t.mediumSubdomains, 4],
    [t.highSubdomains, 6],
  ];
  let prev = anchors[0] as [number, number];
  if (count <= prev[0]) return prev[1];
  for (const a of anchors.slice(1)) {
    if (count < a[0]) return prev[1] + ((a[1] - prev[1]) * (count - prev[0])) / Math.max(1, a[0] - prev[0]);
    prev = a;
  }
  return prev[1];
}

interface NameTally {
  /** per normalised name: 0 unseen, 1 counted, 2 skipped */
  readonly seen: Uint8Array;
  readonly encodedName: Uint8Array;
  readonly skipDomain: Map<number, boolean>;
  /** the context's {@link benignNameFlags} */
  readonly benign: Uint8Array;
  /** counted names per domain */
  readonly unique: Map<number, number>;
  /** encoded-looking names per domain */
  readonly encoded: Map<number, number>;
}

/** A name seen for the first time (`q`, at row `r`): counted under its domain, or skipped (out of the row pass: see Detector.run). */
function tallyName(ctx: DetectContext, t: T, s: NameTally, r: number, q: number): void {
  const d = ctx.domain(r);
  const text = ctx.qnameText(r);
  let skip = s.skipDomain.get(d);
  if (skip === undefined) {
    const dt = ctx.domainText(d);
    skip = isStructurallyBenign(dt) || benignZone(dt) !== null || !dt.includes('.');
    s.skipDomain.set(d, skip);
  }
  // allow-listed zones can sit below a registrable domain (avqs.mcafee.com under mcafee.com)
  if (skip || text.endsWith('.arpa') || text.endsWith('.local') || (benignFlagsOf(ctx, s.benign, q) & BENIGN_ZONE) !== 0) {
    s.seen[q] = 2;
    return;
  }
  s.seen[q] = 1;
  s.unique.set(d, (s.unique.get(d) ?? 0) + 1);
  const sub = subdomainOf(text, ctx.domainText(d));
  const dot = sub.indexOf('.');
  const first = dot < 0 ? sub : sub.slice(0, dot);
  if (first.length >= ENCODED_LABEL_MIN && encodedVerdict(first, t.entropyRatio).encoded) {
    s.encodedName[q] = 1;
    s.encoded.set(d, (s.encoded.get(d) ?? 0) + 1);
  }
}

/** Every row's name, judged the first time it is seen. */
function tallyNames(ctx: DetectContext, t: T): NameTally {
  const poolSize = ctx.store.strings.size;
  const s: NameTally = { seen: new Uint8Array(poolSize), encodedName: new Uint8Array(poolSize), skipDomain: new Map(), benign: benignNameFlags(ctx), unique: new Map(), encoded: new Map() };
  const qnames = ctx.qnameColumn();
  for (let r = 0; r < ctx.size; r++) {
    const q = qnames[r] as number;
    if (s.seen[q] === 0) tallyName(ctx, t, s, r, q);
  }
  return s;
}

/** The rows of counted names under candidate domains, and how many each process asked. */
function collectEvidence(ctx: DetectContext, seen: Uint8Array, candidates: Map<number, { rows: number[]; perProcess: Map<number, number> }>, candidateDomain: Uint8Array): void {
  const qnames = ctx.qnameColumn();
  const domains = ctx.domainColumn();
  const processes = ctx.processColumn();
  for (let r = 0; r < ctx.size; r++) {
    const d = domains[r] as number;
    if (candidateDomain[d] !== 1 || seen[qnames[r] as number] !== 1) continue;
    const c = candidates.get(d);
    if (!c) continue;
    c.rows.push(r);
    const p = processes[r] as number;
    c.perProcess.set(p, (c.perProcess.get(p) ?? 0) + 1);
  }
}

export const subdomainFanout = defineDetector({
  meta,
  run(ctx, t) {
    const { seen, encodedName, unique, encoded } = tallyNames(ctx, t);

    const candidates = new Map<number, { rows: number[]; perProcess: Map<number, number> }>();
    const candidateDomain = new Uint8Array(ctx.domainCount());
    for (const [d, n] of unique) {
      if (n < t.minSubdomains) continue;
      candidates.set(d, { rows: [], perProcess: new Map() });
      candidateDomain[d] = 1;
    }
    if (candidates.size === 0) return [];
    // Evidence pass, only for the candidate domains (the join back of a grouped aggregation).
    collectEvidence(ctx, seen, candidates, candidateDomain);

    const findings: RawFinding[] = [];
    for (const [d, c] of candidates) {
      const n = unique.get(d) as number;
      const enc = encoded.get(d) ?? 0;
      const tunnelLike = enc / n >= t.encodedShare;
      const score = Math.min(10, ritaScore(n, t) + (tunnelLike ? 2 : 0));
      findings.push(finding(ctx, d, c.rows, c.perProcess, n, enc, score, t, encodedName));
    }
    return findings;
  },
});

function finding(
  ctx: DetectContext,
  d: number,
  rows: number[],
  perProcess: Map<number, number>,
  unique: number,
  encoded: number,
  score: number,
  t: T,
  encodedName: Uint8Array,
): RawFinding {
  let top = -1;
  let topCount = 0;
  for (const [p, n] of perProcess) {
    if (n > topCount) {
      top = p;
      topCount = n;
    }
  }
  const dominant = top >= 0 && topCount / rows.length >= t.dominantShare ? ctx.processEntity(top) : null;
  const domain = ctx.domainText(d);
  const example = rows.find((r) => encodedName[ctx.qname(r)] === 1) ?? (rows[0] as number);
  return {
    title: `${unique} unique names under ${domain}`,
    severity: severityFor(meta, score),
    score,
    entity: {
      domain,
      qname: ctx.qnameText(example),
      host: dominant?.host,
      process: dominant?.process || undefined,
    },
    rows,
    details: {
      uniqueNames: unique,
      encodedNames: encoded,
      queries: rows.length,
      askers: perProcess.size,
      topAskerShare: Math.round((topCount / rows.length) * 1000) / 1000,
      thresholds: { base: t.minSubdomains, low: t.lowSubdomains, medium: t.mediumSubdomains, high: t.highSubdomains },
    },
  };
}
