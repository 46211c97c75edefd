/**
 * DNSStager (github.com/mhaskar/DNSStager ef934e3) server-side encodings, reproduced exactly as
 * dns-c2-facts.md §1.1–1.3 describe them: XOR with a one-byte key, lower-case hex, AAAA chunks of
 * 32 hex characters written as 4-character groups, dnslib's zero right-padding, RFC 5952 text in
 * the logs; TXT = base64 of the hex string in 200-character records.
 */
import { asciiBytes, base64, chunk, formatIpv6 } from './encoding';
import { hash32, Rng } from './rng';

/** First 64 bytes of the Metasploit/Cobalt Strike x64 stager (dns-c2-facts.md §1.3). */
export const X64_STAGER_PROLOGUE =
  'fc4883e4f0e8c8000000415141505251564831d265488b5260488b5218488b52' +
  '20488b7250480fb74a4a4d31c94831c0ac3c617c022c2041c1c90d4101c1e2ed';

/** Size of the msf x64 stager DNSStager is usually fed (32 AAAA records). */
export const MSF_X64_STAGER_BYTES = 510;

/**
 * A 510-byte (by default) msf-like x64 stager: the real 64-byte prologue, then bytes from a
 * fixed-seed generator (the same on every run and every hunt seed).
 */
export function msfLikeStager(size = MSF_X64_STAGER_BYTES): Uint8Array {
  const out = new Uint8Array(size);
  const rng = new Rng(hash32('dnsstager msf-like x64 stager body'));
  for (let i = 0; i < size; i++) {
    out[i] = i < X64_STAGER_PROLOGUE.length / 2 ? parseInt(X64_STAGER_PROLOGUE.slice(2 * i, 2 * i + 2), 16) : rng.u32() & 0xff;
  }
  return out;
}

/** `encode_xor_shellcode`: every byte XOR key, as two lower-case hex characters. */
export function xorHex(payload: Uint8Array, key: number): string {
  if (!Number.isInteger(key) || key < 0 || key > 255) throw new Error('the DNSStager key is one byte (0–255)');
  let out = '';
  for (let i = 0; i < payload.length; i++) out += (((payload[i] as number) ^ key) & 0xff).toString(16).padStart(2, '0');
  return out;
}

/** `generate_zone_ipv6`: the zone-file text of each AAAA record (groups of 4 hex, no `::`). */
export function aaaaZoneStrings(payload: Uint8Array, key: number): string[] {
  return chunk(xorHex(payload, key), 32).map((c) => chunk(c, 4).join(':'));
}

/**
 * dnslib `_parse_ipv6`: each group → divmod(int(g, 16), 256) → 2 bytes; zeros fill the `::`
 * gap, or pad on the right when there is none. A 2-character last group `c9` becomes `00 c9`.
 */
export function dnslibIpv6Bytes(text: string): Uint8Array {
  const at = text.indexOf('::');
  const left = at < 0 ? text : text.slice(0, at);
  const right = at < 0 ? '' : text.slice(at + 2);
  const groups = (s: string) =>
    s.split(':').filter((g) => g !== '').flatMap((g) => {
      const v = parseInt(g, 16);
      return [Math.floor(v / 256), v % 256];
    });
  const l = groups(left);
  const r = groups(right);
  if (l.length + r.length > 16) throw new Error(`too many groups in ${text}`);
  return new Uint8Array([...l, ...new Array<number>(16 - l.length - r.length).fill(0), ...r]);
}

/** The AAAA answers as resolvers, Zeek and Sysmon print them (RFC 5952), one per record. */
export function aaaaAnswers(payload: Uint8Array, key: number): string[] {
  return aaaaZoneStrings(payload, key).map((z) => formatIpv6(dnslibIpv6Bytes(z)));
}

/** TXT mode (since 0852d34): base64 of the ASCII hex string, in records of 200 characters. */
export function txtRecords(payload: Uint8Array, key: number): string[] {
  return chunk(base64(asciiBytes(xorHex(payload, key))), 200);
}

/** `prefix + str(i) + "." + domain`: no padding, no separator between prefix and counter. */
export function stagerName(prefix: string, i: number, zone: string): string {
  return `${prefix}${i}.${zone}`;
}
