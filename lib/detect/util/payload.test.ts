import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dnsstagerAaaa, dnsstagerTxt, fromHex, stagerPayload, X64_PROLOGUE_HEX } from '../scenarios/dnsstager-fixture';
import {
  answerLooksEncoded,
  base64ToBytes,
  decodeTxtChunks,
  findXorSignature,
  reassembleAaaa,
  summarizePayload,
  trimLastRecord,
} from './payload';
import { ipv6Bytes } from '../../enrich/iana-ipv6';

const PROLOGUE = fromHex(X64_PROLOGUE_HEX);
/** dns-c2-facts §1.3, columns key 0x00, 0x0a, 0x10 */
const COLUMNS: Record<number, string[]> = {
  0x00: ['fc48:83e4:f0e8:c800:0:4151:4150:5251', '5648:31d2:6548:8b52:6048:8b52:1848:8b52', '2048:8b72:5048:fb7:4a4a:4d31:c948:31c0', 'ac3c:617c:22c:2041:c1c9:d41:1c1:e2ed'],
  0x0a: ['f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b', '5c42:3bd8:6f42:8158:6a42:8158:1242:8158', '2a42:8178:5a42:5bd:4040:473b:c342:3bca', 'a636:6b76:826:2a4b:cbc3:74b:bcb:e8e7'],
  0x10: ['ec58:93f4:e0f8:d810:1010:5141:5140:4241', '4658:21c2:7558:9b42:7058:9b42:858:9b42', '3058:9b62:4058:1fa7:5a5a:5d21:d958:21d0', 'bc2c:716c:123c:3051:d1d9:1d51:11d1:f2fd'],
};
const records = (texts: readonly string[]) => texts.map((t) => ipv6Bytes(t));

describe('the DNSStager fixture', () => {
  it('reproduces the published AAAA answers for keys 0x00, 0x0a and 0x10', () => {
    for (const [key, col] of Object.entries(COLUMNS)) expect(dnsstagerAaaa(PROLOGUE, Number(key))).toEqual(col);
  });

  it('reproduces the published tails of 37, 44 and 45-byte payloads', () => {
    expect(dnsstagerAaaa(PROLOGUE.subarray(0, 37), 0)[2]).toBe('2048:8b72:50::');
    expect(dnsstagerAaaa(PROLOGUE.subarray(0, 44), 0x10)[2]).toBe('3058:9b62:4058:1fa7:5a5a:5d21::');
    expect(dnsstagerAaaa(PROLOGUE.subarray(0, 45), 0)[2]).toBe('2048:8b72:5048:fb7:4a4a:4d31:c9:0');
  });

  it('reproduces the published TXT forms', () => {
    const v1 = dnsstagerTxt(PROLOGUE, 0);
    expect(v1).toHaveLength(1);
    expect(v1[0]).toMatch(/^ZmM0ODgzZTRmMGU4YzgwMDAwMDA0MTUxNDE1MDUyNTE1NjQ4MzFkMjY1NDg4YjUy.*MWUyZWQ=$/);
    expect(v1[0]).toHaveLength(172);
    expect(dnsstagerTxt(PROLOGUE, 0, true)[0]).toMatch(/^\/EiD5PDoyAAAAEFRQVBSUVZIMdJlSItSYEiLUhhI/);
    expect(dnsstagerTxt(stagerPayload(510), 0)).toHaveLength(7);
    expect(dnsstagerTxt(stagerPayload(510), 0, true)).toHaveLength(4);
  });
});

describe('reassembleAaaa', () => {
  it('rebuilds the 64-byte prologue from every key column', () => {
    for (const [key, col] of Object.entries(COLUMNS)) {
      const bytes = reassembleAaaa(records(col));
      expect(bytes).toHaveLength(64);
      expect(findXorSignature(bytes)).toEqual({ xorKey: Number(key), signature: 'x64 shellcode prologue' });
    }
  });

  it('trims the zero padding and the odd-length 00 of the last record only', () => {
    const c = COLUMNS[0] as string[];
    expect(Array.from(reassembleAaaa(records([c[0] as string, c[1] as string, '2048:8b72:50::'])))).toEqual(Array.from(PROLOGUE.subarray(0, 37)));
    expect(Array.from(reassembleAaaa(records([c[0] as string, c[1] as string, '2048:8b72:5048:fb7:4a4a:4d31:c9:0'])))).toEqual(
      Array.from(PROLOGUE.subarray(0, 45)),
    );
    const k = COLUMNS[0x10] as string[];
    const tail44 = reassembleAaaa(records([k[0] as string, k[1] as string, '3058:9b62:4058:1fa7:5a5a:5d21::']));
    expect(tail44).toHaveLength(44);
    expect(summarizePayload(tail44, findXorSignature(tail44)).hex).toBe(X64_PROLOGUE_HEX.slice(0, 88));
  });

  it('keeps inner records whole and fills a gap with 16 zero bytes', () => {
    const c = COLUMNS[0] as string[];
    const bytes = reassembleAaaa([ipv6Bytes(c[0] as string), null, ipv6Bytes(c[2] as string)]);
    expect(bytes).toHaveLength(48);
    expect(Array.from(bytes.subarray(16, 32))).toEqual(new Array(16).fill(0));
  });

  it('round-trips payloads of every tail length but 15 and every key', () => {
    for (let len = 17; len <= 48; len++) {
      if (len % 16 === 15) continue;
      for (const key of [0, 0x0a, 0x10, 0xff]) {
        const p = stagerPayload(len);
        const bytes = reassembleAaaa(records(dnsstagerAaaa(p, key)));
        const m = findXorSignature(bytes);
        expect(m?.xorKey).toBe(key);
        expect(summarizePayload(bytes, m).bytes).toBe(len);
      }
    }
  });
});

