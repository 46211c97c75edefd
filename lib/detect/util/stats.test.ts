import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../store/column';
import { Scratch } from './scratch';
import { binomialSignificance, bowleySkew, cvScore, groupRows, groupRowsBy, KEY_SHIFT, mad, madScore, median, medianMadWithZeros, quantile, quartiles, ritaStatScore, sortAscending, medianUnordered, visitRowGroups, groupRowList, RowList } from './stats';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('robust statistics', () => {
  it('takes medians of odd and even lengths', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('computes Tukey hinges as montanaflynn/stats does', () => {
    expect(quartiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ q1: 3, q2: 5.5, q3: 8 });
    // odd length: the median is excluded from both halves
    expect(quartiles(sorted([1, 2, 25, 42, 90, 299, 500, 1500, 4975]))).toEqual({ q1: 13.5, q2: 90, q3: 1000 });
  });

  it('interpolates quantiles linearly', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
  });

  it('computes the unscaled median absolute deviation', () => {
    expect(mad(sorted([1, 2, 25, 42, 90, 299, 500, 1500, 4975]))).toBe(89);
    expect(mad([60, 60, 60])).toBe(0);
  });
});

describe('RITA v5 timestamp score (expectations of activecm/rita analysis/beacons_test.go)', () => {
  it('scores perfect intervals 1', () => {
    expect(ritaStatScore(sorted([60, 60, 60, 60, 60, 60, 60, 60, 60]), 1)).toBe(1);
  });

  it('scores closely valued intervals 0.995', () => {
    expect(ritaStatScore(sorted([98, 99, 99, 100, 100, 100, 101, 101, 102]), 1)).toBe(0.995);
  });

  it('scores bimodal intervals 0.746 (skew 0, MAD 101)', () => {
    const iv = sorted([98, 300, 98, 300, 98, 300, 98, 300, 98, 300]);
    expect(bowleySkew(iv).skew).toBe(0);
    expect(mad(iv)).toBe(101);
    expect(ritaStatScore(iv, 1)).toBe(0.746);
  });

  it('scores random intervals 0.083 (skew 0.845, MAD 89)', () => {
    const iv = sorted([1, 299, 25, 4975, 90, 2, 42, 500, 1500]);
    expect(bowleySkew(iv).skew).toBeCloseTo(0.845, 3);
    expect(ritaStatScore(iv, 1)).toBe(0.083);
  });

  it('ignores skew when the IQR is under the guard', () => {
    expect(bowleySkew(sorted([50, 51, 52, 58, 59, 60, 60]), 10).skew).toBe(0);
  });

  it('falls back to the default MAD score when the median is below 1', () => {
    expect(madScore(sorted([0.2, 0.3, 0.5]), 1)).toBe(1);
    expect(madScore(sorted([0.2, 0.3, 0.5]), 0)).toBe(0);
  });
});

describe('binomialSignificance', () => {
  it('is 0 when the successes are at or below chance and grows with k at a fixed rate', () => {
    expect(binomialSignificance(2, 10, 0.2)).toBe(0);
    expect(binomialSignificance(8, 8, 0.186)).toBeCloseTo(5.85, 1);
    expect(binomialSignificance(80, 80, 0.186)).toBeGreaterThan(binomialSignificance(8, 8, 0.186) * 9);
  });

  it('bounds the exact tail from above (−log10 never overstates much for small k)', () => {
    // exact P(X ≥ 7 | k=8, p=0.3) = 8·0.3^7·0.7 + 0.3^8 ≈ 1.29e-3 → 2.89
    expect(binomialSignificance(7, 8, 0.3)).toBeLessThan(2.9);
    expect(binomialSignificance(7, 8, 0.3)).toBeGreaterThan(2.3);
  });
});

describe('histogram helpers', () => {
  it('scores flat histograms 1 and very uneven ones 0', () => {
    expect(cvScore([5, 5, 5, 5])).toBe(1);
    expect(cvScore([100, 0, 0, 0, 0, 0])).toBe(0);
    expect(cvScore([0, 0])).toBe(0);
  });

  it('takes median and MAD over zero-padded counts without materialising the zeros', () => {
    const brute = (vals: number[], zeros: number) => {
      const all = sorted([...vals, ...new Array<number>(zeros).fill(0)]);
      return { median: median(all), mad: mad(all) };
    };
    for (const [vals, zeros] of [
      [[3, 5, 9, 200], 0],
      [[3, 5, 9, 200], 3],
      [[3, 5, 9, 200], 4],
      [[1, 1, 2], 10],
      [[7], 1],
      [[10, 20, 30, 40, 50, 60], 5],
    ] as const) {
      expect(medianMadWithZeros(sorted([...vals]), zeros)).toEqual(brute([...vals], zeros));
    }
  });
});

