/**
 * What each kind of benign process asks, including the look-alikes detectors must tolerate:
 * CDN hash names (cloudfront, akamaiedge), antivirus reputation lookups with long hex labels
 * (McAfee GTI, Sophos), SPF/DKIM/DMARC TXT, DNS64 and allocated AAAA answers, wpad, PTR, SRV.
 */
import { resolutionOfEntry, type Resolution } from './answers';
import {
  AD_DOMAIN, DEFENDER_DOMAINS, MICROSOFT_DOMAINS, SENDER_DOMAINS, STALE_NAMES, WEB_DOMAINS, WINDOWS_DOMAINS,
  type DomainEntry,
} from './domains';
import { mailRecords } from './mail-records';
import type { GenAnswer, GenEvent, GenHost } from './model';
import { INTERNAL_HOSTS, type FleetHost, type ProcKind } from './population';
import { ALNUM_LOWER, LOWER, Rng, type Weighted, zipf } from './rng';

const NONE: readonly GenAnswer[] = [];
const BROWSER_CERT_NAMES: readonly DomainEntry[] = [
  { name: 'ocsp.digicert.com', provider: 'ak' }, { name: 'r3.o.lencr.org', provider: 'ak' },
  { name: 'ocsp.pki.goog', provider: 'g' }, { name: 'ocsp.sectigo.com', provider: 'cf' },
];
const SRV_NAMES = [
  `_ldap._tcp.dc._msdcs.${AD_DOMAIN}`, `_ldap._tcp.Default-First-Site-Name._sites.dc._msdcs.${AD_DOMAIN}`,
  `_kerberos._tcp.${AD_DOMAIN}`, `_ldap._tcp.pdc._msdcs.${AD_DOMAIN}`, `_gc._tcp.${AD_DOMAIN}`,
];
const INTERNAL_NAMES = ['dc01', 'dc02', 'fs01', 'intranet', 'print01', 'sql01'];
const EXTERNAL_STALE = STALE_NAMES.filter((n) => !n.endsWith(AD_DOMAIN));
const INTERNAL_STALE = STALE_NAMES.filter((n) => n.endsWith(AD_DOMAIN));

/** Seconds an answer may have aged in the resolver cache (0 when fresh). */
function cacheAge(rng: Rng, answers: readonly GenAnswer[]): number {
  const last = answers[answers.length - 1];
  if (!last || last.ttl < 2 || rng.chance(0.4)) return 0;
  return rng.int(0, last.ttl - 1);
}

function internalA(name: string): readonly GenAnswer[] {
  if (name === 'intranet') {
    return [{ type: 5, value: `web01.${AD_DOMAIN}`, ttl: 3600 }, { type: 1, value: INTERNAL_HOSTS['web01'] as string, ttl: 1200 }];
  }
  return [{ type: 1, value: INTERNAL_HOSTS[name] ?? '10.0.1.99', ttl: 1200 }];
}

const SRV_ANSWERS: readonly GenAnswer[] = [
  { type: 33, value: `dc01.${AD_DOMAIN}`, ttl: 600 }, { type: 33, value: `dc02.${AD_DOMAIN}`, ttl: 600 },
  { type: 1, value: INTERNAL_HOSTS['dc01'] as string, ttl: 1200 }, { type: 1, value: INTERNAL_HOSTS['dc02'] as string, ttl: 1200 },
];

export class BenignCatalog {
  private readonly web = zipf(WEB_DOMAINS, 1.05);
  private readonly microsoft = zipf(MICROSOFT_DOMAINS, 1);
  private readonly windows = zipf(WINDOWS_DOMAINS, 0.9);
  private readonly defender = zipf(DEFENDER_DOMAINS, 1);
  private readonly senders = zipf(SENDER_DOMAINS, 0.9);
  private readonly cloudfront: Weighted<DomainEntry>;
  private readonly akamai: Weighted<DomainEntry>;
  private readonly avHashes: Weighted<string>;

