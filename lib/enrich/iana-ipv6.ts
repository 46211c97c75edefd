/**
 * IANA IPv6 classifier: which registry block an address falls in. Any 16 bytes parse as IPv6,
 * so syntax says nothing; the registries say whether a public host could ever answer with it.
 *
 * DATED DATA TABLE — sources (iana.org registry names and their "Last Updated" dates):
 *  - "Internet Protocol Version 6 Address Space", updated 2019-09-13
 *    https://www.iana.org/assignments/ipv6-address-space/ — only 2000::/3 is Global Unicast;
 *    fc00::/7 Unique Local, fe80::/10 Link-Scoped, ff00::/8 Multicast, the rest "Reserved by IETF".
 *  - "IPv6 Global Unicast Address Assignments", updated 2019-11-06
 *    https://www.iana.org/assignments/ipv6-unicast-address-assignments/ — the 33 blocks
 *    ALLOCATED to RIRs below; "all address space in this block not listed … is reserved by IANA
 *    for future allocation".
 *  - "IANA IPv6 Special-Purpose Address Registry", rows through RFC 9780 (2025-04)
 *    https://www.iana.org/assignments/iana-ipv6-special-registry/
 * Copied from docs dns-c2-facts.md §2 (netaddr's vendored XML of the first two, a public CSV copy
 * of the third cross-checked with CPython `ipaddress` and netaddr). Refresh from the iana.org CSVs
 * before relying on it for space allocated after 2019-11-06.
 */
import ipaddr from 'ipaddr.js';

/** Date of the unicast-assignment snapshot: the part that decides allocated vs unallocated. */
export const IANA_IPV6_TABLE_DATE = '2019-11-06';

export const IANA_IPV6_SOURCES = [
  { registry: 'Internet Protocol Version 6 Address Space', url: 'https://www.iana.org/assignments/ipv6-address-space/', updated: '2019-09-13' },
  { registry: 'IPv6 Global Unicast Address Assignments', url: 'https://www.iana.org/assignments/ipv6-unicast-address-assignments/', updated: '2019-11-06' },
  { registry: 'IANA IPv6 Special-Purpose Address Registry', url: 'https://www.iana.org/assignments/iana-ipv6-special-registry/', updated: '2025-04 (RFC 9780 row)' },
] as const;

export type Rir = 'AFRINIC' | 'APNIC' | 'ARIN' | 'LACNIC' | 'RIPE';
export type Ipv6Class = 'special-purpose' | 'allocated' | 'gua-unallocated' | 'reserved-by-ietf' | 'multicast' | 'invalid';

export interface Ipv6Classification {
  readonly cls: Ipv6Class;
  /** `special-purpose:unique-local`, `allocated:ARIN`, `gua-unallocated`, `reserved-by-ietf`, … */
  readonly label: string;
  /** the registry block that decided, e.g. `fc00::/7`, `2600::/12`, `4000::/3` ('' if invalid) */
  readonly prefix: string;
  /** special-purpose name (kebab-case) or the reserved block's note */
  readonly name?: string;
  readonly rir?: Rir;
  /** special-purpose "Globally Reachable" column; null where the registry says N/A */
  readonly globallyReachable?: boolean | null;
}

interface Row {
  readonly bytes: Uint8Array;
  readonly len: number;
  readonly c: Ipv6Classification;
}

function row(prefix: string, c: Omit<Ipv6Classification, 'prefix'>): Row {
  const [addr, len] = prefix.split('/') as [string, string];
  return { bytes: Uint8Array.from(ipaddr.IPv6.parse(addr).toByteArray()), len: Number(len), c: Object.freeze({ ...c, prefix }) };
}

const special = (prefix: string, name: string, globallyReachable: boolean | null) =>
  row(prefix, { cls: 'special-purpose', label: `special-purpose:${name}`, name, globallyReachable });