describe('groupRows', () => {
  const rowsOf = (g: ReturnType<typeof groupRows>, i: number) => Array.from(g.rows.subarray(g.start[i] as number, g.start[i + 1] as number));

  it('buckets rows by an outer id in id order and skips negative ids', () => {
    const keys = [7, 3, 7, -1, 3, 9];
    const g = groupRows(keys.length, (r) => keys[r] as number);
    expect(g.count).toBe(3);
    expect(Array.from(g.keys)).toEqual([3, 7, 9]);
    expect(rowsOf(g, 0)).toEqual([1, 4]);
    expect(rowsOf(g, 1)).toEqual([0, 2]);
    expect(rowsOf(g, 2)).toEqual([5]);
  });

  it('splits each outer group by an inner id, keys outer · 2^32 + inner, rows in store order', () => {
    const outer = [1, 0, 1, 1, 0, 1];
    const inner = [5, 5, 2, 5, 0, 2];
    const g = groupRows(outer.length, (r) => outer[r] as number, (r) => inner[r] as number);
    expect(Array.from(g.keys)).toEqual([5, 0, KEY_SHIFT + 5, KEY_SHIFT + 2]);
    expect([0, 1, 2, 3].map((i) => rowsOf(g, i))).toEqual([[1], [4], [0, 3], [2, 5]]);
  });

  it('handles an empty store and all-skipped rows', () => {
    expect(groupRows(0, () => 0).count).toBe(0);
    expect(groupRows(3, () => -1).rows.length).toBe(0);
  });

  /** The documented order, the slow way: outer id ascending, then first appearance; rows in store order. */
  const reference = (outer: number[], inner?: number[]) => {
    const groups = new Map<number, Map<number, number[]>>();
    outer.forEach((o, r) => {
      if (o < 0) return;
      let byInner = groups.get(o);
      if (!byInner) groups.set(o, (byInner = new Map()));
      const k = inner ? (inner[r] as number) : 0;
      byInner.set(k, [...(byInner.get(k) ?? []), r]);
    });
    return [...groups.keys()]
      .sort((a, b) => a - b)
      .flatMap((o) => [...(groups.get(o) as Map<number, number[]>)].map(([k, rows]) => ({ key: inner ? o * KEY_SHIFT + k : o, rows })));
  };
  const asList = (g: ReturnType<typeof groupRows>) => Array.from({ length: g.count }, (_, i) => ({ key: g.keys[i] as number, rows: rowsOf(g, i) }));

  it('groups id columns (groupRowsBy) and callbacks (groupRows) as the reference does', () => {
    const table = fc
      .integer({ min: 0, max: 60 })
      .chain((n) =>
        fc.record({
          outer: fc.array(fc.integer({ min: -2, max: 6 }), { minLength: n, maxLength: n }),
          inner: fc.option(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }), { nil: undefined }),
        }),
      );
    fc.assert(
      fc.property(table, ({ outer, inner }) => {
        const want = reference(outer, inner);
        const byColumns = groupRowsBy(Int32Array.from(outer), inner && Int32Array.from(inner));
        expect(asList(byColumns)).toEqual(want);
        expect(byColumns.start[byColumns.count]).toBe(outer.filter((o) => o >= 0).length);
        const byCallbacks = groupRows(outer.length, (r) => outer[r] as number, inner && ((r) => inner[r] as number));
        expect(asList(byCallbacks)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('carries a per-row value given in column blocks into group order, across blocks, with and without an inner id', () => {
    const n = 2 * BLOCK_SIZE + 4321;
    const value = (r: number) => 1_709_510_400_000 + r * 997 - (r % 5) * 0.25;
    const blocks: Float64Array[] = [];
    for (let from = 0; from < n; from += BLOCK_SIZE) blocks.push(Float64Array.from({ length: BLOCK_SIZE }, (_, i) => value(from + i)));
    const outer = Int32Array.from({ length: n }, (_, r) => ((r * 7919) % 11) - 1);
    const inner = Int32Array.from({ length: n }, (_, r) => (r * 104729) % 389);
    for (const by of [inner, undefined]) {
      const g = groupRowsBy(outer, by, blocks);
      expect(g.rows.length).toBe(outer.filter((o) => o >= 0).length);
      expect(g.carried.length).toBe(g.rows.length);
      expect(Array.from(g.rows).findIndex((r, p) => g.carried[p] !== value(r))).toBe(-1);
      // the same groups as without a carry
      const plain = groupRowsBy(outer, by);
      expect([Array.from(g.keys), Array.from(g.start), Array.from(g.rows)]).toEqual([Array.from(plain.keys), Array.from(plain.start), Array.from(plain.rows)]);
    }
    expect(groupRowsBy(outer, inner).carried).toBeUndefined();
  });

  it('visits the groups groupRowsBy returns, in its order, with their rows and carried values (visitRowGroups)', () => {
    const n = BLOCK_SIZE + 999;
    const value = (r: number) => 1_709_510_400_000 + r * 1009;
    const blocks: Float64Array[] = [];
    for (let from = 0; from < n; from += BLOCK_SIZE) blocks.push(Float64Array.from({ length: BLOCK_SIZE }, (_, i) => value(from + i)));
    const scratch = new Scratch();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 1000 }), (outers, inners, seed) => {
        const outer = Int32Array.from({ length: n }, (_, r) => (((r + seed) * 7919) % (outers + 1)) - 1);
        const inner = Int32Array.from({ length: n }, (_, r) => ((r + seed) * 104729) % inners);
        const g = groupRowsBy(outer, inner, blocks);
        const visited: { key: number; rows: number[]; carried: number[] }[] = [];
        visitRowGroups(outer, inner, blocks, scratch, (o, k, rows, carried, from, to) =>
          visited.push({ key: o * KEY_SHIFT + k, rows: Array.from(rows.subarray(from, to)), carried: Array.from(carried.subarray(from, to)) }),
        );
        expect(visited.map((v) => v.key)).toEqual(Array.from(g.keys));
        for (let i = 0; i < g.count; i++) {
          const from = g.start[i] as number;
          const to = g.start[i + 1] as number;
          expect(visited[i]?.rows).toEqual(Array.from(g.rows.subarray(from, to)));
          expect(visited[i]?.carried).toEqual(Array.from(g.carried.subarray(from, to)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('visits the same groups when the maker of the column counted its rows per outer id (OuterCounts), a table longer than its ids included', () => {
    const n = BLOCK_SIZE + 321;
    const blocks = [Float64Array.from({ length: BLOCK_SIZE }, (_, i) => 1e12 + i * 1000), Float64Array.from({ length: BLOCK_SIZE }, (_, i) => 1e12 + (BLOCK_SIZE + i) * 1000)];
    const outer = Int32Array.from({ length: n }, (_, r) => (r % 5 === 0 ? -1 : (r * 7919) % 13));
    const inner = Int32Array.from({ length: n }, (_, r) => (r * 104729) % 97);
    const visits = (counted?: { perOuter: Int32Array; kept: number }) => {
      const out: string[] = [];
      visitRowGroups(outer, inner, blocks, new Scratch(), (o, k, rows, carried, from, to) => out.push(`${o}/${k}:${Array.from(rows.subarray(from, to)).join(',')}:${Array.from(carried.subarray(from, to)).join(',')}`), counted);
      return out;
    };
    // 20 slots for ids up to 12: trailing ids without rows
    const perOuter = new Int32Array(20);
    let kept = 0;
    for (const o of outer) {
      if (o < 0) continue;
      perOuter[o + 1] = (perOuter[o + 1] as number) + 1;
      kept++;
    }
    const want = visits();
    expect(want.length).toBeGreaterThan(13);
    expect(visits({ perOuter, kept })).toEqual(want);
  });

  it('groups a list of rows as groupRowsBy groups a column holding their ids (-1 elsewhere), across carry blocks (groupRowList)', () => {
    const n = 3 * BLOCK_SIZE + 777;
    const value = (r: number) => 1_709_510_400_000 + r * 991 - (r % 3) * 0.5;
    const blocks: Float64Array[] = [];
    for (let from = 0; from < n; from += BLOCK_SIZE) blocks.push(Float64Array.from({ length: BLOCK_SIZE }, (_, i) => value(from + i)));
    const inner = Int32Array.from({ length: n }, (_, r) => (r * 104729) % 211);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom(1, 2, 7, 200), fc.integer({ min: 0, max: 1000 }), (outers, every, seed) => {
        // rows kept sparsely or (every 1) all of them: the list then spans more than one carry block
        const column = Int32Array.from({ length: n }, (_, r) => ((r + seed) % every === 0 ? ((r + seed) * 7919) % outers : -1));
        const list = new RowList();
        for (let r = 0; r < n; r++) if ((column[r] as number) >= 0) list.push(r, column[r] as number);
        for (const by of [inner, undefined]) {
          const want = groupRowsBy(column, by, blocks);
          const got = groupRowList(list, by, blocks, new Scratch());
          expect([Array.from(got.keys), Array.from(got.start), Array.from(got.rows)]).toEqual([Array.from(want.keys), Array.from(want.start), Array.from(want.rows)]);
          expect(Array.from(got.carried)).toEqual(Array.from(want.carried));
          expect(Array.from(groupRowList(list, by).rows)).toEqual(Array.from(want.rows));
        }
      }),
      { numRuns: 12 },
    );
    expect(groupRowList(new RowList()).count).toBe(0);
  });

  it('matches the reference with thousands of groups', () => {
    const n = 5000;
    const outer = Array.from({ length: n }, (_, r) => ((r * 7919) % 13) - 1);
    const inner = Array.from({ length: n }, (_, r) => (r * 104729) % 997);
    expect(asList(groupRowsBy(Int32Array.from(outer), Int32Array.from(inner)))).toEqual(reference(outer, inner));
    expect(groupRowsBy(Int32Array.from(outer), Int32Array.from(inner)).count).toBeGreaterThan(2048);
  });

  it('matches the reference with large, sparse outer ids', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 5000 }), { maxLength: 80 }), fc.boolean(), (outer, withInner) => {
        const inner = withInner ? outer.map((o) => Math.abs(o * 31) % 7) : undefined;
        expect(asList(groupRowsBy(Int32Array.from(outer), inner && Int32Array.from(inner)))).toEqual(reference(outer, inner));
      }),
      { numRuns: 200 },
    );
  });

  it('reads the inner column only for kept rows', () => {
    // a skipped row's inner id is never looked at, whatever it holds
    const g = groupRowsBy(Int32Array.from([0, -1, 0]), Int32Array.from([1, 1_000_000_000, 1]));
    expect(asList(g)).toEqual([{ key: 1, rows: [0, 2] }]);
  });
});

