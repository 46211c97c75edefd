import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { aaaaUnallocated, isPrivateV4 } from './aaaa-unallocated';
import { runDetectors } from './run';
import { allocatedAaaa, benignMix, dns64, splitHorizon } from './scenarios/benign-dns-fixture';
import { stagerEvents } from './scenarios/dnsstager-fixture';

const detect = (events: readonly TestEvent[], thresholds: Record<string, number> = {}) =>
  runDetectors(buildStore(events), { detectors: { [aaaaUnallocated.meta.id]: { thresholds } } }, [aaaaUnallocated]).findings;

/** dns-c2-facts §1.3 */
const COLUMNS = {
  0x00: ['fc48:83e4:f0e8:c800:0:4151:4150:5251', '5648:31d2:6548:8b52:6048:8b52:1848:8b52', '2048:8b72:5048:fb7:4a4a:4d31:c948:31c0', 'ac3c:617c:22c:2041:c1c9:d41:1c1:e2ed'],
  0x0a: ['f642:89ee:fae2:c20a:a0a:4b5b:4b5a:585b', '5c42:3bd8:6f42:8158:6a42:8158:1242:8158', '2a42:8178:5a42:5bd:4040:473b:c342:3bca', 'a636:6b76:826:2a4b:cbc3:74b:bcb:e8e7'],
  0x10: ['ec58:93f4:e0f8:d810:1010:5141:5140:4241', '4658:21c2:7558:9b42:7058:9b42:858:9b42', '3058:9b62:4058:1fa7:5a5a:5d21:d958:21d0', 'bc2c:716c:123c:3051:d1d9:1d51:11d1:f2fd'],
};

const one = (answers: string[], extra: Partial<TestEvent> = {}): TestEvent => ({ t: 1, qname: 'x.example.com', qtype: 'AAAA', answers, ...extra });