  constructor(
    seed: number,
    private readonly fleet: readonly FleetHost[],
  ) {
    const r = Rng.of(seed, 'cdn-names');
    this.cloudfront = zipf(Array.from({ length: 400 }, () => ({ name: `d${r.chars(ALNUM_LOWER, 13)}.cloudfront.net`, provider: 'fr-direct' })), 0.8);
    this.akamai = zipf(Array.from({ length: 300 }, () => ({ name: `e${r.int(1, 99999)}.${r.pick(['a', 'b', 'dsca', 'dscb', 'dscx'])}.akamaiedge.net`, provider: 'ak-direct' })), 0.8);
    this.avHashes = zipf(Array.from({ length: 300 }, () => r.hex(40)), 1);
  }

  /** Fills qname, qtype, status, answers and age of `ev` for a query by a process of `kind`. */
  fill(ev: GenEvent, kind: ProcKind, rng: Rng): void {
    switch (kind) {
      case 'chromium':
      case 'firefox':
        return this.browser(ev, rng);
      case 'office':
        return this.catalogQuery(ev, rng, this.microsoft.pick(rng), rng.chance(0.15));
      case 'shell':
        return this.shell(ev, rng);
      case 'svchost':
        return this.svchost(ev, rng);
      case 'lsass':
        if (rng.chance(0.7)) return this.set(ev, rng.pick(SRV_NAMES), 33, 'NOERROR', SRV_ANSWERS, rng);
        return this.set(ev, `${rng.pick(['dc01', 'dc02'])}.${AD_DOMAIN}`, 1, 'NOERROR', internalA(rng.chance(0.5) ? 'dc01' : 'dc02'), rng);
      case 'defender':
        return this.catalogQuery(ev, rng, this.defender.pick(rng), false);
      case 'mcafee':
        return this.av(ev, rng, 'avqs.mcafee.com', 32);
      case 'sophos':
        return this.av(ev, rng, 'sophosxl.net', 40);
      case 'mail':
        return this.mail(ev, rng);
    }
  }

  private set(ev: GenEvent, qname: string, qtype: number, status: GenEvent['status'], answers: readonly GenAnswer[], rng: Rng): void {
    ev.qname = qname;
    ev.qtype = qtype;
    ev.status = status;
    ev.answers = answers;
    ev.age = cacheAge(rng, answers);
  }

  private answersFor(res: Resolution, aaaa: boolean, host: GenHost, rng: Rng): readonly GenAnswer[] | null {
    if (!aaaa) return res.a.length === 1 ? (res.a[0] as readonly GenAnswer[]) : rng.pick(res.a);
    if (host.dns64) return res.dns64;
    return res.aaaa;
  }

  private catalogQuery(ev: GenEvent, rng: Rng, entry: DomainEntry, aaaa: boolean): void {
    const answers = this.answersFor(resolutionOfEntry(entry), aaaa, ev.host, rng);
    if (answers === null) this.set(ev, entry.name, 28, 'NODATA', NONE, rng);
    else this.set(ev, entry.name, aaaa ? 28 : 1, 'NOERROR', answers, rng);
  }

  private browser(ev: GenEvent, rng: Rng): void {
    const x = rng.float();
    if (x < 0.76) return this.catalogQuery(ev, rng, this.web.pick(rng), false);
    if (x < 0.86) return this.catalogQuery(ev, rng, this.web.pick(rng), true);
    if (x < 0.92) return this.catalogQuery(ev, rng, this.cloudfront.pick(rng), rng.chance(0.2));
    if (x < 0.95) return this.catalogQuery(ev, rng, this.akamai.pick(rng), rng.chance(0.2));
    if (x < 0.955) return this.set(ev, rng.pick(EXTERNAL_STALE), 1, 'NXDOMAIN', NONE, rng);
    return this.catalogQuery(ev, rng, rng.pick(BROWSER_CERT_NAMES), false);
  }

  private shell(ev: GenEvent, rng: Rng): void {
    const x = rng.float();
    if (x < 0.8) return this.catalogQuery(ev, rng, this.microsoft.pick(rng), rng.chance(0.15));
    if (x < 0.97) {
      const name = rng.pick(INTERNAL_NAMES);
      return this.set(ev, `${name}.${AD_DOMAIN}`, 1, 'NOERROR', internalA(name), rng);
    }
    return this.set(ev, rng.pick(INTERNAL_STALE), 1, 'NXDOMAIN', NONE, rng);
  }

