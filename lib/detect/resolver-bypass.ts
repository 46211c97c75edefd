import ipaddr from 'ipaddr.js';
import { BLOCK_BITS, BLOCK_SIZE } from '../store/column';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { KEY_SHIFT } from './util/stats';

/**
 * Well-known public recursive resolvers (provider documentation of their anycast addresses).
 * Hosts that query these directly skip the organisation's resolver, its logging and filtering.
 */
const PUBLIC_RESOLVERS: Readonly<Record<string, string>> = {
  '8.8.8.8': 'Google Public DNS',
  '8.8.4.4': 'Google Public DNS',
  '2001:4860:4860::8888': 'Google Public DNS',
  '2001:4860:4860::8844': 'Google Public DNS',
  '1.1.1.1': 'Cloudflare 1.1.1.1',
  '1.0.0.1': 'Cloudflare 1.1.1.1',
  '1.1.1.2': 'Cloudflare for Families',
  '1.0.0.2': 'Cloudflare for Families',
  '1.1.1.3': 'Cloudflare for Families',
  '1.0.0.3': 'Cloudflare for Families',
  '2606:4700:4700::1111': 'Cloudflare 1.1.1.1',
  '2606:4700:4700::1001': 'Cloudflare 1.1.1.1',
  '9.9.9.9': 'Quad9',
  '149.112.112.112': 'Quad9',
  '9.9.9.10': 'Quad9',
  '9.9.9.11': 'Quad9',
  '2620:fe::fe': 'Quad9',
  '2620:fe::9': 'Quad9',
  '208.67.222.222': 'Cisco OpenDNS',
  '208.67.220.220': 'Cisco OpenDNS',
  '2620:119:35::35': 'Cisco OpenDNS',
  '2620:119:53::53': 'Cisco OpenDNS',
  '94.140.14.14': 'AdGuard DNS',
  '94.140.15.15': 'AdGuard DNS',
  '185.228.168.9': 'CleanBrowsing',
  '185.228.169.9': 'CleanBrowsing',
  '76.76.2.0': 'Control D',
  '76.76.10.0': 'Control D',
  '64.6.64.6': 'Vercara UltraDNS Public',
  '64.6.65.6': 'Vercara UltraDNS Public',
  '4.2.2.1': 'Level3/Lumen',
  '4.2.2.2': 'Level3/Lumen',
  '77.88.8.8': 'Yandex DNS',
  '77.88.8.1': 'Yandex DNS',
};

type AddressClass = 'ignore' | 'local' | 'public' | 'external';
const LOCAL_RANGES = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/** mDNS/LLMNR multicast, broadcasts and unparsable values are not resolvers. */
export function classifyResolver(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return 'ignore';
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'multicast' || range === 'broadcast' || range === 'unspecified') return 'ignore';
  const text = ip.toString();
  if (PUBLIC_RESOLVERS[text] !== undefined) return 'public';
  if (LOCAL_RANGES.has(range)) {
    // a subnet broadcast (NetBIOS name queries to x.x.x.255)
    return ip.kind() === 'ipv4' && text.endsWith('.255') ? 'ignore' : 'local';
  }
  return 'external';
}

