import { describe, expect, it } from 'vitest';
import { qtypeFromText, qtypeName, statusFromRcode, statusFromSysmon, sysmonStatusCode } from './dns-codes';

describe('Sysmon QueryStatus mapping', () => {
  it.each([
    [0, 'NOERROR'],
    [9003, 'NXDOMAIN'],
    [9002, 'SERVFAIL'],
    [9005, 'REFUSED'],
    [9501, 'NODATA'],
    [1460, 'TIMEOUT'],
    [10060, 'TIMEOUT'],
    [9502, 'ERROR'],
    [9701, 'ERROR'],
    [1223, 'ERROR'],
  ] as const)('%i → %s', (code, status) => {
    expect(statusFromSysmon(code)).toBe(status);
  });
  it('reads Winlogbeat symbols back to their numbers', () => {
    expect(sysmonStatusCode('DNS_ERROR_RCODE_NAME_ERROR')).toBe(9003);
    expect(sysmonStatusCode('SUCCESS')).toBe(0);
    expect(sysmonStatusCode(' 9501 ')).toBe(9501);
    expect(sysmonStatusCode('bogus')).toBeNull();
  });
});

describe('RR types', () => {
  it('accepts names, numbers and Umbrella "28 (AAAA)"', () => {
    expect(qtypeFromText('AAAA')).toBe(28);
    expect(qtypeFromText('txt')).toBe(16);
    expect(qtypeFromText('28 (AAAA)')).toBe(28);
    expect(qtypeFromText('TYPE65280')).toBe(65280);
    expect(qtypeFromText('*')).toBe(255);
    expect(qtypeFromText('-')).toBe(0);
  });
  it('names numbers for display', () => {
    expect(qtypeName(28)).toBe('AAAA');
    expect(qtypeName(10)).toBe('NULL');
    expect(qtypeName(65280)).toBe('TYPE65280');
    expect(qtypeName(0)).toBe('?');
  });
  it('maps RCODEs', () => {
    expect(statusFromRcode(3)).toBe('NXDOMAIN');
    expect(statusFromRcode(1)).toBe('ERROR');
  });
});
