import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { encodedLabelTunnel } from './encoded-label-tunnel';
import { runDetectors } from './run';
import { SEVERITIES } from './types';
import { draw, fires, HEX, rng, silent, T0 } from './scenarios/encoded-label-tunnel';

const run = (events: readonly TestEvent[], thresholds?: Record<string, number>) =>
  runDetectors(buildStore(events), thresholds ? { detectors: { 'encoded-label-tunnel': { thresholds } } } : undefined, [
    encodedLabelTunnel,
  ]).findings;

const EXE = 'C:\\Users\\bob\\AppData\\Roaming\\svc.exe';
const r = rng(11);
const tunnel = (n: number, step: number, name: (i: number) => string, extra: Partial<TestEvent> = {}): TestEvent[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + i * step, host: 'WS1', image: EXE, qname: name(i), ...extra }));
const hexName = () => `${draw(r, HEX, 60)}.${draw(r, HEX, 30)}.d.evil-example.com`;

describe('encoded-label-tunnel', () => {
  it('reports a dnscat2-shaped hex tunnel at medium or above, naming the process, host and domain', () => {
    const f = run(fires).find((x) => x.entity.domain === 'tunnel-example.net');
    expect(f).toBeDefined();
    expect(SEVERITIES.indexOf(f!.severity)).toBeGreaterThanOrEqual(SEVERITIES.indexOf('medium'));
    expect(f!.entity.process).toContain('update-helper.exe');
    expect(f!.entity.host).toBe('WS7');
    // random labels pass the entropy cut about 96 % of the time (the cut sits near their p5)
    expect(Object.keys(f!.details.alphabets as object)).toEqual(['hex']);
    expect(f!.evidence.events).toBeGreaterThanOrEqual(54);
  });

  it('reports an iodine base32 tunnel from a network source by host only', () => {
    const f = run(fires).find((x) => x.entity.domain === 'iodine-example.org');
    expect(f?.entity.host).toBe('10.0.0.23');
    expect(f?.entity.process).toBeUndefined();
    expect(Object.keys(f?.details.alphabets as object)).toEqual(['base32']);
  });

  it('stays silent on vendor hash lookups, DKIM selectors, CDN names, readable labels and fleet-wide low volume', () => {
    expect(run(silent)).toEqual([]);
  });

  it('recognises case-kept base64url (DNSExfiltrator) and Sliver base32 data', () => {
    const b64u = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sliver = 'ab1c2d3e4f5g6h7j8k9m0npqrtuvwxyz';
    const events = [
      ...tunnel(25, 2, (i) => `${i}.${draw(r, b64u, 63)}.${draw(r, b64u, 40)}.exfil.example.net`),
      ...tunnel(25, 2, () => `${draw(r, sliver, 63)}.${draw(r, sliver, 30)}.sliver-example.net`, { image: 'C:\\x\\implant.exe' }),
    ];
    const found = run(events);
    expect(found.map((f) => f.entity.domain).sort()).toEqual(['example.net', 'sliver-example.net']);
    expect(Object.keys(found.find((f) => f.entity.domain === 'example.net')?.details.alphabets as object)).toEqual(['base64url']);
  });

  it('uses only the qualifying rows of the process as evidence', () => {
    const events = [...tunnel(30, 1, hexName), ...tunnel(10, 1, (i) => `www${i}.evil-example.com`)];
    const [f] = run(events);
    expect(f?.evidence.events).toBe(30);
    expect(f?.evidence.examples.every((e) => e.qname.length > 60)).toBe(true);
  });

  it('needs minUniqueNames distinct names inside one window', () => {
    expect(run(tunnel(19, 10, hexName))).toEqual([]);
    // the same name repeated is one name
    const one = hexName();
    expect(run(tunnel(40, 1, () => one))).toEqual([]);
    // 40 names spread over ten hours: at most 2 in any 15 minutes
    const slow = tunnel(40, 900, hexName);
    expect(run(slow)).toEqual([]);
    expect(run(slow, { windowMinutes: 720 })).toHaveLength(1);
    expect(run(tunnel(6, 10, hexName), { minUniqueNames: 5 })).toHaveLength(1);
  });

  it('counts per process: two processes with 15 names each stay below the threshold', () => {
    const events = [...tunnel(15, 1, hexName), ...tunnel(15, 1, hexName, { image: 'C:\\other.exe' })];
    expect(run(events)).toEqual([]);
  });

  it('ignores long names whose data labels read like words', () => {
    const words = tunnel(30, 1, (i) => `customer-portal-authentication-service-frontend-instance-${i}.apps.example.com`);
    expect(run(words)).toEqual([]);
  });

  it('raises the score with the number of names in the window', () => {
    const [small] = run(tunnel(20, 1, hexName));
    const [big] = run(tunnel(200, 1, hexName));
    expect(big!.score).toBeGreaterThan(small!.score);
  });
});

describe('encoded-label-tunnel on public samples', () => {
  const samples = [
    'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl',
    'activecm-rita__test_data_proxy__dns.log',
    'activecm-rita__test_data_open_conns_open__dns.log',
  ];
  for (const name of samples) {
    const p = samplePath(name);
    it.skipIf(!p)(`reports nothing above low on ${name}${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const found = runDetectors(store, undefined, [encodedLabelTunnel]).findings;
      expect(found.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low'))).toEqual([]);
    });
  }
});
