/**
 * The generator's logical DNS event, before it is rendered as a log line. One event is one query
 * as the client saw it; renderers decide how (or whether) each format shows it.
 */

/** One resource record of an answer: IANA type, value as text, TTL in seconds when fresh. */
export interface GenAnswer {
  readonly type: number;
  readonly value: string;
  readonly ttl: number;
  /**
   * For TXT: the character-strings of the record (RFC 1035 §3.3.14), each ≤ 255 characters;
   * `value` is their concatenation.
   */
  readonly strings?: readonly string[];
}

export type GenStatus = 'NOERROR' | 'NODATA' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT';

export interface GenHost {
  /** Computer name as Sysmon logs it (FQDN). */
  readonly computer: string;
  /** Client address (Zeek id.orig_h). */
  readonly ip: string;
  /** The interactive user, `DOMAIN\name`. */
  readonly user: string;
  /** The host's DNS server. */
  readonly resolver: string;
  /** The site's resolver synthesises 64:ff9b::/96 answers (DNS64). */
  readonly dns64: boolean;
  readonly index: number;
}

export interface GenProcess {
  readonly image: string;
  readonly pid: number;
  /** `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`, lower-case. */
  readonly guid: string;
  readonly user: string;
}

export interface GenEvent {
  /** ms since the epoch (integer) at which the query was sent. */
  time: number;
  host: GenHost;
  proc: GenProcess;
  /** Query name as the client sent it (case kept). */
  qname: string;
  qtype: number;
  status: GenStatus;
  answers: readonly GenAnswer[];
  /** Seconds the answer had spent in a resolver cache: logged TTL = ttl − age (≥ 0). */
  age: number;
  /** DNS server the packet went to (Zeek id.resp_h). */
  resolver: string;
  /** Server port: 53, or 5355 for LLMNR. */
  port: number;
  /**
   * True when the query went through the Windows DNS client API (DnsQuery_*), the only path
   * Sysmon EID 22 logs. Raw-socket tools (dnscat2, iodine, Go resolvers, nslookup) set false.
   */
  sysmon: boolean;
  /** Index of the attack in the hunt's attack list; -1 for benign traffic. */
  attack: number;
}

/** Sysmon QueryStatus (Win32 code) for a status (log-formats.md §1.3). */
export function sysmonStatus(ev: Pick<GenEvent, 'status' | 'answers'>): number {
  switch (ev.status) {
    case 'NOERROR':
      return ev.answers.length === 0 ? 9501 : 0;
    case 'NODATA':
      return 9501;
    case 'NXDOMAIN':
      return 9003;
    case 'SERVFAIL':
      return 9002;
    case 'REFUSED':
      return 9005;
    case 'TIMEOUT':
      return 1460;
  }
}

/** DNS RCODE for a status; -1 when no reply was seen (TIMEOUT). */
export function rcodeOf(status: GenStatus): number {
  switch (status) {
    case 'NOERROR':
    case 'NODATA':
      return 0;
    case 'NXDOMAIN':
      return 3;
    case 'SERVFAIL':
      return 2;
    case 'REFUSED':
      return 5;
    case 'TIMEOUT':
      return -1;
  }
}

export const RCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'NOERROR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 5: 'REFUSED',
};

export const QTYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 10: 'NULL', 12: 'PTR', 15: 'MX', 16: 'TXT', 25: 'KEY',
  28: 'AAAA', 33: 'SRV', 65: 'HTTPS', 255: '*', 65399: 'PRIVATE',
};

/** Logged TTL of an answer for an event (fresh TTL minus the cache age, never negative). */
export function loggedTtl(a: GenAnswer, age: number): number {
  return a.ttl > age ? a.ttl - age : 0;
}
