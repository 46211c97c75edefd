import type { DetectContext } from '../context';

/**
 * Name classes shared by the behaviour detectors (beacon regularity, NXDOMAIN/DGA, volume
 * bursts, rare domains): which names are well-known infrastructure that polls on a schedule by
 * design. Which names can reach an external authoritative server at all is isPublicName
 * (lib/enrich/domain.ts), decided per distinct name by DetectContext.isPublicQname.
 */

/** Local-network helper names that fail by design wherever they are not configured. */
export function isLocalServiceName(name: string): boolean {
  const dot = name.indexOf('.');
  const first = dot < 0 ? name : name.slice(0, dot);
  return first === 'wpad' || first === 'isatap' || name.startsWith('_') || name.endsWith('.local');
}

export type KnownKind = 'time' | 'pki' | 'update' | 'connectivity' | 'telemetry' | 'security';

interface KnownEntry {
  readonly suffix: string;
  readonly kind: KnownKind;
}

const entries = (kind: KnownKind, suffixes: string) =>
  suffixes
    .trim()
    .split(/\s+/)
    .map((suffix): KnownEntry => ({ suffix, kind }));

/**
 * Name suffixes (matched at a label boundary) of services that Windows, macOS, browsers and
 * security agents contact on a fixed schedule, so regular or bursty lookups of them are expected.
 * Sources: Microsoft "Windows Time service" (default peer time.windows.com); Microsoft Network
 * Connectivity Status Indicator probes (www.msftconnecttest.com, dns.msftncsi.com); Microsoft
 * "automatic root certificate update" (ctldl.windowsupdate.com); Windows Update, Defender and
 * diagnostic-data endpoint lists (update.microsoft.com, delivery.mp.microsoft.com,
 * wdcp.microsoft.com, definitionupdates.microsoft.com, events.data.microsoft.com,
 * settings-win.data.microsoft.com, watson.*); OCSP/CRL hosts named in the AIA/CDP extensions of
 * public CA certificates (DigiCert, GlobalSign, Sectigo/Comodo, Entrust, GoDaddy, Let's Encrypt
 * lencr.org, IdenTrust, Amazon, Google pki.goog, Microsoft msocsp.com, Apple); NTP Pool Project
 * (pool.ntp.org), NIST time.nist.gov; OS captive-portal probes (captive.apple.com,
 * connectivitycheck.gstatic.com, detectportal.firefox.com, nmcheck.gnome.org); antivirus cloud
 * lookups and updates named in vendor firewall guides (McAfee GTI avqs.mcafee.com, Sophos Live
 * Protection sophosxl.net, ESET update.eset.com and LiveGrid e5.sk, Symantec LiveUpdate,
 * CrowdStrike cloudsink.net). Only names no customer can register under are listed: never a
 * cloud or CDN customer space.
 */
const KNOWN: readonly KnownEntry[] = [
  ...entries('time', 'time.windows.com time.nist.gov pool.ntp.org time.apple.com time.google.com time.cloudflare.com ntp.ubuntu.com'),
  ...entries(
    'pki',
    `digicert.com verisign.com symcd.com symcb.com globalsign.com globalsign.net sectigo.com usertrust.com
     comodoca.com entrust.net ocsp.godaddy.com crl.godaddy.com lencr.org identrust.com amazontrust.com
     pki.goog msocsp.com oneocsp.microsoft.com crl.microsoft.com ocsp.apple.com`,
  ),
  ...entries(
    'update',
    `windowsupdate.com update.microsoft.com delivery.mp.microsoft.com definitionupdates.microsoft.com
     update.googleapis.com swcdn.apple.com mesu.apple.com`,
  ),
  ...entries(
    'connectivity',
    `msftconnecttest.com msftncsi.com captive.apple.com connectivitycheck.gstatic.com
     detectportal.firefox.com nmcheck.gnome.org connectivity-check.ubuntu.com`,
  ),
  ...entries(
    'telemetry',
    `events.data.microsoft.com settings-win.data.microsoft.com vortex.data.microsoft.com
     watson.telemetry.microsoft.com watson.microsoft.com`,
  ),
  ...entries(
    'security',
    `wdcp.microsoft.com wdcpalt.microsoft.com wd.microsoft.com smartscreen.microsoft.com
     checkappexec.microsoft.com avqs.mcafee.com gti.mcafee.com sophosxl.net update.eset.com e5.sk
     liveupdate.symantecliveupdate.com cloudsink.net`,
  ),
];

const BY_SUFFIX = new Map(KNOWN.map((e) => [e.suffix, e.kind]));

/** The kind of well-known scheduled service `name` belongs to, or null. */
export function knownInfrastructure(name: string): KnownKind | null {
  let i = 0;
  while (i >= 0 && i < name.length) {
    const kind = BY_SUFFIX.get(i === 0 ? name : name.slice(i));
    if (kind !== undefined) return kind;
    const dot = name.indexOf('.', i);
    i = dot < 0 ? -1 : dot + 1;
  }
  return null;
}

/** Browser images (basename, lower case): their DNS follows tabs, prefetch and cache expiry. */
const BROWSERS = new Set([
  'chrome.exe',
  'msedge.exe',
  'msedgewebview2.exe',
  'microsoftedge.exe',
  'microsoftedgecp.exe',
  'firefox.exe',
  'iexplore.exe',
  'opera.exe',
  'brave.exe',
  'vivaldi.exe',
  'safari',
  'google chrome',
  'firefox',
  'chromium',
]);

export function imageBasename(image: string): string {
  const cut = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
  return image.slice(cut + 1).toLowerCase();
}

export function isBrowserImage(image: string): boolean {
  return image !== '' && BROWSERS.has(imageBasename(image));
}

const HUNTABLE = Symbol('huntable names');

/**
 * Whether each normalised query name (store string id) is a public name outside known
 * infrastructure — the names periodicity and rarity are judged on: 1 huntable, 2 not, 0 not yet
 * judged ({@link judgeHuntable}). Decided once per distinct name and shared by every detector of
 * the context; a row pass reads it in the loop (see Detector.run):
 * `let h = state[q]; if (h === 0) h = judgeHuntable(ctx, state, q);`.
 */
export function huntableState(ctx: DetectContext): Uint8Array {
  return ctx.memo(HUNTABLE, () => new Uint8Array(ctx.store.strings.size));
}

/** Judges name `q` for {@link huntableState} and records it there; returns its state (1 or 2). */
export function judgeHuntable(ctx: DetectContext, state: Uint8Array, q: number): number {
  const st = ctx.isPublicQname(q) && knownInfrastructure(ctx.text(q)) === null ? 1 : 2;
  state[q] = st;
  return st;
}
