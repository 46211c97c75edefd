import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../../testing/store-builder';
import { DetectContext } from '../context';
import { findSequenceRuns, parseSequentialName, sequencePattern } from './sequence';
import { sequenceNames } from './sequence-name';

const OPTS = { minRecords: 8, maxGaps: 2, maxStart: 1, maxProcesses: 3 };

function series(n: number, opts: { prefix?: string; image?: string; host?: string; skip?: number[]; t0?: number } = {}): TestEvent[] {
  const out: TestEvent[] = [];
  for (let i = 0; i < n; i++) {
    if (opts.skip?.includes(i)) continue;
    out.push({
      t: (opts.t0 ?? 1000) + i,
      qname: `${opts.prefix ?? 'cdn'}${i}.fakedns.live`,
      qtype: 'AAAA',
      answers: [`f642:89ee::${i + 1}`],
      host: opts.host ?? 'WS1',
      image: opts.image ?? 'C:\\a.exe',
    });
  }
  return out;
}

const runs = (events: TestEvent[], opts = OPTS) => findSequenceRuns(new DetectContext(buildStore(events)), opts);

describe('parseSequentialName', () => {
  it('splits stem, counter and parent of decimal names', () => {
    expect(parseSequentialName('cloud-srv-12.test.mydnsserver.live')).toEqual({ kind: 'decimal', stem: 'cloud-srv-', parent: 'test.mydnsserver.live', counter: 12 });
    expect(parseSequentialName('cdn0.fakedns.live')).toMatchObject({ stem: 'cdn', counter: 0 });
    expect(parseSequentialName('7.ps.example.com')).toMatchObject({ stem: '', counter: 7, parent: 'ps.example.com' });
  });

  it('reads the Cobalt Strike stager triplet as a little-endian base-26 counter', () => {
    expect(parseSequentialName('aaa.stage.123456.ns1.example.net')).toMatchObject({ kind: 'base26', counter: 0 });
    expect(parseSequentialName('baa.stage.123456.ns1.example.net')?.counter).toBe(1);
    expect(parseSequentialName('aba.stage.123456.ns1.example.net')?.counter).toBe(26);
    expect(parseSequentialName('www.example.com')).toBeNull();
  });

  it('ignores reverse look-ups, single labels and long digit ids', () => {
    expect(parseSequentialName('5.1.168.192.in-addr.arpa')).toBeNull();
    expect(parseSequentialName('host12')).toBeNull();
    expect(parseSequentialName('az416426789.vo.msecnd.net')).toBeNull();
  });
});

