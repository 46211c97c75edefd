/**
 * resolver-bypass scenarios (Zeek-like: host = client address, resolver = id.resp_h).
 * fires: an office whose six clients use the internal resolver 10.0.0.2, where one client's
 * DNSStager Go agent asks 8.8.8.8 directly and another client's dnscat2 talks straight to its
 * server (203.0.113.53) for one domain.
 * silent: the same office with the resolver forwarding to 8.8.8.8, a recursive resolver talking
 * to many authoritative servers, a VPN laptop on a branch resolver, and mDNS, LLMNR and NetBIOS
 * chatter (multicast, broadcast, NBSTAT to external hosts).
 */
import type { TestEvent } from '../../testing/store-builder';

const T0 = Date.UTC(2024, 2, 8, 9, 0, 0) / 1000;
const CLIENTS = ['10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.14', '10.0.0.15', '10.0.0.16'];
const SITES = ['www.google.com', 'outlook.office365.com', 'github.com', 'www.bbc.co.uk', 'slack.com'];

const q = (t: number, host: string, resolver: string, qname: string, extra: Partial<TestEvent> = {}): TestEvent => ({
  t,
  host,
  client: host,
  resolver,
  qname,
  answers: ['192.0.2.80'],
  ...extra,
});

function office(): TestEvent[] {
  return CLIENTS.flatMap((c, i) => SITES.flatMap((s, k) => Array.from({ length: 4 }, (_, j) => q(T0 + i * 7 + k * 60 + j * 900, c, '10.0.0.2', s))));
}

function attacks(): TestEvent[] {
  const out: TestEvent[] = [q(T0 + 3000, '10.0.0.14', '8.8.8.8', 'cdn0fakedns.live', { qtype: 'AAAA', status: 'NXDOMAIN', answers: [] })];
  for (let i = 0; i < 30; i++) out.push(q(T0 + 3100 + i * 2, '10.0.0.14', '8.8.8.8', `cdn${i}.fakedns.live`, { qtype: 16, answers: [{ type: 16, value: 'ZmM0ODgz' }] }));
  for (let i = 0; i < 200; i++) {
    const hex = (0x6dde0175 + i * 7919).toString(16).padStart(8, '0');
    out.push(q(T0 + 4000 + i, '10.0.0.15', '203.0.113.53', `${hex}375169c68f.dnsc.r-1x.com`, { qtype: 16, answers: [{ type: 16, value: `302f${hex}` }], ttl: 60 }));
  }
  return out;
}

export const fires: TestEvent[] = [...office(), ...attacks()].sort((a, b) => a.t - b.t);

function noise(): TestEvent[] {
  const out: TestEvent[] = [];
  for (let i = 0; i < 40; i++) {
    const t = T0 + i * 120;
    out.push(q(t, '10.0.0.2', '8.8.8.8', SITES[i % SITES.length] as string)); // the resolver forwards
    out.push(q(t + 1, '10.0.0.3', `198.51.100.${1 + (i % 15)}`, `ns${i}.example-zone${i % 15}.com`)); // a recursor
    out.push(q(t + 2, '10.8.0.7', '10.1.0.2', SITES[i % SITES.length] as string)); // VPN laptop
    out.push(q(t + 3, '10.0.0.12', '224.0.0.251', '_googlecast._tcp.local', { qtype: 12, status: 'NO_RESPONSE', answers: [] }));
    out.push(q(t + 4, 'fe80::1cf5:d76b:681a:e11a', 'ff02::fb', 'printer.local', { qtype: 28, status: 'NO_RESPONSE', answers: [] }));
    out.push(q(t + 5, '10.0.0.13', '224.0.0.252', 'fileserver', { status: 'NO_RESPONSE', answers: [] }));
    out.push(q(t + 6, '10.0.0.13', '10.0.0.255', 'wpad', { qtype: 32, status: 'NO_RESPONSE', answers: [] }));
    out.push(q(t + 7, '10.0.0.16', '74.125.136.132', '*\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00', { qtype: 33, status: 'NO_RESPONSE', answers: [] }));
    out.push(q(t + 8, '10.0.0.16', '10.0.0.42', '192-168-0-8.local', { status: 'NO_RESPONSE', answers: [] }));
  }
  return out;
}

export const silent: TestEvent[] = [...office(), ...noise()].sort((a, b) => a.t - b.t);
