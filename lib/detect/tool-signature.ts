import type { StoredAnswer } from '../store/event-store';
import type { DetectContext } from './context';
import { defineDetector, severityFor, type RawFinding } from './types';
import { BENIGN, benignFlagsOf, benignNameFlags } from './util/benign-names';
import { decodeBase32, hasLabel, leadingHexLength, subdomainOf } from './util/labels';

export interface Signature {
  readonly name: string;
  readonly tool: string;
  readonly title: string;
  /** where the shape comes from (dns-c2-facts.md sections name the tool source files) */
  readonly reference: string;
  readonly confidence: 'high' | 'critical';
  /** single: one name proves it; shape: needs minCorroboratingNames names; beacon: beaconMinRows idle answers */
  readonly kind: 'single' | 'shape' | 'beacon';
  /** only rows of these query types count */
  readonly qtypes?: readonly number[];
  /** the match key (dnscat2 session id) separates groups */
  readonly keyed?: boolean;
  /** -1: no match; otherwise the key (0 when not keyed). `sub` is the name left of the registrable domain. */
  match(name: string, sub: string): number;
  /** the key the answers carry (-1 none); answers whose key equals the name's confirm the signature */
  answerKey?(answers: readonly StoredAnswer[]): number;
  /** what an example name says (e.g. the file a transfer announces) */
  explain?(qname: string): Record<string, unknown>;
}

const test = (re: RegExp) => (name: string) => (re.test(name) ? 0 : -1);
const FACTS = 'dns-c2-facts.md §3';
const DNSCAT2_TYPES = new Set(['00', '01', '02', '03', 'ff']);
const HEX_CHARS = '0123456789abcdef';
/** Sliver encoders/base32.go alphabet */
const SLIVER_CHARS = 'ab1c2d3e4f5g6h7j8k9m0npqrtuvwxyz';
/** iodine base32/base64/base64u upstream characters (lower-cased) */
const IODINE_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_+-';

/**
 * dnscat2 packet header at the start of the leading hex labels: packet id (2 B), message type
 * (1 B: 00 SYN, 01 MSG, 02 FIN, 03 ENC, ff PING), session id (2 B), ≥ 9 bytes. Session id or -1.
 */
function dnscat2Session(s: string): number {
  if (leadingHexLength(s, 10) < 18 || !DNSCAT2_TYPES.has(s.slice(4, 6))) return -1;
  return parseInt(s.slice(6, 10), 16);
}

/** The signature table. Bit i of a name's match mask is row i, so keep it under 31 rows. */
/**
 * A signature with every field present, in one order: the row pass reads `qtypes`, `keyed` and
 * `answerKey` of each matching signature at one place, where objects of several shapes (fields
 * left out) deoptimised it as each new shape came (V8: "wrong map"; it was compiled three times
 * in a first detection of the 1M CSV in Chromium).
 */
function oneShape(s: Signature): Signature {
  return {
    name: s.name,
    tool: s.tool,
    title: s.title,
    reference: s.reference,
    confidence: s.confidence,
    kind: s.kind,
    qtypes: s.qtypes,
    keyed: s.keyed ?? false,
    match: s.match,
    answerKey: s.answerKey,
    explain: s.explain,
  };
}

