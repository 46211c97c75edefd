import { BLOCK_BITS, BLOCK_MASK } from '../store/column';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';

/** Query types legitimate clients (almost) never ask for, and what uses them (dns-c2-facts.md §3–4). */
export const RARE_QTYPES: Readonly<Record<number, { readonly name: string; readonly why: string }>> = {
  10: { name: 'NULL', why: 'iodine’s preferred downstream type (Zeek anomalous-dns qtype blacklist; Sigma NULL record rules)' },
  65399: { name: 'PRIVATE', why: 'iodine’s second choice (Zeek anomalous-dns qtype blacklist)' },
  25: { name: 'KEY', why: 'dns2tcp’s alternative to TXT (dns-c2-facts.md §3)' },
};
const ANY = 255;

const meta = {
  id: 'record-type-anomaly',
  title: 'Tunnel record types (NULL, PRIVATE, KEY) and ANY floods',
  description:
    'Queries for record types that only tunnels use — NULL (10) and PRIVATE (65399) by iodine, KEY (25) by dns2tcp — ' +
    'and high volumes of ANY (255) queries from one process or host (reconnaissance or amplification).',
  mitre: ['T1071.004', 'T1572'],
  requiredFields: ['qname', 'qtype'],
  thresholds: {
    rareMinQueries: {
      default: 1,
      unit: 'queries',
      description: 'NULL/PRIVATE/KEY queries per process and domain to report (Zeek anomalous-dns: any query of a blacklisted type).',
      min: 1,
    },
    rarePerMinuteHigh: {
      default: 50,
      unit: 'queries/minute',
      description: 'Rate that makes the finding high: Sigma net_dns_high_null_records_requests_rate (NULL > 50/min).',
      min: 1,
    },
    anyMinQueries: {
      default: 200,
      unit: 'queries',
      description: 'ANY queries from one process/host to report (Splunk ESCU large_volume_of_dns_any_queries: > 200).',
      min: 1,
    },
  },
  falsePositives: [
    'DNS diagnostics (dig/nslookup tests of NULL or KEY) by administrators: few queries, low score.',
    'Legacy mail or resolver software issuing ANY queries (qmail, some resolvers’ cache warmers).',
    'Security scanners enumerating record types.',
  ],
  severity: 'low',
} as const;

interface Group {
  readonly process: number;
  readonly domain: number;
  readonly rows: number[];
  readonly names: Set<number>;
  readonly types: Map<number, number>;
}

/** The rows of rare types by (process, domain) into `rare`, of ANY by process into `any` (a row pass: see Detector.run). */
function groupTypes(ctx: DetectContext, rare: Map<number, Group>, any: Map<number, Group>): void {
  const stride = ctx.processCount;
  const outcomes = ctx.store.outcome.blocks;
  const qtypeOf = ctx.store.outcomes.qtype;
  const processes = ctx.processColumn();
  const domains = ctx.domainColumn();
  for (let r = 0; r < ctx.size; r++) {
    const qt = qtypeOf[(outcomes[r >>> BLOCK_BITS] as Uint16Array)[r & BLOCK_MASK] as number] as number;
    const isRare = qt === 10 || qt === 65399 || qt === 25;
    if (!isRare && qt !== ANY) continue;
    const process = processes[r] as number;
    const domain = domains[r] as number;
    const map = isRare ? rare : any;
    const key = isRare ? domain * stride + process : process;
    let g = map.get(key);
    if (!g) {
      g = { process, domain, rows: [], names: new Set(), types: new Map() };
      map.set(key, g);
    }
    g.rows.push(r);
    g.names.add(ctx.qname(r));
    g.types.set(qt, (g.types.get(qt) ?? 0) + 1);
  }
}

export const recordTypeAnomaly = defineDetector({
  meta,
  run(ctx, t) {
    const rare = new Map<number, Group>();
    const any = new Map<number, Group>();
    groupTypes(ctx, rare, any);
    const findings: RawFinding[] = [];
    for (const g of rare.values()) if (g.rows.length >= t.rareMinQueries) findings.push(rareFinding(ctx, g, t.rarePerMinuteHigh));
    for (const g of any.values()) if (g.rows.length > t.anyMinQueries) findings.push(anyFinding(ctx, g, t.anyMinQueries));
    return findings;
  },
});

/** Most rows inside any 60-second window. */
function peakPerMinute(ctx: DetectContext, rows: number[]): number {
  const times = rows.map((r) => ctx.time(r)).sort((a, b) => a - b);
  let best = 0;
  let left = 0;
  for (let right = 0; right < times.length; right++) {
    while ((times[right] as number) - (times[left] as number) >= 60_000) left++;
    best = Math.max(best, right - left + 1);
  }
  return best;
}

function entityOf(ctx: DetectContext, g: Group, domain: string | undefined) {
  const { host, process } = ctx.processEntity(g.process);
  return { domain, qname: ctx.qnameText(g.rows[0] as number), host, process: process || undefined };
}

function typeCounts(g: Group): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [qt, n] of g.types) out[RARE_QTYPES[qt]?.name ?? (qt === ANY ? 'ANY' : String(qt))] = n;
  return out;
}

function rareFinding(ctx: DetectContext, g: Group, highRate: number): RawFinding {
  const n = g.rows.length;
  const peak = peakPerMinute(ctx, g.rows);
  // 3.5 (low) for a single query, +1 per decade of volume (medium from 4 queries), +1 for many
  // distinct names (data carried in the names), at least 6.5 (high) once the Sigma rate is reached.
  let score = 3.5 + Math.min(2.5, Math.log10(n)) + (g.names.size >= 20 ? 1 : 0);
  if (peak >= highRate) score = Math.max(score, 6.5);
  score = Math.min(9, score);
  const types = typeCounts(g);
  const domain = ctx.domainText(g.domain);
  return {
    title: `${Object.keys(types).join('/')} queries to ${domain} (${n})`,
    severity: severityFor(meta, score),
    score,
    entity: entityOf(ctx, g, domain),
    rows: g.rows,
    details: {
      queries: n,
      distinctNames: g.names.size,
      peakPerMinute: peak,
      qtypes: types,
      why: [...g.types.keys()].map((qt) => RARE_QTYPES[qt]?.why).filter(Boolean),
    },
  };
}

function anyFinding(ctx: DetectContext, g: Group, min: number): RawFinding {
  const n = g.rows.length;
  const perDomain = new Map<number, number>();
  for (const r of g.rows) perDomain.set(ctx.domain(r), (perDomain.get(ctx.domain(r)) ?? 0) + 1);
  let top = g.domain;
  let topN = 0;
  for (const [d, c] of perDomain) if (c > topN) [top, topN] = [d, c];
  const domain = topN / n >= 0.5 ? ctx.domainText(top) : undefined;
  const score = Math.min(7, 4 + 2 * Math.log10(n / min));
  return {
    title: `${n} ANY queries${domain ? ` (mostly ${domain})` : ''}`,
    severity: severityFor(meta, score),
    score,
    entity: entityOf(ctx, g, domain),
    rows: g.rows,
    details: { queries: n, distinctNames: g.names.size, domains: perDomain.size, peakPerMinute: peakPerMinute(ctx, g.rows), qtypes: typeCounts(g) },
  };
}
