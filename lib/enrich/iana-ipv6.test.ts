import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { IPV6_RIR_BLOCKS, IANA_IPV6_SOURCES, IANA_IPV6_TABLE_DATE, classifyIpv6, classifyIpv6Bytes, ipv6Bytes, isOutsideAllocatedSpace, plainIpv6Bytes } from './iana-ipv6';

describe('classifyIpv6', () => {
  it('classifies the dns-c2-facts §2 examples', () => {
    expect(classifyIpv6('fc48:83e4:f0e8:c800:0:4151:4150:5251').label).toBe('special-purpose:unique-local');
    for (const a of [
      '5648:31d2:6548:8b52:6048:8b52:1848:8b52',
      'ac3c:617c:22c:2041:c1c9:d41:1c1:e2ed',
      'f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b',
      'ec58:93f4:e0f8:d810:1010:5141:5140:4241',
    ]) {
      expect(classifyIpv6(a).cls).toBe('reserved-by-ietf');
    }
    expect(classifyIpv6('2048:8b72:5048:fb7:4a4a:4d31:c948:31c0').cls).toBe('gua-unallocated');
    expect(classifyIpv6('2606:4700::6810:84e5')).toMatchObject({ cls: 'allocated', rir: 'ARIN', label: 'allocated:ARIN', prefix: '2600::/12' });
    expect(classifyIpv6('2a00:1450:4001:82b::200e')).toMatchObject({ cls: 'allocated', rir: 'RIPE', prefix: '2a00::/12' });
  });

  it('names the reserved block an address falls in', () => {
    expect(classifyIpv6('5648:31d2::1').prefix).toBe('4000::/3');
    expect(classifyIpv6('ac3c::').prefix).toBe('a000::/3');
    expect(classifyIpv6('fec0::1')).toMatchObject({ cls: 'reserved-by-ietf', prefix: 'fec0::/10' });
    expect(classifyIpv6('2d00::1')).toMatchObject({ cls: 'gua-unallocated', prefix: '2d00::/8' });
    expect(classifyIpv6('3ffe:1::1')).toMatchObject({ cls: 'gua-unallocated', prefix: '3ffe::/16' });
  });

  it('names special-purpose blocks and prefers the most specific row', () => {
    expect(classifyIpv6('::1').name).toBe('loopback');
    expect(classifyIpv6('::').name).toBe('unspecified');
    expect(classifyIpv6('::ffff:192.0.2.1').name).toBe('ipv4-mapped');
    expect(classifyIpv6('64:ff9b::c000:221')).toMatchObject({ name: 'nat64', globallyReachable: true });
    expect(classifyIpv6('64:ff9b:1::1').name).toBe('nat64-local');
    expect(classifyIpv6('fe80::5cb9:6d15:e592:60fe').name).toBe('link-local');
    expect(classifyIpv6('2001:db8::1').name).toBe('documentation');
    expect(classifyIpv6('3fff::1').name).toBe('documentation');
    expect(classifyIpv6('2002:c000:204::1').name).toBe('6to4');
    expect(classifyIpv6('2001:0:4136:e378::1').name).toBe('teredo');
    expect(classifyIpv6('2001:1::1').name).toBe('pcp-anycast');
    expect(classifyIpv6('2001:4:112::1').name).toBe('as112-v6');
    expect(classifyIpv6('2001:5::1').name).toBe('ietf-protocol-assignments');
    expect(classifyIpv6('2620:4f:8000::1').name).toBe('as112-direct-delegation');
    expect(classifyIpv6('5f00::1').name).toBe('srv6-sid');
  });

  it('treats multicast, IPv4 text and garbage apart', () => {
    expect(classifyIpv6('ff02::1').cls).toBe('multicast');
    expect(classifyIpv6('192.0.2.1').cls).toBe('invalid');
    expect(classifyIpv6('not an address').cls).toBe('invalid');
    expect(classifyIpv6Bytes([1, 2, 3])).toMatchObject({ cls: 'invalid' });
  });

  it('returns the same frozen object for repeated answers', () => {
    const a = classifyIpv6('2606:4700::1');
    expect(classifyIpv6('2606:4700::1')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('covers every first byte exactly once', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 256; i++) {
      const b = new Uint8Array(16);
      b[0] = i;
      b[15] = 7;
      const c = classifyIpv6Bytes(b);
      expect(c.cls).not.toBe('invalid');
      seen.add(c.cls);
    }
    expect(seen).toEqual(new Set(['special-purpose', 'allocated', 'gua-unallocated', 'reserved-by-ietf', 'multicast']));
  });
});

describe('isOutsideAllocatedSpace', () => {
  it('accepts allocated and globally reachable special space only', () => {
    expect(isOutsideAllocatedSpace(classifyIpv6('2606:4700::6810:84e5'))).toBe(false);
    expect(isOutsideAllocatedSpace(classifyIpv6('64:ff9b::102:304'))).toBe(false);
    expect(isOutsideAllocatedSpace(classifyIpv6('fc48:83e4:f0e8:c800:0:4151:4150:5251'))).toBe(true);
    expect(isOutsideAllocatedSpace(classifyIpv6('2048:8b72:50::'))).toBe(true);
    expect(isOutsideAllocatedSpace(classifyIpv6('ff02::1'))).toBe(true);
    expect(isOutsideAllocatedSpace(classifyIpv6('junk'))).toBe(false);
  });
});

describe('ipv6Bytes', () => {
  it('returns the wire bytes of an RFC 5952 text', () => {
    expect(Array.from(ipv6Bytes('2048:8b72:50::') ?? [])).toEqual([0x20, 0x48, 0x8b, 0x72, 0, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Bytes('1.2.3.4')).toBeNull();
  });
});

describe('table metadata', () => {
  it('holds 33 RIR blocks covering 0.172222 % of the address space (dns-c2-facts §2)', () => {
    expect(IPV6_RIR_BLOCKS).toHaveLength(33);
    const share = IPV6_RIR_BLOCKS.reduce((s, b) => s + 2 ** -Number(b.prefix.split('/')[1]), 0);
    expect((share * 100).toFixed(6)).toBe('0.172222');
  });

  it('is dated and names its iana.org sources', () => {
    expect(IANA_IPV6_TABLE_DATE).toBe('2019-11-06');
    expect(IANA_IPV6_SOURCES.map((s) => s.url.startsWith('https://www.iana.org/assignments/'))).toEqual([true, true, true]);
  });
});

describe('plainIpv6Bytes', () => {
  const byIpaddr = (text: string): number[] | null => {
    try {
      return ipaddr.IPv6.parse(text).toByteArray();
    } catch {
      return null;
    }
  };

  it('reads the plain forms answers come in, compressed or not, in either case', () => {
    expect(Array.from(plainIpv6Bytes('2606:4700::6810:84E5') ?? [])).toEqual(byIpaddr('2606:4700::6810:84e5'));
    expect(Array.from(plainIpv6Bytes('::') ?? [])).toEqual(new Array(16).fill(0));
    expect(Array.from(plainIpv6Bytes('::1') ?? [])).toEqual([...new Array(15).fill(0), 1]);
    expect(Array.from(plainIpv6Bytes('fe80::') ?? [])).toEqual([0xfe, 0x80, ...new Array(14).fill(0)]);
    expect(Array.from(plainIpv6Bytes('1:2:3:4:5:6:7::') ?? [])).toEqual(byIpaddr('1:2:3:4:5:6:7:0'));
    for (const bad of ['', ':', ':1::', '1:2', '1::2::3', '1:::2', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4::5:6:7:8', 'g::', '1:2:3:4:5:6:7:8:'])
      expect(plainIpv6Bytes(bad), bad).toBeNull();
  });

  it('leaves embedded IPv4 and zone ids to ipaddr.js, which ipv6Bytes still reads', () => {
    for (const t of ['::ffff:10.1.2.3', 'fe80::1%eth0', '64:ff9b::192.0.2.33']) {
      expect(plainIpv6Bytes(t)).toBeNull();
      expect(Array.from(ipv6Bytes(t) ?? [])).toEqual(byIpaddr(t));
    }
  });

  it('equals ipaddr.js on every text it accepts, and accepts every address ipaddr.js writes', () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, fc.boolean(), (g, upper) => {
        const addr = new ipaddr.IPv6(g);
        for (const text of [addr.toString(), addr.toNormalizedString(), addr.toRFC5952String()]) {
          const t = upper ? text.toUpperCase() : text;
          expect(Array.from(plainIpv6Bytes(t) ?? []), t).toEqual(byIpaddr(t));
        }
      }),
      { numRuns: 2000 },
    );
    // texts made of the characters addresses are written with, valid or not
    const piece = fc.constantFrom('0', '1', 'a', 'F', 'ff', '0000', 'abcd', '12345', ':', '::', ':::', '.', '%', '1.2.3.4');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const t = pieces.join('');
        const plain = plainIpv6Bytes(t);
        if (plain !== null) expect(Array.from(plain), t).toEqual(byIpaddr(t));
        expect(ipv6Bytes(t) === null ? null : Array.from(ipv6Bytes(t) ?? []), t).toEqual(byIpaddr(t));
      }),
      { numRuns: 20000 },
    );
  });
});