describe('findSequenceRuns', () => {
  it('reads, for every detector of a context, only the rows whose names have a counter, and finds the same runs', () => {
    const noise = (i: number): TestEvent => ({ t: 2000 + i, qname: i % 2 ? 'www.example.com' : 'api.example.org', host: 'WS2', image: 'C:\\b.exe' });
    // a run with noise between its rows, and a name with a large counter (a hash label)
    const events = series(12).flatMap((e, i) => [e, noise(i), { ...noise(i), qname: `x${1000 + i}.cdn.example.net` }]);
    const ctx = new DetectContext(buildStore(events));
    const first = findSequenceRuns(ctx, OPTS);
    const named = sequenceNames(ctx).rowsWithCounters();
    expect(Array.from(named)).toEqual(events.flatMap((_, r) => (r % 3 === 1 ? [] : [r])));
    // the next detector's passes share them: the same list, the same runs, as a fresh context finds
    expect(findSequenceRuns(ctx, { ...OPTS, minRecords: 2 })).toEqual(findSequenceRuns(new DetectContext(buildStore(events)), { ...OPTS, minRecords: 2 }));
    expect(sequenceNames(ctx).rowsWithCounters()).toBe(named);
    expect(first).toHaveLength(1);
    expect(first[0]?.rows).toEqual(events.flatMap((_, r) => (r % 3 === 0 ? [r] : [])));
  });

  it('finds a run from 0 with its terminal failure and every row', () => {
    const ev = [...series(10), { t: 2000, qname: 'cdn10.fakedns.live', status: 'NODATA' as const, qtype: 0, host: 'WS1', image: 'C:\\a.exe' }];
    const [run, ...rest] = runs(ev);
    expect(rest).toEqual([]);
    expect(run).toMatchObject({ start: 0, end: 9, gaps: 0, qtype: 28, qtypeShare: 1, processesForStem: 1 });
    expect(run?.entries).toHaveLength(10);
    expect(run?.terminal?.counter).toBe(10);
    expect(run?.rows).toHaveLength(11);
    expect(run && sequencePattern(run)).toBe('cdn{n}.fakedns.live');
  });

  it('tolerates up to maxGaps missing counters and stops at the next', () => {
    expect(runs(series(12, { skip: [4, 7] }))[0]).toMatchObject({ end: 11, gaps: 2 });
    const cut = runs(series(20, { skip: [3, 6, 13] }))[0];
    expect(cut).toMatchObject({ end: 12, gaps: 2 });
    expect(cut?.rows).toHaveLength(11);
  });

  it('needs a start at or below maxStart and minRecords answered names', () => {
    expect(runs(series(12, { skip: [0, 1] }))).toEqual([]);
    expect(runs(series(7))).toEqual([]);
  });

  it('keeps runs past counter 31 (stageless payloads)', () => {
    expect(runs(series(300))[0]?.end).toBe(299);
  });

  it('separates processes and skips stems asked by more than maxProcesses', () => {
    const two = [...series(10, { host: 'A' }), ...series(10, { host: 'B' })];
    expect(runs(two)).toHaveLength(2);
    const many = ['A', 'B', 'C', 'D'].flatMap((h) => series(10, { host: h }));
    expect(runs(many)).toEqual([]);
  });

  it('gives every option set, within the shared grouping or outside it, the runs a context of its own gives', () => {
    // stems asked by 1, 2, 4 and 25 processes, runs of 3 and 10 answered counters
    const events = [
      ...series(10, { prefix: 'one' }),
      ...['A', 'B'].flatMap((h) => series(3, { prefix: 'two', host: h })),
      ...['A', 'B', 'C', 'D'].flatMap((h) => series(10, { prefix: 'four', host: h })),
      ...Array.from({ length: 25 }, (_, i) => series(10, { prefix: 'many', host: `H${i}` })).flat(),
    ];
    const options = [
      OPTS,
      { ...OPTS, minRecords: 2, maxProcesses: 20 },
      { ...OPTS, minRecords: 3, maxProcesses: 4 },
      { ...OPTS, maxProcesses: 30 },
      { ...OPTS, minRecords: 1, maxStart: 0, maxGaps: 31 },
    ];
    const shared = new DetectContext(buildStore(events));
    for (const o of options) {
      const alone = findSequenceRuns(new DetectContext(buildStore(events)), o);
      expect(findSequenceRuns(shared, o)).toEqual(alone);
    }
    expect(findSequenceRuns(shared, { ...OPTS, maxProcesses: 30 }).map((r) => r.stem).sort()).toEqual([...Array<string>(4).fill('four'), ...Array<string>(25).fill('many'), 'one']);
    expect(findSequenceRuns(shared, { ...OPTS, minRecords: 3, maxProcesses: 4 }).map((r) => r.stem).sort()).toEqual(['four', 'four', 'four', 'four', 'one', 'two', 'two']);
  });

  it('shares the name parse between runs on one context without sharing their verdicts', () => {
    const ctx = new DetectContext(buildStore([...series(40, { host: 'A' }), ...series(40, { host: 'B' })]));
    expect(findSequenceRuns(ctx, { ...OPTS, maxProcesses: 1 })).toEqual([]);
    const both = findSequenceRuns(ctx, OPTS);
    expect(both.map((r) => r.end)).toEqual([39, 39]);
    expect(findSequenceRuns(ctx, { ...OPTS, minRecords: 50 })).toEqual([]);
  });
});
