import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../enrich/domain';
import { stageLabel, putNames } from './attack-cobaltstrike';
import { ATTACK_IDS } from './attacks';
import { aaaaAnswers, msfLikeStager } from './dnsstager';
import { asciiBytes, base32 } from './encoding';
import { planEvents, planHunt } from './hunt';
import type { GenEvent } from './model';

const plan = planHunt({ seed: 17, format: 'zeek-tsv', benignRows: 0 });
const all = [...planEvents(plan)];
const of = (id: string): GenEvent[] => all.filter((e) => e.attack === ATTACK_IDS.indexOf(id));
const labels = (e: GenEvent) => e.qname.split('.');
const gaps = (evs: readonly GenEvent[]) => evs.slice(1).map((e, i) => e.time - evs[i]!.time);

describe('attack simulations', () => {
  it('declare a registrable domain that every query name of theirs belongs to', () => {
    for (const { spec, run } of plan.attacks) {
      if (run.zone === null) continue;
      expect(registrableDomain(run.zone), spec.id).toBe(run.domain);
      for (const e of of(spec.id)) expect(e.qname === run.zone || e.qname.endsWith(`.${run.zone}`), `${spec.id} ${e.qname}`).toBe(true);
    }
  });

  it('dnsstager-aaaa: 32 AAAA names cloud-srv-0..31 one second apart, TTL 300, then NODATA for cloud-srv-32', () => {
    const evs = of('dnsstager-aaaa');
    const expected = aaaaAnswers(msfLikeStager(), 0x0a);
    expect(evs).toHaveLength(33);
    evs.slice(0, 32).forEach((e, i) => {
      expect(e.qname).toBe(`cloud-srv-${i}.test.mydnsserver.live`);
      expect(e.answers).toEqual([{ type: 28, value: expected[i], ttl: 300 }]);
      expect(e.proc.image).toMatch(/\\Desktop\\dns_stager\.exe$/);
      expect(e.sysmon).toBe(true);
    });
    expect(evs[32]).toMatchObject({ qname: 'cloud-srv-32.test.mydnsserver.live', status: 'NODATA', answers: [] });
    // decoding the logged answers (XOR 0x0a) gives back the stager, then dnslib's zero padding
    const wire = Buffer.concat(evs.slice(0, 32).map((e) => Buffer.from(ipaddr.IPv6.parse(e.answers[0]!.value).toByteArray())));
    const decoded = wire.map((b, i) => (i < 510 ? b ^ 0x0a : b));
    expect(Buffer.from(decoded.subarray(0, 510)).equals(Buffer.from(msfLikeStager()))).toBe(true);
    const details = plan.attacks[ATTACK_IDS.indexOf('dnsstager-aaaa')]!.run.details;
    expect(details['reassembledSha256']).toBe(createHash('sha256').update(decoded).digest('hex'));
    expect(details['payloadSha256']).toBe(createHash('sha256').update(decoded.subarray(0, 510)).digest('hex'));
    for (const g of gaps(evs)) expect(g).toBeGreaterThanOrEqual(1020);
    for (const g of gaps(evs)) expect(g).toBeLessThanOrEqual(1060);
  });

  it('dnsstager-txt: 7 TXT records of 200 chars (last shorter) from 8.8.8.8, invisible to Sysmon', () => {
    const evs = of('dnsstager-txt');
    expect(evs.map((e) => e.qname)).toEqual(Array.from({ length: 8 }, (_, i) => `cdn${i}.fakedns.live`));
    expect(evs.slice(0, 6).every((e) => e.answers[0]?.value.length === 200)).toBe(true);
    expect(evs.every((e) => e.resolver === '8.8.8.8' && !e.sysmon && e.qtype === 16)).toBe(true);
    expect(evs[7]?.status).toBe('NODATA');
  });

  it('cobaltstrike-dns: base-26 stager names, 0.0.0.0 pings with TTL 1 every 54–60 s, api./www./post. transfers', () => {
    const evs = of('cobaltstrike-dns');
    expect(evs[0]?.qname).toBe('aaa.stage.123456.ns1.sync-telemetry.net');
    expect(evs[1]?.qname).toBe('baa.stage.123456.ns1.sync-telemetry.net');
    expect(evs[0]?.answers[0]?.value).toHaveLength(255);
    const pings = evs.filter((e) => labels(e).length === 4 && /^[0-9a-f]+$/.test(labels(e)[0]!));
    expect(pings.length).toBeGreaterThan(200);
    expect(pings.filter((e) => e.answers[0]?.value === '0.0.0.0').length).toBeGreaterThan(200);
    expect(pings.every((e) => e.answers[0]?.ttl === 1)).toBe(true);
    for (const g of gaps(pings)) expect(g).toBeGreaterThanOrEqual(54_000);
    expect(evs.some((e) => e.qname.startsWith('api.') && e.qtype === 16 && e.answers[0]?.value.length === 252)).toBe(true);
    expect(evs.some((e) => e.qname.startsWith('www6.') && e.qtype === 28 && e.answers[0]?.type === 28)).toBe(true);
    expect(evs.some((e) => e.qname.startsWith('cdn.') && e.qtype === 1)).toBe(true);
    expect(pings.filter((e) => /^0\.0\.0\.24[1-7]$/.test(e.answers[0]?.value ?? '')).length).toBe(5);
    expect(evs.some((e) => e.qname.startsWith('www.'))).toBe(true);
    const post = evs.filter((e) => e.qname.startsWith('post.'));
    expect(post.length).toBeGreaterThan(0);
    expect(post.every((e) => /^post\.[1-4][0-9a-f]{1,56}\./.test(e.qname) && e.qname.length <= 253)).toBe(true);
  });

  it('cobaltstrike helpers: little-endian base-26 counter and ≤ 4 data labels of 56 hex per put', () => {
    expect([0, 1, 25, 26, 27].map(stageLabel)).toEqual(['aaa', 'baa', 'zaa', 'aba', 'bba']);
    const names = putNames('post.', 'ab'.repeat(200), '1234567', '29735a1c.ns1.example.net');
    expect(names[0]).toMatch(/^post\.3[0-9a-f]{56}\.[0-9a-f]{56}\.[0-9a-f]{56}\.11234567\.29735a1c\.ns1\.example\.net$/);
    expect(names[1]).toMatch(/^post\.[1-4][0-9a-f]+(\.[0-9a-f]+)*\.21234567\./);
  });

  it('dnscat2: hex names ≤ 60-char labels, TXT/CNAME/MX at random, TTL 60, about one query a second, Zeek only', () => {
    const evs = of('dnscat2');
    expect(evs.length).toBeGreaterThan(400);
    for (const e of evs) {
      const data = e.qname.slice(0, -'.dnsc.cloudsync-api.com'.length).split('.');
      expect(data.every((l) => /^[0-9a-f]{1,60}$/.test(l)), e.qname).toBe(true);
      expect(e.answers[0]?.ttl).toBe(60);
      expect(e.sysmon).toBe(false);
    }
    expect(new Set(evs.map((e) => e.qtype))).toEqual(new Set([5, 15, 16]));
    const idle = gaps(evs).filter((g) => g > 900);
    expect(idle.length).toBeGreaterThan(evs.length / 2);
  });

  it('iodine: NULL queries, base32 data dotted every 57 chars, names ≤ 253', () => {
    const evs = of('iodine');
    expect(evs.every((e) => e.qtype === 10 && e.answers[0]?.type === 10 && !e.sysmon)).toBe(true);
    const data = evs.filter((e) => e.qname.length > 200);
    expect(data.length).toBeGreaterThan(10);
    for (const e of data) {
      expect(e.qname.length).toBeLessThanOrEqual(253);
      expect(labels(e).slice(0, -3).slice(0, -1).every((l) => l.length === 57 && /^[a-z0-5]+$/.test(l))).toBe(true);
    }
  });

  it('dnsexfiltrator: base32 init name announcing the chunks, numbered base64url chunks, TXT acks with TTL 0', () => {
    const evs = of('dnsexfiltrator');
    const init = evs[0]!;
    const chunks = evs.length - 1;
    expect(init.qname).toBe(`init.${base32(asciiBytes(`Q3-financials.xlsx|${chunks}`))}.base64.exfil.driveshare-sync.net`);
    expect(init.answers[0]).toMatchObject({ type: 16, value: 'OK', ttl: 0 });
    evs.slice(1).forEach((e, n) => {
      expect(labels(e)[0]).toBe(String(n));
      expect(labels(e)[1]).toMatch(/^[A-Za-z0-9_-]{63}$/);
      expect(e.answers[0]?.value).toBe(String(n));
    });
  });

  it('dns2tcp: =auth. =resource. =connect. control names then unpadded base64 labels, names ≤ 200, TXT', () => {
    const evs = of('dns2tcp');
    expect(evs.slice(0, 3).map((e) => labels(e)[1])).toEqual(['=auth', '=resource', '=connect']);
    expect(evs.every((e) => e.qtype === 16 && !e.sysmon)).toBe(true);
    expect(evs.slice(3).every((e) => labels(e).slice(0, -3).every((l) => /^[A-Za-z0-9+/]{1,63}$/.test(l)))).toBe(true);
    expect(evs.every((e) => e.qname.length <= 200)).toBe(true);
  });

  it('powershell-txt: start polls every 5 s, then 1., 2., … with 255-char base64 TXT from powershell.exe', () => {
    const evs = of('powershell-txt');
    const polls = evs.filter((e) => e.qname === 'start.winupd-check.com');
    expect(polls.length).toBeGreaterThanOrEqual(6);
    for (const g of gaps(polls)) expect(Math.abs(g - 5000)).toBeLessThanOrEqual(40);
    const parts = evs.filter((e) => /^\d+\.winupd-check\.com$/.test(e.qname));
    expect(parts.map((e) => e.qname)).toEqual(parts.map((_, i) => `${i + 1}.winupd-check.com`));
    expect(parts.slice(0, -1).every((e) => e.answers[0]?.value.length === 255)).toBe(true);
    expect(evs.every((e) => e.proc.image.endsWith('\\powershell.exe') && e.sysmon)).toBe(true);
  });

  it('dga: bursts of random second-level domains, mostly NXDOMAIN, every ~30 min', () => {
    const evs = of('dga');
    const nx = evs.filter((e) => e.status === 'NXDOMAIN').length;
    expect(nx / evs.length).toBeGreaterThan(0.9);
    expect(new Set(evs.map((e) => registrableDomain(e.qname))).size).toBeGreaterThan(evs.length * 0.95);
    const bursts = gaps(evs).filter((g) => g > 20 * 60_000);
    expect(bursts.length).toBeGreaterThanOrEqual(15);
  });

  it('low-slow-beacon: one lookup of one name every 4 h ± 2 min across the whole span', () => {
    const evs = of('low-slow-beacon');
    expect(new Set(evs.map((e) => e.qname))).toEqual(new Set(['cdn.officecdn-sync.com']));
    const periods = (plan.end - plan.start) / (4 * 3_600_000);
    expect(evs.length).toBeGreaterThanOrEqual(Math.floor(periods) - 1);
    expect(evs.length).toBeLessThanOrEqual(Math.ceil(periods));
    for (const g of gaps(evs)) expect(Math.abs(g - 4 * 3_600_000)).toBeLessThanOrEqual(240_000);
    expect(evs[evs.length - 1]!.time - evs[0]!.time).toBeGreaterThan(2 * 86_400_000);
  });

  it('resolver-bypass: queries sent to 8.8.8.8 every ~5 min, invisible to Sysmon', () => {
    const evs = of('resolver-bypass');
    expect(evs.length).toBeGreaterThan(40);
    expect(evs.every((e) => e.resolver === '8.8.8.8' && !e.sysmon)).toBe(true);
  });

  it('volume-burst: more than 1 000 queries in a minute from one process, mostly NXDOMAIN', () => {
    const evs = of('volume-burst');
    const t0 = evs[0]!.time;
    expect(evs.filter((e) => e.time < t0 + 60_000).length).toBeGreaterThan(1000);
    expect(evs.filter((e) => e.status === 'NXDOMAIN').length / evs.length).toBeGreaterThan(0.9);
    expect(new Set(evs.map((e) => e.qname)).size).toBe(evs.length);
  });
});