const meta = {
  id: 'resolver-bypass',
  title: 'DNS sent past the internal resolver',
  description:
    'Learns the resolvers most clients use and flags hosts that send queries to public resolvers (8.8.8.8, 1.1.1.1, 9.9.9.9, OpenDNS…) or straight to arbitrary external addresses: implants with hard-coded resolvers (DNSStager Go agents → 8.8.8.8) and tunnels that talk to their own server (dnscat2 --dns server=…).',
  mitre: ['T1071.004', 'T1572'],
  requiredFields: ['resolver'],
  thresholds: {
    minResolverClients: { default: 2, unit: 'clients', min: 1, description: 'clients an address must serve to be learned as an internal resolver' },
    baselineShare: {
      default: 0.1,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'share of all clients an address must also serve to be learned as an internal resolver',
    },
    publicBaselineShare: {
      default: 0.5,
      unit: 'ratio',
      min: 0,
      max: 1,
      description:
        'share of all clients a public resolver (8.8.8.8, 1.1.1.1, …) must serve to count as the site resolver (small offices); a few implants using it must not make it the baseline',
    },
    minQueries: {
      default: 5,
      unit: 'events',
      min: 1,
      description: 'queries to one arbitrary external address before it counts (one query to a public resolver always counts when internal resolvers exist)',
    },
    concentration: {
      default: 0.9,
      unit: 'ratio',
      min: 0,
      max: 1,
      description: 'share of one registrable domain in the queries to an external address that marks a client talking straight to a domain’s own server',
    },
    recursorAddresses: {
      default: 10,
      unit: 'addresses',
      min: 2,
      description: 'a host sending queries to this many distinct external addresses is itself a recursive resolver and is not judged',
    },
  },
  falsePositives: [
    'Small offices and home networks where every client uses a public resolver: an address most clients use is the internal resolver, whatever it is, and with no learned resolver public resolvers are not flagged.',
    'The resolvers themselves (forwarders to 8.8.8.8, recursors talking to authoritative servers): hosts that serve other clients, or that query recursorAddresses or more external addresses, are skipped.',
    'VPN clients, branch-office and secondary internal resolvers: private-range addresses are never flagged.',
    'Devices with hard-coded public DNS (IoT, some browsers’ fallback, developer tools): real bypasses by policy, rarely malicious; they score lower than arbitrary external servers.',
    'mDNS (224.0.0.251, ff02::fb, .local names), LLMNR (224.0.0.252, ff02::1:3) and NetBIOS name queries (broadcasts, NB/NBSTAT) are not DNS resolution and are ignored. Without the responder port the detector relies on addresses, names and query types for that.',
  ],
  severity: 'low',
} as const;

interface Pair {
  resolver: number;
  cls: AddressClass;
  /** queries of this host to this resolver */
  queries: number;
  /** their rows, for the pairs judged (candidates) only */
  rows: Int32Array;
}

const NO_ROWS = new Int32Array(0);

const CLASSES: readonly AddressClass[] = ['ignore', 'local', 'public', 'external'];
const NAME_LOCAL = 1;
const NAME_STAR = 2;
const NAME_SEEN = 4;

/**
 * Each row's (host, resolver) pair into `pairOfRow` (-1 for rows that are not unicast DNS
 * queries to a resolver), with each pair's query count and first row (a row pass: see Detector.run).
 */
function pairRows(ctx: DetectContext, pairOfActor: Int32Array, nameFlags: Uint8Array, pairOfRow: Int32Array, queries: Int32Array, firstRow: Int32Array): void {
  const qnames = ctx.qnameColumn();
  const qtypeOf = ctx.store.outcomes.qtype;
  // the actors and outcomes a block at a time: one block-table read per block, not per row
  let actors: Uint32Array = new Uint32Array(0);
  let outcomes: Uint16Array = new Uint16Array(0);
  let from = 0;
  let next = 0;
  for (let r = 0; r < ctx.size; r++) {
    if (r === next) {
      // the next block (row 0 comes here first, so this has run before the loop is optimised)
      from = r;
      next = r + BLOCK_SIZE;
      actors = ctx.store.actor.blocks[r >>> BLOCK_BITS] as Uint32Array;
      outcomes = ctx.store.outcome.blocks[r >>> BLOCK_BITS] as Uint16Array;
    }
    pairOfRow[r] = -1;
    const p = pairOfActor[actors[r - from] as number] as number;
    if (p < 0) continue;
    const qtype = qtypeOf[outcomes[r - from] as number] as number;
    if (qtype === 32) continue; // NetBIOS NB
    const q = qnames[r] as number;
    let f = nameFlags[q] as number;
    if (f === 0) {
      const name = ctx.text(q);
      f = NAME_SEEN | (name.endsWith('.local') ? NAME_LOCAL : 0) | (name.startsWith('*') ? NAME_STAR : 0);
      nameFlags[q] = f;
    }
    if ((f & NAME_LOCAL) !== 0 || (qtype === 33 && (f & NAME_STAR) !== 0)) continue;
    pairOfRow[r] = p;
    if (queries[p] === 0) firstRow[p] = r;
    queries[p] = (queries[p] as number) + 1;
  }
}

