/**
 * D2 AAAA answers outside allocated IPv6 space (dns-c2-facts §2, §6): any 16 bytes parse as an
 * address, so the test is the IANA registries. Data smuggled in AAAA records (DNSStager, CS
 * `www6.`, dnscat2) lands outside the 0.17 % of space allocated to RIRs almost every time.
 *
 * Not anomalous: RIR-allocated and globally reachable special blocks; DNS64 64:ff9b::/96 and
 * 64:ff9b:1::/48; 6to4 2002::/16 (legacy); `::` and `::1` (sinkhole/blocked-domain answers);
 * `::ffff:a.b.c.d` (an IPv4 answer in Windows' rendering, should an adapter keep it as AAAA).
 * Internal-zone rule (split horizon) — ULA fc00::/7 and link-local fe80::/10 answers are accepted
 * when the name is a single label (`WORKSTATION5`), lies under a private-use suffix (.local,
 * .lan, .internal, .corp, .home, .home.arpa, .intranet, .private, .localdomain, .localhost,
 * .test), or when the same host also got a private IPv4 answer (RFC 1918, 100.64/10, 169.254/16,
 * 127/8) for a name under the same registrable domain anywhere in the data (AD domains with
 * public-looking names: `DC01.pandalab.com → fe80::…;192.168.1.4`).
 */
import { classifyIpv6, isOutsideAllocatedSpace, type Ipv6Classification } from '../enrich/iana-ipv6';
import { BLOCK_BITS, BLOCK_SIZE } from '../store/column';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';

const meta = {
  id: 'aaaa-unallocated',
  title: 'AAAA answers outside allocated IPv6 space',
  description:
    'AAAA answers that no public host can have: reserved by the IETF, unallocated global unicast, multicast or non-routable special-purpose blocks per the dated IANA registries. Several under one parent domain is how DNSStager and other tools carry payload bytes in IPv6 answers.',
  mitre: ['T1071.004', 'T1132.001', 'T1105'],
  requiredFields: ['answers'],
  thresholds: {
    minDistinct: { default: 1, unit: 'answers', min: 1, description: 'distinct anomalous answers per process and parent domain to report' },
    escalateDistinct: {
      default: 3,
      unit: 'answers',
      min: 2,
      description: 'distinct anomalous answers under one parent that make it high severity (dns-c2-facts §6 D2: ≥ 3; the seed article: "at least 2–3 records")',
    },
  },
  falsePositives: [
    'Published records outside allocated space (Windows NCSI dns.msftncsi.com → fd3e:4f5a:5b81::1 is built in; others are not)',
    'Split-horizon ULA/link-local records for public-looking internal names on hosts that never get a private IPv4 answer for that domain',
    'Lab or documentation addresses (2001:db8::/32, 3fff::/20) published in test zones',
    'Address space allocated after the table snapshot (2019-11-06 unicast assignments)',
  ],
  severity: 'low',
} as const;

/**
 * Published records that are outside allocated space by design (name → answer), dated:
 * Microsoft Network Connectivity Status Indicator active DNS probe `dns.msftncsi.com` AAAA
 * `fd3e:4f5a:5b81::1` (Microsoft Learn, "NCSI overview", checked 2024).
 */
const PUBLISHED = new Map<string, string>([['dns.msftncsi.com', 'fd3e:4f5a:5b81::1']]);

const INTERNAL_SUFFIXES = ['local', 'lan', 'internal', 'corp', 'home', 'home.arpa', 'intranet', 'private', 'localdomain', 'localhost', 'test'];
/** special-purpose names expected in answers (ipv4-mapped: how Windows renders A records) */
const BENIGN_SPECIAL = new Set(['nat64', 'nat64-local', '6to4', 'unspecified', 'loopback', 'ipv4-mapped']);
const INTERNAL_ONLY = new Set(['unique-local', 'link-local']);

interface Anomaly {
  readonly value: string;
  readonly c: Ipv6Classification;
  /** ULA or link-local: excused in internal zones */
  readonly internal: boolean;
}

