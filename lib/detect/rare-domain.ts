import { BLOCK_BITS, BLOCK_SIZE } from '../store/column';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { huntableState, judgeHuntable } from './util/known-domains';

const meta = {
  id: 'rare-domain',
  title: 'Rare, newly seen domain (one host only)',
  description:
    'A registrable domain queried by a single host in an environment with several hosts, first seen after the start of the capture. On its own it is context for a suspect (new C2 and staging domains are rare and new); volume raises it.',
  mitre: ['T1071.004', 'T1583.001'],
  requiredFields: ['time', 'qname', 'host'],
  thresholds: {
    minHosts: { default: 5, unit: 'hosts', min: 2, description: 'hosts resolving public names in the data before prevalence means anything' },
    maxHosts: { default: 1, unit: 'hosts', min: 1, description: 'a domain queried by at most this many hosts is rare' },
    lateFraction: {
      default: 0.25,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'the domain must be first seen after this fraction of the capture’s time range (the start is the baseline)',
    },
    maxFindings: { default: 50, unit: 'findings', min: 1, description: 'at most this many rare domains are reported, by query count' },
    strongQueries: {
      default: 1000,
      unit: 'events',
      min: 1,
      description: 'queries from which a rare domain with many distinct names counts as strong (medium)',
    },
    strongNames: { default: 100, unit: 'names', min: 1, description: 'distinct query names that, with strongQueries, make it strong' },
  },
  falsePositives: [
    'Every environment has a long tail of sites visited by one person: findings are info or low, capped at maxFindings by query count, and meant as context for suspects, not alerts.',
    'Short captures and small labs: the detector needs minHosts hosts and only reports domains first seen after lateFraction of the time range.',
    'Names that cannot reach public DNS (single labels, .local and other internal TLDs, reverse lookups) and well-known scheduled services are not counted.',
  ],
  severity: 'info',
} as const;

interface DomainAcc {
  count: number;
  first: number;
  /** up to maxHosts + 1 distinct host string ids */
  hosts: number[];
  /** process entity of the first row; -1 once several entities queried it */
  process: number;
  firstRow: number;
}

/**
 * Pass 1 (every row): per registrable domain of a huntable name, its count, first time and row,
 * hosts (up to maxHosts + 1) and process; returns how many hosts resolve huntable names at all
 * (a row pass: see Detector.run).
 */
function tallyDomains(ctx: DetectContext, huntable: Uint8Array, hostOfActor: Int32Array, accs: (DomainAcc | undefined)[], maxHosts: number): number {
  const hostSeen = new Uint8Array(ctx.store.strings.size);
  let hostCount = 0;
  const qnames = ctx.qnameColumn();
  const domains = ctx.domainColumn();
  const processes = ctx.processColumn();
  // the times and actors a block at a time: one block-table read per block, not per row
  let times: Float64Array = new Float64Array(0);
  let actors: Uint32Array = new Uint32Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < ctx.size; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      times = ctx.store.time.blocks[r >>> BLOCK_BITS] as Float64Array;
      actors = ctx.store.actor.blocks[r >>> BLOCK_BITS] as Uint32Array;
    }
    const q = qnames[r] as number;
    let hunt = huntable[q] as number;
    if (hunt === 0) hunt = judgeHuntable(ctx, huntable, q);
    if (hunt !== 1) continue;
    const time = times[r - from] as number;
    // hosts that resolve public names at all: the ones that could have queried the domain
    const h = hostOfActor[actors[r - from] as number] as number;
    if (hostSeen[h] === 0) {
      hostSeen[h] = 1;
      hostCount++;
    }
    const d = domains[r] as number;
    const p = processes[r] as number;
    let acc = accs[d];
    if (acc === undefined) {
      accs[d] = acc = { count: 0, first: time, hosts: [h], process: p, firstRow: r };
    } else if (acc.hosts.length <= maxHosts && !acc.hosts.includes(h)) acc.hosts.push(h);
    acc.count++;
    if (time < acc.first) {
      acc.first = time;
      acc.firstRow = r;
    }
    if (acc.process !== p) acc.process = -1;
  }
  return hostCount;
}

