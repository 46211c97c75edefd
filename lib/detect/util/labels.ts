/**
 * Query-name helpers shared by the tunnelling detectors: case-kept names, the subdomain part left
 * of the registrable domain, structural exclusions, and the data table of known benign zones whose
 * names are legitimately long, random-looking or numerous.
 */

/**
 * The normalised name with the case of the raw name kept where the two differ only in case (and a
 * trailing dot / white space). Encoders such as base64 and base58 are case-sensitive; lower-casing
 * makes them look like base32. Windows wire form `(3)www(…)` falls back to the normalised name.
 */
export function caseKeptName(raw: string, norm: string): string {
  if (raw === norm) return norm;
  let s = raw.trim();
  if (s.length > 1 && s.charCodeAt(s.length - 1) === 46 /* . */) s = s.slice(0, -1);
  return s.length === norm.length && s.toLowerCase() === norm ? s : norm;
}

/** `name` without `.domain` at its end ('' when the name is the domain itself or not under it). */
export function subdomainOf(name: string, domain: string): string {
  if (domain === '' || name.length <= domain.length) return '';
  const cut = name.length - domain.length - 1;
  if (name.charCodeAt(cut) !== 46) return '';
  if (!name.endsWith(domain) && name.slice(cut + 1).toLowerCase() !== domain) return '';
  return name.slice(0, cut);
}

/** Length of the longest dot-separated label of `name`. */
export function longestLabel(name: string): number {
  let best = 0;
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i === name.length || name.charCodeAt(i) === 46) {
      if (i - start > best) best = i - start;
      start = i + 1;
    }
  }
  return best;
}

/** Labels of at least `minLength` characters, concatenated (the data an encoder spread over them). */
export function dataLabels(sub: string, minLength: number): string {
  if (sub === '') return '';
  let out = '';
  for (const l of sub.split('.')) if (l.length >= minLength) out += l;
  return out;
}

const alphabetTables = new Map<string, Uint8Array>();
function table(alphabet: string): Uint8Array {
  let t = alphabetTables.get(alphabet);
  if (!t) {
    t = new Uint8Array(128);
    for (let i = 0; i < alphabet.length; i++) {
      const c = alphabet.charCodeAt(i);
      if (c < 128) t[c] = 1;
    }
    alphabetTables.set(alphabet, t);
  }
  return t;
}

export interface LabelShape {
  readonly min: number;
  readonly max: number;
  /** every character of the label is one of these */
  readonly alphabet: string;
  /** … and not every character is one of these (e.g. hex, to tell base32 from hex) */
  readonly notOnly?: string;
  /** another label follows it */
  readonly followed?: boolean;
}

/** Whether some label of `sub` has the shape (scanned in place, no split). */
export function hasLabel(sub: string, shape: LabelShape): boolean {
  const allowed = table(shape.alphabet);
  const plain = shape.notOnly === undefined ? null : table(shape.notOnly);
  let start = 0;
  let ok = true;
  let other = plain === null;
  for (let i = 0; i <= sub.length; i++) {
    const c = i < sub.length ? sub.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - start;
      if (ok && other && len >= shape.min && len <= shape.max && (!shape.followed || i < sub.length)) return true;
      start = i + 1;
      ok = true;
      other = plain === null;
      continue;
    }
    if (c >= 128 || allowed[c] === 0) ok = false;
    else if (plain !== null && plain[c] === 0) other = true;
  }
  return false;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/**
 * Hex characters in the leading pure-hex labels of a lower-case name (dots skipped, stops at the
 * first other character); 0 when the first label is not hex or shorter than `minFirst`.
 */
export function leadingHexLength(s: string, minFirst = 1): number {
  let hex = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (i < minFirst) return 0;
      continue;
    }
    if (!isHex(c)) break;
    hex++;
  }
  return hex >= minFirst ? hex : 0;
}

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32 (case-insensitive, no padding) to text; null when not base32 or not printable. */
export function decodeBase32(s: string): string | null {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const ch of s.toLowerCase()) {
    const v = B32.indexOf(ch);
    if (v < 0) return null;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      const c = (acc >> bits) & 0xff;
      if (c < 32 || c > 126) return null;
      out += String.fromCharCode(c);
    }
  }
  return out;
}

