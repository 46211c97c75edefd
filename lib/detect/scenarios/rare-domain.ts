/**
 * rare-domain scenarios.
 * fires: six workstations share everyday traffic for two days; on day two one of them starts
 * querying a domain nobody else uses (200 queries from an unknown process).
 * silent: the same office, where the one-host domains are either seen from the start of the
 * capture, or internal (.local, reverse lookups), or well-known update services, and a new
 * domain on day two is used by two hosts.
 */
import type { TestEvent } from '../../testing/store-builder';
import { rng } from './beacon-regularity';

const T0 = Date.UTC(2024, 2, 7, 7, 0, 0) / 1000;
const HOSTS = ['WS1', 'WS2', 'WS3', 'WS4', 'WS5', 'WS6'];
const COMMON = ['www.google.com', 'outlook.office365.com', 'teams.microsoft.com', 'www.bbc.co.uk', 'github.com', 'slack.com'];
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';

function office(): TestEvent[] {
  const r = rng(77);
  const out: TestEvent[] = [];
  for (let i = 0; i < 1200; i++) {
    out.push({
      t: T0 + r() * 2 * 86400,
      qname: COMMON[i % COMMON.length] as string,
      host: HOSTS[Math.floor(r() * HOSTS.length)] as string,
      image: EDGE,
      answers: ['203.0.113.80'],
    });
  }
  // make sure every host has every common domain
  HOSTS.forEach((host, h) => COMMON.forEach((qname, i) => out.push({ t: T0 + h * 60 + i, qname, host, image: EDGE, answers: ['203.0.113.80'] })));
  return out;
}

function implant(): TestEvent[] {
  return Array.from({ length: 200 }, (_, i) => ({
    t: T0 + 86400 + 3600 + i * 300,
    qname: `${(i * 7).toString(16)}.update-check.badcdn.xyz`,
    host: 'WS4',
    image: 'C:\\Users\\ana\\AppData\\Local\\Temp\\msupd.exe',
    answers: ['198.51.100.66'],
  }));
}

export const fires: TestEvent[] = [...office(), ...implant()].sort((a, b) => a.t - b.t);

function benignRare(): TestEvent[] {
  const out: TestEvent[] = [];
  // one host, but from the start of the capture (part of the baseline)
  for (let i = 0; i < 50; i++) out.push({ t: T0 + 600 + i * 3000, qname: 'api.hobby-forum.net', host: 'WS2', image: EDGE, answers: ['192.0.2.10'] });
  // late and one host, but not public DNS or well known
  for (let i = 0; i < 30; i++) {
    const t = T0 + 1.5 * 86400 + i * 60;
    out.push({ t, qname: 'fileserver.corp.local', host: 'WS5', image: 'C:\\Windows\\explorer.exe', answers: ['10.0.0.20'] });
    out.push({ t: t + 1, qname: `${i}.0.0.10.in-addr.arpa`, host: 'WS5', image: 'C:\\Windows\\System32\\svchost.exe', qtype: 12, status: 'NXDOMAIN' });
    out.push({ t: t + 2, qname: 'ctldl.windowsupdate.com', host: 'WS5', image: 'C:\\Windows\\System32\\svchost.exe', answers: ['93.184.221.240'] });
  }
  // late but used by two hosts
  for (const host of ['WS1', 'WS3']) out.push({ t: T0 + 1.8 * 86400, qname: 'new-saas-tool.io', host, image: EDGE, answers: ['192.0.2.44'] });
  return out;
}

export const silent: TestEvent[] = [...office(), ...benignRare()].sort((a, b) => a.t - b.t);
