import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { runDetectors } from './run';
import { SIGNATURES, toolSignature } from './tool-signature';
import { decodeBase32 } from './util/labels';
import { SEVERITIES } from './types';
import { draw, HEX, IODINE_B32, rng, T0 } from './scenarios/encoded-label-tunnel';
import { fires, silent } from './scenarios/tool-signature';

const run = (events: readonly TestEvent[], thresholds?: Record<string, number>) =>
  runDetectors(buildStore(events), thresholds ? { detectors: { 'tool-signature': { thresholds } } } : undefined, [toolSignature]).findings;
const sigs = (events: readonly TestEvent[]) => run(events).flatMap((f) => f.details.signatures as string[]).sort();
const r = rng(10);
const many = (n: number, name: () => string, extra: Partial<TestEvent> = {}): TestEvent[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + i, host: 'WS1', image: 'C:\\x.exe', qname: name(), ...extra }));

describe('tool-signature', () => {
  it('names each tool in its scenario, one finding per tool with its signatures', () => {
    expect(sigs(fires)).toEqual([
      'cobalt-strike-idle', 'cobalt-strike-put', 'cobalt-strike-stager', 'dns2tcp-control', 'dnscat2-header', 'dnsexfiltrator-init', 'iodine-version',
    ]);
    const found = run(fires);
    expect(found.map((f) => f.details.tool).sort()).toEqual(['Cobalt Strike', 'DNSExfiltrator', 'dns2tcp', 'dnscat2', 'iodine']);
    for (const f of found) expect(['high', 'critical']).toContain(f.severity);
    const cs = found.find((f) => f.details.tool === 'Cobalt Strike');
    expect((cs?.details.signatures as string[])[0]).toBe('cobalt-strike-stager');
    expect([...(cs?.details.signatures as string[])].sort()).toEqual(['cobalt-strike-idle', 'cobalt-strike-put', 'cobalt-strike-stager']);
    expect(cs?.severity).toBe('critical');
    expect(cs?.evidence.events).toBe(15);
    expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
  });

  it('stays silent on staging environments, hex telemetry, sinkholed trackers and random probes', () => {
    expect(run(silent)).toEqual([]);
  });

  it('raises dnscat2 to critical when the answers echo the session id', () => {
    const f = run(fires).find((x) => x.details.signature === 'dnscat2-header');
    expect(f?.severity).toBe('critical');
    expect(f?.details.session).toBe('8f3a');
    expect(f?.details.corroboratingAnswers).toBe(30);
    expect(f?.entity.host).toBe('192.168.1.50');
  });

  it('keeps dnscat2 sessions apart and needs minCorroboratingNames names in one session', () => {
    const session = (s: string, n: number) => many(n, () => `${draw(r, HEX, 4)}01${s}${draw(r, HEX, 8)}.dnsc.example.org`, { qtype: 16 });
    expect(run([...session('1111', 5), ...session('2222', 5)])).toEqual([]);
    const found = run([...session('1111', 9), ...session('2222', 9)]);
    expect(found.map((f) => f.details.session).sort()).toEqual(['1111', '2222']);
    expect(found.every((f) => f.severity === 'high')).toBe(true);
    expect(run(session('1111', 5), { minCorroboratingNames: 5 })).toHaveLength(1);
  });

  it('decodes the file name and chunk count a DNSExfiltrator init announces', () => {
    const f = run(fires).find((x) => x.details.signature === 'dnsexfiltrator-init');
    expect(f?.details.announced).toBe('secrets.docx|42');
    expect(f?.severity).toBe('critical');
    expect(decodeBase32('not*base32')).toBeNull();
  });

  it('wants TTL ≤ 1 (when logged) and beaconMinRows idle answers for Cobalt Strike check-ins', () => {
    const idle = (ttl: number | undefined, n = 5) => many(n, () => '0a1b2c3d.ns.cs-example.org', { answers: ['0.0.0.0'], ttl });
    expect(sigs(idle(1))).toEqual(['cobalt-strike-idle']);
    expect(sigs(idle(undefined))).toEqual(['cobalt-strike-idle']);
    expect(sigs(idle(300))).toEqual([]);
    expect(sigs(idle(1, 2))).toEqual([]);
    expect(sigs(many(5, () => '0a1b2c3d.ns.cs-example.org', { answers: ['1.2.3.4'], ttl: 1 }))).toEqual([]);
  });

  it('recognises shape signatures once enough distinct names agree', () => {
    const sliver = 'ab1c2d3e4f5g6h7j8k9m0npqrtuvwxyz';
    expect(sigs(many(10, () => `${draw(r, sliver, 63)}.${draw(r, sliver, 20)}.c2.sliver-example.net`))).toEqual(['sliver-base32']);
    expect(sigs(many(10, () => `0${draw(r, IODINE_B32, 56)}.${draw(r, IODINE_B32, 57)}.x.t.io-example.net`, { qtype: 16 }))).toEqual(['iodine-dotify']);
    expect(sigs(many(10, () => `p${draw(r, IODINE_B32, 12)}.t.io-example.net`, { qtype: 10 }))).toEqual(['iodine-null']);
    expect(sigs(many(10, () => `p${draw(r, IODINE_B32, 12)}.t.io-example.net`, { qtype: 1 }))).toEqual([]);
    expect(sigs(many(10, () => `api.${draw(r, HEX, 8)}.29735a1c.ns1.cs-example.net`, { qtype: 16 }))).toEqual(['cobalt-strike-get']);
    expect(sigs(many(3, () => `api.${draw(r, HEX, 8)}.29735a1c.ns1.cs-example.net`, { qtype: 16 }))).toEqual([]);
  });

  it('reports single-name signatures from one query', () => {
    expect(sigs(many(1, () => `dnscat.${draw(r, HEX, 40)}`))).toEqual(['dnscat2-direct']);
    expect(sigs(many(1, () => 'ZXhmaWw==.data.b64-example.com'))).toEqual(['base64-padding-in-name']);
  });

  it('keeps a documented data table: unique names, sources, confidence', () => {
    expect(new Set(SIGNATURES.map((s) => s.name)).size).toBe(SIGNATURES.length);
    expect(SIGNATURES.length).toBeLessThan(31);
    for (const s of SIGNATURES) {
      expect(s.reference.length).toBeGreaterThan(10);
      expect(['high', 'critical']).toContain(s.confidence);
    }
  });
});

describe('tool-signature on public samples', () => {
  for (const name of ['activecm-rita__test_data_open_conns_open__dns.log', 'activecm-rita__test_data_json_with_all_fields__dns.log']) {
    const p = samplePath(name);
    it.skipIf(!p)(`finds dnscat2 in ${name} as critical${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const found = runDetectors(store, undefined, [toolSignature]).findings;
      expect(found).toHaveLength(1);
      const f = found[0]!;
      expect(f.details).toMatchObject({ signatures: ['dnscat2-header'], tool: 'dnscat2', session: '7537', commonTtl: 60 });
      expect(f.severity).toBe('critical');
      expect(f.entity).toMatchObject({ domain: 'r-1x.com', host: '192.168.88.2' });
      expect(f.evidence.events).toBe(24);
    });
  }
  for (const name of ['OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl', 'activecm-rita__test_data_proxy__dns.log']) {
    const p = samplePath(name);
    it.skipIf(!p)(`reports nothing above low on ${name}${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const found = runDetectors(store, undefined, [toolSignature]).findings;
      expect(found.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low'))).toEqual([]);
    });
  }
});
