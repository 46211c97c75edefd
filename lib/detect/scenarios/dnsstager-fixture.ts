/**
 * Scenario fixture: DNSStager server encodings re-implemented from dns-c2-facts §1.1 (no tool
 * code), used by the staging, AAAA and reassembly scenarios and tests.
 */
import ipaddr from 'ipaddr.js';
import type { TestEvent } from '../../testing/store-builder';

/** CS/msf x64 stager prologue, 64 bytes (dns-c2-facts §1.3). */
export const X64_PROLOGUE_HEX =
  'fc4883e4f0e8c8000000415141505251' +
  '564831d265488b5260488b5218488b52' +
  '20488b7250480fb74a4a4d31c94831c0' +
  'ac3c617c022c2041c1c90d4101c1e2ed';

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The prologue followed by deterministic filler up to `size` bytes (a stand-in stager body). */
export function stagerPayload(size: number): Uint8Array {
  const out = new Uint8Array(size);
  const head = fromHex(X64_PROLOGUE_HEX);
  out.set(head.subarray(0, Math.min(size, head.length)));
  let x = 0x2545f491;
  for (let i = head.length; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function xorHex(payload: Uint8Array, key: number): string {
  let s = '';
  for (const b of payload) s += (b ^ key).toString(16).padStart(2, '0');
  return s;
}

/**
 * `generate_zone_ipv6`: 32-hex chunks, 4-hex groups; dnslib turns each group into 2 bytes
 * (a 2-hex group becomes `00 XX`) and right-pads with 0x00; logs show RFC 5952 text.
 */
export function dnsstagerAaaa(payload: Uint8Array, key: number): string[] {
  const hex = xorHex(payload, key);
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += 32) {
    const chunk = hex.slice(i, i + 32);
    const groups: number[] = [];
    for (let j = 0; j < chunk.length; j += 4) groups.push(parseInt(chunk.slice(j, j + 4), 16));
    while (groups.length < 8) groups.push(0);
    out.push(new ipaddr.IPv6(groups).toRFC5952String());
  }
  return out;
}

/** TXT mode: v1.0 = base64 of the ASCII hex string; before 2021-04-24 base64 of the raw bytes. */
export function dnsstagerTxt(payload: Uint8Array, key: number, legacy = false): string[] {
  let text = '';
  if (legacy) for (const b of payload) text += String.fromCharCode(b ^ key);
  else text = xorHex(payload, key);
  const b64 = btoa(text);
  const out: string[] = [];
  for (let i = 0; i < b64.length; i += 200) out.push(b64.slice(i, i + 200));
  return out;
}

export interface StagerRun {
  readonly answers: readonly string[];
  readonly qtype: 'AAAA' | 'TXT';
  readonly prefix?: string;
  readonly domain?: string;
  readonly t0?: number;
  /** seconds between records (`--sleep`) */
  readonly sleep?: number;
  readonly host?: string;
  readonly image?: string;
}

/** The C agent's timeline: `prefix<i>.domain` for each record, then a NODATA for `prefix<N>`. */
export function stagerEvents(run: StagerRun): TestEvent[] {
  const { prefix = 'cloud-srv-', domain = 'test.mydnsserver.live', t0 = 1_700_000_000, sleep = 1 } = run;
  const who = { host: run.host ?? 'WIN10-SARA', image: run.image ?? 'C:\\Users\\sara\\Desktop\\dns_stager.exe' };
  const events: TestEvent[] = run.answers.map((a, i) => ({
    t: t0 + i * (sleep + 0.04),
    qname: `${prefix}${i}.${domain}`,
    qtype: run.qtype,
    answers: [run.qtype === 'AAAA' ? a : { type: 16, value: a }],
    ttl: 300,
    ...who,
  }));
  const n = run.answers.length;
  events.push({ t: t0 + n * (sleep + 0.04), qname: `${prefix}${n}.${domain}`, status: 'NODATA', code: 9501, qtype: 0, ...who });
  return events;
}
