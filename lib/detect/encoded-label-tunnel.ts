import { BLOCK_BITS, BLOCK_MASK } from '../store/column';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { ALPHABETS, encodedVerdict, type Alphabet } from './util/entropy';
import { BENIGN, benignFlagsOf, benignNameFlags } from './util/benign-names';
import { caseKeptName, dataLabels, longestLabel, subdomainOf } from './util/labels';

/** Labels shorter than this are protocol words (`post`, `api`, `stage`, chunk numbers), not data. */
const DATA_LABEL_MIN = 8;
/** Fewer data characters than this say too little about an alphabet's entropy. */
const DATA_MIN = 24;

const meta = {
  id: 'encoded-label-tunnel',
  title: 'Encoded data in query names (DNS tunnel)',
  description:
    'Many distinct query names under one domain from one process or host whose long labels carry encoded data: ' +
    'hex, base32 or base64 with the entropy of random data for that alphabet and length. Catches dnscat2, iodine, ' +
    'Sliver, DNSExfiltrator, dns2tcp and Cobalt Strike post/www data channels.',
  mitre: ['T1071.004', 'T1048.003', 'T1132.001'],
  requiredFields: ['time', 'qname'],
  thresholds: {
    minLabelLength: {
      default: 50,
      unit: 'characters',
      description: 'A name qualifies when one label is at least this long (dns-c2-facts.md §6 D4; tunnels use 57–63).',
      min: 1,
      max: 63,
    },
    minNameLength: {
      default: 100,
      unit: 'characters',
      description: '… or when the whole name is at least this long (dns-c2-facts.md §6 D4).',
      min: 1,
      max: 255,
    },
    entropyRatio: {
      default: 0.96,
      unit: 'ratio',
      description:
        'Entropy of the data labels as a share of the expected entropy of random data in the same alphabet and length ' +
        '(0.96 ≈ the p5 of random labels, dns-c2-facts.md §3: hex 60 ch ≥ 3.66, base32 63 ch ≥ 4.41, base64url 63 ch ≥ 4.96).',
      min: 0.5,
      max: 1.2,
    },
    minUniqueNames: {
      default: 20,
      unit: 'names',
      description: 'Distinct qualifying names per domain and process within one window (dns-c2-facts.md §6 D4).',
      min: 1,
    },
    windowMinutes: {
      default: 15,
      unit: 'minutes',
      description: 'Sliding window for the distinct-name count (D4; Sigma high_subdomain_rate and Elastic ML use 15 min).',
      min: 1,
    },
  },
  falsePositives: [
    'Antivirus and DNSBL reputation lookups with hash labels (McAfee GTI, Sophos SXL, ESET, Spamhaus HBL): allow-listed in BENIGN_ZONES (lib/detect/util/labels.ts); add a vendor zone there.',
    'CDN and cloud names with long hash labels (Akamai, CloudFront, Fastly, Azure): allow-listed.',
    'DKIM selectors and other underscore service names (_domainkey, _dmarc, _tcp) and .arpa/.local names are never judged.',
    'In-house software that encodes identifiers into long subdomains of its own domain.',
  ],
  severity: 'medium',
} as const;

const UNKNOWN = 0;
const NO = 1;
const YES = 2;

interface Group {
  readonly process: number;
  readonly domain: number;
  readonly rows: number[];
}

/** Per-distinct-name verdicts (keyed by raw query-name id, so the case the source logged is kept). */
class NameVerdicts {
  readonly state: Uint8Array;
  readonly entropy: Float32Array;
  readonly alphabet: Uint8Array;
  readonly maxLabel: Uint8Array;

  constructor(
    private readonly ctx: DetectContext,
    private readonly t: { minLabelLength: number; minNameLength: number; entropyRatio: number },
  ) {
    const n = ctx.store.strings.size;
    this.state = new Uint8Array(n);
    this.entropy = new Float32Array(n);
    this.alphabet = new Uint8Array(n);
    this.maxLabel = new Uint8Array(n);
    this.benign = benignNameFlags(ctx);
  }

  private readonly benign: Uint8Array;

  judge(row: number, raw: number): number {
    this.state[raw] = NO;
    const ctx = this.ctx;
    const { minLabelLength, minNameLength } = this.t;
    const norm = ctx.qnameText(row);
    // cheap length gates first: most names are short
    if (norm.length < minNameLength && longestLabel(norm) < minLabelLength) return NO;
    if ((benignFlagsOf(ctx, this.benign, ctx.qname(row)) & BENIGN) !== 0) return NO;
    const lowerSub = subdomainOf(norm, ctx.domainText(ctx.domain(row)));
    if (lowerSub === '') return NO;
    // same length as the normalised name, so the case-kept subdomain is a prefix cut
    const sub = caseKeptName(ctx.text(raw), norm).slice(0, lowerSub.length);
    const maxLabel = longestLabel(sub);
    if (maxLabel < minLabelLength && norm.length < minNameLength) return NO;
    const data = dataLabels(sub, DATA_LABEL_MIN);
    if (data.length < DATA_MIN) return NO;
    const v = encodedVerdict(data, this.t.entropyRatio);
    if (!v.encoded) return NO;
    this.entropy[raw] = v.entropy;
    this.alphabet[raw] = ALPHABETS.indexOf(v.alphabet);
    this.maxLabel[raw] = Math.min(255, maxLabel);
    this.state[raw] = YES;
    return YES;
  }
}