/** Special-purpose registry rows (RFC, date). Matched longest prefix first. */
const SPECIAL: readonly Row[] = [
  special('::/128', 'unspecified', false), // RFC 4291, 2006-02
  special('::1/128', 'loopback', false), // RFC 4291
  special('::ffff:0:0/96', 'ipv4-mapped', false), // RFC 4291
  special('64:ff9b::/96', 'nat64', true), // RFC 6052, 2010-10: IPv4-IPv6 translation well-known prefix
  special('64:ff9b:1::/48', 'nat64-local', false), // RFC 8215, 2017-06
  special('100::/64', 'discard-only', false), // RFC 6666, 2012-06
  special('100:0:0:1::/64', 'dummy-prefix', false), // RFC 9780, 2025-04
  special('2001:1::1/128', 'pcp-anycast', true), // RFC 7723
  special('2001:1::2/128', 'turn-anycast', true), // RFC 8155
  special('2001:1::3/128', 'dns-sd-srp-anycast', true), // RFC 9665, 2024-04
  special('2001:2::/48', 'benchmarking', false), // RFC 5180
  special('2001:4:112::/48', 'as112-v6', true), // RFC 7535
  special('2001::/32', 'teredo', null), // RFC 4380
  special('2001:3::/32', 'amt', true), // RFC 7450
  special('2001:10::/28', 'orchid-deprecated', false), // RFC 4843, deprecated 2014-03
  special('2001:20::/28', 'orchid-v2', true), // RFC 7343
  special('2001:30::/28', 'drip-det', true), // RFC 9374, 2022-12
  special('2001::/23', 'ietf-protocol-assignments', false), // RFC 2928
  special('2001:db8::/32', 'documentation', false), // RFC 3849
  special('2002::/16', '6to4', null), // RFC 3056
  special('2620:4f:8000::/48', 'as112-direct-delegation', true), // RFC 7534
  special('3fff::/20', 'documentation', false), // RFC 9637, 2024-07
  special('5f00::/16', 'srv6-sid', false), // RFC 9602, 2024-04
  special('fc00::/7', 'unique-local', false), // RFC 4193
  special('fe80::/10', 'link-local', false), // RFC 4291
].sort((a, b) => b.len - a.len);

const MULTICAST = row('ff00::/8', { cls: 'multicast', label: 'multicast' });

const allocated = (prefix: string, rir: Rir) => row(prefix, { cls: 'allocated', label: `allocated:${rir}`, rir });

/** IPv6 Global Unicast Address Assignments 2019-11-06: the 33 blocks ALLOCATED to RIRs. */
const ALLOCATED: readonly Row[] = [
  allocated('2001:200::/23', 'APNIC'), allocated('2001:400::/23', 'ARIN'), allocated('2001:600::/23', 'RIPE'),
  allocated('2001:800::/22', 'RIPE'), allocated('2001:c00::/23', 'APNIC'), allocated('2001:e00::/23', 'APNIC'),
  allocated('2001:1200::/23', 'LACNIC'), allocated('2001:1400::/22', 'RIPE'), allocated('2001:1800::/23', 'ARIN'),
  allocated('2001:1a00::/23', 'RIPE'), allocated('2001:1c00::/22', 'RIPE'), allocated('2001:2000::/19', 'RIPE'),
  allocated('2001:4000::/23', 'RIPE'), allocated('2001:4200::/23', 'AFRINIC'), allocated('2001:4400::/23', 'APNIC'),
  allocated('2001:4600::/23', 'RIPE'), allocated('2001:4800::/23', 'ARIN'), allocated('2001:4a00::/23', 'RIPE'),
  allocated('2001:4c00::/23', 'RIPE'), allocated('2001:5000::/20', 'RIPE'), allocated('2001:8000::/19', 'APNIC'),
  allocated('2001:a000::/20', 'APNIC'), allocated('2001:b000::/20', 'APNIC'), allocated('2003::/18', 'RIPE'),
  allocated('2400::/12', 'APNIC'), allocated('2600::/12', 'ARIN'), allocated('2610::/23', 'ARIN'),
  allocated('2620::/23', 'ARIN'), allocated('2630::/12', 'ARIN'), allocated('2800::/12', 'LACNIC'),
  allocated('2a00::/12', 'RIPE'), allocated('2a10::/12', 'RIPE'), allocated('2c00::/12', 'AFRINIC'),
];

/** The RIR blocks, for display (the report shows which snapshot decided). */
export const IPV6_RIR_BLOCKS: readonly Ipv6Classification[] = ALLOCATED.map((r) => r.c);

const unallocated = (prefix: string, name?: string) =>
  row(prefix, { cls: 'gua-unallocated', label: 'gua-unallocated', ...(name ? { name } : {}) });

/** Inside 2000::/3 but not allocated: IANA-reserved blocks of the 2019-11-06 registry first. */
const GUA_RESERVED: readonly Row[] = [
  unallocated('3ffe::/16', 'ex-6bone, reserved by IANA'),
  unallocated('2d00::/8', 'reserved by IANA'),
  unallocated('2e00::/7', 'reserved by IANA'),
  unallocated('3000::/4', 'reserved by IANA'),
  unallocated('2000::/3'),
];

const reserved = (prefix: string, name?: string) =>
  row(prefix, { cls: 'reserved-by-ietf', label: 'reserved-by-ietf', ...(name ? { name } : {}) });

