import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicName, nameFacts, registrableDomain } from './domain';

describe('registrableDomain', () => {
  it('uses the Public Suffix List, private section included', () => {
    expect(registrableDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('x.evil.duckdns.org')).toBe('evil.duckdns.org');
    expect(registrableDomain('d1a2b3.cloudfront.net')).toBe('d1a2b3.cloudfront.net');
  });
  it('keeps names without a registrable part as their own group', () => {
    expect(registrableDomain('wpad')).toBe('wpad');
    expect(registrableDomain('')).toBe('');
  });
  it('finds the domain right of labels carrying raw base64 data', () => {
    expect(registrableDomain('ab+c/d==.ef+g.=auth.tcp.vpn-gateway.info')).toBe('vpn-gateway.info');
    expect(registrableDomain('a+b.tcp.vpn-gateway.info')).toBe('vpn-gateway.info');
    expect(registrableDomain('k0nr+e7hbs.nwcjy/lnyx.aqwq2/+kid.tcp.vpn-gateway.info')).toBe('vpn-gateway.info');
    expect(registrableDomain('what?x.example.com')).toBe('example.com');
  });
});

describe('nameFacts', () => {
  const labels = ['a', 'www', 'WWW', 'Ex-Ample', 'x1-y', '_ldap', '_tcp', 'dc', 'wpad', 'xn--bcher-kva', '1', '10', '0', '255', '0x7f', 'ab+c', 'd/e==', 'what?x', '*', ''];
  const suffixes = ['', 'com', 'co.uk', 'duckdns.org', 'cloudfront.net', 'github.io', 'in-addr.arpa', 'ip6.arpa', 'arpa', 'local', 'lan', 'corp', 'internal', 'example', 'com.', 'uk', 'blogspot.com'];

  it('gives what registrableDomain and isPublicName give, from one lookup where the name is a hostname', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...labels), { maxLength: 4 }), fc.constantFrom(...suffixes), (head, suffix) => {
        const name = [...head, suffix].filter((l, i, all) => l !== '' || i < all.length - 1).join('.');
        expect(nameFacts(name), name).toEqual({ domain: registrableDomain(name), isPublic: isPublicName(name) });
      }),
      { numRuns: 2000 },
    );
    for (const name of ['', 'wpad', '10.1.2.3', '1.2.3.4.in-addr.arpa', 'a.b.example.co.uk', 'evil.duckdns.org', 'x.local', 'dc.corp', 'com', 'example.com.'])
      expect(nameFacts(name), name).toEqual({ domain: registrableDomain(name), isPublic: isPublicName(name) });
  });
});
