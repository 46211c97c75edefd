/**
 * Payload reassembly helpers (dns-c2-facts §1.1, §1.3, §6 D3): AAAA records → bytes with
 * DNSStager/dnslib tail rules, TXT chunks → bytes (base64, base64 of hex text, hex), single-byte
 * XOR key search against known stager signatures, and the `details.payload` summary.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { classifyIpv6, ipv6Bytes, isOutsideAllocatedSpace } from '../../enrich/iana-ipv6';
import type { StoredAnswer } from '../../store/event-store';
import { concatBytes } from '../../bytes';

export const TYPE_AAAA = 28;
export const TYPE_TXT = 16;
/** decoded bytes shown in `details.payload.hex` */
export const HEX_PREVIEW_BYTES = 256;

export interface Signature {
  readonly name: string;
  /** bytes at offset 0; −1 = any byte */
  readonly pattern: readonly number[];
  /** extra test on the decoded bytes (key applied by `at`) */
  readonly check?: (at: (i: number) => number, length: number) => boolean;
}

const ascii = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0));

function peHeader(at: (i: number) => number, length: number): boolean {
  if (length < 0x40) return false;
  const off = (at(0x3c) | (at(0x3d) << 8) | (at(0x3e) << 16) | (at(0x3f) << 24)) >>> 0;
  return off + 4 <= length && at(off) === 0x50 && at(off + 1) === 0x45 && at(off + 2) === 0 && at(off + 3) === 0;
}

/**
 * Known starts of staged payloads, most specific first. Two-byte starts (`fce8`, `MZ`) alone
 * match some key of random data with p = 1/256, so they need more bytes: the x86 prologue is
 * `cld; call +n; pushad` (msf/CS block_api), MZ needs its PE header or a Beacon loader stub.
 */
export const SIGNATURES: readonly Signature[] = [
  { name: 'x64 shellcode prologue', pattern: [0xfc, 0x48, 0x83, 0xe4, 0xf0, 0xe8] },
  { name: 'x86 shellcode prologue', pattern: [0xfc, 0xe8, -1, 0x00, 0x00, 0x00, 0x60] },
  { name: 'Beacon reflective DLL stub (x64)', pattern: [0x4d, 0x5a, 0x41, 0x52, 0x55, 0x48, 0x89, 0xe5] },
  { name: 'Beacon reflective DLL stub (x86)', pattern: [0x4d, 0x5a, 0xe8, 0, 0, 0, 0, 0x5b, 0x52, 0x45, 0x55, 0x89, 0xe5] },
  { name: 'PE executable (MZ)', pattern: [0x4d, 0x5a], check: peHeader },
  { name: 'base64 of x64 shellcode prologue', pattern: ascii('/EiD5PDo') },
  { name: 'base64 of PE header', pattern: ascii('TVqQAAMAAAAEAAAA') },
  { name: 'hex text of x64 shellcode prologue', pattern: ascii('fc4883e4f0e8') },
];

export interface SignatureMatch {
  readonly xorKey: number;
  readonly signature: string;
}

/** Tries every single-byte XOR key 0–255 against every signature at offset 0. */
export function findXorSignature(data: Uint8Array, signatures: readonly Signature[] = SIGNATURES): SignatureMatch | null {
  for (let key = 0; key < 256; key++) {
    const at = (i: number) => ((data[i] ?? 0) ^ key) & 0xff;
    for (const s of signatures) {
      if (data.length < s.pattern.length) continue;
      let ok = true;
      for (let i = 0; i < s.pattern.length && ok; i++) {
        const p = s.pattern[i] as number;
        if (p >= 0 && at(i) !== p) ok = false;
      }
      if (ok && (!s.check || s.check(at, data.length))) return { xorKey: key, signature: s.name };
    }
  }
  return null;
}

export function xorBytes(data: Uint8Array, key: number): Uint8Array {
  if (key === 0) return data;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) ^ key;
  return out;
}

/** The bytes one AAAA response carries: its AAAA answers in order, 16 bytes each. */
export function aaaaResponseBytes(answers: readonly StoredAnswer[]): Uint8Array | null {
  const parts: Uint8Array[] = [];
  for (const a of answers) {
    if (a.type !== TYPE_AAAA) continue;
    const b = ipv6Bytes(a.value);
    if (b) parts.push(b);
  }
  return parts.length === 0 ? null : concatBytes(parts);
}

