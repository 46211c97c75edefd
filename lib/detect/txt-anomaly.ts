import { BLOCK_BITS, BLOCK_MASK } from '../store/column';
import type { DetectContext } from './context';
import type { StoredAnswer } from '../store/event-store';
import { defineDetector, severityFor, type RawFinding } from './types';
import { encodedVerdict } from './util/entropy';
import { BENIGN, benignFlagsOf, benignNameFlags } from './util/benign-names';

const TXT = 16;

/** TXT formats that are long by design (mail authentication, domain-ownership tokens). */
export const BENIGN_TXT: readonly { readonly name: string; readonly re: RegExp }[] = [
  { name: 'SPF', re: /^(v=spf1\b|spf2\.0\/)/i },
  { name: 'DKIM', re: /^(v=DKIM1\b|k=(rsa|ed25519)\b|p=[A-Za-z0-9+/]{40})/i },
  { name: 'DMARC/MTA-STS/TLS-RPT/BIMI', re: /^v=(DMARC1|STSv1|TLSRPTv1|BIMI1)\b/i },
  { name: 'Microsoft 365 token', re: /^MS=ms\d+$/ },
  { name: 'domain verification token', re: /^[a-z0-9][\w.-]{0,60}?(verification|verify|validation)[\w-]*[=:]/i },
  { name: 'DocuSign / Amazon SES token', re: /^(docusign=|amazonses:)/i },
];

