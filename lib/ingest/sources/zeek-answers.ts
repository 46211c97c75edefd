/**
 * Zeek dns.log `answers` (log-formats.md §3): a vector of strings, one per answer RR, in the
 * canonical form of the TSV writer with `,` as set separator: elements joined by `,`, a literal
 * `,` inside an element written `\x2c`. The JSON adapter builds the same text from its array, so
 * both formats share these parse functions and intern keys.
 *
 * Element forms written by zeek `base/protocols/dns/main.zeek`: an address (A/AAAA/A6), a name
 * (CNAME/NS/PTR/MX/SRV target/SOA mname), `TXT <len> <text>` (several strings space-joined),
 * `SPF <len> <text>`, `<unknown type=N>`, and a few DNSSEC summaries (`RRSIG …`, `DNSKEY …`,
 * `NSEC …`, `NSEC3`, `NSEC3PARAM`, `DS …`, `SSHFP: …`, `LOC: …`, `BIND9 signing signal`).
 */
import type { Answer } from '../types';

/** Query types whose answers are names: names in their answers get the query type. */
const NAME_VALUED = [2, 5, 6, 12, 15, 33] as const;

/** The part of the query type the answer parse depends on: the type if name-valued, else 0. */
export function answerClass(qtype: number): number {
  return (NAME_VALUED as readonly number[]).includes(qtype) ? qtype : 0;
}

/**
 * Decodes `\xNN` escapes of printable ASCII (0x20–0x7e, e.g. `\x2c` for a comma, `\x2d` for a
 * literal `-`). Escapes of control and non-ASCII bytes stay as logged: they cannot be shown, Zeek
 * JSON logs them the same way, and §5 wants names with `\xNN` flagged rather than hidden.
 */
export function unescapeZeek(s: string): string {
  if (s.indexOf('\\x') === -1) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (m, hex: string) => {
    const c = parseInt(hex, 16);
    return c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : m;
  });
}

/** Fully decodes `\xNN` (header values such as `#separator \x09`). */
export function unescapeAll(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** One JSON `answers` array → the canonical TSV-form text. */
export function canonicalFromArray(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const s = items[i] as string;
    if (i > 0) out += ',';
    out += s.indexOf(',') === -1 ? s : s.replace(/,/g, '\\x2c');
  }
  return out;
}

const IPV4_RE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6_RE = /^[0-9a-fA-F]*:[0-9a-fA-F:.]*$/;
const TXT_HEAD_RE = /^(TXT|SPF) (\d+)(?: |$)/;
const TXT_NEXT_RE = / (?:TXT|SPF) \d+ /;
const UNKNOWN_RE = /^<unknown type=(\d+)>$/;
const DNSSEC_RE = /^(RRSIG|DNSKEY|NSEC3PARAM|NSEC3|NSEC|DS)(?: (.*))?$/;
const REVERSE_RE = /\.(?:in-addr|ip6)\.arpa$/i;

const DNSSEC_TYPES: Readonly<Record<string, number>> = {
  RRSIG: 46, DNSKEY: 48, NSEC3PARAM: 51, NSEC3: 50, NSEC: 47, DS: 43,
};

/**
 * The strings of a `TXT <len> <text>[ TXT <len> <text>…]` element, concatenated (RFC 7208 §3.3:
 * a long TXT payload is split into 255-byte strings). The lengths are used when they match
 * the text (printable ASCII); otherwise the element is split at ` TXT <n> ` markers.
 */
export function txtText(el: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const m = TXT_HEAD_RE.exec(el.slice(pos, pos + 16));
    if (!m) break;
    const start = pos + m[0].length;
    const end = start + Number(m[2]);
    if (end > el.length) break;
    out += el.slice(start, end);
    if (end === el.length) return out;
    if (!TXT_HEAD_RE.test(el.slice(end + 1, end + 17)) || el[end] !== ' ') break;
    pos = end + 1;
  }
  const first = TXT_HEAD_RE.exec(el);
  const rest = first ? el.slice(first[0].length) : el;
  return rest.split(TXT_NEXT_RE).join('');
}

function stripDot(name: string): string {
  return name.length > 1 && name.charCodeAt(name.length - 1) === 46 ? name.slice(0, -1) : name;
}

/** Type of a name answer for query class `cls` (see {@link answerClass}). */
function nameType(name: string, cls: number): number {
  if (cls === 0 || cls === 5) return 5;
  // A CNAME on the way to the record asked for: RFC 2317 classless reverse delegation for
  // PTR, a `_service._proto` alias for SRV. Other name types have no tell, so take the qtype.
  if (cls === 12 && REVERSE_RE.test(name)) return 5;
  if (cls === 33 && name.charCodeAt(0) === 95 /* _ */) return 5;
  return cls;
}

/** One answer element (already unescaped) → Answer. */
export function parseElement(el: string, cls: number): Answer {
  let s = el;
  if (IPV4_RE.test(s)) return { type: 1, value: s };
  if (s.startsWith('::ffff:') && IPV4_RE.test(s.slice(7))) return { type: 1, value: s.slice(7) };
  if (IPV6_RE.test(s) && s.indexOf(':') !== s.lastIndexOf(':')) return { type: 28, value: s.toLowerCase() };
  const txt = TXT_HEAD_RE.exec(s);
  if (txt) return { type: txt[1] === 'SPF' ? 99 : 16, value: txtText(s) };
  const unk = UNKNOWN_RE.exec(s);
  if (unk) return { type: Number(unk[1]), value: '' };
  const sec = DNSSEC_RE.exec(s);
  if (sec) return { type: DNSSEC_TYPES[sec[1] as string] ?? 0, value: sec[2] ?? '' };
  if (s.startsWith('SSHFP: ')) return { type: 44, value: s.slice(7) };
  if (s.startsWith('LOC: ')) return { type: 29, value: s.slice(5).trim() };
  if (s === 'BIND9 signing signal') return { type: 65534, value: '' };
  s = stripDot(s);
  return { type: nameType(s, cls), value: s };
}

/** Canonical answers text → answers, for query class `cls`. */
export function parseAnswers(canonical: string, cls: number): Answer[] {
  if (canonical === '') return [];
  const out: Answer[] = [];
  for (const part of canonical.split(',')) {
    if (part === '') continue;
    out.push(parseElement(unescapeZeek(part), cls));
  }
  return out;
}

/** One parse function per answer class, built once (interning passes only the raw text). */
const PARSERS = new Map<number, (raw: string) => Answer[]>();
for (const cls of [0, ...NAME_VALUED]) PARSERS.set(cls, (raw) => parseAnswers(raw, cls));

export function answerParser(cls: number): (raw: string) => Answer[] {
  return PARSERS.get(cls) ?? (PARSERS.get(0) as (raw: string) => Answer[]);
}

/** Intern key: namespaced (the store's answer keys are shared by all adapters) and per class. */
export function answerKey(cls: number, canonical: string): string {
  return `zeek${cls}|${canonical}`;
}