/** Rows lying in at least one window holding ≥ `need` distinct names; also the best window's count. */
function windowed(ctx: DetectContext, rows: number[], windowMs: number, need: number): { rows: number[]; best: number } {
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = ctx.time(rows[i] as number) >= ctx.time(rows[i - 1] as number);
  if (!sorted) rows.sort((a, b) => ctx.time(a) - ctx.time(b) || a - b);
  const inWindow = new Map<number, number>();
  const out: number[] = [];
  let left = 0;
  let marked = 0;
  let best = 0;
  for (let right = 0; right < rows.length; right++) {
    const r = rows[right] as number;
    const q = ctx.qname(r);
    inWindow.set(q, (inWindow.get(q) ?? 0) + 1);
    const t = ctx.time(r);
    while (t - ctx.time(rows[left] as number) > windowMs) {
      const lq = ctx.qname(rows[left] as number);
      const c = (inWindow.get(lq) as number) - 1;
      if (c === 0) inWindow.delete(lq);
      else inWindow.set(lq, c);
      left++;
    }
    if (inWindow.size > best) best = inWindow.size;
    if (inWindow.size >= need) {
      for (let i = Math.max(left, marked); i <= right; i++) out.push(rows[i] as number);
      marked = right + 1;
    }
  }
  return { rows: out, best };
}

/** The rows whose raw name is judged a tunnel name, by (process, domain), in row order (a row pass: see Detector.run). */
function tunnelGroups(ctx: DetectContext, verdicts: NameVerdicts): Map<number, Group> {
  const stride = ctx.processCount;
  const groups = new Map<number, Group>();
  const qnames = ctx.store.qname.blocks;
  const processes = ctx.processColumn();
  const domains = ctx.domainColumn();
  for (let r = 0; r < ctx.size; r++) {
    const raw = (qnames[r >>> BLOCK_BITS] as Uint32Array)[r & BLOCK_MASK] as number;
    let v = verdicts.state[raw] as number;
    if (v === UNKNOWN) v = verdicts.judge(r, raw);
    if (v !== YES) continue;
    const process = processes[r] as number;
    const domain = domains[r] as number;
    const key = domain * stride + process;
    let g = groups.get(key);
    if (!g) {
      g = { process, domain, rows: [] };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  return groups;
}

export const encodedLabelTunnel = defineDetector({
  meta,
  run(ctx, t) {
    const verdicts = new NameVerdicts(ctx, t);
    const groups = tunnelGroups(ctx, verdicts);

    const findings: RawFinding[] = [];
    const need = Math.max(1, Math.round(t.minUniqueNames));
    for (const g of groups.values()) {
      const w = windowed(ctx, g.rows, t.windowMinutes * 60_000, need);
      if (w.rows.length === 0) continue;
      findings.push(finding(ctx, verdicts, g, w.rows, w.best, need, t.windowMinutes));
    }
    return findings;
  },
});

function finding(
  ctx: DetectContext,
  v: NameVerdicts,
  g: Group,
  rows: number[],
  best: number,
  need: number,
  windowMinutes: number,
): RawFinding {
  const names = new Set<number>();
  const alphabets: Partial<Record<Alphabet, number>> = {};
  const qtypes: Record<string, number> = {};
  let entropySum = 0;
  let maxLabel = 0;
  for (const r of rows) {
    const q = ctx.qname(r);
    const qt = String(ctx.qtype(r));
    qtypes[qt] = (qtypes[qt] ?? 0) + 1;
    if (names.has(q)) continue;
    names.add(q);
    const raw = ctx.store.qname.get(r);
    const a = ALPHABETS[v.alphabet[raw] as number] as Alphabet;
    alphabets[a] = (alphabets[a] ?? 0) + 1;
    entropySum += v.entropy[raw] as number;
    maxLabel = Math.max(maxLabel, v.maxLabel[raw] as number);
  }
  const sustained = names.size >= 10 * need ? 1 : 0;
  const score = Math.min(9, 5 + 1.5 * Math.log2(best / need) + sustained);
  const { host, process } = ctx.processEntity(g.process);
  const domain = ctx.domainText(g.domain);
  const main = Object.entries(alphabets).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'encoded';
  return {
    title: `Encoded-label tunnel to ${domain}: ${names.size} distinct ${main} names`,
    severity: severityFor(meta, score),
    score,
    entity: { domain, qname: ctx.qnameText(rows[0] as number), host, process: process || undefined },
    rows,
    details: {
      distinctNames: names.size,
      maxDistinctInWindow: best,
      windowMinutes,
      alphabets,
      meanEntropy: Math.round((entropySum / names.size) * 1000) / 1000,
      longestLabel: maxLabel,
      qtypes,
    },
  };
}