export const SIGNATURES: readonly Signature[] = ([
  {
    name: 'cobalt-strike-stager', tool: 'Cobalt Strike', title: 'DNS stager names (aaa.stage.<n>)', kind: 'single', confidence: 'critical',
    reference: `Sigma net_dns_mal_cobaltstrike (aaa.stage., .stage.123456.); ${FACTS} Cobalt Strike`,
    match: (name) => (name.includes('stage.') && /^[a-z]{3}\.stage\.\d+\.|(^|\.)stage\.123456\./.test(name) ? 0 : -1),
  },
  {
    name: 'cobalt-strike-put', tool: 'Cobalt Strike', title: 'post./www. data upload names', kind: 'single', confidence: 'high',
    reference: `Sigma net_dns_mal_cobaltstrike (post.1); ${FACTS} Cobalt Strike put_output/put_metadata`,
    match: test(/^(post|www)\.[1-4][0-9a-f]{7,56}(\.[0-9a-f]{8,56}){0,3}\.[0-9a-f]{3,}\.[0-9a-f]{5,8}\.[a-z0-9]/),
  },
  {
    name: 'cobalt-strike-get', tool: 'Cobalt Strike', title: 'cdn./api./www6. task download names', kind: 'shape', confidence: 'high',
    reference: `${FACTS} Cobalt Strike get_A/get_TXT/get_AAAA (CS 4.4 default profile)`,
    match: test(/^(cdn|api|www6)\.[0-9a-f]{3,16}\.[0-9a-f]{5,8}\.[a-z0-9]/),
  },
  {
    name: 'cobalt-strike-idle', tool: 'Cobalt Strike', title: 'beacon check-ins answered 0.0.0.0 (dns_idle)', kind: 'beacon', confidence: 'high',
    reference: `${FACTS} Cobalt Strike ping <beaconID>.<dom>, dns_idle 0.0.0.0, dns_ttl 1`,
    qtypes: [1],
    match: (name) => {
      const dot = name.indexOf('.');
      return dot >= 6 && dot <= 8 && /^(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{6,8}\.[a-z0-9-]+\.[a-z0-9]/.test(name) ? 0 : -1;
    },
  },
  {
    name: 'dnscat2-direct', tool: 'dnscat2', title: 'dnscat. prefix (direct mode)', kind: 'single', confidence: 'critical',
    reference: `Sigma net_dns_mal_dnscat2_tunneling (startswith dnscat.); ${FACTS} dnscat2`,
    match: test(/^dnscat\.[0-9a-f]{10,}/),
  },
  {
    name: 'dnscat2-header', tool: 'dnscat2', title: 'hex packet headers with one session id', kind: 'shape', confidence: 'high', keyed: true,
    reference: `${FACTS} dnscat2 (doc/protocol.md: packet_id, type 00 SYN/01 MSG/02 FIN/03 ENC/ff PING, session_id)`,
    match: (_name, sub) => dnscat2Session(sub),
    answerKey: (answers) => {
      for (const a of answers) {
        if (a.type !== 16 && a.type !== 5 && a.type !== 15) continue;
        const k = dnscat2Session(a.value.toLowerCase());
        if (k >= 0) return k;
      }
      return -1;
    },
  },
  {
    name: 'dnsexfiltrator-init', tool: 'DNSExfiltrator', title: 'init.<base32>.base32|base64 transfer announcement', kind: 'single', confidence: 'critical',
    reference: `${FACTS} DNSExfiltrator (dnsExfiltrator.cs init request)`,
    match: test(/^init\.[a-z2-7]{8,}\.(base32|base64)\./),
    explain: (qname) => ({ announced: decodeBase32(qname.split('.')[1] ?? '') }),
  },
  {
    name: 'dns2tcp-control', tool: 'dns2tcp', title: '=auth/=connect/=resource control names', kind: 'single', confidence: 'critical',
    reference: `${FACTS} dns2tcp (common/includes/dns.h control names)`,
    match: (name) => (name.includes('=') && /=(auth|connect|resource)\./.test(name) ? 0 : -1),
  },
  {
    name: 'base64-padding-in-name', tool: 'base64 tunnel', title: 'base64 padding (==.) inside query names', kind: 'single', confidence: 'high',
    reference: 'Sigma net_dns_susp_b64_queries (contains ==.)',
    match: (name) => (name.includes('==.') ? 0 : -1),
  },
  {
    name: 'iodine-version', tool: 'iodine', title: 'version handshake (v + base32 of protocol 0x0000050x)', kind: 'single', confidence: 'high',
    reference: 'iodine doc/proto_00000502.txt (Version: v + base32(version, CMC)) [inferred encoding]',
    match: test(/^v[a]{4}k[a-z0-5]{5}\./),
  },
  {
    name: 'iodine-null', tool: 'iodine', title: 'encoded NULL/PRIVATE queries', kind: 'shape', confidence: 'high', qtypes: [10, 65399],
    reference: `${FACTS} iodine (NULL preferred, then PRIVATE; first char command or hex user id)`,
    match: test(/^[0-9a-fvlizysonrp][a-z0-9_+-]{4,}\./),
  },
  {
    name: 'iodine-dotify', tool: 'iodine', title: 'encoded data dotted every 57 characters', kind: 'shape', confidence: 'high',
    reference: `${FACTS} iodine (inline_dotify every 57 chars)`,
    match: (_name, sub) => (sub.length >= 59 && hasLabel(sub, { min: 57, max: 57, alphabet: IODINE_CHARS, notOnly: HEX_CHARS, followed: true }) ? 0 : -1),
  },
  {
    name: 'sliver-base32', tool: 'Sliver', title: 'labels in Sliver’s base32 alphabet (no i, l, o, s)', kind: 'shape', confidence: 'high',
    reference: `${FACTS} Sliver (encoders/base32.go alphabet ab1c2d3e4f5g6h7j8k9m0npqrtuvwxyz)`,
    match: (_name, sub) => (sub.length >= 40 && hasLabel(sub, { min: 40, max: 63, alphabet: SLIVER_CHARS, notOnly: HEX_CHARS }) ? 0 : -1),
  },
] satisfies Signature[]).map(oneShape);

const meta = {
  id: 'tool-signature',
  title: 'Known DNS C2 / tunnel tool signatures',
  description:
    'Query-name and answer shapes that identify a tool: Cobalt Strike DNS beacon (stager, put/get subhosts, idle ' +
    'answer 0.0.0.0), dnscat2 (dnscat. prefix, hex header with message type and constant session id, echoed in the ' +
    'answers), DNSExfiltrator init, dns2tcp control names, iodine handshake/NULL/57-char labels, Sliver base32, and ' +
    'base64 padding in names. Every signature is a named row of SIGNATURES with its source.',
  mitre: ['T1071.004', 'T1572', 'T1048.003'],
  requiredFields: ['qname'],
  thresholds: {
    minCorroboratingNames: { default: 8, unit: 'names', min: 1, description: 'Distinct matching names (per process, domain and session) a shape signature needs before it is reported.' },
    beaconMinRows: { default: 3, unit: 'queries', min: 1, description: 'Idle-beacon queries (answer 0.0.0.0) per name before the Cobalt Strike idle signature is reported.' },
    idleTtlMax: { default: 1, unit: 'seconds', min: 0, description: 'Highest TTL of an idle-beacon answer where the source logs TTLs (Cobalt Strike dns_ttl default 1).' },
  },
  falsePositives: [
    'Host names that happen to match a shape (e.g. a staging environment named aaa.stage.1.example.com); shape signatures need several distinct names.',
    'DNS sinkholes answering 0.0.0.0 for hex-labelled names (the idle-beacon signature also wants TTL ≤ 1 where TTLs are logged).',
    'Red-team exercises using the same tools.',
  ],
  severity: 'high',
} as const;

type T = { [K in keyof typeof meta.thresholds]: number };

interface SigGroup {
  readonly sig: number;
  readonly key: number;
  readonly rows: number[];
  readonly names: Set<number>;
  corroborated: number;
}
/** per (process, domain): one group per (signature, key) */
interface Head {
  readonly process: number;
  readonly domain: number;
  readonly sigs: Map<number, SigGroup>;
}

/** Cached per distinct normalised name: which signatures match (bit mask; -1 unknown) and the key. */
class NameMatches {
  readonly mask: Int32Array;
  readonly key: Int32Array;

  constructor(private readonly ctx: DetectContext) {
    this.mask = new Int32Array(ctx.store.strings.size).fill(-1);
    this.key = new Int32Array(ctx.store.strings.size);
    this.benign = benignNameFlags(ctx);
  }

  private readonly benign: Uint8Array;

  judge(row: number, q: number): number {
    const ctx = this.ctx;
    const name = ctx.qnameText(row);
    this.mask[q] = 0;
    if ((benignFlagsOf(ctx, this.benign, q) & BENIGN) !== 0) return 0;
    const sub = subdomainOf(name, ctx.domainText(ctx.domain(row))) || name;
    let mask = 0;
    for (let i = 0; i < SIGNATURES.length; i++) {
      const s = SIGNATURES[i] as Signature;
      const k = s.match(name, sub);
      if (k < 0) continue;
      mask |= 1 << i;
      if (s.keyed) this.key[q] = k;
    }
    this.mask[q] = mask;
    return mask;
  }
}

/** Cobalt Strike idle check-in: A 0.0.0.0 (dns_idle) with TTL ≤ idleTtlMax where TTLs are logged. */
const idleAnswer = (answers: readonly StoredAnswer[], ttl: number, t: T) =>
  answers.some((a) => a.type === 1 && a.value === '0.0.0.0') && (ttl < 0 || ttl <= t.idleTtlMax);

/**
 * A row whose name matched signatures (`mask`, one bit each): its groups by (process, domain)
 * and (signature, key). Out of the row pass, which most rows leave at the mask (see Detector.run).
 */
function addMatches(ctx: DetectContext, t: T, names: NameMatches, heads: Map<number, Head>, answerKeys: Map<number, number>, r: number, q: number, mask: number): void {
  const stride = ctx.processCount;
  for (let i = 0; mask !== 0; i++, mask >>>= 1) {
    if ((mask & 1) === 0) continue;
    const sig = SIGNATURES[i] as Signature;
    if (sig.qtypes && !sig.qtypes.includes(ctx.qtype(r))) continue;
    if (sig.kind === 'beacon' && !idleAnswer(ctx.answers(r), ctx.ttl(r), t)) continue;
    const process = ctx.process(r);
    const domain = ctx.domain(r);
    const hk = domain * stride + process;
    let head = heads.get(hk);
    if (!head) {
      head = { process, domain, sigs: new Map() };
      heads.set(hk, head);
    }
    const key = sig.keyed ? (names.key[q] as number) : 0;
    const gk = i * 65536 + key;
    let g = head.sigs.get(gk);
    if (!g) {
      g = { sig: i, key, rows: [], names: new Set(), corroborated: 0 };
      head.sigs.set(gk, g);
    }
    g.rows.push(r);
    g.names.add(q);
    if (sig.answerKey) {
      const ak = ctx.answersId(r) * 32 + i;
      let k = answerKeys.get(ak);
      if (k === undefined) {
        k = sig.answerKey(ctx.answers(r));
        answerKeys.set(ak, k);
      }
      if (k === key) g.corroborated++;
    }
  }
}

/** Every row's name against the signatures (judged once per name); matches into their groups. */
function matchRows(ctx: DetectContext, t: T, names: NameMatches, heads: Map<number, Head>, answerKeys: Map<number, number>): void {
  const qnames = ctx.qnameColumn();
  for (let r = 0; r < ctx.size; r++) {
    const q = qnames[r] as number;
    let mask = names.mask[q] as number;
    if (mask < 0) mask = names.judge(r, q);
    if (mask !== 0) addMatches(ctx, t, names, heads, answerKeys, r, q, mask);
  }
}

export const toolSignature = defineDetector({
  meta,
  run(ctx, t) {
    const names = new NameMatches(ctx);
    const heads = new Map<number, Head>();
    /** (answer set, signature) → key the answers carry */
    const answerKeys = new Map<number, number>();
    matchRows(ctx, t, names, heads, answerKeys);
    const findings: RawFinding[] = [];
    for (const head of heads.values()) {
      // one finding per tool (and session): its signatures corroborate each other
      const byTool = new Map<string, SigGroup[]>();
      for (const g of head.sigs.values()) {
        if (sigScore(g, t) === 0) continue;
        const k = `${(SIGNATURES[g.sig] as Signature).tool}\u0000${g.key}`;
        const list = byTool.get(k);
        if (list) list.push(g);
        else byTool.set(k, [g]);
      }
      for (const gs of byTool.values()) findings.push(finding(ctx, head, gs, t));
    }
    return findings;
  },
});

/** 0 when the group does not qualify; otherwise its score (confidence, answer echo, volume). */
function sigScore(g: SigGroup, t: T): number {
  const sig = SIGNATURES[g.sig] as Signature;
  const need = Math.max(1, Math.round(t.minCorroboratingNames));
  if (sig.kind === 'shape' && g.names.size < need) return 0;
  if (sig.kind === 'beacon' && g.rows.length < t.beaconMinRows) return 0;
  let score = sig.confidence === 'critical' ? 8.5 : 6.5;
  if (g.corroborated > 0) score += 1.5;
  if (g.names.size >= (sig.kind === 'shape' ? 5 * need : need)) score += 0.5;
  return Math.min(10, score);
}

function finding(ctx: DetectContext, head: Head, gs: SigGroup[], t: T): RawFinding {
  const scored = gs.map((g) => ({ g, score: sigScore(g, t), sig: SIGNATURES[g.sig] as Signature })).sort((a, b) => b.score - a.score);
  const top = scored[0] as (typeof scored)[number];
  const score = Math.min(10, top.score + 0.5 * (scored.length - 1));
  const rows = gs.length === 1 ? top.g.rows : [...new Set(gs.flatMap((g) => g.rows))].sort((a, b) => a - b);
  const names = new Set(gs.flatMap((g) => [...g.names]));
  const corroborated = gs.reduce((n, g) => n + g.corroborated, 0);
  const ttls = new Map<number, number>();
  for (const r of rows) ttls.set(ctx.ttl(r), (ttls.get(ctx.ttl(r)) ?? 0) + 1);
  const ttl = [...ttls].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
  const { host, process } = ctx.processEntity(head.process);
  const domain = ctx.domainText(head.domain);
  const qname = ctx.qnameText(top.g.rows[0] as number);
  const explain = scored.find((x) => x.sig.explain)?.sig.explain;
  return {
    title: `${top.sig.tool}: ${scored.map((x) => x.sig.title).join(' + ')} (${domain})`,
    severity: severityFor(meta, score),
    score,
    entity: { domain, qname, host, process: process || undefined },
    rows,
    details: {
      signature: top.sig.name,
      signatures: scored.map((x) => x.sig.name),
      tool: top.sig.tool,
      reference: scored.map((x) => x.sig.reference),
      confidence: corroborated > 0 || score >= 8 ? 'critical' : 'high',
      distinctNames: names.size,
      queries: rows.length,
      corroboratingAnswers: corroborated,
      commonTtl: ttl < 0 ? null : ttl,
      ...(top.sig.keyed ? { session: top.g.key.toString(16).padStart(4, '0') } : {}),
      ...explain?.(qname),
    },
  };
}
