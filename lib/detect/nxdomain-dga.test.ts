import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { quietOnPublicSamples } from '../testing/quiet-on-samples';
import { nxdomainDga } from './nxdomain-dga';
import { runDetectors } from './run';
import { SEVERITIES } from './types';
import { fires, silent } from './scenarios/nxdomain-dga';
import { swapNeighbours } from '../testing/out-of-order';

const T0 = Date.UTC(2024, 2, 5, 9) / 1000;
const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
const run = (events: readonly TestEvent[], thresholds: Record<string, number> = {}) =>
  runDetectors(buildStore(events), { detectors: { 'nxdomain-dga': { thresholds } } }, [nxdomainDga]).findings;

const fail = (t: number, qname: string, extra: Partial<TestEvent> = {}): TestEvent => ({
  t,
  qname,
  image: 'C:\\Tools\\app.exe',
  status: 'NXDOMAIN',
  code: 9003,
  ...extra,
});

describe('nxdomain-dga', () => {
  it('calls a process trying many random non-existent domains DGA-like, at medium or above', () => {
    const f = run(fires);
    expect(f).toHaveLength(1);
    const [x] = f;
    expect(rank(x!.severity)).toBeGreaterThanOrEqual(rank('medium'));
    expect(x!.entity).toMatchObject({ host: 'WS7', process: 'C:\\Users\\kim\\AppData\\Roaming\\Intel\\igfxsvc.exe' });
    expect(x!.details.dgaDomains).toBeGreaterThanOrEqual(100);
    expect(x!.details.burst).toMatchObject({ status: 'NXDOMAIN' });
    // evidence: the DGA-like domains plus the burst window (119 NXDOMAIN; the one live domain is in neither)
    expect(x!.evidence.events).toBe(119);
  });

  it('stays silent on browser probes, local helper names, reverse and antivirus lookups', () => {
    expect(run(silent)).toEqual([]);
  });

  it('ignores Chromium probes even far beyond the burst threshold', () => {
    const events = Array.from({ length: 300 }, (_, i) => fail(T0 + i, `zq${'abcdefghijklm'.slice(i % 7)}x`));
    expect(run(events)).toEqual([]);
  });

  it('keeps a retry loop of one failing name at low (ESCU count, but no diversity)', () => {
    const events = Array.from({ length: 120 }, (_, i) => fail(T0 + i * 10, 'update.vendor-app.com', { status: 'SERVFAIL', code: 9002 }));
    const f = run(events);
    expect(f.map((x) => x.severity)).toEqual(['low']);
    expect(f[0]!.details.burst).toMatchObject({ status: 'SERVFAIL', count: 120, distinctDomains: 1 });
    expect(f[0]!.evidence.events).toBe(120);
  });

  it('raises a failure burst spread over many domains above a retry loop', () => {
    const names = ['alpha-shop.com', 'bravo-news.net', 'charlie-blog.org', 'delta-mail.com', 'echo-cdn.net', 'foxtrot-app.io'];
    const spread = Array.from({ length: 300 }, (_, i) => fail(T0 + i * 5, `n${i}.${names[i % 6]}-${i % 20}.com`));
    const single = Array.from({ length: 300 }, (_, i) => fail(T0 + i * 5, 'api.vendor-app.com'));
    expect(run(spread)[0]!.score).toBeGreaterThan(run(single)[0]!.score);
  });

  it('keeps resolver trouble (SERVFAIL over many domains) at low', () => {
    const outage = Array.from({ length: 300 }, (_, i) => fail(T0 + i * 5, `www.site${i % 40}.com`, { status: 'SERVFAIL', code: 9002 }));
    expect(run(outage).map((x) => x.severity)).toEqual(['low']);
  });

  it('counts failures in a sliding window, not over the whole capture', () => {
    const slow = Array.from({ length: 80 }, (_, i) => fail(T0 + i * 180, `h${i}.vendor-app.com`));
    expect(run(slow)).toEqual([]);
    expect(run(slow, { windowMinutes: 1440 })).toHaveLength(1);
  });

  it('does not count timeouts, client errors or NODATA as failures', () => {
    const events = Array.from({ length: 200 }, (_, i) =>
      fail(T0 + i, `x${i}.example-lab.com`, { status: (['TIMEOUT', 'ERROR', 'NODATA', 'NO_RESPONSE'] as const)[i % 4] }),
    );
    expect(run(events)).toEqual([]);
  });

  it('needs the NXDOMAIN majority and minDgaDomains random labels', () => {
    const r = ['qxvbzkjtrw', 'mfjqzxkvpl', 'zzqkxjvbnm', 'wqpzxkvjrt', 'kxqzjvbwtp'];
    const nx = r.map((l, i) => fail(T0 + i, `${l}.com`));
    expect(run(nx)).toEqual([]);
    expect(run(nx, { minDgaDomains: 5 })).toHaveLength(1);
    const resolving = r.map((l, i) => fail(T0 + i, `${l}.com`, { status: 'NOERROR', code: 0, answers: ['198.51.100.1'] }));
    expect(run(resolving, { minDgaDomains: 5 })).toEqual([]);
  });

  it('times a log whose rows are out of time order as the ordered log', () => {
    const shuffled = swapNeighbours(fires);
    expect(shuffled.some((e, i) => i > 0 && e.t < (shuffled[i - 1] as TestEvent).t)).toBe(true);
    const strip = (fs: ReturnType<typeof run>) => fs.map(({ score, severity, title, details }) => ({ score, severity, title, burst: details.burst, dgaDomains: details.dgaDomains }));
    expect(strip(run(shuffled))).toEqual(strip(run(fires)));
    expect(run(fires).length).toBeGreaterThan(0);
  });
});

quietOnPublicSamples(nxdomainDga);