describe('sortAscending', () => {
  const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));
  it('orders as the built-in typed-array sort, short and long, with ±0, NaN and repeats', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noDefaultInfinity: false }),
      fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-300),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 120 }), (xs) => {
        const want = Float64Array.from(xs).sort();
        const got = Float64Array.from(xs);
        expect(sortAscending(got)).toBe(got);
        expect(bits(got)).toEqual(bits(want));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts a subarray in place without touching the rest', () => {
    const a = Float64Array.from([9, 3, 2, 1, 0.5]);
    sortAscending(a.subarray(1, 4));
    expect(Array.from(a)).toEqual([9, 1, 2, 3, 0.5]);
  });
});

describe('medianUnordered', () => {
  it('equals the median of the sorted values, and only reorders them', () => {
    const value = fc.oneof(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.double({ noDefaultInfinity: false }),
      fc.constantFrom(0, -0, NaN, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 150 }), (xs) => {
        const sorted = Float64Array.from(xs).sort();
        const a = Float64Array.from(xs);
        expect(Object.is(medianUnordered(a), median(sorted))).toBe(true);
        expect(Array.from(a.sort())).toEqual(Array.from(sorted));
      }),
      { numRuns: 1000 },
    );
  });

  it('handles long runs of one value and sorted or reversed input', () => {
    const long = Array.from({ length: 5001 }, (_, i) => (i % 10 === 0 ? 61 : 60));
    expect(medianUnordered(Float64Array.from(long))).toBe(60);
    const up = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(medianUnordered(up.slice())).toBe(500.5);
    expect(medianUnordered(up.slice().reverse())).toBe(500.5);
  });
});
