import { describe, expect, it } from 'vitest';
import { asciiBytes, base32, BASE32_IODINE, base64, base64url, dotify, formatIpv6, fromHex, nat64Bytes, toHex } from './encoding';

const v6 = (hex: string) => formatIpv6(fromHex(hex));

describe('formatIpv6 (RFC 5952)', () => {
  it('drops leading zeros and writes lower case', () => {
    expect(v6('20010DB8000A00BC00DE00F001233450')).toBe('2001:db8:a:bc:de:f0:123:3450');
  });

  it('compresses the longest run of two or more zero groups, the first one on a tie', () => {
    expect(v6('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1');
    expect(v6('20010db8000000010000000000000001')).toBe('2001:db8:0:1::1');
    expect(v6('00000000000000000000000000000000')).toBe('::');
    expect(v6('00000000000000000000000000000001')).toBe('::1');
  });

  it('never compresses a single zero group', () => {
    expect(v6('fc4883e4f0e8c8000000415141505251')).toBe('fc48:83e4:f0e8:c800:0:4151:4150:5251');
  });

  it('writes the IPv4 tail dotted when asked (RFC 6052 text)', () => {
    expect(formatIpv6(nat64Bytes('192.0.2.33'))).toBe('64:ff9b::c000:221');
    expect(formatIpv6(nat64Bytes('192.0.2.33'), true)).toBe('64:ff9b::192.0.2.33');
  });
});

describe('byte encodings', () => {
  it('matches RFC 4648 test vectors', () => {
    expect(base64(asciiBytes('foobar'))).toBe('Zm9vYmFy');
    expect(base64(asciiBytes('fo'))).toBe('Zm8=');
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base32(asciiBytes('foobar'), undefined, true)).toBe('MZXW6YTBOI======');
    expect(base32(asciiBytes('f'))).toBe('MY');
  });

  it('reproduces the DNSExfiltrator init label of dns-c2-facts.md §3', () => {
    expect(base32(asciiBytes('secrets.docx|42'))).toBe('ONSWG4TFORZS4ZDPMN4HYNBS');
  });

  it('uses the iodine alphabet when given', () => {
    expect(base32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), BASE32_IODINE)).toBe('55555555');
  });

  it('round-trips hex and splits labels', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(dotify('abcdefg', 3)).toBe('abc.def.g');
    expect(() => fromHex('abc')).toThrow();
  });
});