/** Pass 2 (every row): the evidence rows and up to `maxNames` distinct names of the picked domains (slot: 1 + index, 0 not picked). */
function collectEvidence(ctx: DetectContext, huntable: Uint8Array, slot: Int32Array, rows: number[][], names: Set<number>[], maxNames: number): void {
  const qnames = ctx.qnameColumn();
  const domains = ctx.domainColumn();
  for (let r = 0; r < ctx.size; r++) {
    const i = (slot[domains[r] as number] ?? 0) - 1;
    // every name was judged by the first pass
    if (i < 0 || huntable[qnames[r] as number] !== 1) continue;
    (rows[i] as number[]).push(r);
    const n = names[i] as Set<number>;
    if (n.size < maxNames) n.add(qnames[r] as number);
  }
}

export const rareDomain = defineDetector({
  meta,
  run(ctx, t): RawFinding[] {
    const store = ctx.store;
    const hostOfActor = new Int32Array(store.actors.size);
    for (let a = 0; a < hostOfActor.length; a++) hostOfActor[a] = store.actors.host.get(a);
    const accs: (DomainAcc | undefined)[] = [];
    const maxHosts = Math.max(1, Math.floor(t.maxHosts));
    const { min: tMin, max: tMax } = ctx.timeSpan();
    const huntable = huntableState(ctx);
    const hostCount = tallyDomains(ctx, huntable, hostOfActor, accs, maxHosts);
    if (hostCount < t.minHosts || !(tMax > tMin)) return [];
    const lateFrom = tMin + t.lateFraction * (tMax - tMin);
    const rare: number[] = [];
    accs.forEach((a, d) => {
      if (a && a.hosts.length <= maxHosts && a.first > lateFrom) rare.push(d);
    });
    rare.sort((a, b) => (accs[b] as DomainAcc).count - (accs[a] as DomainAcc).count || a - b);
    const picked = rare.slice(0, Math.max(1, Math.floor(t.maxFindings)));
    if (picked.length === 0) return [];
    // second pass: evidence rows and distinct names of the picked domains only
    // slot of each picked domain, by domain id (0 = not picked)
    const slot = new Int32Array(accs.length);
    picked.forEach((d, i) => (slot[d] = i + 1));
    const rows: number[][] = picked.map(() => []);
    const names: Set<number>[] = picked.map(() => new Set());
    collectEvidence(ctx, huntable, slot, rows, names, t.strongNames);
    return picked.map((d, i) => {
      const a = accs[d] as DomainAcc;
      const distinct = (names[i] as Set<number>).size;
      const strong = a.count >= t.strongQueries && distinct >= t.strongNames;
      const score = strong ? 4.5 : Math.min(3.9, 1.2 + 0.9 * Math.log10(a.count));
      const pe = a.process >= 0 ? ctx.processEntity(a.process) : undefined;
      const domain = ctx.domainText(d);
      const hosts = a.hosts.map((h) => ctx.text(h));
      return {
        title: `Rare domain ${domain}: ${a.count} ${a.count === 1 ? 'query' : 'queries'} from ${hosts.join(', ')} only, first seen late`,
        severity: severityFor(meta, score),
        score,
        entity: { domain, qname: ctx.qnameText(a.firstRow), host: hosts.length === 1 ? hosts[0] : undefined, process: pe?.process || undefined },
        rows: rows[i] as number[],
        details: {
          hosts,
          hostsInData: hostCount,
          queries: a.count,
          distinctNames: distinct >= t.strongNames ? `${t.strongNames}+` : distinct,
          firstSeen: new Date(a.first).toISOString(),
          captureFraction: Math.round(((a.first - tMin) / (tMax - tMin)) * 1000) / 1000,
          strong,
        },
      };
    });
  },
});
