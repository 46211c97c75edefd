import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, Column, UniformColumn } from './column';

const values = (c: { length: number; get(i: number): number }) => Array.from({ length: c.length }, (_, i) => c.get(i));

describe('Column.appendAll', () => {
  it('appends as a push per value does, across blocks, as they are, mapped or shifted', () => {
    // a column already part-way into a block, then more than a block appended at once
    const before = BLOCK_SIZE - 7;
    const src = Uint32Array.from({ length: BLOCK_SIZE + 20 }, (_, i) => (i * 7919) % 50);
    const map = Uint32Array.from({ length: 50 }, (_, v) => 1000 + v * 3);
    const cases: [Uint32Array | null, number, (v: number) => number][] = [
      [null, 0, (v) => v],
      [null, 12, (v) => v + 12],
      [map, 0, (v) => map[v] as number],
    ];
    for (const [m, add, expected] of cases) {
      const bulk = new Column(Uint32Array);
      const pushed = new Column(Uint32Array);
      for (let i = 0; i < before; i++) {
        bulk.push(i);
        pushed.push(i);
      }
      bulk.appendAll(src, m, add);
      for (const v of src) pushed.push(expected(v));
      expect(bulk.length).toBe(before + src.length);
      expect(bulk.blocks.length).toBe(3);
      expect(values(bulk)).toEqual(values(pushed));
    }
  });

  it('appends nothing for no values, and fills from an empty column', () => {
    const c = new Column(Float64Array);
    c.appendAll(new Float64Array(0));
    expect(c.length).toBe(0);
    expect(c.blocks.length).toBe(0);
    c.appendAll(Float64Array.of(1.5, -2.25));
    expect(values(c)).toEqual([1.5, -2.25]);
  });
});

describe('UniformColumn.appendAll', () => {
  it('keeps uniform runs as a count and gives the rest to a column, as a push per value does', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(-1, -1, -1, 0, 60, 3600), { maxLength: 40 }), { maxLength: 4 }), (batches) => {
        const bulk = new UniformColumn(Int32Array, -1);
        const pushed = new UniformColumn(Int32Array, -1);
        for (const b of batches) {
          bulk.appendAll(Int32Array.from(b));
          for (const v of b) pushed.push(v);
        }
        expect(bulk.length).toBe(pushed.length);
        expect(values(bulk)).toEqual(values(pushed));
        expect(bulk.bytes()).toBe(pushed.bytes());
      }),
      { numRuns: 200 },
    );
  });
});
