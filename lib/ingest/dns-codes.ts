import type { DnsStatus } from './types';

/** IANA RR type numbers for the names logs use. */
const QTYPE_BY_NAME: Readonly<Record<string, number>> = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12,
  HINFO: 13, MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22,
  'NSAP-PTR': 23, SIG: 24, KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, EID: 31,
  NIMLOC: 32, SRV: 33, ATMA: 34, NAPTR: 35, KX: 36, CERT: 37, A6: 38, DNAME: 39, SINK: 40,
  OPT: 41, APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49,
  NSEC3: 50, NSEC3PARAM: 51, TLSA: 52, SMIMEA: 53, HIP: 55, NINFO: 56, RKEY: 57, TALINK: 58,
  CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63, SVCB: 64, HTTPS: 65, SPF: 99,
  UINFO: 100, UID: 101, GID: 102, UNSPEC: 103, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108,
  EUI64: 109, TKEY: 249, TSIG: 250, IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255,
  '*': 255, URI: 256, CAA: 257, AVC: 258, DOA: 259, AMTRELAY: 260, TA: 32768, DLV: 32769,
  NB: 32, NBSTAT: 33,
};

const NAME_BY_QTYPE = new Map<number, string>();
for (const [name, num] of Object.entries(QTYPE_BY_NAME)) {
  if (name === '*' || name === 'NB' || name === 'NBSTAT') continue;
  if (!NAME_BY_QTYPE.has(num)) NAME_BY_QTYPE.set(num, name);
}

/** Parses a type given as a name (`AAAA`), a number (`28`) or Umbrella's `28 (AAAA)`. 0 if unknown. */
export function qtypeFromText(text: string | undefined): number {
  if (text === undefined) return 0;
  const t = text.trim();
  if (t === '' || t === '-') return 0;
  const num = /^(\d+)/.exec(t);
  if (num) return Number(num[1]);
  const m = /^TYPE(\d+)$/i.exec(t);
  if (m) return Number(m[1]);
  return QTYPE_BY_NAME[t.toUpperCase()] ?? 0;
}

/** `AAAA` for 28, `TYPE65280` for unnamed numbers, `?` for 0. */
export function qtypeName(qtype: number): string {
  if (qtype <= 0) return '?';
  return NAME_BY_QTYPE.get(qtype) ?? `TYPE${qtype}`;
}

/** DNS RCODE (RFC 1035/6895) → unified status. */
export function statusFromRcode(rcode: number): DnsStatus {
  switch (rcode) {
    case 0:
      return 'NOERROR';
    case 2:
      return 'SERVFAIL';
    case 3:
      return 'NXDOMAIN';
    case 5:
      return 'REFUSED';
    default:
      return 'ERROR';
  }
}

/**
 * Sysmon QueryStatus (a Win32 status, log-formats.md §1.3) → unified status.
 * 9001–9023 carry RCODE = status − 9000; 9501 is NODATA; 1460 and 10060 are timeouts.
 */
export function statusFromSysmon(code: number): DnsStatus {
  if (code === 0) return 'NOERROR';
  if (code >= 9001 && code <= 9023) return statusFromRcode(code - 9000);
  if (code === 9501) return 'NODATA';
  if (code === 1460 || code === 10060) return 'TIMEOUT';
  return 'ERROR';
}

/** Winlogbeat translates QueryStatus into its symbol; these map it back to the number. */
const SYSMON_STATUS_BY_SYMBOL: Readonly<Record<string, number>> = {
  SUCCESS: 0,
  ERROR_SUCCESS: 0,
  ERROR_ACCESS_DENIED: 5,
  ERROR_NOT_ENOUGH_MEMORY: 8,
  ERROR_INVALID_DATA: 13,
  ERROR_OUTOFMEMORY: 14,
  ERROR_INVALID_NAME: 123,
  ERROR_INVALID_NETNAME: 1214,
  ERROR_CANCELLED: 1223,
  ERROR_TIMEOUT: 1460,
  ERROR_OBJECT_NOT_FOUND: 4312,
  DNS_ERROR_RCODE_FORMAT_ERROR: 9001,
  DNS_ERROR_RCODE_SERVER_FAILURE: 9002,
  DNS_ERROR_RCODE_NAME_ERROR: 9003,
  DNS_ERROR_RCODE_NOT_IMPLEMENTED: 9004,
  DNS_ERROR_RCODE_REFUSED: 9005,
  DNS_ERROR_RCODE_YXDOMAIN: 9006,
  DNS_ERROR_RCODE_YXRRSET: 9007,
  DNS_ERROR_RCODE_NXRRSET: 9008,
  DNS_ERROR_RCODE_NOTAUTH: 9009,
  DNS_ERROR_RCODE_NOTZONE: 9010,
  DNS_ERROR_RCODE_BADSIG: 9016,
  DNS_ERROR_RCODE_BADKEY: 9017,
  DNS_ERROR_RCODE_BADTIME: 9018,
  DNS_INFO_NO_RECORDS: 9501,
  DNS_ERROR_BAD_PACKET: 9502,
  DNS_ERROR_NO_PACKET: 9503,
  DNS_ERROR_RCODE: 9504,
  DNS_ERROR_UNSECURE_PACKET: 9505,
  DNS_REQUEST_PENDING: 9506,
  DNS_ERROR_INVALID_TYPE: 9551,
  DNS_ERROR_INVALID_IP_ADDRESS: 9552,
  DNS_ERROR_INVALID_PROPERTY: 9553,
  DNS_ERROR_TRY_AGAIN_LATER: 9554,
  DNS_ERROR_NOT_UNIQUE: 9555,
  DNS_ERROR_NON_RFC_NAME: 9556,
  DNS_STATUS_FQDN: 9557,
  DNS_STATUS_DOTTED_NAME: 9558,
  DNS_STATUS_SINGLE_PART_NAME: 9559,
  DNS_ERROR_INVALID_NAME_CHAR: 9560,
  DNS_ERROR_NUMERIC_NAME: 9561,
  DNS_ERROR_RECORD_DOES_NOT_EXIST: 9701,
  DNS_ERROR_RECORD_FORMAT: 9702,
  DNS_ERROR_RECORD_TIMED_OUT: 9705,
  DNS_ERROR_NAME_DOES_NOT_EXIST: 9714,
  DNS_ERROR_NO_TCPIP: 9851,
  DNS_ERROR_NO_DNS_SERVERS: 9852,
  WSAECONNRESET: 10054,
  WSAENOBUFS: 10055,
  WSAETIMEDOUT: 10060,
};

/**
 * Reads a Sysmon QueryStatus given as a decimal string or as Winlogbeat's symbol.
 * Returns null when it is neither.
 */
export function sysmonStatusCode(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (/^\d{1,10}$/.test(t)) return Number(t);
  const sym = SYSMON_STATUS_BY_SYMBOL[t.toUpperCase()];
  return sym ?? null;
}
