import { describe, expect, it } from 'vitest';
import { DetectContext } from '../detect/context';
import { buildStore } from '../testing/store-builder';
import { EntityIndex } from '../worker/entity-index';
import { codeCounts } from './code-counts';
import { compileFilter, EVERY_ROW } from './filter';
import { rowsPerActor, rowsPerDomain, rowsPerOutcome } from './row-counts';
import { topCounts } from './top-counts';

const T0 = 1_700_000_000;
const store = buildStore([
  { t: T0, qname: 'a.example.com', host: 'WS1', image: 'C:\\chrome.exe' },
  { t: T0 + 1, qname: 'b.example.com', host: 'WS1', image: 'C:\\chrome.exe', status: 'NXDOMAIN' },
  { t: T0 + 2, qname: 'x.evil.net', host: 'WS2', image: 'C:\\stager.exe', qtype: 16 },
  { t: T0 + 3, qname: 'y.evil.net', host: 'WS2', image: 'C:\\stager.exe', qtype: 16 },
  { t: T0 + 4, qname: 'z.evil.net', host: 'WS2', image: 'C:\\stager.exe', qtype: 16 },
]);

describe('rows per actor, domain and outcome over every row', () => {
  it('counts each row once, per id, the same as a count row by row', () => {
    const ctx = new DetectContext(store);
    const byRow = (n: number, id: (r: number) => number) => {
      const c = new Float64Array(n);
      for (let r = 0; r < ctx.size; r++) c[id(r)] = (c[id(r)] as number) + 1;
      return Array.from(c);
    };
    expect(Array.from(rowsPerActor(ctx))).toEqual(byRow(store.actors.size, (r) => ctx.actor(r)));
    expect(Array.from(rowsPerDomain(ctx))).toEqual(byRow(ctx.domainCount(), (r) => ctx.domain(r)));
    expect(Array.from(rowsPerOutcome(ctx))).toEqual(byRow(store.outcomes.qtype.length, (r) => ctx.outcome(r)));
    expect(Array.from(rowsPerDomain(ctx)).filter((n) => n > 0).sort()).toEqual([2, 3]);
  });

  it('is counted once per context and read, not changed, by the views that share it', () => {
    const ctx = new DetectContext(store);
    const actors = rowsPerActor(ctx);
    const before = Array.from(actors);
    // a filtered count counts apart; the whole-data one is what every-row views read
    topCounts(ctx, compileFilter(ctx, { host: 'WS2' }), 5);
    expect(topCounts(ctx, EVERY_ROW, 5).host).toEqual([{ key: 'WS2', count: 3 }, { key: 'WS1', count: 2 }]);
    expect(codeCounts(ctx, EVERY_ROW).qtypes.map((q) => [q.name, q.count])).toEqual([['TXT', 3], ['A', 2]]);
    const index = new EntityIndex(ctx);
    expect(index.size('host')).toBe(2);
    expect(index.size('domain')).toBe(2);
    expect(rowsPerActor(ctx)).toBe(actors);
    expect(Array.from(actors)).toEqual(before);
    // a new context (new data) counts again
    expect(rowsPerActor(new DetectContext(store))).not.toBe(actors);
  });
});
