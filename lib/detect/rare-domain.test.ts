import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { quietOnPublicSamples } from '../testing/quiet-on-samples';
import { rareDomain } from './rare-domain';
import { runDetectors } from './run';
import { fires, silent } from './scenarios/rare-domain';

const T0 = Date.UTC(2024, 2, 7, 7) / 1000;
const run = (events: readonly TestEvent[], thresholds: Record<string, number> = {}) =>
  runDetectors(buildStore(events), { detectors: { 'rare-domain': { thresholds } } }, [rareDomain]).findings;

/** n hosts sharing one domain over a day, plus extra events */
const base = (n: number, extra: TestEvent[]): TestEvent[] => [
  ...Array.from({ length: n }, (_, i) => ({ t: T0 + i, qname: 'www.example.com', host: `H${i}` })),
  { t: T0 + 86400, qname: 'www.example.com', host: 'H0' },
  ...extra,
];

describe('rare-domain', () => {
  it('reports a domain only one host queries, first seen late, with its process and all its rows', () => {
    const f = run(fires);
    expect(f).toHaveLength(1);
    expect(f[0]!.entity).toMatchObject({ domain: 'badcdn.xyz', host: 'WS4', process: 'C:\\Users\\ana\\AppData\\Local\\Temp\\msupd.exe' });
    expect(f[0]!.severity).toBe('low');
    expect(f[0]!.evidence.events).toBe(200);
  });

  it('stays silent on baseline, internal, well-known and shared domains', () => {
    expect(run(silent)).toEqual([]);
  });

  it('keeps a single late query at info', () => {
    const f = run(base(6, [{ t: T0 + 80000, qname: 'odd.example-blog.net', host: 'H2' }]));
    expect(f.map((x) => x.severity)).toEqual(['info']);
  });

  it('raises to medium only with strong volume and many names', () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ t: T0 + 50000 + i * 10, qname: `${i}.d.exfil-sink.net`, host: 'H1' }));
    expect(run(base(6, many)).map((x) => x.severity)).toEqual(['medium']);
    const repeats = Array.from({ length: 1500 }, (_, i) => ({ t: T0 + 50000 + i * 10, qname: 'api.exfil-sink.net', host: 'H1' }));
    expect(run(base(6, repeats)).map((x) => x.severity)).toEqual(['low']);
  });

  it('needs minHosts hosts and a late first sighting', () => {
    const late = [{ t: T0 + 80000, qname: 'odd.example-blog.net', host: 'H2' }];
    expect(run(base(4, late))).toEqual([]);
    expect(run(base(6, [{ t: T0 + 100, qname: 'odd.example-blog.net', host: 'H2' }]))).toEqual([]);
    expect(run(base(6, late), { lateFraction: 0.95 })).toEqual([]);
  });

  it('caps the findings at maxFindings, busiest first', () => {
    const rare = Array.from({ length: 80 }, (_, d) =>
      Array.from({ length: d + 1 }, (_, k) => ({ t: T0 + 40000 + d * 100 + k, qname: `www.rare${d}.com`, host: `H${d % 6}` })),
    ).flat();
    const f = run(base(6, rare));
    expect(f).toHaveLength(50);
    expect(f.map((x) => x.entity.domain)).toContain('rare79.com');
    expect(f.map((x) => x.entity.domain)).not.toContain('rare0.com');
  });
});

quietOnPublicSamples(rareDomain, (f) => expect(f.length).toBeLessThanOrEqual(50));

