/**
 * volume-burst scenarios.
 * fires: a stageless DNSStager-style download, 3 000 AAAA names `cdnN.fakedns.live` back to back
 * (sleep 0, ~25 ms each) from a process that otherwise makes a few queries an hour.
 * silent: a browser busy all day (page loads of up to ~250 lookups a minute over many domains),
 * a software update touching 180 domains in one minute, a retry loop of one failing name,
 * a SIEM's reverse-lookup storm and an antivirus scan of hashed reputation names.
 */
import type { TestEvent } from '../../testing/store-builder';
import { rng } from './beacon-regularity';

const T0 = Date.UTC(2024, 2, 6, 8, 0, 0) / 1000;
const STAGER = 'C:\\Users\\lee\\Downloads\\invoice_viewer.exe';

function stageless(): TestEvent[] {
  const out: TestEvent[] = [];
  for (let h = 0; h < 8; h++) out.push({ t: T0 + h * 3600 + 1800, qname: 'www.msftconnecttest.com', host: 'WS3', image: STAGER, answers: ['13.107.4.52'] });
  for (let i = 0; i < 3000; i++) {
    out.push({ t: T0 + 4 * 3600 + i * 0.025, qname: `cdn${i}.fakedns.live`, host: 'WS3', image: STAGER, qtype: 'AAAA', answers: ['5648:31d2:6548:8b52:6048:8b52:1848:8b52'], ttl: 300 });
  }
  return out;
}

export const fires: TestEvent[] = stageless().sort((a, b) => a.t - b.t);

const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';

function browser(): TestEvent[] {
  const r = rng(41);
  const out: TestEvent[] = [];
  for (let m = 0; m < 8 * 60; m++) {
    const n = Math.floor(r() * r() * 250); // most minutes quiet, some page-heavy (up to ~250)
    for (let i = 0; i < n; i++) out.push({ t: T0 + m * 60 + r() * 60, qname: `www.site${Math.floor(r() * 400)}.com`, host: 'WS1', image: EDGE, answers: ['93.184.216.34'] });
  }
  return out;
}

function oneMinute(at: number, n: number, make: (i: number) => Partial<TestEvent> & { qname: string }): TestEvent[] {
  return Array.from({ length: n }, (_, i) => ({ t: T0 + at + (i * 59) / n, host: 'WS2', ...make(i) }));
}

export const silent: TestEvent[] = [
  ...browser(),
  ...oneMinute(3600, 400, (i) => ({ qname: `dl${i % 3}.vendor${i % 180}.com`, image: 'C:\\Program Files\\Vendor\\updater.exe', answers: ['198.51.100.9'] })),
  ...oneMinute(7200, 300, () => ({ qname: 'api.flaky-service.com', image: 'C:\\Program Files\\Flaky\\svc.exe', status: 'SERVFAIL' })),
  ...oneMinute(9000, 500, (i) => ({ qname: `${i % 256}.${(i >> 8) + 10}.51.198.in-addr.arpa`, image: 'C:\\Program Files\\SIEM\\collector.exe', qtype: 12, status: 'NXDOMAIN' })),
  ...oneMinute(10800, 250, (i) => ({ qname: `${(i * 2654435761 >>> 0).toString(16)}0a1b2c3d4e5f.avqs.mcafee.com`, image: 'C:\\Program Files\\McAfee\\Agent\\masvc.exe', answers: ['127.0.0.1'] })),
].sort((a, b) => a.t - b.t);
