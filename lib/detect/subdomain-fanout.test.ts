import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { runDetectors } from './run';
import { subdomainFanout } from './subdomain-fanout';
import { SEVERITIES } from './types';
import { draw, HEX, rng, T0 } from './scenarios/encoded-label-tunnel';
import { fires, silent } from './scenarios/subdomain-fanout';

const run = (events: readonly TestEvent[], thresholds?: Record<string, number>) =>
  runDetectors(buildStore(events), thresholds ? { detectors: { 'subdomain-fanout': { thresholds } } } : undefined, [subdomainFanout])
    .findings;

const names = (n: number, domain = 'many-names.example', extra: Partial<TestEvent> = {}): TestEvent[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + i, host: 'WS1', image: 'C:\\app.exe', qname: `n${i}.${domain}`, ...extra }));

describe('subdomain-fanout', () => {
  it('does not count names in an allow-listed zone below the registrable domain (McAfee GTI lookups)', () => {
    const r = rng(3);
    const gti = Array.from({ length: 1200 }, (_, i) => ({
      t: T0 + i, host: `WS${i % 40}`, image: 'C:\\mcshield.exe', qname: `${draw(r, HEX, 32)}.avqs.mcafee.com`, answers: ['127.0.0.1'],
    }));
    expect(run(gti)).toEqual([]);
  });

  it('reports a stageless DNSStager download as high, naming the one process that made it', () => {
    const f = run(fires).find((x) => x.entity.domain === 'fakedns.live');
    expect(f?.severity).toBe('high');
    expect(f?.entity.process).toContain('dns_stager.exe');
    expect(f?.details.uniqueNames).toBe(1200);
  });

  it('adds the tunnel modifier when most names carry encoded data', () => {
    const f = run(fires).find((x) => x.entity.domain === 'bulk-tunnel.net');
    expect(f?.details.encodedNames).toBeGreaterThan(500);
    expect(f?.severity).toBe('medium');
    expect(f?.entity.host).toBe('10.1.2.3');
  });

  it('stays silent on CDN, cloud and platform zones, reverse lookups, mDNS and small domains', () => {
    expect(run(silent)).toEqual([]);
  });

  it('follows the RITA v5 bands: base 100 info, 500 low, 800 medium, 1000 high', () => {
    expect(run(names(99))).toEqual([]);
    const sev = (n: number) => run(names(n))[0]?.severity;
    expect(sev(100)).toBe('info');
    expect(sev(500)).toBe('low');
    expect(sev(800)).toBe('medium');
    expect(sev(1000)).toBe('high');
    expect(run(names(650))[0]?.score).toBeCloseTo(3, 1);
  });

  it('takes its bands from the thresholds', () => {
    expect(run(names(20), { minSubdomains: 10, lowSubdomains: 15, mediumSubdomains: 18, highSubdomains: 20 })[0]?.severity).toBe('high');
  });

  it('counts distinct names, and keeps every query of them as evidence', () => {
    const repeated = [...names(120), ...names(120)];
    const [f] = run(repeated);
    expect(f?.details.uniqueNames).toBe(120);
    expect(f?.evidence.events).toBe(240);
  });

  it('names no process when the queries come from many', () => {
    const spread = names(200).map((e, i) => ({ ...e, host: `WS${i % 10}` }));
    const [f] = run(spread);
    expect(f?.entity.process).toBeUndefined();
    expect(f?.entity.host).toBeUndefined();
    expect(f?.details.askers).toBe(10);
  });

  it('uses an encoded name as the example when there is one', () => {
    const r = rng(3);
    const events = [...names(150, 'mixed.example'), ...names(60, 'mixed.example').map((e) => ({ ...e, qname: `${draw(r, HEX, 32)}.mixed.example` }))];
    const [f] = run(events);
    expect(f?.entity.qname).toMatch(/^[0-9a-f]{32}\./);
  });
});

describe('subdomain-fanout on public samples', () => {
  for (const name of ['OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl', 'activecm-rita__test_data_proxy__dns.log']) {
    const p = samplePath(name);
    it.skipIf(!p)(`reports nothing above low on ${name}${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const found = runDetectors(store, undefined, [subdomainFanout]).findings;
      expect(found.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low'))).toEqual([]);
    });
  }
});
