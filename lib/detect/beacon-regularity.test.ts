import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { quietOnPublicSamples } from '../testing/quiet-on-samples';
import { beaconRegularity } from './beacon-regularity';
import { runDetectors } from './run';
import { SEVERITIES } from './types';
import { fires, rng, silent } from './scenarios/beacon-regularity';
import { swapNeighbours } from '../testing/out-of-order';

const T0 = Date.UTC(2024, 2, 4, 8) / 1000;
const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
const run = (events: readonly TestEvent[], thresholds: Record<string, number> = {}) =>
  runDetectors(buildStore(events), { detectors: { 'beacon-regularity': { thresholds } } }, [beaconRegularity]).findings;

function cadence(every: number, count: number, opts: Partial<TestEvent> & { jitter?: number; seed?: number } = {}): TestEvent[] {
  const r = rng(opts.seed ?? 1);
  const { jitter = 0, ...rest } = opts;
  return Array.from({ length: count }, (_, i) => ({
    t: T0 + i * every + (jitter > 0 ? (r() - 0.5) * 2 * jitter * every : 0),
    qname: 'a1b2.beacon-c2.net',
    image: 'C:\\Users\\bob\\AppData\\Roaming\\upd.exe',
    answers: ['203.0.113.7'],
    ...rest,
  }));
}

