/**
 * Answer shapes of real providers, built once per name and cached: CNAME chains into CDN names
 * (edgekey → akamaiedge, cloudfront, map.fastly.net, trafficmanager), A records from the
 * providers' IPv4 ranges, AAAA records from RIR-allocated space (2606:4700::/32 Cloudflare,
 * 2a00:1450::/32 Google, 2620:1ec::/36 Microsoft, 2a04:4e42::/32 Fastly, 2600:9000::/28
 * CloudFront, 2a03:2880::/32 Meta …) and DNS64 answers (64:ff9b::/96) for IPv4-only names.
 * Everything depends on the name only, so a name resolves the same way in every hunt.
 */
import { formatIpv6, nat64Bytes } from './encoding';
import type { GenAnswer } from './model';
import { ALNUM_LOWER, hash32, Rng } from './rng';

export interface Resolution {
  /** A answers (CNAME chain first), in 1–4 round-robin rotations. */
  readonly a: readonly (readonly GenAnswer[])[];
  /** AAAA answers, or null when the name has no IPv6 address. */
  readonly aaaa: readonly GenAnswer[] | null;
  /** What a DNS64 resolver returns for AAAA: native AAAA, or 64:ff9b:: + each IPv4. */
  readonly dns64: readonly GenAnswer[];
}

const OTHER_V4_FIRST = [45, 46, 64, 66, 69, 74, 77, 85, 91, 93, 94, 162, 173, 185, 195, 199, 205, 206, 208, 209, 212, 213, 216, 217];
const AKAMAI_ZONES = ['a', 'b', 'dsca', 'dscb', 'dscx', 'dscg'];
const MS_TM_ZONES = ['trafficmanager.net', 'afd.azureedge.net', 'msedge.net', 'ms-acdc.office.com'];
const AWS_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];

const cname = (value: string, ttl: number): GenAnswer => ({ type: 5, value, ttl });
const a = (value: string, ttl: number): GenAnswer => ({ type: 1, value, ttl });
const aaaa = (bytes: number[], ttl: number): GenAnswer => ({ type: 28, value: formatIpv6(bytes), ttl });

