import { describe, expect, it } from 'vitest';
import {
  BENIGN_ZONES,
  benignZone,
  caseKeptName,
  dataLabels,
  decodeBase32,
  hasLabel,
  isStructurallyBenign,
  leadingHexLength,
  longestLabel,
  subdomainOf,
} from './labels';

describe('label helpers', () => {
  it('keeps the logged case when the raw name differs from the normalised one only in case', () => {
    expect(caseKeptName('jEd_pDzf.Example.NET.', 'jed_pdzf.example.net')).toBe('jEd_pDzf.Example.NET');
    expect(caseKeptName('(3)www(7)example(3)com(0)', 'www.example.com')).toBe('www.example.com');
  });

  it('cuts the registrable domain off a name at a label boundary', () => {
    expect(subdomainOf('a.b.example.com', 'example.com')).toBe('a.b');
    expect(subdomainOf('Ab.EXAMPLE.com', 'example.com')).toBe('Ab');
    expect(subdomainOf('example.com', 'example.com')).toBe('');
    expect(subdomainOf('notexample.com', 'example.com')).toBe('');
    expect(subdomainOf('wpad', '')).toBe('');
  });

  it('measures labels and joins the data-bearing ones', () => {
    expect(longestLabel('abc.defgh.ij')).toBe(5);
    expect(longestLabel('')).toBe(0);
    expect(dataLabels('post.1234567890.ab.0123456789abcdef', 8)).toBe('12345678900123456789abcdef');
  });

  it('counts the hex characters of the leading hex labels', () => {
    expect(leadingHexLength('6dde0175375169c68f.dnsc')).toBe(19);
    expect(leadingHexLength('abc.def.xyz', 4)).toBe(0);
    expect(leadingHexLength('0123456789.ab.zz', 10)).toBe(12);
    expect(leadingHexLength('xyz')).toBe(0);
  });

  it('finds labels of a shape without splitting the name', () => {
    const shape = { min: 5, max: 6, alphabet: 'abcdefghijklmnopqrstuvwxyz0123456789', notOnly: '0123456789abcdef' };
    expect(hasLabel('ab.zzzzz.c', shape)).toBe(true);
    expect(hasLabel('ab.abcde.c', shape)).toBe(false);
    expect(hasLabel('ab.zzzzzzz.c', shape)).toBe(false);
    expect(hasLabel('ab.zzzzz', { ...shape, followed: true })).toBe(false);
    expect(hasLabel('zz-zz.x', shape)).toBe(false);
  });

  it('decodes RFC 4648 base32 and rejects other text', () => {
    expect(decodeBase32('ONSWG4TFORZS4ZDPMN4HYNBS')).toBe('secrets.docx|42');
    expect(decodeBase32('a1')).toBeNull();
  });

  it('treats .arpa, .local and underscore service names as structurally benign', () => {
    for (const n of ['4.3.2.1.in-addr.arpa', 'printer.local', 'sel1._domainkey.example.com', '_ldap._tcp.dc._msdcs.corp.example.com', '_dmarc.example.com']) {
      expect(isStructurallyBenign(n)).toBe(true);
    }
    expect(isStructurallyBenign('www.example.com')).toBe(false);
    expect(isStructurallyBenign('a_b.example.com')).toBe(false);
    expect(isStructurallyBenign('_jed-pdzf7xxbn0qapokuhrv-hl0lmxd.example.com')).toBe(false);
  });

  it('matches benign zones at label boundaries, most specific row first', () => {
    expect(benignZone('x.avqs.mcafee.com')?.zone).toBe('avqs.mcafee.com');
    expect(benignZone('e7070.g.akamaiedge.net')?.zone).toBe('akamaiedge.net');
    expect(benignZone('akamaiedge.net')?.zone).toBe('akamaiedge.net');
    expect(benignZone('notakamaiedge.net')).toBeNull();
    expect(benignZone('mcafee.com')).toBeNull();
  });

  it('documents every benign zone with a reason and a source', () => {
    for (const z of BENIGN_ZONES) {
      expect(z.zone).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(z.why.length).toBeGreaterThan(3);
      expect(z.source.length).toBeGreaterThan(3);
    }
  });
});
