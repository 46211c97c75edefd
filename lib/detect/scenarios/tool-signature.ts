/**
 * tool-signature: Cobalt Strike (stager, put, idle check-ins), dnscat2 (header shape with echoed
 * answers), DNSExfiltrator, dns2tcp and iodine handshakes fire; staging environments, random hex
 * telemetry names, sinkholed trackers and post./www. host names stay silent.
 */
import type { TestEvent } from '../../testing/store-builder';
import { draw, HEX, rng, T0 } from './encoded-label-tunnel';

const r = rng(8);
const BEACON = 'C:\\Windows\\System32\\rundll32.exe';
const txt = (value: string) => ({ type: 16, value });
const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export const fires: TestEvent[] = [
  ...['aaa', 'baa', 'caa', 'daa'].map((c, i): TestEvent => ({
    t: T0 + i, host: 'WS6', image: BEACON, qname: `${c}.stage.123456.ns1.cs-example.net`, qtype: 16, answers: [txt(draw(r, B64U, 255))],
  })),
  ...Array.from({ length: 10 }, (_, i): TestEvent => ({
    t: T0 + 60 * (i + 1), host: 'WS6', image: BEACON, qname: '29735a1c.ns1.cs-example.net', answers: ['0.0.0.0'],
  })),
  {
    t: T0 + 700, host: 'WS6', image: BEACON, qname: `post.1${draw(r, HEX, 56)}.${draw(r, HEX, 8)}.29735a1c.ns1.cs-example.net`, answers: ['0.0.0.0'],
  },
  // dnscat2 MSG packets: packet id, type 01, session 8f3a, seq/ack; the server echoes the session
  ...Array.from({ length: 30 }, (_, i): TestEvent => ({
    t: T0 + 1000 + i,
    host: '192.168.1.50',
    qname: `${draw(r, HEX, 4)}018f3a${draw(r, HEX, 8)}.dnsc.dnscat-example.com`,
    qtype: 16,
    answers: [txt(`${draw(r, HEX, 4)}018f3a${draw(r, HEX, 8)}`)],
    ttl: 60,
  })),
  { t: T0 + 2000, host: 'WS2', image: 'C:\\Users\\x\\dnsExfiltrator.exe', qname: 'init.onswg4tforzs4zdpmn4hynbs.base64.exfil.example.net', qtype: 16, answers: [txt('OK')], ttl: 0 },
  { t: T0 + 2100, host: 'LNX1', image: '/usr/bin/dns2tcpc', qname: 'aGVsbG8=auth.dns2tcp-example.org', qtype: 16 },
  { t: T0 + 2200, host: 'LNX3', image: '/usr/sbin/iodine', qname: 'vaaaakaxyzw.t.iodine-example.org', qtype: 10 },
];

export const silent: TestEvent[] = [
  // a staging environment and ordinary post./www./api. host names
  ...['aaa.stage.example.com', 'api.stage.example.com', 'post.example.com', 'post.1und1.de', 'www.12345678.cdn-example.com', 'cdn.example.com', 'api.github.com', 'www6.example.org'].map(
    (qname, i): TestEvent => ({ t: T0 + i, host: 'WS1', image: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe', qname, answers: ['93.184.216.34'] }),
  ),
  // random 32-hex telemetry labels (Microsoft footprint-style), many names
  ...Array.from({ length: 300 }, (_, i): TestEvent => ({ t: T0 + i, host: 'WS1', image: 'C:\\Windows\\System32\\svchost.exe', qname: `${draw(r, HEX, 32)}.clo.telemetry-example.com`, qtype: 1, answers: ['13.107.4.52'] })),
  // a DNS filter sinkholing trackers, some with hex labels (blocked answers keep TTL 10)
  ...Array.from({ length: 20 }, (_, i): TestEvent => ({ t: T0 + i * 30, host: 'WS1', image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', qname: i % 2 ? 'ads.tracker-example.com' : '1a2b3c4d.tracker-example.com', answers: ['0.0.0.0'], ttl: 10 })),
  // long hex labels (Sliver's alphabet contains hex): not Sliver
  ...Array.from({ length: 20 }, (_, i): TestEvent => ({ t: T0 + i, host: 'WS1', image: 'C:\\app.exe', qname: `${draw(r, HEX, 48)}.assets.cdn-example.com` })),
  // Chromium's random single-label probes
  ...['zsvtcebybn', 'qwhkdmsxq', 'lkjhgfdsapo'].map((qname, i): TestEvent => ({ t: T0 + i, host: 'WS1', image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', qname, status: 'TIMEOUT' })),
  // DNS-SD names with '=' in multicast DNS
  { t: T0, host: '192.168.0.8', qname: 'k=v=x._http._tcp.local', qtype: 16 },
];
