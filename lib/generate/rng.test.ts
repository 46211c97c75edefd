import { describe, expect, it } from 'vitest';
import { deriveSeed, hash32, Rng, Weighted, zipf } from './rng';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 8 }, (() => { const r = new Rng(seed); return () => r.u32(); })());
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('keeps sub-streams independent of each other', () => {
    const a = Rng.of(7, 'background');
    const before = a.u32();
    const b = Rng.of(7, 'attacks');
    b.u32();
    b.u32();
    expect(Rng.of(7, 'background').u32()).toBe(before);
    expect(deriveSeed(7, 'x')).not.toBe(deriveSeed(8, 'x'));
  });

  it('draws integers inside the inclusive range and floats in [0, 1)', () => {
    const r = new Rng(3);
    for (let i = 0; i < 10_000; i++) {
      const n = r.int(-2, 5);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(5);
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });

  it('writes hex and alphabet strings of the asked length', () => {
    const r = new Rng(9);
    expect(r.hex(37)).toMatch(/^[0-9a-f]{37}$/);
    expect(r.chars('ab', 12)).toMatch(/^[ab]{12}$/);
    expect(r.bytes(5)).toHaveLength(5);
  });

  it('hashes strings to stable unsigned 32-bit values', () => {
    expect(hash32('dns')).toBe(hash32('dns'));
    expect(hash32('dns')).not.toBe(hash32('dnt'));
    expect(hash32('')).toBeGreaterThanOrEqual(0);
  });
});

describe('Weighted and zipf', () => {
  it('picks items in proportion to their weights', () => {
    const w = new Weighted(['a', 'b', 'c'], [1, 0, 3]);
    const r = new Rng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[w.pick(r) as 'a' | 'b' | 'c']++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.7);
    expect(counts.c / counts.a).toBeLessThan(3.3);
  });

  it('makes rank 1 the most frequent under Zipf', () => {
    const z = zipf(['first', 'second', 'third', 'fourth'], 1);
    const r = new Rng(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const k = z.pick(r);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.get('first')).toBeGreaterThan(counts.get('second') ?? 0);
    expect(counts.get('second')).toBeGreaterThan(counts.get('fourth') ?? 0);
  });

  it('rejects empty or mismatched weights', () => {
    expect(() => new Weighted([], [])).toThrow();
    expect(() => new Weighted(['a'], [0])).toThrow();
  });
});
