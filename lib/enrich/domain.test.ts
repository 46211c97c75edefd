import { describe, expect, it } from 'vitest';
import { registrableDomain } from './domain';

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