/** Code and payload markers in TXT answers (Sigma net_dns_susp_txt_exec_strings + stager prologues). */
export const TXT_CODE: readonly { readonly name: string; readonly re: RegExp; readonly source: string }[] = [
  { name: 'PowerShell IEX', re: /(^|[\s;|&('"{])iex([\s(;'"$]|$)/i, source: 'Sigma net_dns_susp_txt_exec_strings (IEX)' },
  { name: 'Invoke-Expression', re: /invoke-expression/i, source: 'Sigma net_dns_susp_txt_exec_strings' },
  { name: 'cmd.exe', re: /\bcmd\.exe\b/i, source: 'Sigma net_dns_susp_txt_exec_strings' },
  { name: 'powershell', re: /\bpowershell(\.exe)?\b/i, source: 'dns-c2-facts.md §3 PowerShell TXT stagers' },
  { name: 'FromBase64String', re: /frombase64string/i, source: 'PowerShell decoder stubs (nishang)' },
  { name: 'web download cradle', re: /downloadstring|downloadfile|net\.webclient/i, source: 'PowerShell download cradles' },
  { name: 'PE header (base64)', re: /^TV(qQ|pQ|oA|ro)/, source: 'base64 of MZ (dns-c2-facts.md §6 D3)' },
  { name: 'PE header (hex)', re: /^4d5a(90|50|00|80)00/i, source: 'MZ in hex' },
  { name: 'x64 shellcode prologue (base64)', re: /^\/EiD5PDo/, source: 'dns-c2-facts.md §1.3 (old DNSStager TXT)' },
  { name: 'x86 shellcode prologue (base64)', re: /^\/Oi[CJ]AAAAYIn/, source: 'msf/CS x86 stager fce8…6089e5' },
  { name: 'shellcode prologue (hex)', re: /^fc(4883e4f0e8|e8[0-9a-f]{2}000000)/i, source: 'dns-c2-facts.md §6 D3' },
  { name: 'base64 of hex shellcode', re: /^ZmM0ODgzZTRmMGU4|^ZmNlOD/, source: 'dns-c2-facts.md §1.3 (DNSStager TXT v1.0)' },
];

/** Case-insensitive union of {@link TXT_CODE}: one test per answer, the named tests only on a hit. */
const ANY_CODE = new RegExp(TXT_CODE.map((c) => c.re.source).join('|'), 'i');
/** Markers that match at the start only: all a pure base64/hex string can carry. */
const ANY_ANCHORED = new RegExp(TXT_CODE.filter((c) => c.re.source.startsWith('^')).map((c) => c.re.source).join('|'), 'i');
const PURE_ENCODED = /^[A-Za-z0-9+/=]*$/;

const meta = {
  id: 'txt-anomaly',
  title: 'Suspicious TXT answers and TXT volume',
  description:
    'TXT answers that carry code or payloads (PowerShell, cmd.exe, PE headers, shellcode, base64 of hex), long encoded ' +
    'TXT answers that are not SPF/DKIM/DMARC or verification tokens, and many distinct TXT names to one domain from one ' +
    'process: PowerShell/DNSStager/Cobalt Strike TXT staging and TXT tunnels (dnscat2, dns2tcp, DNSExfiltrator).',
  mitre: ['T1071.004', 'T1105', 'T1132.001'],
  requiredFields: ['qname', 'answers'],
  thresholds: {
    longTxtChars: {
      default: 100,
      unit: 'characters',
      description: 'A TXT answer longer than this is "long" (Splunk ESCU detect_long_dns_txt_record_response: > 100).',
      min: 1,
    },
    entropyRatio: {
      default: 0.96,
      unit: 'ratio',
      description: 'Share of the random-data entropy of its alphabet and length a TXT answer needs to count as encoded (dns-c2-facts.md §3).',
      min: 0.5,
      max: 1.2,
    },
    txtMinNames: {
      default: 20,
      unit: 'names',
      description: 'Distinct TXT query names per domain and process for the volume indicator (project default; D4 uses 20 names too).',
      min: 1,
    },
    txtMinShare: {
      default: 0.5,
      unit: 'ratio',
      description: 'Share of the process’s queries to that domain that must be TXT for the volume indicator.',
      min: 0,
      max: 1,
    },
  },
  falsePositives: [
    'SPF, DKIM, DMARC, MTA-STS, BIMI records and domain-verification tokens are recognised and ignored (BENIGN_TXT).',
    'DNSBL reason strings, DNS-SD (.local) and underscore service names are skipped.',
    'Software that keeps signed configuration or licence blobs in TXT records (one name, re-queried: no volume indicator).',
  ],
  severity: 'low',
} as const;

const LONG_READABLE = 1;
const LONG_ENCODED = 2;
const CODE = 4;
const TXT_VOLUME = 8;

interface AnswerVerdict {
  readonly hasTxt: boolean;
  readonly flags: number;
  readonly code: readonly string[];
}
const NONE: AnswerVerdict = { hasTxt: false, flags: 0, code: [] };

function judgeAnswers(answers: readonly StoredAnswer[], longChars: number, ratio: number): AnswerVerdict {
  let flags = 0;
  let hasTxt = false;
  const code: string[] = [];
  for (const a of answers) {
    if (a.type !== TXT) continue;
    hasTxt = true;
    const v = a.value;
    if ((PURE_ENCODED.test(v) ? ANY_ANCHORED : ANY_CODE).test(v)) for (const c of TXT_CODE) if (c.re.test(v) && !code.includes(c.name)) code.push(c.name);
    if (v.length <= longChars || BENIGN_TXT.some((b) => b.re.test(v))) continue;
    flags |= encodedVerdict(v, ratio).encoded || base64OfHex(v) ? LONG_ENCODED : LONG_READABLE;
  }
  if (code.length > 0) flags |= CODE;
  return hasTxt ? { hasTxt, flags, code } : NONE;
}

/** DNSStager's TXT mode: base64 whose decoded text is pure lowercase hex (dns-c2-facts.md §1.4). */
function base64OfHex(v: string): boolean {
  if (v.length < 16 || !/^[A-Za-z0-9+/]+=*$/.test(v)) return false;
  try {
    return /^[0-9a-f]+$/.test(atob(v.slice(0, 64)));
  } catch {
    return false;
  }
}

interface Group {
  readonly process: number;
  readonly domain: number;
  /** first TXT name; the set is only made once a second name shows up */
  firstName: number;
  names: Set<number> | null;
  flags: number;
  code: Set<string> | null;
  longEncoded: Set<number> | null;
  /** filled by the evidence pass, for candidate groups only */
  rows: number[] | null;
  flagged: number[] | null;
  all: number;
}

const distinctNames = (g: Group) => g.names?.size ?? (g.firstName >= 0 ? 1 : 0);

/** Per-row facts the two passes share, from per-distinct caches. */
class RowFacts {
  /** per answer-set id (dense, so an array) */
  private readonly verdicts: (AnswerVerdict | undefined)[] = [NONE];

  constructor(
    private readonly ctx: DetectContext,
    private readonly t: { longTxtChars: number; entropyRatio: number },
  ) {
    this.answerIds = ctx.store.answers.blocks;
    this.outcomes = ctx.store.outcome.blocks;
    this.qtypeOf = ctx.store.outcomes.qtype;
    this.qnames = ctx.qnameColumn();
    this.benign = benignNameFlags(ctx);
  }

  private readonly benign: Uint8Array;

  // read per row in flags() without a call each (see Detector.run)
  private readonly answerIds: readonly Uint32Array[];
  private readonly outcomes: readonly Uint16Array[];
  private readonly qtypeOf: readonly number[];
  private readonly qnames: Readonly<Int32Array>;

  answers(r: number): AnswerVerdict {
    const aid = (this.answerIds[r >>> BLOCK_BITS] as Uint32Array)[r & BLOCK_MASK] as number;
    let av = this.verdicts[aid];
    if (av === undefined) {
      av = judgeAnswers(this.ctx.store.answerSet(aid), this.t.longTxtChars, this.t.entropyRatio);
      this.verdicts[aid] = av;
    }
    return av;
  }

  /** whether normalised name `q` is benign by structure or zone (rows of such names only count with code-like answers) */
  skipped(q: number): boolean {
    return (benignFlagsOf(this.ctx, this.benign, q) & BENIGN) !== 0;
  }

  /** -1: not a TXT row of interest; otherwise its indicator flags (0 = plain TXT row) */
  flags(r: number): number {
    const av = this.answers(r);
    if (!av.hasTxt && this.qtypeOf[(this.outcomes[r >>> BLOCK_BITS] as Uint16Array)[r & BLOCK_MASK] as number] !== TXT) return -1;
    if (!this.skipped(this.qnames[r] as number)) return av.flags;
    return av.flags & CODE ? CODE : -1;
  }
}

/** A TXT row of interest (`flags` >= 0) into its (process, domain) group (out of the row pass: see Detector.run). */
function addTxtRow(ctx: DetectContext, facts: RowFacts, groups: Map<number, Group>, r: number, flags: number): void {
  const process = ctx.process(r);
  const domain = ctx.domain(r);
  const key = domain * ctx.processCount + process;
  let g = groups.get(key);
  if (!g) {
    g = { process, domain, firstName: -1, names: null, flags: 0, code: null, longEncoded: null, rows: null, flagged: null, all: 0 };
    groups.set(key, g);
  }
  const q = ctx.qname(r);
  if (!facts.skipped(q)) {
    if (g.firstName < 0) g.firstName = q;
    else if (g.names) g.names.add(q);
    else if (q !== g.firstName) g.names = new Set([g.firstName, q]);
  }
  if (flags === 0) return;
  g.flags |= flags;
  const av = facts.answers(r);
  if (av.code.length > 0) for (const c of av.code) (g.code ??= new Set()).add(c);
  if (flags & LONG_ENCODED) (g.longEncoded ??= new Set()).add(ctx.answersId(r));
}

/** The TXT rows of interest by (process, domain), in row order. */
function txtGroups(ctx: DetectContext, facts: RowFacts): Map<number, Group> {
  const groups = new Map<number, Group>();
  for (let r = 0; r < ctx.size; r++) {
    const flags = facts.flags(r);
    if (flags >= 0) addTxtRow(ctx, facts, groups, r, flags);
  }
  return groups;
}

/** Evidence pass for candidate groups: their TXT rows, flagged rows and all their queries. */
function collectEvidence(ctx: DetectContext, facts: RowFacts, candidates: Map<number, Group>, candidateDomain: Uint8Array): void {
  const domains = ctx.domainColumn();
  const processes = ctx.processColumn();
  const stride = ctx.processCount;
  for (let r = 0; r < ctx.size; r++) {
    const d = domains[r] as number;
    if (candidateDomain[d] !== 1) continue;
    const g = candidates.get(d * stride + (processes[r] as number));
    if (!g) continue;
    g.all++;
    const flags = facts.flags(r);
    if (flags < 0) continue;
    g.rows?.push(r);
    if (flags !== 0) g.flagged?.push(r);
  }
}

export const txtAnomaly = defineDetector({
  meta,
  run(ctx, t) {
    const facts = new RowFacts(ctx, t);
    const groups = txtGroups(ctx, facts);
    const candidates = new Map<number, Group>();
    /** domains with a candidate group: the evidence pass looks up no other row */
    const candidateDomain = new Uint8Array(ctx.domainCount());
    for (const [k, g] of groups) {
      if (g.flags === 0 && distinctNames(g) < t.txtMinNames) continue;
      g.rows = [];
      g.flagged = [];
      candidates.set(k, g);
      candidateDomain[g.domain] = 1;
    }
    if (candidates.size === 0) return [];
    // Evidence pass for candidate groups: their TXT rows, flagged rows and all their queries.
    collectEvidence(ctx, facts, candidates, candidateDomain);
    const findings: RawFinding[] = [];
    for (const g of candidates.values()) {
      const f = finding(ctx, g, t);
      if (f) findings.push(f);
    }
    return findings;
  },
});

function finding(ctx: DetectContext, g: Group, t: { txtMinNames: number; txtMinShare: number }): RawFinding | null {
  const txtRows = g.rows ?? [];
  let union = g.flags;
  const longEncoded = g.longEncoded?.size ?? 0;
  const code = [...(g.code ?? [])];
  const names = distinctNames(g);
  const volume = names >= t.txtMinNames && g.all > 0 && txtRows.length / g.all >= t.txtMinShare;
  if (volume) union |= TXT_VOLUME;
  if (union === 0) return null;

  const parts: number[] = [];
  if (union & CODE) parts.push(8 + (code.length > 1 ? 0.5 : 0));
  if (union & LONG_ENCODED) parts.push(4.5 + Math.min(2, 0.5 * Math.log2(longEncoded)));
  if (union & TXT_VOLUME) parts.push(4 + Math.min(2, 2 * Math.log10(names / t.txtMinNames)));
  if (union & LONG_READABLE) parts.push(2.5);
  parts.sort((a, b) => b - a);
  const score = Math.min(10, (parts[0] as number) + 0.5 * (parts.length - 1));

  const rows = volume ? txtRows : (g.flagged ?? []);
  const what: string[] = [];
  if (union & CODE) what.push(`code in TXT (${code.join(', ')})`);
  if (union & LONG_ENCODED) what.push(`${longEncoded} long encoded TXT answers`);
  if (union & TXT_VOLUME) what.push(`${names} distinct TXT names`);
  if (union & LONG_READABLE && what.length === 0) what.push('long TXT answers');
  const { host, process } = ctx.processEntity(g.process);
  const domain = ctx.domainText(g.domain);
  const example = rows.find((r) => ctx.answersId(r) !== 0) ?? (rows[0] as number);
  return {
    title: `${what.join('; ')} from ${domain}`,
    severity: severityFor(meta, score),
    score,
    entity: { domain, qname: ctx.qnameText(example), host, process: process || undefined },
    rows,
    details: {
      codeMarkers: code,
      longEncodedAnswers: longEncoded,
      longReadable: (union & LONG_READABLE) !== 0,
      txtRows: txtRows.length,
      distinctTxtNames: names,
      txtShare: g.all > 0 ? Math.round((txtRows.length / g.all) * 1000) / 1000 : null,
    },
  };
}