/** Per answer set: the anomalous AAAA answers; whether all are internal-only; private IPv4. */
interface SetVerdict {
  readonly anomalies: readonly Anomaly[];
  readonly internalOnly: boolean;
  readonly privateV4: boolean;
  /** the only anomaly is a published answer (the name decides, per row) */
  readonly published: boolean;
}
const NOTHING: SetVerdict = { anomalies: [], internalOnly: false, privateV4: false, published: false };
const PUBLISHED_VALUES = new Set(PUBLISHED.values());

export function isPrivateV4(v: string): boolean {
  // four dot-separated runs of 1-3 digits, the form A answers come in: the first two numbers are
  // read in place (split and Number per answer were ~17 ms of the 1M Zeek log's first detection)
  let a = 0;
  let b = 0;
  let part = 0;
  let digits = 0;
  let plain = v.length <= 15;
  for (let i = 0; plain && i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57 && digits < 3) {
      if (part === 0) a = a * 10 + (c - 48);
      else if (part === 1) b = b * 10 + (c - 48);
      digits++;
    } else if (c === 46 && digits > 0 && part < 4) {
      part++;
      digits = 0;
    } else plain = false;
  }
  if (plain && part === 4) return privateV4Prefix(a, b);
  const p = v.split('.');
  if (p.length !== 4) return false;
  return privateV4Prefix(Number(p[0]), Number(p[1]));
}

