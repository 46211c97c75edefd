import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore } from '../testing/store-builder';
import { topN } from './aggregate';
import { compileFilter } from './filter';
import { topCounts } from './top-counts';

const T0 = 1_700_000_000;
const store = buildStore([
  { t: T0, qname: 'a.example.com', host: 'WS1', image: 'C:\\chrome.exe', user: 'alice' },
  { t: T0 + 1, qname: 'b.example.com', host: 'WS1', image: 'C:\\chrome.exe', user: 'bob' },
  { t: T0 + 2, qname: 'c.example.com', host: 'WS2', image: 'C:\\chrome.exe' },
  { t: T0 + 3, qname: 'x.evil.net', host: 'WS2', image: 'C:\\stager.exe' },
  { t: T0 + 4, qname: 'y.evil.net', host: 'WS2', image: 'C:\\stager.exe' },
]);
const ctx = new DetectContext(store);

describe('topCounts', () => {
  it('counts hosts, images (across hosts) and registrable domains in one pass', () => {
    const top = topCounts(ctx, compileFilter(ctx, {}), 10);
    expect(top.host).toEqual([{ key: 'WS2', count: 3 }, { key: 'WS1', count: 2 }]);
    expect(top.process).toEqual([{ key: 'C:\\chrome.exe', count: 3 }, { key: 'C:\\stager.exe', count: 2 }]);
    expect(top.domain).toEqual([{ key: 'example.com', count: 3 }, { key: 'evil.net', count: 2 }]);
  });

  it('agrees with topN of the pivot for every dimension', () => {
    const keep = compileFilter(ctx, { host: 'WS2' });
    const top = topCounts(ctx, keep, 5);
    for (const dim of ['host', 'process', 'domain'] as const) expect(top[dim]).toEqual(topN(ctx, keep, dim, 5));
  });

  it('breaks ties by key and keeps only n', () => {
    const top = topCounts(ctx, compileFilter(ctx, { search: 'example' }), 1);
    expect(top.host).toEqual([{ key: 'WS1', count: 2 }]);
    expect(topCounts(ctx, () => false, 3)).toEqual({ host: [], process: [], domain: [] });
  });
});
