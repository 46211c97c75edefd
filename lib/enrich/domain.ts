import { getDomain, parse } from 'tldts';

/**
 * Registrable domain (eTLD+1) from the Public Suffix List, private section included, so that
 * `x.evil.duckdns.org` groups under `evil.duckdns.org` and CDN customer names under their own
 * customer label. Names with no registrable part (single labels like `wpad`, bare suffixes,
 * IP literals) are their own group.
 */
const OPTS = { allowPrivateDomains: true, validateHostname: false } as const;
const HOST_LABEL = /^[a-z0-9_-]+$/i;
const HOSTNAME = /^[a-z0-9._-]+$/i;
const LOWER_HOSTNAME = /^[a-z0-9._-]+$/;
const HOSTNAME_OPTS = { ...OPTS, extractHostname: false } as const;

export function registrableDomain(name: string): string {
  if (name === '') return '';
  if (HOSTNAME.test(name)) return getDomain(name, OPTS) ?? name;
  // Names carrying raw data (base64 `+` `/` `=`, escapes) are not hostnames: tldts would read
  // `/` or `?` as URL syntax. The domain is in the clean labels on their right
  // (dns2tcp `<b64>.=auth.tcp.example.info`).
  const labels = name.split('.');
  let i = labels.length;
  while (i > 0 && HOST_LABEL.test(labels[i - 1] as string)) i--;
  if (i > 0 && i < labels.length) {
    const suffix = labels.slice(i).join('.');
    return getDomain(suffix, OPTS) ?? suffix;
  }
  return name;
}

/**
 * True when `name` can be resolved through public DNS, i.e. an attacker could run its
 * authoritative server: at least two labels, a suffix from the Public Suffix List (ICANN or
 * private section), not an IP literal, not under .arpa (reverse lookups). Single labels (`wpad`,
 * Chromium's random probes), mDNS `.local` and made-up internal TLDs (`.lan`, `.home`, `.corp`,
 * `.internal`, `.localdomain`) are not.
 */
export function isPublicName(name: string): boolean {
  if (name === '' || !name.includes('.')) return false;
  return publicByParse(parse(name, OPTS));
}

function publicByParse(p: ReturnType<typeof parse>): boolean {
  if (p.isIp || p.domain === null) return false;
  if (p.publicSuffix === 'arpa' || p.publicSuffix?.endsWith('.arpa')) return false;
  return p.isIcann === true || p.isPrivate === true;
}

export interface NameFacts {
  /** {@link registrableDomain} of the name */
  readonly domain: string;
  /** {@link isPublicName} of the name */
  readonly isPublic: boolean;
}

/**
 * {@link registrableDomain} and {@link isPublicName} of one name, from one Public Suffix List
 * lookup when the name is a plain hostname (the lookup is most of the cost of each).
 */
export function nameFacts(name: string): NameFacts {
  // a lower-case hostname (a normalised query name) is the hostname tldts would extract from it:
  // telling it so skips its URL scan and a validation pass (~20 ms of the 1M CSV's detection)
  const p = LOWER_HOSTNAME.test(name) ? parse(name, HOSTNAME_OPTS) : HOSTNAME.test(name) ? parse(name, OPTS) : null;
  if (p === null) return { domain: registrableDomain(name), isPublic: isPublicName(name) };
  return { domain: p.domain ?? name, isPublic: publicByParse(p) };
}
