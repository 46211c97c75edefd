import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore } from '../testing/store-builder';
import { bucketSize, pivot, topN, totals, volumeSeries } from './aggregate';
import { compileFilter } from './filter';

const T0 = 1_700_000_000;
const store = buildStore([
  { t: T0, qname: 'a.example.com', host: 'WS1', image: 'C:\\chrome.exe', answers: ['1.2.3.4'] },
  { t: T0 + 10, qname: 'b.example.com', host: 'WS1', image: 'C:\\chrome.exe', answers: ['1.2.3.4'] },
  { t: T0 + 70, qname: 'x.evil.net', host: 'WS2', image: 'C:\\stager.exe', qtype: 'AAAA', answers: ['fc48:83e4::1'] },
  { t: T0 + 130, qname: 'nope.test', host: 'WS2', image: 'C:\\stager.exe', status: 'NXDOMAIN', code: 9003 },
]);
const ctx = new DetectContext(store);

describe('view filters and aggregates', () => {
  it('counts by status and NXDOMAIN over the filtered rows', () => {
    expect(totals(ctx, compileFilter(ctx, {}))).toEqual({
      events: 4, first: T0 * 1000, last: (T0 + 130) * 1000, nxdomain: 1, byStatus: { NOERROR: 3, NXDOMAIN: 1 },
    });
    expect(totals(ctx, compileFilter(ctx, { host: 'WS2' })).events).toBe(2);
    expect(totals(ctx, compileFilter(ctx, { from: (T0 + 60) * 1000, to: (T0 + 100) * 1000 })).events).toBe(1);
  });

  it('filters by registrable domain, process, status and name substring', () => {
    const n = (f: Parameters<typeof compileFilter>[1]) => totals(ctx, compileFilter(ctx, f)).events;
    expect(n({ domain: 'example.com' })).toBe(2);
    expect(n({ process: 'C:\\stager.exe' })).toBe(2);
    expect(n({ statuses: ['NXDOMAIN'] })).toBe(1);
    expect(n({ search: 'EVIL' })).toBe(1);
    expect(n({ qtypes: [28] })).toBe(1);
  });

  it('pivots like `stats count by QueryName, Computer`', () => {
    const p = pivot(ctx, compileFilter(ctx, {}), ['domain', 'host']);
    expect(p.total).toBe(3);
    expect(p.rows[0]).toEqual({ keys: ['example.com', 'WS1'], count: 2, row: 0 });
    expect(topN(ctx, compileFilter(ctx, {}), 'process', 1)).toEqual([{ key: 'C:\\chrome.exe', count: 2 }]);
    expect(pivot(ctx, compileFilter(ctx, {}), ['answers']).rows[0]).toMatchObject({ keys: ['1.2.3.4'], count: 2 });
  });

  it('buckets volume by round sizes and stacks by status', () => {
    expect(bucketSize(3600e3, 100)).toBe(60e3);
    const v = volumeSeries(ctx, compileFilter(ctx, {}), 'status', { from: T0 * 1000, to: (T0 + 130) * 1000 }, 10);
    expect(v.bucketMs).toBe(15e3);
    expect(v.series.map((s) => s.key)).toEqual(['NOERROR', 'NXDOMAIN']);
    expect(v.series[0]?.counts.reduce((a, b) => a + b)).toBe(3);
    expect(v.series[1]?.counts[v.buckets - 1]).toBe(1);
  });
});
