/**
 * Zeek dns.log, ASCII writer (log-formats.md §3.1): the `#` header with the 24 standard fields,
 * epoch ts with 6 decimals, `answers`/`TTLs` vectors (`,`-joined, TXT as `TXT <len> <text>`,
 * types Zeek does not parse as `<unknown type=N>`), `-` for unset values. A query with no reply
 * (TIMEOUT) has no rtt, rcode or answers. Every event is on the wire, so every event has a row.
 */
import { type GenAnswer, type GenEvent, loggedTtl, QTYPE_NAMES, RCODE_NAMES, rcodeOf } from './model';
import { type ByteSink, lit, memoBytes, type Renderer, zeekStamp } from './render-common';
import { Rng } from './rng';

export const ZEEK_FIELDS = [
  'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'trans_id', 'rtt', 'query', 'qclass', 'qclass_name',
  'qtype', 'qtype_name', 'rcode', 'rcode_name', 'AA', 'TC', 'RD', 'RA', 'Z', 'answers', 'TTLs', 'rejected',
] as const;
const ZEEK_TYPES = [
  'time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'count', 'interval', 'string', 'count', 'string',
  'count', 'string', 'count', 'string', 'bool', 'bool', 'bool', 'bool', 'count', 'vector[string]', 'vector[interval]', 'bool',
];

const UTF8 = new TextEncoder();

function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 44 || c === 92 || c > 126) return true;
  }
  return false;
}

/** Escapes a string for a vector element: separators and non-printables as `\xNN`. */
function zeekEscape(s: string): string {
  if (!needsEscape(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 32 && c <= 126 && c !== 44 && c !== 92) out += ch;
    else for (const b of UTF8.encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function element(a: GenAnswer): string {
  switch (a.type) {
    case 1:
    case 28:
      return a.value;
    case 16:
      return (a.strings ?? [a.value]).map((s) => `TXT ${s.length} ${s}`).join(' ');
    case 2:
    case 5:
    case 6:
    case 12:
    case 15:
    case 33:
      return a.value;
    default:
      return `<unknown type=${a.type}>`;
  }
}

const answersText = memoBytes((answers: readonly GenAnswer[]) => (answers.length === 0 ? '-' : answers.map((a) => zeekEscape(element(a))).join(',')));
const SIX_ZEROS = lit('.000000');
const UDP = lit('\tudp\t');
const RTT_HEAD = lit('0.');
const UNSET2 = lit('-\t-');
const FLAGS_LLMNR = lit('\tF\tF\tF\t');
const FLAGS_DNS = lit('\tF\tF\tT\t');
const RA_T = lit('T\t0\t');
const RA_F = lit('F\t0\t');
const TAIL = lit('\tF\n');

/** `TTLs`: each answer's TTL less the cache age, as `%.6f`, `,`-joined. */
function writeTtls(o: ByteSink, answers: readonly GenAnswer[], age: number): void {
  if (answers.length === 0) return o.byte(45);
  for (let i = 0; i < answers.length; i++) {
    if (i > 0) o.byte(44);
    o.int(loggedTtl(answers[i] as GenAnswer, age));
    o.bytes(SIX_ZEROS);
  }
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE62_CODES = Array.from(BASE62, (c) => c.charCodeAt(0));
const QTYPE_TEXT: string[] = [];
for (const [n, name] of Object.entries(QTYPE_NAMES)) QTYPE_TEXT[Number(n)] = `\t1\tC_INTERNET\t${n}\t${name}\t`;

export function zeekTsvRenderer(seed: number): Renderer {
  const rng = Rng.of(seed, 'render zeek-tsv');
  const hostIp = memoBytes((h: GenEvent['host']) => h.ip);
  /** Zeek's uid: `C` + 17 base62 characters (5 per 32-bit draw). */
  const uid = (o: ByteSink) => {
    o.byte(67);
    for (let i = 0; i < 17; ) {
      let v = rng.u32();
      for (let k = 0; k < 5 && i < 17; k++, i++) {
        o.byte(BASE62_CODES[v % 62] as number);
        v = Math.floor(v / 62);
      }
    }
  };
  return {
    header: (startMs) =>
      `#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n#open\t${zeekStamp(startMs)}\n` +
      `#fields\t${ZEEK_FIELDS.join('\t')}\n#types\t${ZEEK_TYPES.join('\t')}\n`,
    row(ev: GenEvent, o: ByteSink) {
      const sec = Math.floor(ev.time / 1000);
      o.int(sec);
      o.byte(46);
      o.fixed((ev.time - sec * 1000) * 1000 + rng.int(0, 999), 6);
      o.byte(9);
      uid(o);
      o.byte(9);
      o.bytes(hostIp(ev.host));
      o.byte(9);
      o.int(rng.int(49152, 65535));
      o.byte(9);
      o.str(ev.resolver);
      o.byte(9);
      o.int(ev.port);
      o.bytes(UDP);
      o.int(rng.int(0, 65535));
      o.byte(9);
      const rcode = rcodeOf(ev.status);
      const replied = rcode >= 0;
      if (replied) {
        const local = ev.resolver === ev.host.resolver;
        o.bytes(RTT_HEAD);
        o.fixed(ev.age > 0 ? rng.int(150, 2500) : local ? rng.int(8000, 120_000) : rng.int(15_000, 160_000), 6);
      } else o.byte(45);
      o.byte(9);
      o.str(zeekEscape(ev.qname));
      o.str(QTYPE_TEXT[ev.qtype] ?? `\t1\tC_INTERNET\t${ev.qtype}\tTYPE${ev.qtype}\t`);
      if (replied) {
        o.int(rcode);
        o.byte(9);
        o.str(RCODE_NAMES[rcode] ?? `rcode-${rcode}`);
      } else o.bytes(UNSET2);
      o.bytes(ev.port === 5355 ? FLAGS_LLMNR : FLAGS_DNS);
      o.bytes(replied ? RA_T : RA_F);
      if (replied) {
        o.bytes(answersText(ev.answers));
        o.byte(9);
        writeTtls(o, ev.answers, ev.age);
      } else o.bytes(UNSET2);
      o.bytes(TAIL);
      return true;
    },
    footer: (lastMs) => `#close\t${zeekStamp(lastMs)}\n`,
  };
}