/** The rows of each pair that has a list in `gathered`, in store order (a row pass). */
function gatherRows(pairOfRow: Int32Array, gathered: (number[] | undefined)[]): void {
  for (let r = 0; r < pairOfRow.length; r++) {
    const p = pairOfRow[r] as number;
    if (p >= 0) gathered[p]?.push(r);
  }
}

export const resolverBypass = defineDetector({
  meta,
  run(ctx, t): RawFinding[] {
    const pool = ctx.store.strings.size;
    const classOf = new Int8Array(pool).fill(-1);
    const cls = (id: number): AddressClass => {
      let c = classOf[id] as number;
      if (c < 0) classOf[id] = c = CLASSES.indexOf(classifyResolver(ctx.text(id)));
      return CLASSES[c] as AddressClass;
    };
    const nameFlags = new Uint8Array(pool);
    const actors = ctx.store.actors;
    const hostOfActor = new Int32Array(actors.size);
    /** the resolver an actor sends to, −1 when none or not a resolver address */
    const resolverOfActor = new Int32Array(actors.size);
    for (let a = 0; a < actors.size; a++) {
      hostOfActor[a] = actors.host.get(a);
      const res = actors.resolver.get(a);
      resolverOfActor[a] = res === 0 || cls(res) === 'ignore' ? -1 : res;
    }
    // (host, resolver) pairs: who uses which resolver, over unicast DNS queries (not mDNS, LLMNR
    // or NetBIOS) sent to a resolver address. An actor has one host and one resolver, so pairs
    // are numbered per actor; the rows are counted per pair, and gathered for the pairs judged
    // only (most rows go to the internal resolvers)
    const pairOfActor = new Int32Array(actors.size).fill(-1);
    const pairIds = new Map<number, number>();
    const pairHost: number[] = [];
    const pairResolver: number[] = [];
    for (let a = 0; a < actors.size; a++) {
      const res = resolverOfActor[a] as number;
      if (res < 0) continue;
      const key = (hostOfActor[a] as number) * KEY_SHIFT + res;
      let id = pairIds.get(key);
      if (id === undefined) {
        id = pairHost.length;
        pairIds.set(key, id);
        pairHost.push(hostOfActor[a] as number);
        pairResolver.push(res);
      }
      pairOfActor[a] = id;
    }
    /** each row's pair, −1 when the row is not a unicast DNS query to a resolver */
    const pairOfRow = new Int32Array(ctx.size);
    const queries = new Int32Array(pairHost.length);
    const firstRow = new Int32Array(pairHost.length);
    pairRows(ctx, pairOfActor, nameFlags, pairOfRow, queries, firstRow);
    // the pairs that have queries, by host id, then by first query
    const used: number[] = [];
    for (let p = 0; p < pairHost.length; p++) if ((queries[p] as number) > 0) used.push(p);
    used.sort((a, b) => (pairHost[a] as number) - (pairHost[b] as number) || (firstRow[a] as number) - (firstRow[b] as number));
    const clientsOf = new Map<number, Set<number>>();
    const perHost = new Map<number, Pair[]>();
    const pairs: Pair[] = [];
    for (const p of used) {
      const host = pairHost[p] as number;
      const res = pairResolver[p] as number;
      let clients = clientsOf.get(res);
      if (!clients) clientsOf.set(res, (clients = new Set()));
      clients.add(host);
      let list = perHost.get(host);
      if (!list) perHost.set(host, (list = []));
      const pair: Pair = { resolver: res, cls: cls(res), queries: queries[p] as number, rows: NO_ROWS };
      list.push(pair);
      pairs[p] = pair;
    }
    const totalClients = perHost.size;
    const need = Math.max(t.minResolverClients, Math.ceil(t.baselineShare * totalClients));
    const needPublic = Math.max(t.minResolverClients, Math.ceil(t.publicBaselineShare * totalClients));
    const baseline = [...clientsOf]
      .filter(([id, c]) => {
        const k = cls(id);
        return k === 'local' ? c.size >= need : k === 'public' && c.size >= needPublic;
      })
      .map(([id]) => id);
    const baselineSet = new Set(baseline);
    // addresses that answer for other clients: those hosts are resolvers themselves (host and
    // resolver strings share the store's pool, so the same address has the same id)
    const servers = new Set([...clientsOf].filter(([id, c]) => c.size > 1 || !c.has(id)).map(([id]) => id));
    const candidate = (res: number) => !baselineSet.has(res) && cls(res) !== 'local' && cls(res) !== 'ignore';
    // the rows of the pairs judged below, in store order
    const gathered: (number[] | undefined)[] = [];
    for (const p of used) if (candidate(pairResolver[p] as number)) gathered[p] = [];
    if (gathered.length > 0) {
      gatherRows(pairOfRow, gathered);
      gathered.forEach((rows, p) => {
        const pair = pairs[p];
        if (rows && pair) pair.rows = Int32Array.from(rows);
      });
    }

    const out: RawFinding[] = [];
    for (const [hostId, hostPairs] of perHost) {
      if (servers.has(hostId)) continue;
      const host = ctx.text(hostId);
      const externals = hostPairs.filter((p) => p.cls === 'external').length;
      if (externals >= t.recursorAddresses) continue;
      const judged = hostPairs.flatMap((p) => {
        if (!candidate(p.resolver)) return [];
        const domains = new Map<number, number>();
        for (const r of p.rows) {
          const d = ctx.domain(r);
          domains.set(d, (domains.get(d) ?? 0) + 1);
        }
        let top = -1;
        let topCount = 0;
        for (const [d, c] of domains) if (c > topCount) [top, topCount] = [d, c];
        const share = topCount / p.rows.length;
        const n = p.rows.length;
        const concentrated = share >= t.concentration && n >= t.minQueries;
        const volume = Math.min(1, Math.log10(n) / 3);
        let score: number;
        if (baseline.length > 0 && p.cls === 'public') score = 4.5 + volume + (concentrated ? 1 : 0);
        else if (baseline.length > 0 && n >= t.minQueries) score = 5 + volume + (concentrated ? 1.5 : 0);
        else if (baseline.length === 0 && p.cls === 'external' && concentrated) score = 4 + volume;
        else return [];
        return [{ p, score, top, share }];
      });
      if (judged.length === 0) continue;
      const worst = judged.reduce((a, b) => (b.score > a.score ? b : a));
      const rows = Int32Array.from(judged.flatMap((j) => Array.from(j.p.rows))).sort();
      const address = ctx.text(worst.p.resolver);
      const provider = PUBLIC_RESOLVERS[ipaddr.process(address).toString()];
      const domain = worst.share >= 0.5 ? ctx.domainText(worst.top) : undefined;
      out.push({
        title:
          worst.p.cls === 'public'
            ? `${host} queries public resolver ${address} (${provider}) instead of the internal resolver`
            : baseline.length > 0
              ? `${host} sends DNS to external address ${address}, not the internal resolver`
              : `${host} sends DNS for ${domain} straight to ${address}`,
        severity: severityFor(meta, worst.score),
        score: worst.score,
        entity: { host, domain, qname: ctx.qnameText(worst.p.rows[0] as number) },
        rows,
        details: {
          mode: baseline.length > 0 ? 'baseline' : 'no-baseline',
          internalResolvers: baseline.map((id) => ({ address: ctx.text(id), clients: clientsOf.get(id)?.size ?? 0 })),
          bypass: judged.slice(0, 20).map((j) => ({
            resolver: ctx.text(j.p.resolver),
            kind: j.p.cls,
            provider: PUBLIC_RESOLVERS[ipaddr.process(ctx.text(j.p.resolver)).toString()] ?? null,
            queries: j.p.rows.length,
            topDomain: ctx.domainText(j.top),
            topDomainShare: Math.round(j.share * 1000) / 1000,
          })),
          resolversUsed: hostPairs.slice(0, 20).map((p) => ({ resolver: ctx.text(p.resolver), kind: p.cls, queries: p.queries })),
        },
      });
    }
    return out;
  },
});