/** Service labels (RFC 8552 underscore names) that mark DKIM/DMARC/SRV/ACME/DNS-SD lookups. */
const SERVICE_LABEL = /(^|\.)_[a-z0-9-]{1,24}(\.|$)/;

/**
 * Names never judged by shape: reverse lookups (`.arpa`, skipped by RITA too), link-local
 * multicast DNS (`.local`), and underscore service names (`_domainkey`, `_dmarc`, `_tcp`, …),
 * whose long labels are DKIM selectors, service instance names and the like. Service labels are
 * short words; a long label that merely starts with `_` (base64url data) does not count.
 */
export function isStructurallyBenign(name: string): boolean {
  if (name.endsWith('.arpa') || name === 'arpa' || name.endsWith('.local')) return true;
  return name.includes('_') && SERVICE_LABEL.test(name);
}

export interface BenignZone {
  /** the zone (matched on the name and on its registrable domain, at a label boundary) */
  readonly zone: string;
  readonly why: string;
  readonly source: string;
}

const SIGMA = 'Sigma rules-unsupported/net_dns_high_subdomain_rate.yml default_list_of_well_known_domains';
const OARC = 'DNS-OARC DVE-2017-0003 (McAfee GTI zones answer long hash-derived names)';
const BRIEF = 'project hard-negative list (dns-c2-facts.md review): vendor reputation lookups';
const MS = 'first-party Microsoft platform zone (project hard negatives: Microsoft telemetry); no customer NS delegation';

/**
 * Known benign zones whose subdomains are long, hash-derived or very many by design: antivirus and
 * DNSBL reputation lookups, CDNs and cloud front-ends, big consumer platforms. None delegates its
 * subdomains to customers' name servers, so a tunnel cannot live under them. The list is data: add
 * a row, with its source, to silence a zone for the encoded-label and fan-out detectors.
 */