/**
 * Length of the payload in DNSStager's last record. dnslib right-pads the record with 0x00 (not
 * XORed) and writes a final 2-hex-digit group `XX` as bytes `00 XX` (odd payload length):
 *  - trailing zero bytes are padding;
 *  - if the last non-zero byte ends a group whose high byte is 0 → odd tail, drop that 0x00;
 *  - if the last non-zero byte is a group's high byte, the group was `XX00`: keep its low 0.
 * A record with no padding (15 or 16 bytes of payload) is read as 16 bytes.
 */
export function trimLastRecord(rec: Uint8Array): Uint8Array {
  let n = rec.length;
  while (n > 0 && rec[n - 1] === 0) n--;
  if (n === 0) return rec.subarray(0, 0);
  if (n === rec.length) return rec;
  if (n % 2 === 1) return rec.subarray(0, n + 1);
  if (n >= 2 && rec[n - 2] === 0) {
    const out = new Uint8Array(n - 1);
    out.set(rec.subarray(0, n - 2));
    out[n - 2] = rec[n - 1] as number;
    return out;
  }
  return rec.subarray(0, n);
}

/** AAAA records in counter order (null = a gap: 16 unknown bytes, kept as zeros) → payload. */
export function reassembleAaaa(records: readonly (Uint8Array | null)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  records.forEach((r, i) => {
    const rec = r ?? new Uint8Array(16);
    parts.push(i === records.length - 1 && r ? trimLastRecord(rec) : rec);
  });
  return concatBytes(parts);
}

export type TxtEncoding = 'hex' | 'base64-hex' | 'base64' | 'text';

const HEX_RE = /^(?:[0-9a-fA-F]{2})+$/;
const B64_RE = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function hexToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length >>> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Standard or URL-safe base64, padding optional; null if it is not base64. */
export function base64ToBytes(s: string): Uint8Array | null {
  if (!B64_RE.test(s)) return null;
  let t = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (t.length % 4 === 1) return null;
  t += '='.repeat((4 - (t.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(t);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function asciiHex(b: Uint8Array): boolean {
  if (b.length < 2 || b.length % 2 === 1) return false;
  for (const c of b) {
    const isHex = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
    if (!isHex) return false;
  }
  return true;
}

/** Quotes and white space of TXT renderings (`"abc" "def"`) removed. */
export function cleanTxt(value: string): string {
  return value.replace(/["\s]/g, '');
}

/**
 * TXT chunks in counter order → bytes. Hex text is decoded first; base64 next (DNSStager ≥ v1.0
 * serves base64 of the ASCII hex string: decoded again when the result is hex text); anything
 * else is its own UTF-8 bytes.
 */
export function decodeTxtChunks(chunks: readonly string[]): { bytes: Uint8Array; encoding: TxtEncoding } {
  const text = chunks.map(cleanTxt).join('');
  if (HEX_RE.test(text)) return { bytes: hexToBytes(text), encoding: 'hex' };
  const b = base64ToBytes(text) ?? concatOrNull(chunks.map((c) => base64ToBytes(cleanTxt(c))));
  if (b) {
    if (asciiHex(b)) return { bytes: hexToBytes(new TextDecoder().decode(b)), encoding: 'base64-hex' };
    return { bytes: b, encoding: 'base64' };
  }
  return { bytes: new TextEncoder().encode(text), encoding: 'text' };
}

const ENCODED_TXT_RE = /^[A-Za-z0-9+/=_-]{64,}$/;

/**
 * An answer that carries data rather than a destination: an AAAA value outside RIR-allocated
 * space (§2), or a TXT string of 64+ base64/hex characters.
 */
export function answerLooksEncoded(a: StoredAnswer): boolean {
  if (a.type === TYPE_AAAA) return isOutsideAllocatedSpace(classifyIpv6(a.value));
  if (a.type === TYPE_TXT) return ENCODED_TXT_RE.test(cleanTxt(a.value));
  return false;
}

export interface PayloadSummary {
  readonly bytes: number;
  readonly xorKey: number;
  readonly hex: string;
  readonly signature: string | null;
  readonly sha256: string;
}

/** `details.payload` of the findings contract, from the encoded bytes and the key found. */
export function summarizePayload(encoded: Uint8Array, match: SignatureMatch | null): PayloadSummary {
  const key = match?.xorKey ?? 0;
  const decoded = xorBytes(encoded, key);
  return {
    bytes: decoded.length,
    xorKey: key,
    hex: bytesToHex(decoded.subarray(0, HEX_PREVIEW_BYTES)),
    signature: match?.signature ?? null,
    sha256: bytesToHex(sha256(decoded)),
  };
}

function concatOrNull(parts: readonly (Uint8Array | null)[]): Uint8Array | null {
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  return concatBytes(parts as Uint8Array[]);
}