function v4(r: Rng, first: number, secondMin: number, secondMax: number): string {
  return `${first}.${r.int(secondMin, secondMax)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

/** 16 bytes: `prefix` (16-bit groups) then random groups, with a chance of zero runs like real hosts. */
function v6(r: Rng, prefix: readonly number[], tail: readonly number[] | null = null): number[] {
  const groups: number[] = prefix.slice();
  const fixedTail = tail ?? [];
  const sparse = r.chance(0.6);
  while (groups.length < 8 - fixedTail.length) groups.push(sparse && groups.length < 6 ? 0 : r.int(1, 0xffff));
  if (sparse && tail === null) groups[7] = r.int(1, 0x2ff);
  groups.push(...fixedTail);
  return groups.flatMap((g) => [g >>> 8, g & 0xff]);
}

function secondLabel(name: string): string {
  const labels = name.split('.');
  return labels[labels.length - 2] ?? name;
}

interface Shape {
  chain: GenAnswer[];
  v4: GenAnswer[];
  v6: GenAnswer[] | null;
}

function shape(name: string, provider: string): Shape {
  const r = new Rng(hash32(`answers ${provider} ${name}`));
  const count = (max: number) => r.int(1, max);
  const many = <T>(n: number, make: () => T) => Array.from({ length: n }, make);
  switch (provider) {
    case 'g': {
      const ttl = r.pick([60, 300, 300, 3600]);
      return {
        chain: [],
        v4: many(count(2), () => a(r.pick([`142.250.${r.int(0, 255)}.${r.int(1, 254)}`, `172.217.${r.int(0, 255)}.${r.int(1, 254)}`, `216.58.${r.int(192, 223)}.${r.int(1, 254)}`, `142.251.${r.int(0, 255)}.${r.int(1, 254)}`]), ttl)),
        v6: [aaaa(v6(r, [0x2a00, 0x1450, 0x4000 + r.int(1, 0x26), 0x800 + r.int(0, 0x2ff)], [0x2000 + r.pick([0x0e, 0x03, 0x04, 0x0a])]), ttl)],
      };
    }
    case 'cf':
      return {
        chain: [],
        v4: many(2, () => a(r.chance(0.7) ? v4(r, 104, 16, 21) : v4(r, 172, 64, 67), 300)),
        v6: many(2, () => aaaa(r.chance(0.7) ? v6(r, [0x2606, 0x4700, 0, 0, 0, 0, 0x6810 + r.int(0, 5)], []) : v6(r, [0x2606, 0x4700, 0x3030, 0, 0, 0, 0xac43]), 300)),
      };
    case 'ak':
    case 'ak-direct': {
      const edge = `e${r.int(1, 99999)}.${r.pick(AKAMAI_ZONES)}.akamaiedge.net`;
      const chain = provider === 'ak-direct' ? [] : name.endsWith('.akamaized.net')
        ? [cname(`${name}.edgesuite.net`, 21600), cname(`a${r.int(1, 1999)}.dscb.akamai.net`, 20)]
        : [cname(`${name}.edgekey.net`, r.pick([60, 300, 3600])), cname(edge, 20)];
      return {
        chain,
        v4: many(count(2), () => a(r.pick([v4(r, 23, 0, 79), v4(r, 2, 16, 23), v4(r, 104, 64, 127)]), 20)),
        v6: r.chance(0.8) ? many(count(2), () => aaaa(v6(r, r.chance(0.5) ? [0x2600, 0x1406, r.int(1, 0xffff)] : [0x2a02, 0x26f0, r.int(1, 0xffff)]), 20)) : null,
      };
    }
    case 'fa': {
      const last = r.int(1, 254);
      return {
        chain: [cname(r.chance(0.5) ? `dualstack.${secondLabel(name)}.map.fastly.net` : `${secondLabel(name)}.map.fastly.net`, r.pick([300, 3600]))],
        v4: [0, 64, 128, 192].slice(0, r.pick([1, 4])).map((o) => a(`151.101.${o + r.int(0, 3)}.${last}`, 30)),
        v6: [0, 0x200, 0x400, 0x600].slice(0, r.pick([1, 4])).map((g) => aaaa([0x2a, 0x04, 0x4e, 0x42, g >>> 8, g & 0xff, 0, 0, 0, 0, 0, 0, 0, 0, last >>> 8, last & 0xff], 30)),
      };
    }
    case 'fr':
    case 'fr-direct': {
      const dist = provider === 'fr-direct' ? name : `d${r.chars(ALNUM_LOWER, 13)}.cloudfront.net`;
      const first = r.pick([[13, 224, 227], [18, 64, 66], [99, 84, 86], [108, 156, 159]] as const);
      const second = r.int(first[1], first[2]);
      const third = r.int(0, 255);
      return {
        chain: provider === 'fr-direct' ? [] : [cname(dist, r.pick([60, 300]))],
        v4: many(4, () => a(`${first[0]}.${second}.${third}.${r.int(1, 254)}`, 60)),
        v6: many(r.pick([4, 8]), () => aaaa(v6(r, [0x2600, 0x9000, 0x2000 + r.int(0, 0x3ff), r.int(1, 0xffff), r.int(0, 0x1f), r.int(1, 0xffff), r.int(1, 0xffff), r.int(1, 0xffff)]), 60)),
      };
    }
    case 'ms': {
      const first = name.split('.')[0] ?? name;
      const chain = r.chance(0.7) ? [cname(`${first}-${r.pick(['prod', 'geo', 'emea', 'nam'])}.${r.pick(MS_TM_ZONES)}`, r.pick([60, 300, 3600]))] : [];
      const ttl = r.pick([10, 60, 240, 300]);
      return {
        chain,
        v4: many(count(3), () => a(r.pick([v4(r, 13, 107, 107), v4(r, 20, 0, 255), v4(r, 40, 64, 127), v4(r, 52, 96, 127)]), ttl)),
        v6: r.chance(0.6) ? many(count(2), () => aaaa(v6(r, r.chance(0.7) ? [0x2620, 0x1ec, r.int(1, 0xfff)] : [0x2603, 0x1036, r.int(1, 0xffff)]), ttl)) : null,
      };
    }
    case 'aws':
      return {
        chain: [cname(`${secondLabel(name)}-${r.int(100000000, 999999999)}.${r.pick(AWS_REGIONS)}.elb.amazonaws.com`, 60)],
        v4: many(r.int(2, 3), () => a(r.pick([v4(r, 3, 208, 239), v4(r, 52, 0, 95), v4(r, 54, 144, 239)]), 60)),
        v6: null,
      };
    case 'fb': {
      const edge = r.int(0, 255);
      return {
        chain: name.includes('fbcdn') ? [] : [cname(`star-mini.c10r.facebook.com`, 3600)],
        v4: [a(`157.240.${edge}.${r.pick([35, 36, 63, 174])}`, 60)],
        v6: [aaaa([0x2a, 0x03, 0x28, 0x80, 0xf1, edge, 0, r.int(1, 0x7f), 0xfa, 0xce, 0xb0, 0x0c, 0, 0, 0x25, 0xde], 60)],
      };
    }
    case 'gh':
      return { chain: [], v4: [a(`140.82.${r.int(112, 121)}.${r.int(3, 6)}`, 60)], v6: null };
    case 'wm':
      return {
        chain: [cname('dyna.wikimedia.org', 600)],
        v4: [a(r.pick(['208.80.154.224', '185.15.59.224', '208.80.153.224']), 600)],
        v6: [aaaa(r.chance(0.5) ? [0x26, 0x20, 0, 0, 0x08, 0x61, 0xed, 0x1a, 0, 0, 0, 0, 0, 0, 0, 1] : [0x2a, 0x02, 0xec, 0x80, 0x03, 0, 0xed, 0x1a, 0, 0, 0, 0, 0, 0, 0, 1], 600)],
      };
    case 'ncsi':
      // The real Windows connectivity probe: A 131.107.255.255, AAAA fd3e:4f5a:5b81::1 (a ULA).
      return {
        chain: [],
        v4: [a('131.107.255.255', 30)],
        v6: [aaaa([0xfd, 0x3e, 0x4f, 0x5a, 0x5b, 0x81, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 30)],
      };
    default: {
      const ttl = r.pick([300, 600, 1800, 3600]);
      const first = r.pick(OTHER_V4_FIRST);
      return { chain: [], v4: many(count(2), () => a(v4(r, first, 0, 255), ttl)), v6: null };
    }
  }
}

function rotations(list: readonly GenAnswer[]): GenAnswer[][] {
  const out: GenAnswer[][] = [];
  for (let k = 0; k < Math.min(list.length, 4); k++) out.push([...list.slice(k), ...list.slice(0, k)]);
  return out;
}

const cache = new Map<string, Resolution>();

/** How `name` (served by `provider`) resolves; built on first use, then shared. */
export function resolutionOf(name: string, provider: string): Resolution {
  const key = `${provider} ${name}`;
  let res = cache.get(key);
  if (res) return res;
  const s = shape(name, provider);
  const a4 = rotations(s.v4).map((v) => [...s.chain, ...v]);
  const a6 = s.v6 ? [...s.chain, ...s.v6] : null;
  const dns64 = a6 ?? [...s.chain, ...s.v4.map((x) => ({ type: 28, value: formatIpv6(nat64Bytes(x.value)), ttl: x.ttl }))];
  res = { a: a4, aaaa: a6, dns64 };
  if (cache.size > 50_000) cache.clear();
  cache.set(key, res);
  return res;
}

const byEntry = new WeakMap<{ readonly name: string; readonly provider: string }, Resolution>();

/** {@link resolutionOf} memoised on the catalog entry object (no key string per lookup). */
export function resolutionOfEntry(entry: { readonly name: string; readonly provider: string }): Resolution {
  let res = byEntry.get(entry);
  if (res === undefined) {
    res = resolutionOf(entry.name, entry.provider);
    byEntry.set(entry, res);
  }
  return res;
}
