import { getDomain } from 'tldts';

/**
 * Registrable domain (eTLD+1) from the Public Suffix List, private section included, so that
 * `x.evil.duckdns.org` groups under `evil.duckdns.org` and CDN customer names under their own
 * customer label. Names with no registrable part (single labels like `wpad`, bare suffixes,
 * IP literals) are their own group.
 */
const OPTS = { allowPrivateDomains: true, validateHostname: false } as const;
const HOST_LABEL = /^[a-z0-9_-]+$/i;
const HOSTNAME = /^[a-z0-9._-]+$/i;

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
