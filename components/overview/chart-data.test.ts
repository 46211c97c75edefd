import { describe, expect, it } from 'vitest';
import { bucketLabel, chartRows, describeBucket, indexesToRange, rangeToIndexes, seriesKey, type Series } from './chart-data';

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
  it('turns the worker series into one row per bucket with a UTC label', () => {
    const rows = chartRows(series);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual({ t: T0 + H, label: '2024-03-01 01:00', [seriesKey('NOERROR')]: 2, [seriesKey('NXDOMAIN')]: 1 });
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
