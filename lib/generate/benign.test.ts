import { describe, expect, it } from 'vitest';
import { planEvents, planHunt } from './hunt';
import type { GenEvent } from './model';

const plan = planHunt({ seed: 13, format: 'zeek-tsv', benignRows: 40_000, attacks: 'none' });
const events: GenEvent[] = [...planEvents(plan)];
const answersOf = (type: number) => events.flatMap((e) => e.answers.filter((a) => a.type === type).map((a) => ({ e, a })));

/** RIR-allocated prefixes the answer builders use (dns-c2-facts.md §2). */
const ALLOCATED_V6 = [/^2606:4700:/, /^2a00:1450:/, /^2620:1ec:[0-9a-f]{1,3}:/, /^2603:1036:/, /^2a04:4e42:/, /^2600:9000:/, /^2a03:2880:/, /^2600:1406:/, /^2a02:26f0:/, /^2620:0:861:/, /^2a02:ec80:/];

describe('benign traffic', () => {
  it('has exactly the asked number of rows, in time order, within the span', () => {
    expect(events).toHaveLength(40_000);
    for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time);
    expect(events[0]!.time).toBeGreaterThanOrEqual(plan.start);
    expect(events[events.length - 1]!.time).toBeLessThan(plan.end + 1000);
  });

  it('follows office hours: more queries at 10–16 h than at 0–6 h UTC', () => {
    const hourOf = (e: GenEvent) => new Date(e.time).getUTCHours();
    const day = events.filter((e) => hourOf(e) >= 10 && hourOf(e) < 16).length;
    const night = events.filter((e) => hourOf(e) < 6).length;
    expect(day).toBeGreaterThan(4 * night);
  });

  it('resolves CDN hash names (cloudfront, akamaiedge) directly and through CNAME chains', () => {
    expect(events.some((e) => /^d[a-z0-9]{13}\.cloudfront\.net$/.test(e.qname))).toBe(true);
    expect(events.some((e) => /^e\d{1,5}\.[a-z]+\.akamaiedge\.net$/.test(e.qname))).toBe(true);
    expect(answersOf(5).some(({ a }) => /\.akamaiedge\.net$/.test(a.value))).toBe(true);
    expect(answersOf(5).some(({ a }) => /map\.fastly\.net$/.test(a.value))).toBe(true);
  });

  it('includes antivirus reputation lookups with long hex labels answered from 127/8', () => {
    const mcafee = events.filter((e) => /^[0-9a-f]{32}\.avqs\.mcafee\.com$/.test(e.qname));
    const sophos = events.filter((e) => /^[0-9a-f]{40}\.[0-9a-f]{2}\.[a-z]\.sophosxl\.net$/.test(e.qname));
    expect(mcafee.length).toBeGreaterThan(20);
    expect(sophos.length).toBeGreaterThan(20);
    expect([...mcafee, ...sophos].every((e) => e.answers[0]?.value.startsWith('127.'))).toBe(true);
  });

  it('includes SPF, DKIM and DMARC TXT lookups with long answers split into 255-char strings', () => {
    const txt = answersOf(16);
    expect(txt.some(({ a }) => a.value.startsWith('v=spf1 '))).toBe(true);
    expect(txt.some(({ e, a }) => e.qname.startsWith('_dmarc.') && a.value.startsWith('v=DMARC1; '))).toBe(true);
    const dkim = txt.filter(({ e, a }) => e.qname.includes('._domainkey.') && a.value.length > 255);
    expect(dkim.length).toBeGreaterThan(0);
    expect(dkim.every(({ a }) => a.strings?.length === 2 && a.strings[0]!.length === 255)).toBe(true);
    expect(txt.some(({ a }) => a.value.startsWith('google-site-verification='))).toBe(true);
    expect(new Set(txt.map(({ e }) => e.proc.image))).toEqual(new Set(['C:\\Program Files (x86)\\hMailServer\\Bin\\hMailServer.exe']));
  });

  it('answers AAAA from allocated space, with DNS64 only on the DNS64 site', () => {
    const v6 = answersOf(28);
    const dns64 = v6.filter(({ a }) => a.value.startsWith('64:ff9b::'));
    expect(dns64.length).toBeGreaterThan(0);
    expect(dns64.every(({ e }) => e.host.dns64)).toBe(true);
    const others = v6.filter(({ a }) => !a.value.startsWith('64:ff9b::') && a.value !== 'fd3e:4f5a:5b81::1');
    expect(others.length).toBeGreaterThan(100);
    for (const { a } of others) expect(ALLOCATED_V6.some((re) => re.test(a.value)), a.value).toBe(true);
    for (const prefix of [/^2606:4700:/, /^2a00:1450:/, /^2620:1ec:/]) expect(others.some(({ a }) => prefix.test(a.value))).toBe(true);
  });

  it('has exactly periodic updaters: time.windows.com every hour on each host', () => {
    const byHost = new Map<string, number[]>();
    for (const e of events) if (e.qname === 'time.windows.com') byHost.set(e.host.computer, [...(byHost.get(e.host.computer) ?? []), e.time]);
    expect(byHost.size).toBeGreaterThan(0);
    for (const times of byHost.values()) {
      expect(times.length).toBeGreaterThanOrEqual(70);
      for (let i = 1; i < times.length; i++) expect(Math.abs(times[i]! - times[i - 1]! - 3_600_000)).toBeLessThanOrEqual(15);
    }
  });

  it('has Chromium probes: three random 7–15-letter single labels that time out over LLMNR', () => {
    const probes = events.filter((e) => e.status === 'TIMEOUT' && e.port === 5355);
    expect(probes.length).toBeGreaterThanOrEqual(3);
    expect(probes.every((e) => /^[a-z]{7,15}$/.test(e.qname) && /chrome|msedge/.test(e.proc.image))).toBe(true);
    const first = events.indexOf(probes[0]!);
    expect(events.slice(first, first + 3).every((e) => e.port === 5355 && e.proc === probes[0]!.proc)).toBe(true);
  });

  it('has wpad NXDOMAIN, reverse PTR and AD SRV lookups', () => {
    expect(events.some((e) => e.qname.startsWith('wpad') && (e.status === 'NXDOMAIN' || e.status === 'TIMEOUT'))).toBe(true);
    expect(events.some((e) => e.qname.endsWith('.in-addr.arpa') && e.qtype === 12 && e.answers[0]?.type === 12)).toBe(true);
    expect(events.some((e) => e.qname.startsWith('_ldap._tcp.') && e.qtype === 33 && e.answers[0]?.type === 33)).toBe(true);
  });

  it('uses only the site resolvers (and LLMNR), never a public resolver', () => {
    const resolvers = new Set(events.map((e) => e.resolver));
    expect(resolvers).toEqual(new Set(['10.0.0.53', '10.0.0.54', '10.20.0.53', '224.0.0.252']));
    expect(events.every((e) => e.sysmon && e.attack === -1)).toBe(true);
  });
});
