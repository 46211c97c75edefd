import { getDomain } from 'tldts';

/**
 * Registrable domain (eTLD+1) from the Public Suffix List, private section included, so that
 * `x.evil.duckdns.org` groups under `evil.duckdns.org` and CDN customer names under their own
 * customer label. Names with no registrable part (single labels like `wpad`, bare suffixes,
 * IP literals) are their own group.
 */
export function registrableDomain(name: string): string {
  if (name === '') return '';
  const d = getDomain(name, { allowPrivateDomains: true, validateHostname: false });
  return d ?? name;
}
