import { describe, expect, it } from 'vitest';
import { ecsAnswersToResults, inferQtype, isEmptyResults, parseQueryResults } from './sysmon-answers';
import { parseHashes } from './sysmon-record';

describe('parseQueryResults', () => {
  it('reads a CNAME chain and strips the v4-mapped prefix from the address', () => {
    expect(parseQueryResults('type:  5 github.map.fastly.net;::ffff:151.101.248.133;')).toEqual([
      { type: 5, value: 'github.map.fastly.net' },
      { type: 1, value: '151.101.248.133' },
    ]);
  });

  it('types plain IPv4 as A and anything with a colon as AAAA', () => {
    expect(parseQueryResults('fe80::3b31:a8fa:5adc:7b9e;::ffff:192.168.1.4;127.0.0.1;::1;')).toEqual([
      { type: 28, value: 'fe80::3b31:a8fa:5adc:7b9e' },
      { type: 1, value: '192.168.1.4' },
      { type: 1, value: '127.0.0.1' },
      { type: 28, value: '::1' },
    ]);
  });

  it('keeps an empty value for SOA and SRV records written without one', () => {
    expect(parseQueryResults('type:  6 ;')).toEqual([{ type: 6, value: '' }]);
    expect(parseQueryResults('type:  33 ;172.18.38.5;')).toEqual([
      { type: 33, value: '' },
      { type: 1, value: '172.18.38.5' },
    ]);
  });

  it('removes the trailing dot of names', () => {
    expect(parseQueryResults('type:  12 host.example.;')).toEqual([{ type: 12, value: 'host.example' }]);
  });

  it('treats "-" and empty text as no answers', () => {
    expect(parseQueryResults('-')).toEqual([]);
    expect(parseQueryResults('')).toEqual([]);
    expect(isEmptyResults('-')).toBe(true);
    expect(isEmptyResults(' ')).toBe(true);
    expect(isEmptyResults(';\n;')).toBe(true);
    expect(isEmptyResults('1.2.3.4;')).toBe(false);
  });

  it('splits Splunk multivalue cells on newlines like semicolons', () => {
    expect(parseQueryResults('type:  5 a.example\n::ffff:1.2.3.4\r\n5.6.7.8')).toEqual([
      { type: 5, value: 'a.example' },
      { type: 1, value: '1.2.3.4' },
      { type: 1, value: '5.6.7.8' },
    ]);
  });
});

describe('inferQtype', () => {
  const q = (raw: string) => inferQtype(parseQueryResults(raw));
  it('is A for IPv4 only, AAAA for IPv6 only and unknown for both', () => {
    expect(q('type:  5 x.example;::ffff:1.2.3.4;')).toBe(1);
    expect(q('fe80::1;')).toBe(28);
    expect(q('fe80::1;::ffff:1.2.3.4;')).toBe(0);
  });

  it('is the typed record when there is one besides CNAME and SOA', () => {
    expect(q('type:  33 dc01.pandalab.com;192.168.56.4;')).toBe(33);
    expect(q('type:  12 WORKSTATION5;')).toBe(12);
    expect(q('type:  16 "v=spf1";')).toBe(16);
  });

  it('is unknown for SOA or CNAME alone and for no answers', () => {
    expect(q('type:  6 ;')).toBe(0);
    expect(q('type:  5 x.example;')).toBe(0);
    expect(q('-')).toBe(0);
  });
});

describe('ecsAnswersToResults', () => {
  it('turns ECS answer objects into the Sysmon grammar', () => {
    const raw = ecsAnswersToResults([
      { type: 'CNAME', data: 'go.microsoft.com.edgekey.net' },
      { type: 'CNAME', data: 'e11290.dspg.akamaiedge.net' },
      { type: 'A', data: '23.223.14.67' },
      'junk',
      { type: 'A' },
    ]);
    expect(raw).toBe('type:  5 go.microsoft.com.edgekey.net;type:  5 e11290.dspg.akamaiedge.net;23.223.14.67;');
    expect(parseQueryResults(raw).map((a) => a.type)).toEqual([5, 5, 1]);
  });
});

describe('parseHashes', () => {
  it('maps upper-case algorithms to lower-case hex', () => {
    const h = parseHashes('SHA1=802E35111F0BB82E162CB82EB139877A13469B2C,MD5=289684EB9FA3CBD200F4440B6399FF11,SHA256=E9196B871670AF6307902FC4CA09F7CF3C309AE54B28E10D052ED8741090F928,IMPHASH=B4C6FFF030479AA3B12625BE67BF4914');
    expect({ ...h }).toEqual({
      SHA1: '802e35111f0bb82e162cb82eb139877a13469b2c',
      MD5: '289684eb9fa3cbd200f4440b6399ff11',
      SHA256: 'e9196b871670af6307902fc4ca09f7cf3c309ae54b28e10d052ed8741090f928',
      IMPHASH: 'b4c6fff030479aa3b12625be67bf4914',
    });
  });

  it('gives nothing for text without ALG=HEX pairs, and survives hostile names', () => {
    expect(parseHashes('-')).toBeUndefined();
    expect(parseHashes(undefined)).toBeUndefined();
    const h = parseHashes('__proto__=AB,sha256=CD');
    expect(h?.['SHA256']).toBe('cd');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
