/**
 * encoded-label-tunnel: a dnscat2-shaped hex tunnel (Sysmon-like, with a process) and an iodine
 * base32 tunnel (Zeek-like, host only) fire; vendor hash lookups, DKIM selectors, CDN names,
 * readable long labels and fleet-wide low-volume hash lookups stay silent.
 */
import type { TestEvent } from '../../testing/store-builder';
import { rng } from './rng';

export { rng };

/** `n` characters drawn uniformly from `alphabet`. */
export function draw(rand: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

export const HEX = '0123456789abcdef';
export const IODINE_B32 = 'abcdefghijklmnopqrstuvwxyz012345';
export const RFC_B32 = 'abcdefghijklmnopqrstuvwxyz234567';
export const T0 = 1_700_000_000;

const r = rng(4);
const TUNNEL_EXE = 'C:\\Users\\alice\\AppData\\Local\\Temp\\update-helper.exe';
const types = [16, 5, 15] as const;

export const fires: TestEvent[] = [
  // dnscat2 with data: 60-hex labels, TXT/CNAME/MX at random, about one query a second
  ...Array.from({ length: 60 }, (_, i): TestEvent => ({
    t: T0 + i,
    host: 'WS7',
    image: TUNNEL_EXE,
    qname: `${draw(r, HEX, 60)}.${draw(r, HEX, 36)}.c2.tunnel-example.net`,
    qtype: types[i % 3],
    ttl: 60,
  })),
  // iodine upstream data over NULL: hex user id, base32 dotted every 57 characters
  ...Array.from({ length: 40 }, (_, i): TestEvent => ({
    t: T0 + 100 + i * 4,
    host: '10.0.0.23',
    qname: `0${draw(r, IODINE_B32, 56)}.${draw(r, IODINE_B32, 57)}.${draw(r, IODINE_B32, 20)}.t.iodine-example.org`,
    qtype: 10,
  })),
];

const MCAFEE = 'C:\\Program Files\\McAfee\\Endpoint Security\\Threat Prevention\\mfetp.exe';
const EXCHANGE = 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\EdgeTransport.exe';
export const silent: TestEvent[] = [
  // McAfee GTI file reputation: hash-derived long labels, hundreds per minute
  ...Array.from({ length: 150 }, (_, i): TestEvent => ({
    t: T0 + i * 2,
    host: 'WS7',
    image: MCAFEE,
    qname: `0.0.0.0.1.0.0.4e.${draw(r, RFC_B32, 52)}.avqs.mcafee.com`,
    answers: ['127.0.4.8'],
  })),
  // Sophos Live Protection lookups
  ...Array.from({ length: 80 }, (_, i): TestEvent => ({
    t: T0 + i * 3,
    host: 'WS8',
    image: 'C:\\Program Files\\Sophos\\Sophos Anti-Virus\\SavService.exe',
    qname: `${draw(r, HEX, 56)}.${draw(r, HEX, 8)}.4.sophosxl.net`,
    answers: ['127.0.0.1'],
  })),
  // ESET LiveGrid
  ...Array.from({ length: 40 }, (_, i): TestEvent => ({
    t: T0 + i * 5,
    host: 'WS9',
    image: 'C:\\Program Files\\ESET\\ESET Security\\ekrn.exe',
    qname: `${draw(r, RFC_B32, 54)}.dnsj.e5.sk`,
  })),
  // Trend Micro reputation, Apple push and Microsoft telemetry names with long base32-ish labels
  ...Array.from({ length: 90 }, (_, i): TestEvent => ({
    t: T0 + i * 4,
    host: 'WS10',
    image: ['C:\\Program Files\\Trend Micro\\OfficeScan Client\\NTRtScan.exe', 'C:\\Program Files\\iTunes\\iTunes.exe', 'C:\\Windows\\System32\\svchost.exe'][i % 3],
    qname: [`${draw(r, HEX, 52)}.url.trendmicro.com`, `${draw(r, RFC_B32, 52)}.courier.push.apple.com`, `${draw(r, RFC_B32, 52)}.events.data.microsoft.com`][i % 3] as string,
  })),
  // a mail relay checking DKIM signatures: long selectors under _domainkey
  ...Array.from({ length: 60 }, (_, i): TestEvent => ({
    t: T0 + i * 7,
    host: 'MX1',
    image: EXCHANGE,
    qname: `${draw(r, RFC_B32, 52)}._domainkey.mail-sender${i % 3}.example.com`,
    qtype: 16,
    answers: [{ type: 16, value: `v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${draw(r, HEX, 40)}` }],
  })),
  // CDN edge names with long hash labels
  ...Array.from({ length: 40 }, (_, i): TestEvent => ({
    t: T0 + i * 10,
    host: 'WS7',
    image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    qname: `${draw(r, HEX, 52)}.g.akamaiedge.net`,
    answers: ['23.61.199.131'],
  })),
  // long but readable labels (microservices behind one load balancer)
  ...Array.from({ length: 30 }, (_, i): TestEvent => ({
    t: T0 + i * 9,
    host: 'BUILD1',
    image: 'C:\\Tools\\agent\\Agent.Worker.exe',
    qname: `team-${['payments', 'search', 'catalog', 'identity', 'billing', 'reporting'][i % 6]}-frontend-loadbalancer-production-east-${i}.svc.example.com`,
    answers: ['10.20.30.40'],
  })),
  // an unknown vendor's hash lookups across a fleet: each host only a handful of names
  ...Array.from({ length: 120 }, (_, i): TestEvent => ({
    t: T0 + i * 2,
    host: `WS${100 + (i % 30)}`,
    image: 'C:\\Program Files\\Vendor\\rep-agent.exe',
    qname: `${draw(r, HEX, 56)}.rep.vendor-example.com`,
    answers: ['127.0.0.2'],
  })),
];
