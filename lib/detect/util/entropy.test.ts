import { describe, expect, it } from 'vitest';
import { draw, HEX, rng } from '../scenarios/encoded-label-tunnel';
import { classifyAlphabet, encodedVerdict, expectedEntropy, minEncodedEntropy, shannonEntropy } from './entropy';

describe('shannonEntropy', () => {
  it('is 0 for empty and one-symbol strings and log2(n) for n distinct symbols', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2, 10);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4, 10);
  });

  it('counts non-ASCII characters and leaves no state behind between calls', () => {
    expect(shannonEntropy('ab\u00bc\u00bd')).toBeCloseTo(2, 10);
    expect(shannonEntropy('aabb')).toBeCloseTo(1, 10);
    expect(shannonEntropy('aabb')).toBeCloseTo(1, 10);
  });
});

describe('classifyAlphabet', () => {
  it('names the encoder alphabet from the characters used', () => {
    expect(classifyAlphabet('6dde0175375169c68f')).toBe('hex');
    expect(classifyAlphabet('6DDE0175375169C68F')).toBe('hex');
    expect(classifyAlphabet('onswg4tforzs4zdpmn4hynbs')).toBe('base32');
    expect(classifyAlphabet('ONSWG4TFORZS4ZDPMN4HYNBS')).toBe('base32');
    expect(classifyAlphabet('jEd_pDzf7xXBN0qApoKUHRv-hl0')).toBe('base64url');
    expect(classifyAlphabet('ZmM0ODgzZTRmMGU4YzgwMDAw')).toBe('base64');
    expect(classifyAlphabet('/EiD5PDoyAAAAEFRQVBSUVZIMdJl==')).toBe('base64');
    expect(classifyAlphabet('hello world')).toBe('other');
    expect(classifyAlphabet('a.b')).toBe('other');
    expect(classifyAlphabet('')).toBe('other');
  });
});

describe('expectedEntropy', () => {
  it('reproduces the label-shape reference of dns-c2-facts.md §3', () => {
    expect(expectedEntropy(16, 60)).toBeCloseTo(3.81, 2);
    expect(expectedEntropy(16, 32)).toBeCloseTo(3.61, 2);
    expect(expectedEntropy(32, 63)).toBeCloseTo(4.59, 2);
    expect(expectedEntropy(64, 63)).toBeCloseTo(5.17, 2);
    expect(expectedEntropy(64, 200)).toBeCloseTo(5.75, 2);
  });

  it('never exceeds log2 of the alphabet or of the length, and approaches log2(k) for long strings', () => {
    for (const [k, n] of [[16, 8], [64, 20], [32, 300]] as const) {
      expect(expectedEntropy(k, n)).toBeLessThanOrEqual(Math.min(Math.log2(k), Math.log2(n)));
    }
    expect(expectedEntropy(16, 5000)).toBeGreaterThan(3.99);
    expect(expectedEntropy(16, 1)).toBe(0);
  });

  it('puts the default cut near the published p5 values (hex ≥ 3.6, base32 ≥ 4.4, base64 ≥ 4.9)', () => {
    expect(minEncodedEntropy('hex', 60)).toBeGreaterThan(3.6);
    expect(minEncodedEntropy('hex', 60)).toBeLessThan(3.68);
    expect(minEncodedEntropy('base32', 63)).toBeCloseTo(4.41, 1);
    expect(minEncodedEntropy('base64url', 63)).toBeGreaterThan(4.9);
    expect(minEncodedEntropy('base64url', 63)).toBeLessThan(4.98);
  });
});

describe('encodedVerdict', () => {
  it('accepts about 95 % of random hex labels and rejects readable and repetitive ones', () => {
    const r = rng(1);
    let ok = 0;
    for (let i = 0; i < 400; i++) if (encodedVerdict(draw(r, HEX, 60)).encoded) ok++;
    expect(ok / 400).toBeGreaterThan(0.9);
    expect(encodedVerdict('customerportalauthenticationservicefrontendinstance').encoded).toBe(false);
    expect(encodedVerdict('0000000000000000000000000000000000000000000000000001').encoded).toBe(false);
    expect(encodedVerdict('this is plain text that is long enough to matter here').encoded).toBe(false);
  });

  it('takes a stricter or looser ratio', () => {
    const s = 'ca71018f3a9a00018cf0430005472b8f62';
    expect(encodedVerdict(s, 0.5).encoded).toBe(true);
    expect(encodedVerdict(s, 1.2).encoded).toBe(false);
  });
});
