/**
 * Scenario fixture: realistic benign traffic that resembles staging — CDN hash names, numbered
 * servers, inventory scans by many hosts, allocated and DNS64 AAAA answers, split-horizon ULA and
 * link-local answers, PTR sweeps, Chromium probes, periodic updaters.
 */
import type { TestEvent } from '../../testing/store-builder';

const T0 = 1_700_000_000;
const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const DEFENDER = 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.2009.7-0\\MsMpEng.exe';

/** Public names with allocated AAAA answers (Cloudflare ARIN, Google RIPE), CDN hash names. */
export function allocatedAaaa(host = 'WS1'): TestEvent[] {
  const out: TestEvent[] = [];
  for (let i = 0; i < 12; i++) {
    out.push({ t: T0 + i * 37, host, image: CHROME, qname: `e${1200 + i * 97}.dscb.akamaiedge.net`, answers: [`2a02:26f0:${(0x1a0 + i).toString(16)}::356e`], ttl: 20 });
    out.push({ t: T0 + i * 37 + 1, host, image: CHROME, qname: 'www.cloudflare.com', qtype: 'AAAA', answers: ['2606:4700::6810:84e5', '2606:4700::6810:85e5'], ttl: 300 });
    out.push({ t: T0 + i * 37 + 2, host, image: CHROME, qname: 'www.google.com', qtype: 'AAAA', answers: ['2a00:1450:4001:82b::2004'], ttl: 300 });
    out.push({ t: T0 + i * 37 + 3, host, image: CHROME, qname: `d${3 + i * 11}abcxyz.cloudfront.net`, answers: [`2600:9000:2${i.toString(16)}0a:3c00:1f:7a3:6bc0:93a1`] });
  }
  return out;
}

/** A DNS64 site: IPv4-only names synthesised into 64:ff9b::/96. */
export function dns64(host = 'WS2'): TestEvent[] {
  return Array.from({ length: 20 }, (_, i) => ({
    t: T0 + i * 13,
    host,
    image: CHROME,
    qname: `api${i % 5}.ipv4only-service.com`,
    qtype: 'AAAA',
    answers: [`64:ff9b::c633:64${(i + 16).toString(16)}`],
  }));
}

/** Split horizon: ULA and link-local answers for internal names (as in the OTRF lab data). */
export function splitHorizon(host = 'WS3'): TestEvent[] {
  return [
    { t: T0, host, image: SVCHOST, qname: 'DC01.pandalab.com', answers: ['fe80::3b31:a8fa:5adc:7b9e', '192.168.1.4'] },
    { t: T0 + 5, host, image: 'C:\\Windows\\system32\\lsass.exe', qname: 'dc01.pandalab.com', qtype: 'AAAA', answers: ['fe80::3b31:a8fa:5adc:7b9e'] },
    { t: T0 + 9, host, image: SVCHOST, qname: 'WORKSTATION5', answers: ['fe80::c82a:1ede:d7bd:6e6e', '172.18.39.5'] },
    { t: T0 + 12, host, image: SVCHOST, qname: 'mordordc.mordor.local', qtype: 'AAAA', answers: ['fe80::5cb9:6d15:e592:60fe'] },
    { t: T0 + 15, host, image: SVCHOST, qname: 'nas.home.arpa', qtype: 'AAAA', answers: ['fd12:3456:789a::10'] },
    { t: T0 + 18, host, image: SVCHOST, qname: 'files.corp', qtype: 'AAAA', answers: ['fd00:ab::20', 'fd00:ab::21', 'fd00:ab::22'] },
    { t: T0 + 21, host, image: SVCHOST, qname: 'localhost', qtype: 'AAAA', answers: ['::1'] },
    { t: T0 + 24, host, image: CHROME, qname: 'ads.tracker-blocked.com', qtype: 'AAAA', answers: ['::'] },
    { t: T0 + 27, host, image: SVCHOST, qname: 'relay.legacy6to4.net', qtype: 'AAAA', answers: ['2002:c000:204::1'] },
    { t: T0 + 30, host, image: SVCHOST, qname: '4.1.168.192.in-addr.arpa', qtype: 'PTR', answers: [{ type: 12, value: 'dc01.pandalab.com' }] },
    { t: T0 + 33, host, image: SVCHOST, qname: '_ldap._tcp.dc._msdcs.pandalab.com', qtype: 'SRV', answers: [{ type: 33, value: '0 100 389 dc01.pandalab.com' }, '192.168.1.4'] },
    { t: T0 + 36, host, image: SVCHOST, qname: 'wpad', status: 'NXDOMAIN', code: 9003 },
  ];
}