  private svchost(ev: GenEvent, rng: Rng): void {
    const x = rng.float();
    if (x < 0.62) return this.catalogQuery(ev, rng, this.windows.pick(rng), false);
    if (x < 0.7) return this.catalogQuery(ev, rng, this.windows.pick(rng), true);
    if (x < 0.76) {
      // WinHTTP proxy auto-discovery: the devolved name is NXDOMAIN, the bare label times out.
      if (rng.chance(0.7)) return this.set(ev, `wpad.${AD_DOMAIN}`, 1, 'NXDOMAIN', NONE, rng);
      return this.set(ev, 'wpad', 1, 'TIMEOUT', NONE, rng);
    }
    if (x < 0.86) return this.ptr(ev, rng);
    if (x < 0.97) {
      const name = rng.pick(INTERNAL_NAMES);
      return this.set(ev, `${name}.${AD_DOMAIN}`, 1, 'NOERROR', internalA(name), rng);
    }
    return this.set(ev, rng.pick(INTERNAL_STALE), 1, 'NXDOMAIN', NONE, rng);
  }

  private ptr(ev: GenEvent, rng: Rng): void {
    if (rng.chance(0.7)) {
      const target = rng.pick(this.fleet);
      const rev = `${target.ip.split('.').reverse().join('.')}.in-addr.arpa`;
      const name = target.computer.toLowerCase();
      return this.set(ev, rev, 12, 'NOERROR', [{ type: 12, value: name, ttl: 1200 }], rng);
    }
    const rev = `${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.pick([52, 104, 151, 185, 20, 40])}.in-addr.arpa`;
    return this.set(ev, rev, 12, 'NXDOMAIN', NONE, rng);
  }

  /** File-reputation lookup: a hash as a hex label under the vendor's zone, answered with 127.x. */
  private av(ev: GenEvent, rng: Rng, zone: string, hexLen: number): void {
    if (rng.chance(0.15)) return this.catalogQuery(ev, rng, this.defender.pick(rng), false);
    const hash = rng.chance(0.4) ? this.avHashes.pick(rng).slice(0, hexLen) : rng.hex(hexLen);
    const qname = zone === 'sophosxl.net' ? `${hash}.${rng.hex(2)}.${rng.pick(['f', 'u', 'i'])}.sophosxl.net` : `${hash}.${zone}`;
    const answer = { type: 1, value: `127.0.${rng.int(0, 4)}.${rng.pick([0, 1, 2, 16, 64, 128])}`, ttl: 3600 };
    return this.set(ev, qname, 1, 'NOERROR', [answer], rng);
  }

  private mail(ev: GenEvent, rng: Rng): void {
    const domain = this.senders.pick(rng);
    const recs = mailRecords(domain);
    const x = rng.float();
    if (x < 0.3) return this.set(ev, domain, 16, 'NOERROR', recs.apex, rng);
    if (x < 0.5) return this.set(ev, recs.dkimName, 16, 'NOERROR', recs.dkim, rng);
    if (x < 0.7) return this.set(ev, `_dmarc.${domain}`, 16, 'NOERROR', recs.dmarc, rng);
    if (x < 0.8) {
      const inc = rng.pick(['_spf.google.com', 'spf.protection.outlook.com', 'sendgrid.net', 'mailgun.org']);
      return this.set(ev, inc, 16, 'NOERROR', mailRecords(inc).apex.slice(0, 1), rng);
    }
    if (x < 0.92) return this.set(ev, domain, 15, 'NOERROR', recs.mx, rng);
    return this.catalogQuery(ev, rng, recs.mxEntry, false);
  }

  /** Chromium's intranet-redirect probe: a random single label of 7–15 letters. */
  static chromiumProbe(rng: Rng): string {
    return rng.chars(LOWER, rng.int(7, 15));
  }
}