describe('aaaa-unallocated', () => {
  it.each(Object.entries(COLUMNS))('reports the DNSStager answers of key %s as high with their classes', (_key, col) => {
    const [f, ...rest] = detect([...benignMix(), ...stagerEvents({ answers: col, qtype: 'AAAA' })]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'high',
      entity: { domain: 'mydnsserver.live', qname: 'cloud-srv-0.test.mydnsserver.live', host: 'WIN10-SARA', process: 'C:\\Users\\sara\\Desktop\\dns_stager.exe' },
      evidence: { events: 4 },
      details: { distinctAnomalous: 4, queries: 4 },
    });
    const classes = f?.details.classes as Record<string, number>;
    expect(Object.values(classes).reduce((a, b) => a + b, 0)).toBe(4);
    expect(f?.details.examples).toHaveLength(4);
  });

  it('classifies the unencoded stager start as a ULA answer for a public name', () => {
    const [f] = detect(stagerEvents({ answers: COLUMNS[0x00], qtype: 'AAAA' }));
    expect(f?.details.classes).toEqual({ 'special-purpose:unique-local': 1, 'reserved-by-ietf': 2, 'gua-unallocated': 1 });
  });

  it('escalates with distinct anomalous answers under one parent: 1 low, 2 medium, 3 high', () => {
    const answers = COLUMNS[0x0a];
    const ev = (n: number) => answers.slice(0, n).map((a, i) => one([a], { t: i, qname: `cdn${i}.fakedns.live` }));
    expect(detect(ev(1))[0]?.severity).toBe('low');
    expect(detect(ev(2))[0]?.severity).toBe('medium');
    expect(detect(ev(3))[0]?.severity).toBe('high');
    expect(detect(ev(3), { escalateDistinct: 4 })[0]?.severity).toBe('medium');
    expect(detect(ev(1), { minDistinct: 2 })).toEqual([]);
  });

  it('counts a repeated answer once but keeps every row as evidence', () => {
    const ev = [0, 1, 2].map((i) => one(['5648:31d2::1'], { t: i }));
    const [f] = detect(ev);
    expect(f?.details.distinctAnomalous).toBe(1);
    expect(f?.evidence.events).toBe(3);
  });

  it('accepts allocated, DNS64, 6to4, sinkhole and v4-mapped answers', () => {
    expect(detect([...allocatedAaaa(), ...dns64()])).toEqual([]);
    expect(detect([one(['64:ff9b:1::a00:1']), one(['2002:c000:204::1']), one(['::']), one(['::1'], { qname: 'localhost' }), one(['::ffff:93.184.216.34'])])).toEqual([]);
  });

  it('accepts the Windows NCSI probe answer on every host', () => {
    const ev = ['A', 'B', 'C'].map((host, i) => one(['fd3e:4f5a:5b81::1'], { t: i, host, qname: 'dns.msftncsi.com', image: 'C:\\Windows\\System32\\svchost.exe' }));
    expect(detect(ev)).toEqual([]);
    expect(detect([one(['fd3e:4f5a:5b81::2'], { qname: 'dns.msftncsi.com' })])).toHaveLength(1);
  });

  it('accepts ULA and link-local answers for internal zones', () => {
    expect(detect(splitHorizon())).toEqual([]);
    expect(detect([one(['fd00::1'], { qname: 'printer.lan' }), one(['fe80::1'], { qname: 'FILESRV' }), one(['fd00::2'], { qname: 'nas.home.arpa' })])).toEqual([]);
  });

  it('accepts ULA for a public-looking zone only on hosts that also get a private IPv4 there', () => {
    const ev: TestEvent[] = [
      { t: 1, host: 'A', qname: 'dc01.contoso.com', answers: ['10.0.0.5'] },
      { t: 2, host: 'A', qname: 'files.contoso.com', qtype: 'AAAA', answers: ['fd12::5'] },
      { t: 3, host: 'B', qname: 'files.contoso.com', qtype: 'AAAA', answers: ['fd12::5'] },
    ];
    const fs = detect(ev);
    expect(fs.map((f) => f.entity.host)).toEqual(['B']);
    expect(fs[0]?.evidence.examples.map((e) => e.line)).toEqual([4]);
  });

  it('never excuses reserved answers by the internal-zone rule', () => {
    const fs = detect([one(['a636:6b76::1'], { qname: 'host.corp' }), one(['fe80::1', '4000::1'], { qname: 'x.local' })]);
    expect(fs.map((f) => [f.entity.domain, f.details.distinctAnomalous])).toEqual(
      expect.arrayContaining([
        ['host.corp', 1],
        ['x.local', 1],
      ]),
    );
    expect(fs).toHaveLength(2);
  });

  it('flags multicast and documentation answers but ignores non-AAAA and unparsable values', () => {
    const fs = detect([one(['ff02::1'], { qname: 'a.evil.net' }), one(['2001:db8::1'], { qname: 'b.evil.net' }), one(['zz:zz:zz'], { qname: 'c.other.net' })]);
    expect(fs).toHaveLength(1);
    expect(fs[0]?.details.classes).toEqual({ multicast: 1, 'special-purpose:documentation': 1 });
  });

  it('groups per process and parent domain', () => {
    const ev = [one(['5648::1'], { image: 'a.exe' }), one(['5648::2'], { image: 'b.exe' }), one(['5648::3'], { image: 'a.exe', qname: 'y.other.org' })];
    expect(detect(ev)).toHaveLength(3);
  });
});

describe('isPrivateV4', () => {
  /** what it answered before it read dotted-decimal text in place */
  const bySplit = (v: string) => {
    const p = v.split('.');
    if (p.length !== 4) return false;
    const a = Number(p[0]);
    const b = Number(p[1]);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  };

  it('answers as split and Number do, on addresses and on texts that are not', () => {
    for (const v of ['10.0.0.1', '172.16.4.4', '172.32.0.1', '192.168.1.4', '169.254.0.9', '100.64.0.1', '100.128.0.1', '127.0.0.1', '8.8.8.8', '010.1.1.1', '10.1.1', '10.1.1.1.', ' 10.1.1.1', '0x0a.1.1.1', '1e1.1.1.1', '10..1.1', ''])
      expect(isPrivateV4(v), v).toBe(bySplit(v));
    const piece = fc.constantFrom('10', '172', '16', '31', '32', '192', '168', '169', '254', '100', '64', '127', '0', '1', '255', '010', '1000', '', ' ', 'x', '0x1');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.constantFrom('.', '..', ':'), (parts, sep) => {
        const v = parts.join(sep === '..' ? '.' : sep);
        expect(isPrivateV4(v), v).toBe(bySplit(v));
      }),
      { numRuns: 5000 },
    );
  });
});
