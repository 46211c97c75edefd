import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { recordTypeAnomaly } from './record-type-anomaly';
import { runDetectors } from './run';
import { SEVERITIES } from './types';
import { T0 } from './scenarios/encoded-label-tunnel';
import { fires, silent } from './scenarios/record-type-anomaly';

const run = (events: readonly TestEvent[], thresholds?: Record<string, number>) =>
  runDetectors(buildStore(events), thresholds ? { detectors: { 'record-type-anomaly': { thresholds } } } : undefined, [
    recordTypeAnomaly,
  ]).findings;

const queries = (n: number, qtype: number, step = 1, extra: Partial<TestEvent> = {}): TestEvent[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + i * step, host: 'WS1', image: 'C:\\t.exe', qname: `q${i}.tun.example.net`, qtype, ...extra }));

describe('record-type-anomaly', () => {
  it('reports iodine NULL traffic as high (over the Sigma 50/min rate), by host for a network source', () => {
    const f = run(fires).find((x) => x.entity.domain === 'iodine-example.org');
    expect(f?.severity).toBe('high');
    expect(f?.details.qtypes).toEqual({ NULL: 200 });
    expect(f?.entity.host).toBe('10.0.0.23');
    expect(f?.entity.process).toBeUndefined();
    expect(f?.evidence.events).toBe(200);
  });

  it('reports dns2tcp KEY queries per process and domain', () => {
    const f = run(fires).find((x) => x.entity.domain === 'dns2tcp-example.net');
    expect(f?.details.qtypes).toEqual({ KEY: 10 });
    expect(f?.entity.process).toBe('/usr/bin/dns2tcpc');
    expect(f?.severity).toBe('medium');
  });

  it('reports more than 200 ANY queries from one host', () => {
    const f = run(fires).find((x) => x.details.qtypes && 'ANY' in (x.details.qtypes as object));
    expect(f?.entity.host).toBe('10.0.0.99');
    expect(f?.details.queries).toBe(250);
    expect(f?.details.domains).toBe(1);
    expect(f?.entity.domain).toBe('example.org');
  });

  it('stays silent on ordinary, DNSSEC, HTTPS and SRV types and on 150 ANY queries', () => {
    expect(run(silent)).toEqual([]);
  });

  it('reports even one PRIVATE query, at low, and raises the score with volume', () => {
    const [one] = run(queries(1, 65399));
    expect(one?.severity).toBe('low');
    const [many] = run(queries(30, 65399, 10));
    expect(many?.severity).toBe('medium');
    expect(many!.score).toBeGreaterThan(one!.score);
    expect(run(queries(3, 10), { rareMinQueries: 5 })).toEqual([]);
  });

  it('groups per process and domain', () => {
    const events = [...queries(5, 10), ...queries(5, 10, 1, { image: 'C:\\other.exe' }), ...queries(5, 10, 1, { qname: 'x.other.example' })];
    expect(run(events)).toHaveLength(3);
  });

  it('takes the ANY limit from the thresholds', () => {
    expect(run(queries(60, 255), { anyMinQueries: 50 })).toHaveLength(1);
    expect(run(queries(60, 255))).toEqual([]);
  });
});

describe('record-type-anomaly on public samples', () => {
  for (const name of ['OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl', 'activecm-rita__test_data_proxy__dns.log']) {
    const p = samplePath(name);
    it.skipIf(!p)(`reports nothing above low on ${name}${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const found = runDetectors(store, undefined, [recordTypeAnomaly]).findings;
      expect(found.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low'))).toEqual([]);
    });
  }
});
