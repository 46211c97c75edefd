/**
 * Sysmon QueryResults (log-formats.md §1.2): `type:  5 cname.example;::ffff:1.2.3.4;` or `-`.
 * The parse function is module-level so the store can call it once per distinct answer string.
 */
import { qtypeFromText } from '../dns-codes';
import type { Answer } from '../types';

const TYPED_RE = /^type:\s*(\d+)(?:\s+(.*))?$/i;
const V4_RE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const V4_MAPPED_RE = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;
/** Items are `;`-separated; Splunk multivalue cells join them with newlines instead. */
const ITEM_SEP_RE = /[;\r\n]/;

function stripDot(name: string): string {
  return name.length > 1 && name.charCodeAt(name.length - 1) === 46 ? name.slice(0, -1) : name;
}

const EMPTY_RESULTS_RE = /^[\s;-]*$/;

/** True when QueryResults says "no answers" (`-`, empty, only separators). */
export function isEmptyResults(raw: string | undefined): boolean {
  return raw === undefined || EMPTY_RESULTS_RE.test(raw);
}

/**
 * Parses QueryResults into answers, in order: `type:  N value` → {type N, value} (value may be
 * empty, e.g. SOA); addresses carry no type, so `::ffff:a.b.c.d` and plain IPv4 → type 1
 * (A, prefix removed), anything with `:` → 28 (AAAA); any other bare item → type 0. Trailing dots
 * of names are removed.
 */
export function parseQueryResults(raw: string): Answer[] {
  const out: Answer[] = [];
  for (const part of raw.split(ITEM_SEP_RE)) {
    const item = part.trim();
    if (item === '' || item === '-') continue;
    const typed = TYPED_RE.exec(item);
    if (typed) {
      out.push({ type: Number(typed[1]), value: stripDot((typed[2] ?? '').trim()) });
      continue;
    }
    const mapped = V4_MAPPED_RE.exec(item);
    if (mapped) out.push({ type: 1, value: mapped[1] as string });
    else if (V4_RE.test(item)) out.push({ type: 1, value: item });
    else if (item.includes(':')) out.push({ type: 28, value: item.toLowerCase() });
    else out.push({ type: 0, value: stripDot(item) });
  }
  return out;
}

/**
 * Sysmon logs no query type; infer it from the answers. A typed record other than CNAME/SOA
 * (SRV 33, PTR 12, TXT 16, MX 15, …) names the query: an SRV answer comes with the target's
 * addresses, so `type:  33 dc01;192.168.56.4;` is an SRV query, not an A query. Otherwise the
 * addresses decide: only IPv4 → 1 (A), only IPv6 → 28 (AAAA), both → 0 (unknown: Windows merges
 * A and AAAA lookups). CNAME or SOA alone, or nothing → 0.
 */
export function inferQtype(answers: readonly Answer[]): number {
  let v4 = false;
  let v6 = false;
  for (const a of answers) {
    if (a.type === 1) v4 = true;
    else if (a.type === 28) v6 = true;
    else if (a.type !== 5 && a.type !== 6 && a.type !== 0) return a.type;
  }
  if (v4 && v6) return 0;
  if (v6) return 28;
  if (v4) return 1;
  return 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds a QueryResults-style string from ECS `dns.answers` ([{type:'CNAME', data:'…'},
 * {type:'A', data:'1.2.3.4'}]), so ECS input shares the Sysmon parse path.
 */
export function ecsAnswersToResults(list: readonly unknown[]): string {
  let out = '';
  for (const item of list) {
    if (!isRecord(item)) continue;
    const data = item['data'];
    if (typeof data !== 'string' && typeof data !== 'number') continue;
    const typeText = item['type'];
    const type = typeof typeText === 'string' || typeof typeText === 'number' ? qtypeFromText(String(typeText)) : 0;
    const value = String(data).replace(/;/g, ' ');
    out += type === 1 || type === 28 || type === 0 ? `${value};` : `type:  ${type} ${value};`;
  }
  return out;
}
