import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketLabels, describeBucket, indexesToRange, maxStack, niceCeil, rangeToIndexes, stackPaths, type Series } from './chart-data';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
const series: Series = {
  start: T0,
  bucketMs: H,
  buckets: 4,
  series: [
    { key: 'NOERROR', counts: [1, 2, 3, 4] },
    { key: 'NXDOMAIN', counts: [0, 1, 0, 0] },
  ],
};

describe('chart data', () => {
  it('labels every bucket in UTC', () => {
    expect(bucketLabels(series)).toEqual(['2024-03-01 00:00', '2024-03-01 01:00', '2024-03-01 02:00', '2024-03-01 03:00']);
    expect(bucketLabel(T0, 86_400_000)).toBe('2024-03-01');
    expect(bucketLabel(T0 + 5000, 1000)).toBe('2024-03-01 00:00:05');
  });

  it('maps a time range to brush indices and back to bucket bounds', () => {
    expect(rangeToIndexes(series, undefined, undefined)).toEqual({ startIndex: 0, endIndex: 3 });
    expect(rangeToIndexes(series, T0 + H + 5, T0 + 2 * H + 7)).toEqual({ startIndex: 1, endIndex: 2 });
    expect(rangeToIndexes(series, T0 - 10 * H, T0 + 99 * H)).toEqual({ startIndex: 0, endIndex: 3 });
    expect(indexesToRange(series, 1, 2)).toEqual({ from: T0 + H, to: T0 + 3 * H - 1 });
    expect(indexesToRange(series, 0, 3)).toBeNull();
  });

  it('names bucket sizes in words', () => {
    expect(describeBucket(900_000)).toBe('15 minutes');
    expect(describeBucket(7 * 86_400_000)).toBe('1 week');
    expect(describeBucket(1500)).toBe('1500 ms');
  });
});

describe('stacked bars', () => {
  it('tops the value axis at a round number over the tallest stack', () => {
    expect(maxStack(series)).toBe(4);
    expect(niceCeil(4)).toBe(4);
    expect(niceCeil(7)).toBe(8);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(1150)).toBe(1200);
    expect(niceCeil(1234)).toBe(1500);
    expect(niceCeil(2100)).toBe(2500);
    expect(niceCeil(81)).toBe(100);
    expect(niceCeil(10_000)).toBe(10_000);
  });

  it('draws one path per series, each segment on top of the ones below it, none for zero counts', () => {
    // bucket i spans 10 px from x = 10 i; value v is 100 - v px high (1 px per query)
    const paths = stackPaths(series, (i) => ({ x: i * 10, width: 9 }), (v) => 100 - v);
    expect(paths).toHaveLength(2);
    expect(paths[0]).toBe('M0 99h9V100h-9ZM10 98h9V100h-9ZM20 97h9V100h-9ZM30 96h9V100h-9Z');
    expect(paths[1]).toBe('M10 97h9V98h-9Z');
    expect(stackPaths(series, () => null, (v) => v)).toEqual(['', '']);
  });
});