describe('beacon-regularity', () => {
  it('scores a Cobalt Strike-style 60 s beacon with 20 % jitter at medium or above, with every row as evidence', () => {
    const events = cadence(60, 360, { jitter: 0.1 });
    const f = run(events);
    expect(f).toHaveLength(1);
    const [b] = f;
    expect(rank(b!.severity)).toBeGreaterThanOrEqual(rank('medium'));
    expect(b!.entity).toMatchObject({ domain: 'beacon-c2.net', host: 'WS1', process: 'C:\\Users\\bob\\AppData\\Roaming\\upd.exe' });
    expect(b!.evidence.events).toBe(360);
    expect(b!.details.medianIntervalSeconds).toBeGreaterThan(50);
  });

  it('catches a low-and-slow beacon every 4 hours for 5 days at medium', () => {
    const f = run(cadence(4 * 3600, 30, { jitter: 0.02 }));
    expect(f.map((x) => x.severity)).toEqual(['medium']);
    expect(f[0]!.title).toContain('every ~4 h');
  });

  it('catches a beacon every 24 hours for 10 days at medium', () => {
    const f = run(cadence(86400, 10, { jitter: 0.01 }));
    expect(f.map((x) => x.severity)).toEqual(['medium']);
    expect(f[0]!.title).toContain('every ~24.1 h');
  });

  it('fires on its scenario (CS beacon and DNSStager every 4 h) and stays silent on benign periodic traffic', () => {
    expect(run(fires).map((x) => x.entity.domain).sort()).toEqual(['cdn-telemetry.net', 'fakedns.live']);
    expect(run(silent)).toEqual([]);
  });

  it('does not score exactly periodic well-known updaters at all', () => {
    const svchost = 'C:\\Windows\\System32\\svchost.exe';
    const events = [
      ...cadence(3600, 72, { qname: 'time.windows.com', image: svchost }),
      ...cadence(900, 200, { qname: 'ocsp.digicert.com', image: svchost }),
      ...cadence(1800, 100, { qname: 'www.msftconnecttest.com', image: svchost }),
    ];
    expect(run(events)).toEqual([]);
  });

  it('caps a domain beaconing from the whole fleet at low', () => {
    const events = ['WS1', 'WS2', 'WS3', 'WS4', 'WS5'].flatMap((host, i) =>
      cadence(1800, 48, { host, qname: 'agent.inventory-vendor.com', image: 'C:\\Program Files\\Agent\\agent.exe', seed: i }),
    );
    const f = run(events);
    expect(f).toHaveLength(5);
    for (const x of f) {
      expect(x.severity).toBe('low');
      expect(x.details.capped).toEqual(['queried from 5+ hosts (fleet software)']);
    }
  });

  it('caps browser processes and internal services answered with RFC 1918 addresses at low', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const f = run([
      ...cadence(300, 200, { qname: 'push.chat-app.com', image: edge }),
      ...cadence(600, 100, { qname: 'intranet.example.com', image: 'C:\\Windows\\System32\\svchost.exe', answers: ['10.1.2.3'] }),
    ]);
    expect(f).toHaveLength(2);
    for (const x of f) expect(rank(x.severity)).toBeLessThanOrEqual(rank('low'));
  });

  it('stays silent on irregular (Poisson) traffic of a busy process', () => {
    const r = rng(3);
    let t = T0;
    const events: TestEvent[] = [];
    for (let i = 0; i < 300; i++) {
      t += -Math.log(1 - r()) * 300;
      events.push({ t, qname: 'api.saas-tool.com', image: 'C:\\Program Files\\Tool\\tool.exe', answers: ['198.51.100.4'] });
    }
    expect(run(events)).toEqual([]);
  });

  it('scales down groups with few intervals: chance regularity of random traffic never reaches low', () => {
    const r = rng(17);
    const events: TestEvent[] = [];
    for (let g = 0; g < 400; g++) {
      let t = T0;
      const n = 4 + (g % 12);
      for (let i = 0; i < n; i++) {
        t += -Math.log(1 - r()) * ((3 * 86400) / n);
        events.push({ t, qname: `www.site${g}.com`, image: 'C:\\Apps\\x.exe' });
      }
    }
    const f = run(events);
    expect(f.length / 400).toBeLessThan(0.03);
    for (const x of f) expect(x.severity).toBe('info');
    // five perfectly periodic check-ins are thin evidence: info at most
    expect(run(cadence(3600, 5)).map((x) => x.severity)).toEqual([]);
  });

  it('treats retry loops and busy sources (median interval under 2 s) as continuous traffic, not beacons', () => {
    expect(run(cadence(1, 60, { qname: 'telemetry.vendor-x.com', status: 'SERVFAIL', answers: [] }))).toEqual([]);
    const r = rng(8);
    let t = T0;
    const busy: TestEvent[] = [];
    for (let i = 0; i < 20000; i++) {
      t += -Math.log(1 - r()) * 1.2;
      busy.push({ t, qname: 'api.busy-service.com', image: 'C:\\Srv\\gateway.exe', answers: ['198.51.100.4'] });
    }
    expect(run(busy)).toEqual([]);
  });

  it('needs minTimestamps unique seconds, duplicates in one second counting once', () => {
    const dup = cadence(3600, 5).flatMap((e) => [e, { ...e, t: e.t + 0.2 }]);
    expect(run(dup, { minTimestamps: 6 })).toEqual([]);
    expect(run(dup, { minTimestamps: 5, persistHours: 1, fullSignificance: 1 })).toHaveLength(1);
  });

  it('uses the host as the entity for network sources without a process', () => {
    const f = run(cadence(120, 400, { image: '', host: '10.1.1.20' }));
    expect(f[0]!.entity).toEqual({ domain: 'beacon-c2.net', qname: 'a1b2.beacon-c2.net', host: '10.1.1.20' });
  });

  it('applies the band thresholds from the config', () => {
    const events = cadence(60, 360, { jitter: 0.1 });
    expect(run(events, { scoreBase: 99.9, scoreLow: 99.95, scoreMedium: 99.99 })).toEqual([]);
  });

  it('times a log whose rows are out of time order as the ordered log', () => {
    const shuffled = swapNeighbours(fires);
    expect(shuffled.some((e, i) => i > 0 && e.t < (shuffled[i - 1] as TestEvent).t)).toBe(true);
    const strip = (fs: ReturnType<typeof run>) => fs.map(({ score, severity, title, details }) => ({ score, severity, title, details }));
    expect(strip(run(shuffled))).toEqual(strip(run(fires)));
    expect(run(fires).length).toBeGreaterThan(0);
  });
});

quietOnPublicSamples(beaconRegularity);

