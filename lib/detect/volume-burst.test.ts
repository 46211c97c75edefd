import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { quietOnPublicSamples } from '../testing/quiet-on-samples';
import { volumeBurst } from './volume-burst';
import { runDetectors } from './run';
import { fires, silent } from './scenarios/volume-burst';
import { swapNeighbours } from '../testing/out-of-order';

const T0 = Date.UTC(2024, 2, 6, 8) / 1000;
const run = (events: readonly TestEvent[], thresholds: Record<string, number> = {}) =>
  runDetectors(buildStore(events), { detectors: { 'volume-burst': { thresholds } } }, [volumeBurst]).findings;

const burst = (at: number, n: number, qname: (i: number) => string, extra: Partial<TestEvent> = {}): TestEvent[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + at + (i * 59) / n, qname: qname(i), image: 'C:\\Tools\\x.exe', ...extra }));

describe('volume-burst', () => {
  it('flags a stageless payload download into one domain as high, with the burst rows as evidence', () => {
    const f = run(fires);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('high');
    expect(f[0]!.entity).toMatchObject({ domain: 'fakedns.live', host: 'WS3', process: 'C:\\Users\\lee\\Downloads\\invoice_viewer.exe' });
    expect(f[0]!.evidence.events).toBe(3000);
    expect(f[0]!.details.topDomainShare).toBe(1);
  });

  it('stays silent on a busy browser, a spread update, a retry loop, PTR storms and antivirus scans', () => {
    expect(run(silent)).toEqual([]);
  });

  it('scores a modest concentrated burst of unique names medium', () => {
    const f = run(burst(600, 150, (i) => `${i.toString(16)}aa${i}.exfil-box.net`));
    expect(f.map((x) => x.severity)).toEqual(['medium']);
  });

  it('reports a spread burst only from the high mark on, and then at low', () => {
    expect(run(burst(600, 900, (i) => `www.site${i}.org`))).toEqual([]);
    const f = run(burst(600, 1500, (i) => `www.site${i}.org`));
    expect(f.map((x) => x.severity)).toEqual(['low']);
    expect(f[0]!.entity.domain).toBeUndefined();
  });

  it('compares a source with its own baseline: a proxy at ~600 a minute does not burst at 700', () => {
    const r = (i: number) => ((i * 7919) % 97) / 97;
    const steady: TestEvent[] = [];
    for (let m = 0; m < 60; m++) {
      const n = m === 30 ? 700 : 560 + Math.floor(r(m) * 80);
      for (let i = 0; i < n; i++) steady.push({ t: T0 + m * 60 + (i * 59) / n, qname: `h${i % 20}.x${(i * 13) % 500}.com`, host: '10.0.0.8' });
    }
    expect(run(steady)).toEqual([]);
  });

  it('needs the absolute floor', () => {
    expect(run(burst(600, 90, (i) => `${i}x.exfil-box.net`))).toEqual([]);
    expect(run(burst(600, 90, (i) => `${i}x.exfil-box.net`), { floor: 50 })).toHaveLength(1);
  });

  it('times a log whose rows are out of time order as the ordered log', () => {
    // one source: a query every 40 s for two hours (neighbours swapped straddle minute buckets)
    // and a burst of unique names into one domain
    const background = Array.from({ length: 180 }, (_, i): TestEvent => ({ t: T0 + i * 40, qname: `www.site${i % 7}.org`, image: 'C:\\Tools\\x.exe' }));
    const ordered = [...background, ...burst(3600, 150, (i) => `${i.toString(16)}aa${i}.exfil-box.net`)].sort((a, b) => a.t - b.t);
    const shuffled = swapNeighbours(ordered);
    const strip = (fs: ReturnType<typeof run>) => fs.map(({ score, severity, title, details }) => ({ score, severity, title, details }));
    expect(strip(run(shuffled))).toEqual(strip(run(ordered)));
    expect(run(ordered).length).toBe(1);
  });

  it('finds a burst whose rows are interleaved in the log with an earlier minute (merged logs)', () => {
    const early = burst(540, 150, (i) => `${i.toString(16)}bb${i}.exfil-box.net`);
    const late = burst(600, 150, (i) => `${i.toString(16)}aa${i}.exfil-box.net`);
    const interleaved = early.flatMap((e, i) => [e, late[i] as TestEvent]);
    const ordered = [...early, ...late];
    const strip = (fs: ReturnType<typeof run>) => fs.map(({ score, severity, title, details }) => ({ score, severity, title, details }));
    expect(run(ordered)).toHaveLength(1);
    expect(strip(run(interleaved))).toEqual(strip(run(ordered)));
  });
});

quietOnPublicSamples(volumeBurst);

