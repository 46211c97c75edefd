/**
 * The synthetic fleet: a mail gateway and workstations on two sites (HQ with two resolvers,
 * a branch whose resolver does DNS64), each with the processes that resolve names on a
 * Windows desktop and their share of the host's DNS traffic.
 */
import { AD_DOMAIN, AD_NETBIOS, FIRST_NAMES, LAST_NAMES } from './domains';
import type { GenHost, GenProcess } from './model';
import { Rng } from './rng';

export type ProcKind =
  | 'chromium' | 'firefox' | 'office' | 'shell' | 'svchost' | 'lsass' | 'defender' | 'mcafee' | 'sophos' | 'mail';

export interface FleetProcess extends GenProcess {
  readonly kind: ProcKind;
  /** Share of the host's queries (relative). */
  readonly weight: number;
}

export interface FleetHost extends GenHost {
  readonly role: 'workstation' | 'mail';
  /** The interactive user's account name (for profile paths). */
  readonly userName: string;
  /** Relative activity of the host. */
  readonly activity: number;
  readonly procs: readonly FleetProcess[];
  /** 8 hex digits shared by the host's process GUIDs. */
  readonly guidPrefix: string;
}

export const HQ_RESOLVERS = ['10.0.0.53', '10.0.0.54'] as const;
export const BRANCH_RESOLVER = '10.20.0.53';
/** Internal servers (A records of the AD zone). */
export const INTERNAL_HOSTS: Readonly<Record<string, string>> = {
  dc01: '10.0.0.10', dc02: '10.0.0.11', fs01: '10.0.1.20', web01: '10.0.1.30', print01: '10.0.1.40',
  mail01: '10.0.0.25', sql01: '10.0.1.50',
};

const SYSTEM = 'NT AUTHORITY\\SYSTEM';
const NETWORK_SERVICE = 'NT AUTHORITY\\NETWORK SERVICE';
const LOCAL_SERVICE = 'NT AUTHORITY\\LOCAL SERVICE';

/** A fresh process on `host`: pid a multiple of 4, GUID with the host's prefix. */
export function makeProcess(rng: Rng, guidPrefix: string, image: string, user: string): GenProcess {
  const pid = 4 * rng.int(150, 5000);
  const guid = `{${guidPrefix}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-0000000${rng.hex(3)}00}`;
  return { image, pid, guid, user };
}

function proc(rng: Rng, prefix: string, kind: ProcKind, image: string, user: string, weight: number): FleetProcess {
  return { ...makeProcess(rng, prefix, image, user), kind, weight };
}

function workstationProcs(rng: Rng, prefix: string, userName: string, user: string): FleetProcess[] {
  const home = `C:\\Users\\${userName}`;
  const out: FleetProcess[] = [];
  const p = (kind: ProcKind, image: string, u: string, w: number) => out.push(proc(rng, prefix, kind, image, u, w * rng.range(0.6, 1.4)));
  if (rng.chance(0.85)) p('chromium', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', user, 30);
  p('chromium', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', user, 12);
  if (rng.chance(0.25)) p('firefox', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe', user, 10);
  p('office', `${home}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe`, user, 7);
  p('office', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', user, 6);
  p('office', `${home}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe`, user, 3);
  p('shell', 'C:\\Windows\\explorer.exe', user, 1.5);
  p('shell', 'C:\\Windows\\SystemApps\\Microsoft.Windows.Search_cw5n1h2txyewy\\SearchApp.exe', user, 2);
  p('shell', 'C:\\Windows\\System32\\backgroundTaskHost.exe', user, 1.5);
  p('svchost', 'C:\\Windows\\System32\\svchost.exe', NETWORK_SERVICE, 10);
  p('lsass', 'C:\\Windows\\System32\\lsass.exe', SYSTEM, 1);
  p('defender', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24010.12-0\\MsMpEng.exe', SYSTEM, 2);
  const av = rng.float();
  if (av < 0.3) p('mcafee', 'C:\\Program Files\\Common Files\\McAfee\\AVSolution\\mcshield.exe', SYSTEM, 5);
  else if (av < 0.5) p('sophos', 'C:\\Program Files\\Sophos\\Sophos File Scanner\\SophosFileScanner.exe', SYSTEM, 5);
  return out;
}

/** `count` hosts (≥ 2): MAIL01 first, then workstations; about a fifth sit on the DNS64 branch. */
export function buildFleet(seed: number, count: number): FleetHost[] {
  const rng = Rng.of(seed, 'fleet');
  const hosts: FleetHost[] = [];
  const mailPrefix = rng.hex(8);
  hosts.push({
    index: 0, role: 'mail', computer: `MAIL01.${AD_DOMAIN}`, ip: INTERNAL_HOSTS['mail01'] as string,
    user: SYSTEM, userName: 'svc-mail', resolver: HQ_RESOLVERS[0], dns64: false, activity: 3, guidPrefix: mailPrefix,
    procs: [
      proc(rng, mailPrefix, 'mail', 'C:\\Program Files (x86)\\hMailServer\\Bin\\hMailServer.exe', SYSTEM, 60),
      proc(rng, mailPrefix, 'svchost', 'C:\\Windows\\System32\\svchost.exe', NETWORK_SERVICE, 8),
      proc(rng, mailPrefix, 'lsass', 'C:\\Windows\\System32\\lsass.exe', SYSTEM, 1),
      proc(rng, mailPrefix, 'defender', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24010.12-0\\MsMpEng.exe', SYSTEM, 2),
    ],
  });
  const used = new Set<string>();
  for (let i = 1; i < count; i++) {
    let userName = '';
    do userName = `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}`;
    while (used.has(userName) && used.size < FIRST_NAMES.length * LAST_NAMES.length);
    used.add(userName);
    const branch = rng.chance(0.2);
    const n = String(i).padStart(3, '0');
    const ip = branch ? `10.20.${2 + Math.floor(i / 250)}.${(i % 250) + 2}` : `10.0.${10 + Math.floor(i / 250)}.${(i % 250) + 2}`;
    const user = `${AD_NETBIOS}\\${userName}`;
    const guidPrefix = rng.hex(8);
    hosts.push({
      index: i, role: 'workstation', computer: `${branch ? 'BR' : 'WS'}${n}.${AD_DOMAIN}`, ip, user, userName,
      resolver: branch ? BRANCH_RESOLVER : (HQ_RESOLVERS[i % 2] as string), dns64: branch,
      activity: rng.range(0.4, 2), guidPrefix, procs: workstationProcs(rng, guidPrefix, userName, user),
    });
  }
  return hosts;
}

export { LOCAL_SERVICE, NETWORK_SERVICE, SYSTEM };
