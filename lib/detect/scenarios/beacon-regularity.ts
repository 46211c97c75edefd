/**
 * beacon-regularity scenarios.
 * fires: a Cobalt Strike-style DNS beacon (sleep 60 s, jitter 20 %, TTL 1, A 0.0.0.0) for 6 hours
 * and a low-and-slow DNSStager-style fetch (one AAAA every 4 h for 5 days).
 * silent: exactly periodic benign updaters on well-known names (time.windows.com hourly,
 * ctldl.windowsupdate.com, OCSP, NTP pool, NCSI, Defender cloud, Sophos lookups), a browser
 * loading pages at random times, a chat client's irregular traffic, and internal lookups
 * (single labels, .local, reverse).
 */
import type { TestEvent } from '../../testing/store-builder';
import { rng } from './rng';

const T0 = Date.UTC(2024, 2, 4, 8, 0, 0) / 1000;
const HOUR = 3600;
const DAY = 86400;

export { rng };

const STAGER = 'C:\\Users\\sara\\AppData\\Local\\Temp\\OneDriveUpdate.exe';

function csBeacon(): TestEvent[] {
  const r = rng(7);
  const out: TestEvent[] = [];
  for (let t = T0 + 600; t < T0 + 6 * HOUR; t += 60 - 12 * r()) {
    out.push({ t, qname: '29735a1c.ns1.cdn-telemetry.net', host: 'WS1', image: STAGER, answers: ['0.0.0.0'], ttl: 1 });
  }
  return out;
}

function lowAndSlow(): TestEvent[] {
  const r = rng(11);
  const out: TestEvent[] = [];
  for (let i = 0; i < 30; i++) {
    out.push({
      t: T0 + i * 4 * HOUR + Math.round(r() * 40),
      qname: `cdn${i}.fakedns.live`,
      host: 'WS2',
      image: 'C:\\ProgramData\\svc\\agent.exe',
      qtype: 'AAAA',
      answers: ['2048:8b72:5048:fb7:4a4a:4d31:c948:31c0'],
      ttl: 300,
    });
  }
  return out;
}

export const fires: TestEvent[] = [...csBeacon(), ...lowAndSlow()].sort((a, b) => a.t - b.t);

const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';
const DEFENDER = 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24010.12-0\\MsMpEng.exe';
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const TEAMS = 'C:\\Users\\sara\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe';

function periodic(qname: string, image: string, every: number, days: number, answers: string[]): TestEvent[] {
  const out: TestEvent[] = [];
  for (let t = T0; t < T0 + days * DAY; t += every) out.push({ t, qname, host: 'WS1', image, answers, ttl: Math.min(every, 3600) });
  return out;
}

const WEB = [
  'www.bbc.co.uk', 'static.files.bbci.co.uk', 'www.google.com', 'fonts.gstatic.com', 'www.youtube.com',
  'i.ytimg.com', 'github.com', 'avatars.githubusercontent.com', 'stackoverflow.com', 'cdn.sstatic.net',
  'd1x2y3z4w5.cloudfront.net', 'e1234.dscb.akamaiedge.net', 'www.reddit.com', 'www.redditstatic.com',
  'news.ycombinator.com', 'www.wikipedia.org', 'upload.wikimedia.org', 'www.nytimes.com', 'static01.nyt.com',
];

function browsing(): TestEvent[] {
  const r = rng(23);
  const out: TestEvent[] = [];
  let t = T0;
  while (t < T0 + 2 * DAY) {
    t += -Math.log(1 - r()) * 900; // a page every ~15 min on average, at random
    const n = 3 + Math.floor(r() * 8);
    for (let i = 0; i < n; i++) {
      const qname = WEB[Math.floor(r() * WEB.length)] as string;
      out.push({ t: t + i * 0.05, qname, host: 'WS1', image: EDGE, answers: ['93.184.216.34'], ttl: 60 });
    }
  }
  return out;
}

function chat(): TestEvent[] {
  const r = rng(31);
  const out: TestEvent[] = [];
  let t = T0;
  while (t < T0 + 2 * DAY) {
    t += -Math.log(1 - r()) * 600;
    out.push({ t, qname: 'teams.events.data.msn.com', host: 'WS1', image: TEAMS, answers: ['52.113.194.132'], ttl: 300 });
  }
  return out;
}

function internal(): TestEvent[] {
  const out: TestEvent[] = [];
  for (let t = T0; t < T0 + 2 * DAY; t += 1800) {
    out.push({ t, qname: 'wpad', host: 'WS1', image: SVCHOST, status: 'NXDOMAIN' });
    out.push({ t: t + 1, qname: 'dc01.corp.local', host: 'WS1', image: SVCHOST, answers: ['10.0.0.4'] });
    out.push({ t: t + 2, qname: '4.0.0.10.in-addr.arpa', host: 'WS1', image: SVCHOST, qtype: 12, answers: [{ type: 12, value: 'dc01.corp.local' }] });
  }
  return out;
}

export const silent: TestEvent[] = [
  ...periodic('time.windows.com', SVCHOST, HOUR, 3, ['168.61.215.74']),
  ...periodic('ctldl.windowsupdate.com', SVCHOST, 4 * HOUR, 5, ['93.184.221.240']),
  ...periodic('ocsp.digicert.com', SVCHOST, 2 * HOUR, 3, ['93.184.220.29']),
  ...periodic('0.pool.ntp.org', SVCHOST, 1024, 2, ['162.159.200.1']),
  ...periodic('www.msftconnecttest.com', SVCHOST, 30 * 60, 2, ['13.107.4.52']),
  ...periodic('wdcp.microsoft.com', DEFENDER, 15 * 60, 2, ['20.42.73.25']),
  ...periodic('4a1b2c3d4e5f60718293a4b5c6d7e8f9.fs.sophosxl.net', DEFENDER, 3600, 2, ['127.0.0.1']),
  ...browsing(),
  ...chat(),
  ...internal(),
].sort((a, b) => a.t - b.t);