/** RFC 1918, loopback, link-local and shared (CGNAT) space, from an address's first two numbers. */
function privateV4Prefix(a: number, b: number): boolean {
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

function judgeSet(ctx: DetectContext, id: number): SetVerdict {
  const anomalies: Anomaly[] = [];
  let internalOnly = true;
  let privateV4 = false;
  for (const a of ctx.store.answerSet(id)) {
    if (a.type === 1) {
      if (isPrivateV4(a.value)) privateV4 = true;
      continue;
    }
    if (a.type !== 28) continue;
    const c = classifyIpv6(a.value);
    if (!isOutsideAllocatedSpace(c) || (c.name !== undefined && BENIGN_SPECIAL.has(c.name))) continue;
    const internal = c.name !== undefined && INTERNAL_ONLY.has(c.name);
    anomalies.push({ value: a.value, c, internal });
    if (!internal) internalOnly = false;
  }
  if (anomalies.length === 0 && !privateV4) return NOTHING;
  const published = anomalies.length === 1 && !privateV4 && PUBLISHED_VALUES.has((anomalies[0] as Anomaly).value);
  return { anomalies, internalOnly: anomalies.length > 0 && internalOnly, privateV4, published };
}

function internalDomain(name: string): boolean {
  if (name.indexOf('.') < 0) return true;
  return INTERNAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`));
}

interface Group {
  readonly process: number;
  readonly domain: number;
  readonly rows: number[];
}

/** Pass 1 (a row pass: see Detector.run): rows with anomalous AAAA answers, grouped by (registrable domain, process); `verdicts` filled per answer set. */
function anomalousGroups(ctx: DetectContext, verdicts: (SetVerdict | undefined)[]): Map<number, Group> {
  const groups = new Map<number, Group>();
  const P = Math.max(1, ctx.processCount);
  const domains = ctx.domainColumn();
  const processes = ctx.processColumn();
  // the answer-set ids a block at a time: one block-table read per block, not per row
  let answers: Uint32Array = new Uint32Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < ctx.size; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      answers = ctx.store.answers.blocks[r >>> BLOCK_BITS] as Uint32Array;
    }
    const id = answers[r - from] as number;
    if (id === 0) continue;
    let v = verdicts[id];
    if (v === undefined) verdicts[id] = v = judgeSet(ctx, id);
    if (v.anomalies.length === 0) continue;
    if (v.published && PUBLISHED.get(ctx.qnameText(r)) === v.anomalies[0]?.value) continue;
    const dom = domains[r] as number;
    const proc = processes[r] as number;
    const key = dom * P + proc;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { process: proc, domain: dom, rows: [] }));
    g.rows.push(r);
  }
  return groups;
}

/** Pass 2 (a row pass): the hosts that got a private IPv4 answer under each domain of `zones`. */
function privateAnswerHosts(ctx: DetectContext, verdicts: readonly (SetVerdict | undefined)[], zones: Map<number, Set<number>>): void {
  const domains = ctx.domainColumn();
  let answers: Uint32Array = new Uint32Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < ctx.size; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      answers = ctx.store.answers.blocks[r >>> BLOCK_BITS] as Uint32Array;
    }
    const v = verdicts[answers[r - from] as number];
    if (v === undefined || !v.privateV4) continue;
    zones.get(domains[r] as number)?.add(ctx.hostId(r));
  }
}

export const aaaaUnallocated = defineDetector({
  meta,
  run(ctx, th) {
    const verdicts: (SetVerdict | undefined)[] = [];
    const groups = anomalousGroups(ctx, verdicts);
    if (groups.size === 0) return [];

    // Internal-zone rule: by name, or (pass 2, only for public-looking domains with ULA/link-local
    // answers) by a private IPv4 answer to the same host under the same domain.
    const internal = new Map<number, boolean>();
    const privateZones = new Map<number, Set<number>>();
    for (const g of groups.values()) {
      if (!internal.has(g.domain)) internal.set(g.domain, internalDomain(ctx.domainText(g.domain)));
      if (internal.get(g.domain) === true) continue;
      if (g.rows.some((r) => (verdicts[ctx.answersId(r)] as SetVerdict).anomalies.some((a) => a.internal))) privateZones.set(g.domain, new Set());
    }
    if (privateZones.size > 0) privateAnswerHosts(ctx, verdicts, privateZones);

    const out: RawFinding[] = [];
    for (const g of groups.values()) {
      const zoneInternal = internal.get(g.domain) === true;
      const privHosts = privateZones.get(g.domain);
      const rows: number[] = [];
      const distinct = new Map<string, { c: Ipv6Classification; row: number }>();
      for (const r of g.rows) {
        const v = verdicts[ctx.answersId(r)] as SetVerdict;
        const excused = zoneInternal || privHosts?.has(ctx.hostId(r)) === true;
        if (v.internalOnly && excused) continue;
        rows.push(r);
        for (const a of v.anomalies) {
          if (excused && a.internal) continue;
          if (!distinct.has(a.value)) distinct.set(a.value, { c: a.c, row: r });
        }
      }
      const d = distinct.size;
      if (d < th.minDistinct || rows.length === 0) continue;
      out.push(finding(ctx, g, rows, distinct, th.escalateDistinct));
    }
    return out;
  },
});

function finding(
  ctx: DetectContext,
  g: Group,
  rows: number[],
  distinct: Map<string, { c: Ipv6Classification; row: number }>,
  escalate: number,
): RawFinding {
  const d = distinct.size;
  const score = d >= escalate ? Math.min(7.5, 6 + (d - escalate) / 4) : d >= 2 ? 4.5 : 3;
  const classes: Record<string, number> = {};
  const examples: { qname: string; answer: string; class: string; prefix: string }[] = [];
  const qnames = new Set<number>();
  for (const r of rows) qnames.add(ctx.qname(r));
  for (const [value, { c, row }] of distinct) {
    classes[c.label] = (classes[c.label] ?? 0) + 1;
    if (examples.length < 8) examples.push({ qname: ctx.qnameText(row), answer: value, class: c.label, prefix: c.prefix });
  }
  const pe = ctx.processEntity(g.process);
  const domain = ctx.domainText(g.domain);
  return {
    title: `${d} AAAA answer${d === 1 ? '' : 's'} outside allocated IPv6 space under ${domain}`,
    severity: severityFor(meta, score),
    score,
    entity: {
      domain,
      qname: ctx.qnameText(rows[0] as number),
      host: pe.host,
      ...(pe.process !== '' ? { process: pe.process } : {}),
    },
    rows,
    details: { distinctAnomalous: d, queries: qnames.size, classes, examples },
  };
}
