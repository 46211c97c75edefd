/**
 * What a mail gateway looks up for a sender domain: apex TXT (SPF plus site-verification tokens,
 * many long and base64-like), DKIM keys (`v=DKIM1; k=rsa; p=<392 base64>`, split into 255-char
 * strings), DMARC policies and MX hosts. Deterministic per domain.
 */
import { base64, base64url, chunk } from './encoding';
import type { GenAnswer } from './model';
import { ALNUM_LOWER, hash32, Rng } from './rng';

const SPF_INCLUDES = [
  '_spf.google.com', 'spf.protection.outlook.com', 'sendgrid.net', 'mailgun.org', 'servers.mcsv.net',
  '_spf.salesforce.com', 'amazonses.com', 'spf.mandrillapp.com', 'mail.zendesk.com', '_spf.atlassian.net',
];
/** RSA-2048 SubjectPublicKeyInfo prefix every DKIM key starts with. */
const RSA2048_SPKI = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA';

function txt(text: string, ttl: number): GenAnswer {
  return { type: 16, value: text, ttl, strings: chunk(text, 255) };
}

function uuid(r: Rng): string {
  return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;
}

export interface MailRecords {
  readonly apex: readonly GenAnswer[];
  readonly dkimName: string;
  readonly dkim: readonly GenAnswer[];
  readonly dmarc: readonly GenAnswer[];
  readonly mx: readonly GenAnswer[];
  /** The first MX host, as a catalog entry to resolve. */
  readonly mxEntry: { readonly name: string; readonly provider: string };
}

const cache = new Map<string, MailRecords>();

export function mailRecords(domain: string): MailRecords {
  const hit = cache.get(domain);
  if (hit) return hit;
  const r = new Rng(hash32(`mail ${domain}`));
  const ttl = r.pick([300, 600, 3600]);
  const includes = r.shuffled(SPF_INCLUDES).slice(0, r.int(1, 3)).map((i) => `include:${i}`);
  if (r.chance(0.3)) includes.unshift(`ip4:${r.int(34, 212)}.${r.int(0, 255)}.${r.int(0, 255)}.0/24`);
  const apex = [txt(`v=spf1 ${includes.join(' ')} ${r.pick(['~all', '-all', '?all'])}`, ttl)];
  if (r.chance(0.8)) apex.push(txt(`google-site-verification=${base64url(r.bytes(32))}`, ttl));
  if (r.chance(0.6)) apex.push(txt(`MS=ms${r.int(10000000, 99999999)}`, ttl));
  if (r.chance(0.4)) apex.push(txt(`docusign=${uuid(r)}`, ttl));
  if (r.chance(0.4)) apex.push(txt(`facebook-domain-verification=${r.chars(ALNUM_LOWER, 30)}`, ttl));
  if (r.chance(0.3)) apex.push(txt(`atlassian-domain-verification=${base64(r.bytes(48))}`, ttl));
  if (r.chance(0.3)) apex.push(txt(`apple-domain-verification=${r.chars(ALNUM_LOWER + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 16)}`, ttl));
  const selector = r.pick(['selector1', 'selector2', 'google', 's1', 'k1', '20230601', 'default']);
  const key = base64(r.bytes(256)).replace(/=+$/, '');
  const dkim = [txt(`v=DKIM1; k=rsa; p=${RSA2048_SPKI}${key}IDAQAB`, r.pick([300, 3600]))];
  const policy = r.pick(['none', 'quarantine', 'reject']);
  const rua = r.chance(0.4) ? `mailto:dmarc@${domain},mailto:${r.hex(8)}@rua.agari.com` : `mailto:dmarc-reports@${domain}`;
  const dmarc = [txt(`v=DMARC1; p=${policy}; rua=${rua}; fo=1`, ttl)];
  const mxHosts = r.chance(0.4)
    ? ['aspmx.l.google.com', 'alt1.aspmx.l.google.com', 'alt2.aspmx.l.google.com']
    : r.chance(0.6)
      ? [`${domain.replace(/\./g, '-')}.mail.protection.outlook.com`]
      : [`mx1.${domain}`, `mx2.${domain}`];
  const mx = mxHosts.map((h) => ({ type: 15, value: h, ttl }));
  const mxHost = mxHosts[0] as string;
  const mxEntry = { name: mxHost, provider: mxHost.includes('google') ? 'g' : mxHost.includes('outlook') ? 'ms' : 'o' };
  const recs: MailRecords = { apex, dkimName: `${selector}._domainkey.${domain}`, dkim, dmarc, mx, mxEntry };
  cache.set(domain, recs);
  return recs;
}
