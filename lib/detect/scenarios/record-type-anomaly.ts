/**
 * record-type-anomaly: iodine over NULL, dns2tcp over KEY and an ANY flood fire; ordinary record
 * types (including DNSSEC, HTTPS, SRV, PTR, CAA) and a modest number of ANY queries stay silent.
 */
import type { TestEvent } from '../../testing/store-builder';
import { draw, IODINE_B32, rng, T0 } from './encoded-label-tunnel';

const r = rng(6);
export const fires: TestEvent[] = [
  ...Array.from({ length: 200 }, (_, i): TestEvent => ({
    t: T0 + i * 0.3,
    host: '10.0.0.23',
    qname: `${i % 7 === 0 ? 'p' : '0'}${draw(r, IODINE_B32, 56)}.${draw(r, IODINE_B32, 20)}.t.iodine-example.org`,
    qtype: 10,
  })),
  ...Array.from({ length: 10 }, (_, i): TestEvent => ({
    t: T0 + 300 + i,
    host: 'LNX2',
    image: '/usr/bin/dns2tcpc',
    qname: `${draw(r, IODINE_B32, 40)}.tcp.dns2tcp-example.net`,
    qtype: 25,
  })),
  ...Array.from({ length: 250 }, (_, i): TestEvent => ({
    t: T0 + 600 + i * 0.1,
    host: '10.0.0.99',
    qname: `target${i % 5}.example.org`,
    qtype: 255,
  })),
];

const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';
const types: [number, string][] = [
  [1, 'www.example.com'],
  [28, 'www.example.com'],
  [16, 'example.com'],
  [33, '_ldap._tcp.dc._msdcs.corp.example.com'],
  [12, '5.0.0.10.in-addr.arpa'],
  [6, 'corp.example.com'],
  [65, 'www.cloudflare.com'],
  [43, 'example.com'],
  [48, 'example.com'],
  [15, 'example.com'],
  [257, 'example.com'],
  [0, 'unknown-type.example.com'],
];
export const silent: TestEvent[] = [
  ...Array.from({ length: 600 }, (_, i): TestEvent => {
    const [qtype, qname] = types[i % types.length] as [number, string];
    return { t: T0 + i, host: `WS${i % 4}`, image: SVCHOST, qname, qtype };
  }),
  // a resolver health check sending some ANY queries: below the ESCU 200
  ...Array.from({ length: 150 }, (_, i): TestEvent => ({ t: T0 + i * 60, host: 'MON1', qname: 'example.com', qtype: 255 })),
];
