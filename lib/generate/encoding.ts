/** Byte encodings and address text the generator writes (pure, no dependencies). */

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const BASE32_RFC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** iodine's base32 alphabet (src/base32.c): lower-case letters then 0–5. */
export const BASE32_IODINE = 'abcdefghijklmnopqrstuvwxyz012345';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out += HEX[b >>> 4]! + HEX[b & 15]!;
  }
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not an even-length hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function base64With(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

/** RFC 4648 base64 with `=` padding. */
export function base64(bytes: Uint8Array): string {
  return base64With(bytes, B64, true);
}

/** RFC 4648 base64url, no padding (case-sensitive: `-` and `_`). */
export function base64url(bytes: Uint8Array): string {
  return base64With(bytes, B64URL, false);
}

/** Base32 over any 32-character alphabet; `pad` adds RFC 4648 `=` padding. */
export function base32(bytes: Uint8Array, alphabet = BASE32_RFC, pad = false): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | (bytes[i] as number)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  if (pad) while (out.length % 8 !== 0) out += '=';
  return out;
}

/** Splits `text` into pieces of at most `size` characters. */
export function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Inserts a dot every `size` characters (iodine `inline_dotify`, DNS label splitting). */
export function dotify(text: string, size: number): string {
  return chunk(text, size).join('.');
}

/**
 * RFC 5952 text of a 16-byte IPv6 address: lower-case hex, leading zeros dropped, the longest
 * run (first on a tie) of two or more zero groups as `::`. With `dottedTail`, the last 32 bits
 * are written as a dotted quad (the RFC 6052 form of an IPv4-embedded address).
 */
export function formatIpv6(bytes: ArrayLike<number>, dottedTail = false): string {
  if (bytes.length !== 16) throw new Error('an IPv6 address has 16 bytes');
  const n = dottedTail ? 6 : 8;
  const groups: number[] = [];
  for (let i = 0; i < n; i++) groups.push(((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < n; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  let text: string;
  if (bestStart < 0) text = hex(0, n);
  else {
    const end = bestStart + bestLen;
    text = `${hex(0, bestStart)}::${hex(end, n)}`;
  }
  if (!dottedTail) return text;
  const quad = `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  if (text.endsWith('::')) return text + quad;
  return `${text}:${quad}`;
}

/** Bytes of a dotted IPv4 address. */
export function ipv4Bytes(ip: string): number[] {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad IPv4 ${ip}`);
  return parts;
}

/** 64:ff9b::/96 (RFC 6052 well-known prefix) address for an IPv4 address, as 16 bytes. */
export function nat64Bytes(ip: string): number[] {
  return [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ...ipv4Bytes(ip)];
}
