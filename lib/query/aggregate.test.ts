import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore } from '../testing/store-builder';
import { bucketSize, pivot, topN, totals, volumeSeries } from './aggregate';
import { codeCounts } from './code-counts';
import { compileFilter, EVERY_ROW, type RowPredicate } from './filter';
import { topCounts } from './top-counts';

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

describe('the unfiltered view, read column block by column block', () => {
  // more rows than a column block (65,536), out of time order, and a context over a prefix of a
  // store that grew after it was made: the every-row paths must agree with the row-by-row ones
  const STATUSES = ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED'] as const;
  const many = buildStore(
    Array.from({ length: 70_500 }, (_, i) => ({
      t: T0 + ((i * 7919) % 86_400) + (i % 3) / 4,
      qname: `n${i % 997}.zone${i % 41}.example`,
      host: `WS${i % 13}`,
      image: `C:\\app${i % 7}.exe`,
      qtype: [1, 28, 16, 5, 65][i % 5] as number,
      status: STATUSES[(i >> 3) % 4] as (typeof STATUSES)[number],
    })),
  );
  const prefix = new DetectContext(many);
  buildStore([{ t: T0 - 1e6, qname: 'later.example', host: 'LATE', status: 'SERVFAIL' }], { store: many });
  const whole = new DetectContext(many);
  // a predicate that keeps every row but is not EVERY_ROW: the row-by-row paths
  const everyRowOneByOne: RowPredicate = () => true;

  it.each([
    ['a context over the whole store', whole],
    ['a context over a prefix of it', prefix],
  ])('gives the same totals, codes, chart and top lists either way (%s)', (_, c) => {
    expect(c.size).toBe(c === whole ? 70_501 : 70_500);
    expect(totals(c, EVERY_ROW)).toEqual(totals(c, everyRowOneByOne));
    expect(totals(c, EVERY_ROW).events).toBe(c.size);
    expect(codeCounts(c, EVERY_ROW)).toEqual(codeCounts(c, everyRowOneByOne));
    const span = c.timeSpan();
    for (const stackBy of ['status', 'qtype'] as const) {
      for (const range of [{ from: span.min, to: span.max }, { from: span.min + 3600e3, to: span.min + 7200e3 }]) {
        expect(volumeSeries(c, EVERY_ROW, stackBy, range, 120)).toEqual(volumeSeries(c, everyRowOneByOne, stackBy, range, 120));
      }
    }
    expect(topCounts(c, EVERY_ROW, 10)).toEqual(topCounts(c, everyRowOneByOne, 10));
  });
});
