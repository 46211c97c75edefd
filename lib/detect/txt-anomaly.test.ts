import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { runDetectors } from './run';
import { txtAnomaly } from './txt-anomaly';
import { SEVERITIES } from './types';
import { draw, HEX, rng, T0 } from './scenarios/encoded-label-tunnel';
import { fires, silent } from './scenarios/txt-anomaly';

const run = (events: readonly TestEvent[], thresholds?: Record<string, number>) =>
  runDetectors(buildStore(events), thresholds ? { detectors: { 'txt-anomaly': { thresholds } } } : undefined, [txtAnomaly]).findings;
const atLeast = (s: string, min: string) => SEVERITIES.indexOf(s as never) >= SEVERITIES.indexOf(min as never);
const txt = (value: string) => ({ type: 16, value });
const r = rng(9);

describe('txt-anomaly', () => {
  it('reports long encoded TXT chunks of a PowerShell stager at medium or above', () => {
    const f = run(fires).find((x) => x.entity.domain === 'stager-example.com');
    expect(f && atLeast(f.severity, 'medium')).toBe(true);
    expect(f?.details.longEncodedAnswers).toBe(6);
    expect(f?.entity.process).toContain('powershell.exe');
  });

  it('reports code in a TXT answer as critical', () => {
    const f = run(fires).find((x) => x.entity.domain === 'cradle-example.net');
    expect(f?.severity).toBe('critical');
    expect(f?.details.codeMarkers).toEqual(expect.arrayContaining(['PowerShell IEX', 'web download cradle']));
  });

  it('recognises DNSStager TXT mode: base64 of hex, starting with a shellcode prologue', () => {
    const f = run(fires).find((x) => x.entity.domain === 'fakedns.live');
    expect(f?.details.codeMarkers).toEqual(['base64 of hex shellcode']);
    expect(f?.details.longEncodedAnswers).toBe(7);
    expect(f?.evidence.events).toBe(7);
  });

  it('reports many distinct TXT names to one domain from one host (TXT tunnel)', () => {
    const f = run(fires).find((x) => x.entity.domain === 'txt-tunnel.org');
    expect(f?.severity).toBe('medium');
    expect(f?.details.distinctTxtNames).toBe(40);
    expect(f?.details.txtShare).toBe(1);
  });

  it('stays silent on SPF/DKIM/DMARC, verification tokens, DNSBL reasons, DNS-SD and a TXT poller', () => {
    expect(run(silent)).toEqual([]);
  });

  it('reports a long readable TXT answer only as low', () => {
    const [f] = run([{ t: T0, qname: 'notes.example.com', qtype: 16, answers: [txt('This is a long human readable note that somebody stored in a TXT record for reasons of their own, no code.')] }]);
    expect(f?.severity).toBe('low');
  });

  it('needs the TXT share: TXT names among many other queries of the process do not count', () => {
    const events: TestEvent[] = [
      ...Array.from({ length: 25 }, (_, i) => ({ t: T0 + i, image: 'C:\\a.exe', qname: `${draw(r, HEX, 12)}.svc.example.net`, qtype: 16 })),
      ...Array.from({ length: 100 }, (_, i) => ({ t: T0 + i, image: 'C:\\a.exe', qname: `h${i}.svc.example.net`, qtype: 1 })),
    ];
    expect(run(events)).toEqual([]);
    expect(run(events, { txtMinShare: 0.2 })).toHaveLength(1);
  });

  it('finds a PE header in base64 and counts TXT answers logged on non-TXT rows', () => {
    const [f] = run([{ t: T0, qname: 'a.pe-example.com', qtype: 0, answers: [txt('TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAA4fug4AtAnNIbgBTM0h')] }]);
    expect(f?.details.codeMarkers).toEqual(['PE header (base64)']);
  });

  it('honours the long-TXT length threshold', () => {
    const e: TestEvent[] = [{ t: T0, qname: 'x.example.com', qtype: 16, answers: [txt(draw(r, HEX, 80))] }];
    expect(run(e)).toEqual([]);
    expect(run(e, { longTxtChars: 60 })).toHaveLength(1);
  });
});

describe('txt-anomaly on public samples', () => {
  for (const name of ['activecm-rita__test_data_open_conns_open__dns.log', 'activecm-rita__test_data_json_with_all_fields__dns.log']) {
    const p = samplePath(name);
    it.skipIf(!p)(`reports the dnscat2 TXT traffic in ${name} at medium${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const [f] = runDetectors(store, undefined, [txtAnomaly]).findings;
      expect(f?.entity.domain).toBe('r-1x.com');
      expect(f?.severity).toBe('medium');
    });
  }
  for (const name of ['OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl', 'activecm-rita__test_data_proxy__dns.log']) {
    const p = samplePath(name);
    it.skipIf(!p)(`reports nothing above low on ${name}${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      const found = runDetectors(store, undefined, [txtAnomaly]).findings;
      expect(found.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low'))).toEqual([]);
    });
  }
});
