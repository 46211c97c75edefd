/**
 * nxdomain-dga scenarios.
 * fires: a DGA implant trying 120 random .com/.net/.info domains in bursts of 40 every 10
 * minutes, all NXDOMAIN but one.
 * silent: Chromium/Edge random single-label probes at every browser start (also with the search
 * suffix appended and as mDNS .local), wpad/isatap and _ldap SRV failures, reverse-lookup
 * NXDOMAINs, McAfee GTI and Sophos reputation lookups with long hex labels, CDN hash names, and a
 * few typo NXDOMAINs.
 */
import type { TestEvent } from '../../testing/store-builder';
import { rng } from './beacon-regularity';

const T0 = Date.UTC(2024, 2, 5, 9, 0, 0) / 1000;
const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (r: () => number, min: number, max: number, alphabet = letters) =>
  Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');

function dga(): TestEvent[] {
  const r = rng(101);
  const tlds = ['com', 'net', 'info'];
  const out: TestEvent[] = [];
  for (let burst = 0; burst < 3; burst++) {
    for (let i = 0; i < 40; i++) {
      const live = burst === 2 && i === 39;
      out.push({
        t: T0 + burst * 600 + i * 0.4,
        qname: `${word(r, 10, 16)}.${tlds[i % 3]}`,
        host: 'WS7',
        image: 'C:\\Users\\kim\\AppData\\Roaming\\Intel\\igfxsvc.exe',
        status: live ? 'NOERROR' : 'NXDOMAIN',
        code: live ? 0 : 9003,
        answers: live ? ['185.199.110.153'] : [],
      });
    }
  }
  return out;
}

export const fires: TestEvent[] = dga();

const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';

function benign(): TestEvent[] {
  const r = rng(202);
  const out: TestEvent[] = [];
  // 40 browser starts over two days, 3 probes each, three shapes
  for (let start = 0; start < 40; start++) {
    const t = T0 + start * 4000;
    for (let i = 0; i < 3; i++) {
      const probe = word(r, 7, 15);
      out.push({ t: t + i * 0.01, qname: probe, host: 'WS1', image: EDGE, status: start % 2 ? 'TIMEOUT' : 'NXDOMAIN', code: start % 2 ? 1460 : 9003 });
      out.push({ t: t + i * 0.01 + 0.2, qname: `${probe}.corp.example.com`, host: 'WS1', image: EDGE, status: 'NXDOMAIN', code: 9003 });
      out.push({ t: t + i * 0.01 + 0.3, qname: `${probe}.local`, host: 'WS1', image: EDGE, status: 'NXDOMAIN', code: 9003 });
    }
  }
  for (let i = 0; i < 120; i++) {
    const t = T0 + i * 60;
    out.push({ t, qname: 'wpad', host: 'WS1', image: SVCHOST, status: 'NXDOMAIN', code: 9003 });
    out.push({ t: t + 1, qname: 'wpad.corp.example.com', host: 'WS1', image: SVCHOST, status: 'NXDOMAIN', code: 9003 });
    out.push({ t: t + 2, qname: 'isatap.corp.example.com', host: 'WS1', image: SVCHOST, status: 'NXDOMAIN', code: 9003 });
    out.push({ t: t + 3, qname: '_ldap._tcp.dc._msdcs.corp.example.com', host: 'WS1', image: SVCHOST, qtype: 33, status: 'NXDOMAIN', code: 9003 });
    out.push({ t: t + 4, qname: `${i % 250}.${(i * 7) % 250}.168.192.in-addr.arpa`, host: 'WS1', image: SVCHOST, qtype: 12, status: 'NXDOMAIN', code: 9003 });
    out.push({ t: t + 5, qname: `${word(r, 32, 32, '0123456789abcdef')}.avqs.mcafee.com`, host: 'WS1', image: 'C:\\Program Files\\McAfee\\Agent\\masvc.exe', answers: ['127.0.0.1'] });
    out.push({ t: t + 6, qname: `${word(r, 40, 40, '0123456789abcdef')}.fs.sophosxl.net`, host: 'WS1', image: 'C:\\Program Files\\Sophos\\SophosED.exe', status: 'NXDOMAIN', code: 9003 });
    out.push({ t: t + 7, qname: `${word(r, 14, 14, '0123456789abcdefghijklmnopqrstuvwxyz')}.cloudfront.net`, host: 'WS1', image: EDGE, answers: ['13.32.1.2'] });
  }
  for (const typo of ['gooogle.com', 'micosoft.com', 'stackoverflw.com', 'githib.com', 'wikipeda.org']) {
    out.push({ t: T0 + 5000, qname: `www.${typo}`, host: 'WS1', image: EDGE, status: 'NXDOMAIN', code: 9003 });
  }
  return out;
}

export const silent: TestEvent[] = benign().sort((a, b) => a.t - b.t);