describe('trimLastRecord', () => {
  it('reads an unpadded 15-byte tail as 16 bytes (indistinguishable on the wire)', () => {
    const bytes = reassembleAaaa(records(dnsstagerAaaa(stagerPayload(31), 0)));
    expect(bytes).toHaveLength(32);
  });


  it('restores a genuine trailing zero byte of a full group', () => {
    expect(Array.from(trimLastRecord(Uint8Array.from([0x5d, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])))).toEqual([0x5d, 0x00]);
    expect(trimLastRecord(new Uint8Array(16))).toHaveLength(0);
  });
});

describe('decodeTxtChunks', () => {
  it('decodes DNSStager v1.0 base64 of hex text', () => {
    const r = decodeTxtChunks(dnsstagerTxt(stagerPayload(510), 0x0a));
    expect(r.encoding).toBe('base64-hex');
    expect(r.bytes).toHaveLength(510);
    expect(findXorSignature(r.bytes)).toEqual({ xorKey: 0x0a, signature: 'x64 shellcode prologue' });
  });

  it('decodes the pre-2021 base64 of raw bytes', () => {
    const r = decodeTxtChunks(dnsstagerTxt(stagerPayload(510), 0, true));
    expect(r.encoding).toBe('base64');
    expect(Array.from(r.bytes.subarray(0, 64))).toEqual(Array.from(PROLOGUE));
  });

  it('reads hex text, quoted strings and plain text', () => {
    expect(decodeTxtChunks(['"fc4883e4"', 'f0e8']).encoding).toBe('hex');
    expect(decodeTxtChunks(['v=spf1 -all']).encoding).toBe('text');
    expect(base64ToBytes('a')).toBeNull();
    expect(Array.from(base64ToBytes('_-8') ?? [])).toEqual([0xff, 0xef]);
  });
});

describe('findXorSignature', () => {
  it('names x86 prologues, PE files and base64 text under any key', () => {
    const x86 = fromHex('fce8820000006089e531c0648b5030');
    expect(findXorSignature(x86.map((b) => b ^ 0x37))).toEqual({ xorKey: 0x37, signature: 'x86 shellcode prologue' });
    const pe = new Uint8Array(0x100);
    pe.set([0x4d, 0x5a]);
    pe[0x3c] = 0x80;
    pe.set([0x50, 0x45, 0, 0], 0x80);
    expect(findXorSignature(pe.map((b) => b ^ 0x5c))?.signature).toBe('PE executable (MZ)');
    pe[0x81] = 0;
    expect(findXorSignature(pe)).toBeNull();
    expect(findXorSignature(new TextEncoder().encode('/EiD5PDoyAAAAEFRQVBS'))?.signature).toBe('base64 of x64 shellcode prologue');
  });

  it('matches no key on random data', () => {
    let x = 0x1234567;
    let hits = 0;
    for (let n = 0; n < 2000; n++) {
      const b = new Uint8Array(64).map(() => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x & 0xff;
      });
      if (findXorSignature(b)) hits++;
    }
    expect(hits).toBe(0);
  });
});

describe('summarizePayload', () => {
  it('reports length, key, the decoded hex and the sha256 of the whole payload', () => {
    const bytes = reassembleAaaa(records(COLUMNS[0x0a] as string[]));
    const s = summarizePayload(bytes, findXorSignature(bytes));
    expect(s).toEqual({
      bytes: 64,
      xorKey: 10,
      hex: X64_PROLOGUE_HEX,
      signature: 'x64 shellcode prologue',
      sha256: createHash('sha256').update(PROLOGUE).digest('hex'),
    });
    expect(summarizePayload(stagerPayload(600), null).hex).toHaveLength(512);
  });
});

describe('answerLooksEncoded', () => {
  it('flags unallocated AAAA values and long base64 TXT strings only', () => {
    expect(answerLooksEncoded({ type: 28, value: 'f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b' })).toBe(true);
    expect(answerLooksEncoded({ type: 28, value: '2606:4700::6810:84e5' })).toBe(false);
    expect(answerLooksEncoded({ type: 16, value: dnsstagerTxt(PROLOGUE, 0)[0] as string })).toBe(true);
    expect(answerLooksEncoded({ type: 16, value: 'v=spf1 include:_spf.google.com ~all' })).toBe(false);
    expect(answerLooksEncoded({ type: 1, value: '10.0.0.1' })).toBe(false);
  });
});