export const BENIGN_ZONES: readonly BenignZone[] = [
  { zone: 'avqs.mcafee.com', why: 'McAfee GTI file reputation (hash in labels)', source: OARC },
  { zone: 'avts.mcafee.com', why: 'McAfee GTI file reputation (hash in labels)', source: OARC },
  { zone: 'sophosxl.net', why: 'Sophos Live Protection (SXL) hash lookups', source: `${BRIEF}; nDPI antimalware category` },
  { zone: 'e5.sk', why: 'ESET LiveGrid DNS lookups (dnsj.e5.sk, avcloud.e5.sk)', source: `${BRIEF}; ESET endpoint allow-lists` },
  { zone: 'trendmicro.com', why: 'Trend Micro reputation services', source: BRIEF },
  { zone: 'hash.cymru.com', why: 'Team Cymru malware hash registry (hash as label)', source: BRIEF },
  { zone: 'spamhaus.org', why: 'DNSBL lookups (reversed IPs, hashes)', source: 'DNSBL zones (mail relays)' },
  { zone: 'spamhaus.net', why: 'Spamhaus DQS/HBL lookups (base32 hashes)', source: 'DNSBL zones (mail relays)' },
  { zone: 'spamcop.net', why: 'DNSBL lookups', source: 'DNSBL zones (mail relays)' },
  { zone: 'barracudacentral.org', why: 'DNSBL lookups', source: 'DNSBL zones (mail relays)' },
  { zone: 'sorbs.net', why: 'DNSBL lookups', source: 'DNSBL zones (mail relays)' },
  { zone: 'abuseat.org', why: 'DNSBL lookups', source: 'DNSBL zones (mail relays)' },
  { zone: 'surbl.org', why: 'URI DNSBL lookups', source: 'DNSBL zones (mail relays)' },
  { zone: 'uribl.com', why: 'URI DNSBL lookups', source: 'DNSBL zones (mail relays)' },
  { zone: 'footprintdns.com', why: 'Microsoft network measurement probes (32-hex labels)', source: 'OTRF Security-Datasets Sysmon EID 22 sample' },
  { zone: 'akadns.net', why: 'Akamai DNS (global traffic management)', source: SIGMA },
  { zone: 'akamaiedge.net', why: 'Akamai CDN edge names', source: SIGMA },
  { zone: 'akamai.net', why: 'Akamai CDN', source: 'CDN (brief hard negatives)' },
  { zone: 'akamaized.net', why: 'Akamai CDN customer names', source: 'CDN (brief hard negatives)' },
  { zone: 'edgekey.net', why: 'Akamai CDN', source: 'CDN (brief hard negatives)' },
  { zone: 'edgesuite.net', why: 'Akamai CDN', source: 'CDN (brief hard negatives)' },
  { zone: 'cloudfront.net', why: 'Amazon CloudFront distributions', source: SIGMA },
  { zone: 'amazonaws.com', why: 'AWS service endpoints', source: SIGMA },
  { zone: 'fastly.net', why: 'Fastly CDN', source: 'CDN (brief hard negatives)' },
  { zone: 'fastlylb.net', why: 'Fastly CDN', source: 'CDN (brief hard negatives)' },
  { zone: 'azureedge.net', why: 'Azure CDN', source: 'CDN (brief hard negatives)' },
  { zone: 'trafficmanager.net', why: 'Azure Traffic Manager', source: 'CDN (brief hard negatives)' },
  { zone: 'apple.com', why: 'Apple services and telemetry', source: SIGMA },
  { zone: 'apple-dns.net', why: 'Apple DNS front-ends', source: SIGMA },
  { zone: 'icloud.com', why: 'Apple iCloud', source: SIGMA },
  { zone: 'aaplimg.com', why: 'Apple CDN', source: 'Apple telemetry (brief hard negatives)' },
  { zone: 'google.com', why: 'Google services', source: SIGMA },
  { zone: 'googlevideo.com', why: 'YouTube video caches (r*---sn-*)', source: 'CDN (brief hard negatives)' },
  { zone: 'yahoo.com', why: 'Yahoo services', source: SIGMA },
  { zone: 'dropbox.com', why: 'Dropbox', source: SIGMA },
  { zone: 'windowsupdate.com', why: 'Windows Update', source: SIGMA },
  { zone: 'microsoftonline.com', why: 'Microsoft Entra ID / Office', source: SIGMA },
  { zone: 's-microsoft.com', why: 'Microsoft', source: SIGMA },
  { zone: 'office365.com', why: 'Microsoft 365', source: SIGMA },
  { zone: 'linkedin.com', why: 'LinkedIn', source: SIGMA },
  { zone: 'microsoft.com', why: 'Microsoft services and telemetry', source: MS },
  { zone: 'windows.com', why: 'Windows services', source: MS },
  { zone: 'windows.net', why: 'Azure storage and service endpoints', source: MS },
  { zone: 'live.com', why: 'Microsoft accounts and services', source: MS },
  { zone: 'office.com', why: 'Microsoft 365', source: MS },
  { zone: 'msedge.net', why: 'Microsoft edge network', source: MS },
];

const ZONE_INDEX = new Map(BENIGN_ZONES.map((z) => [z.zone, z]));

/**
 * The benign-zone row `name` (a normalised name or a registrable domain) falls under, or null.
 * Walks the name's suffixes from the longest, so the most specific row wins; one map lookup per
 * label.
 */
export function benignZone(name: string, zones: ReadonlyMap<string, BenignZone> = ZONE_INDEX): BenignZone | null {
  let at = 0;
  while (at >= 0 && at < name.length) {
    const z = zones.get(at === 0 ? name : name.slice(at));
    if (z) return z;
    const dot = name.indexOf('.', at);
    at = dot < 0 ? -1 : dot + 1;
  }
  return null;
}