/** Numbered names that are not staging. */
export function numberedInfrastructure(): TestEvent[] {
  const out: TestEvent[] = [];
  // ns1..ns4, mail1..mail3: short ranges
  for (let i = 1; i <= 4; i++) out.push({ t: T0 + i, host: 'WS4', image: SVCHOST, qname: `ns${i}.example.com`, qtype: 'AAAA', answers: [`2606:4700:58::a29f:2c${i}`] });
  for (let i = 1; i <= 3; i++) out.push({ t: T0 + 10 + i, host: 'MAIL01', image: 'C:\\Program Files\\Exchange\\edgetransport.exe', qname: `mail${i}.partner.example`, answers: [`203.0.113.${i}`] });
  // inventory scan: host-1..host-40 resolved by many hosts evenly
  for (let h = 0; h < 6; h++) {
    for (let i = 1; i <= 40; i++) {
      out.push({ t: T0 + 100 + h * 3600 + i, host: `WS${10 + h}`, image: 'C:\\Program Files\\Inventory\\agent.exe', qname: `host-${i}.corp.example.com`, answers: [`10.20.${h}.${i}`] });
    }
  }
  // a monitor polling node1..node12 every minute (many queries per name)
  for (let round = 0; round < 10; round++) {
    for (let i = 1; i <= 12; i++) {
      out.push({ t: T0 + 200 + round * 60 + i * 0.1, host: 'MON01', image: 'C:\\Program Files\\Zabbix\\zabbix_agentd.exe', qname: `node${i}.cluster.example.com`, answers: [`10.9.0.${i}`] });
    }
  }
  // CDN and ad names with counters from one process, sparse
  for (const n of ['avatars0', 'avatars1', 'avatars2', 'avatars3']) out.push({ t: T0 + 500, host: 'WS4', image: DEFENDER, qname: `${n}.githubusercontent.com`, answers: ['185.199.108.133'] });
  for (const n of [8, 14, 18]) out.push({ t: T0 + 510 + n, host: 'WS4', image: DEFENDER, qname: `rum${n}.perf.linkedin.com`, answers: ['13.107.42.14'] });
  // PTR sweep of a /24 by one process
  for (let i = 0; i < 60; i++) out.push({ t: T0 + 700 + i, host: 'SCAN01', image: 'C:\\Tools\\nmap.exe', qname: `${i}.1.168.192.in-addr.arpa`, qtype: 'PTR', status: 'NXDOMAIN', code: 9003 });
  return out;
}

/** Chromium probes, antivirus reputation look-ups, TXT policy records, an hourly updater. */
export function everydayNoise(): TestEvent[] {
  const out: TestEvent[] = [];
  for (const p of ['qhxzrkfwb', 'mvtnplrkezq', 'bzkqwrt']) out.push({ t: T0 + 900, host: 'WS5', image: CHROME, qname: p, status: 'NXDOMAIN', code: 9003 });
  out.push({ t: T0 + 901, host: 'WS5', image: 'C:\\Program Files\\McAfee\\mcshield.exe', qname: '0a1b2c3d4e5f60718293a4b5c6d7e8f9.avqs.mcafee.com', answers: ['127.0.4.8'] });
  out.push({ t: T0 + 902, host: 'WS5', image: 'C:\\Program Files\\Sophos\\SophosFS.exe', qname: '3.sxl.4ef1c2a9bb0d4f6e9a8d7c6b5a493827.sophosxl.net', answers: ['127.0.0.1'] });
  out.push({ t: T0 + 903, host: 'MAIL01', image: 'C:\\Program Files\\Exchange\\edgetransport.exe', qname: 'example.org', qtype: 'TXT', answers: [{ type: 16, value: 'v=spf1 include:_spf.google.com ~all' }] });
  out.push({ t: T0 + 904, host: 'MAIL01', image: 'C:\\Program Files\\Exchange\\edgetransport.exe', qname: 'selector1._domainkey.example.org', qtype: 'TXT', answers: [{ type: 16, value: 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu5Hq7N0k1v2Qp3kWc9Vd8m0zT7y8r1X4f5J6o2L9gQ' }] });
  out.push({ t: T0 + 905, host: 'MAIL01', image: 'C:\\Program Files\\Exchange\\edgetransport.exe', qname: 'selector2._domainkey.example.org', qtype: 'TXT', answers: [{ type: 16, value: 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx7Kp2W9b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r' }] });
  for (let h = 0; h < 24; h++) out.push({ t: T0 + h * 3600, host: 'WS6', image: SVCHOST, qname: 'time.windows.com', answers: ['twc.trafficmanager.net', '168.61.215.74'] });
  return out;
}

export function benignMix(): TestEvent[] {
  return [...allocatedAaaa(), ...dns64(), ...splitHorizon(), ...numberedInfrastructure(), ...everydayNoise()].sort((a, b) => a.t - b.t);
}