/** Address-space registry 2019-09-13: every block outside 2000::/3, fc00::/7, fe80::/10, ff00::/8. */
const IETF_RESERVED: readonly Row[] = [
  reserved('::/8'), reserved('100::/8'), reserved('200::/7'), reserved('400::/6'), reserved('800::/5'),
  reserved('1000::/4'), reserved('4000::/3'), reserved('6000::/3'), reserved('8000::/3'), reserved('a000::/3'),
  reserved('c000::/3'), reserved('e000::/4'), reserved('f000::/5'), reserved('f800::/6'), reserved('fe00::/9'),
  reserved('fec0::/10', 'deprecated site-local (RFC 3879)'),
];

const INVALID: Ipv6Classification = Object.freeze({ cls: 'invalid', label: 'invalid', prefix: '' });

function inPrefix(b: ArrayLike<number>, r: Row): boolean {
  const full = r.len >>> 3;
  for (let i = 0; i < full; i++) if (b[i] !== r.bytes[i]) return false;
  const rest = r.len & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (((b[full] as number) ^ (r.bytes[full] as number)) & mask) === 0;
}

function first(b: ArrayLike<number>, rows: readonly Row[]): Ipv6Classification | null {
  for (const r of rows) if (inPrefix(b, r)) return r.c;
  return null;
}

/**
 * Classifies 16 address bytes: special-purpose → multicast → allocated:<RIR> →
 * gua-unallocated (in 2000::/3, not allocated) → reserved-by-ietf (outside 2000::/3).
 */
export function classifyIpv6Bytes(b: ArrayLike<number>): Ipv6Classification {
  if (b.length !== 16) return INVALID;
  return (
    first(b, SPECIAL) ??
    (inPrefix(b, MULTICAST) ? MULTICAST.c : null) ??
    first(b, ALLOCATED) ??
    first(b, GUA_RESERVED) ??
    first(b, IETF_RESERVED) ??
    INVALID
  );
}

/** The 16 bytes of an IPv6 address text (zone ids and embedded IPv4 allowed), or null. */
export function ipv6Bytes(text: string): Uint8Array | null {
  const plain = plainIpv6Bytes(text);
  if (plain !== null) return plain;
  // parse() validates too; one parse instead of isValid() + parse() halves the cost.
  try {
    return Uint8Array.from(ipaddr.IPv6.parse(text).toByteArray());
  } catch {
    return null;
  }
}

/**
 * The bytes of an address in the plain form answers come in: hex groups of 1-4 digits split by
 * colons, eight of them or fewer around one `::`. Anything else (embedded IPv4, a zone id, a
 * malformed text) is null here and left to ipaddr.js, whose answer this one equals on every text
 * it accepts (property-tested against it): one pass over the characters instead of its regular
 * expressions, splits and string rewrites (~40 ms of the 1M CSV's first detection in Chromium).
 */
export function plainIpv6Bytes(text: string): Uint8Array | null {
  const n = text.length;
  if (n < 2 || n > 39) return null;
  const groups = new Uint16Array(8);
  let count = 0;
  /** index in `groups` where `::` stood, or -1 */
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    // a leading colon only as `::`
    if (text.charCodeAt(1) !== 58) return null;
    gap = 0;
    i = 2;
    if (i === n) return new Uint8Array(16);
  }
  for (;;) {
    let value = 0;
    let digits = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      value = value * 16 + d;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 4 || count === 8) return null;
    groups[count++] = value;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return null;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap >= 0) return null;
      gap = count;
      i++;
      if (i === n) break;
    } else if (i === n) return null;
  }
  if (gap < 0) {
    if (count !== 8) return null;
  } else {
    // `::` stands for one group at least
    if (count > 7) return null;
    const tail = count - gap;
    for (let k = 1; k <= tail; k++) groups[8 - k] = groups[count - k] as number;
    groups.fill(0, gap, 8 - tail);
  }
  const bytes = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    const g = groups[k] as number;
    bytes[2 * k] = g >>> 8;
    bytes[2 * k + 1] = g & 0xff;
  }
  return bytes;
}

const MEMO_LIMIT = 1 << 18;
const memo = new Map<string, Ipv6Classification>();

/**
 * Classifies an address text, memoised per distinct string (parsing costs microseconds; answer
 * values repeat). IPv4 text and anything unparsable is `invalid`.
 */
export function classifyIpv6(text: string): Ipv6Classification {
  let c = memo.get(text);
  if (c !== undefined) return c;
  const b = ipv6Bytes(text);
  c = b ? classifyIpv6Bytes(b) : INVALID;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, c);
  return c;
}

/**
 * True when no public host should be answered with this address: not RIR-allocated and not a
 * globally reachable special-purpose block (e.g. 64:ff9b::/96 NAT64 is reachable, ULA is not).
 * Invalid text is not counted.
 */
export function isOutsideAllocatedSpace(c: Ipv6Classification): boolean {
  switch (c.cls) {
    case 'allocated':
    case 'invalid':
      return false;
    case 'special-purpose':
      return c.globallyReachable !== true;
    default:
      return true;
  }
}
