/**
 * subdomain-fanout: a stageless DNSStager download (1 200 AAAA names) and a hex tunnel with 600
 * unique names fire; big CDN/cloud/platform zones, reverse lookups and mDNS stay silent.
 */
import type { TestEvent } from '../../testing/store-builder';
import { draw, HEX, rng, T0 } from './encoded-label-tunnel';

const r = rng(5);
const STAGER = 'C:\\Users\\sara\\Desktop\\dns_stager.exe';

export const fires: TestEvent[] = [
  ...Array.from({ length: 1200 }, (_, i): TestEvent => ({
    t: T0 + i,
    host: 'WS3',
    image: STAGER,
    qname: `cdn${i}.fakedns.live`,
    qtype: 'AAAA',
    answers: [`${draw(r, HEX, 4)}:${draw(r, HEX, 4)}:${draw(r, HEX, 4)}:${draw(r, HEX, 4)}::1`],
    ttl: 300,
  })),
  ...Array.from({ length: 600 }, (_, i): TestEvent => ({
    t: T0 + i * 2,
    host: '10.1.2.3',
    qname: `${draw(r, HEX, 40)}.t.bulk-tunnel.net`,
    qtype: 16,
  })),
];

const BROWSER = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
export const silent: TestEvent[] = [
  // many Akamai edge names, CloudFront distributions, AWS endpoints, Apple and Google services
  ...Array.from({ length: 300 }, (_, i): TestEvent => ({ t: T0 + i, image: BROWSER, qname: `e${1000 + i}.a.akamaiedge.net`, answers: ['23.61.199.131'] })),
  ...Array.from({ length: 200 }, (_, i): TestEvent => ({ t: T0 + i, image: BROWSER, qname: `d${draw(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 13)}.cloudfront.net`, answers: ['13.32.1.' + (i % 250)] })),
  ...Array.from({ length: 200 }, (_, i): TestEvent => ({ t: T0 + i, image: 'C:\\Tools\\aws.exe', qname: `bucket-${i}.s3.us-east-1.amazonaws.com`, answers: ['52.216.1.1'] })),
  ...Array.from({ length: 150 }, (_, i): TestEvent => ({ t: T0 + i, image: BROWSER, qname: `r${i % 20}---sn-${draw(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 8)}.googlevideo.com` })),
  ...Array.from({ length: 150 }, (_, i): TestEvent => ({ t: T0 + i, host: 'MAC1', qname: `${i}-courier.push.apple.com`, answers: ['17.57.144.1'] })),
  // reverse lookups and multicast DNS
  ...Array.from({ length: 300 }, (_, i): TestEvent => ({ t: T0 + i, host: '10.0.0.5', qname: `${i % 250}.${Math.floor(i / 250)}.168.192.in-addr.arpa`, qtype: 12 })),
  ...Array.from({ length: 200 }, (_, i): TestEvent => ({ t: T0 + i, host: '10.0.0.6', qname: `device-${i}._airplay._tcp.local`, qtype: 16 })),
  // an office domain with 90 host names (below the RITA base of 100)
  ...Array.from({ length: 90 }, (_, i): TestEvent => ({ t: T0 + i, host: 'WS1', qname: `host-${String(i).padStart(3, '0')}.corp.example.com`, answers: ['10.9.0.' + i] })),
];
