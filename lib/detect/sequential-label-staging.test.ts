import { describe, expect, it } from 'vitest';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { EVENT_FIELDS } from '../ingest/types';
import { runDetectors } from './run';
import { sequentialLabelStaging } from './sequential-label-staging';
import { benignMix, numberedInfrastructure } from './scenarios/benign-dns-fixture';
import { dnsstagerAaaa, dnsstagerTxt, stagerEvents, stagerPayload } from './scenarios/dnsstager-fixture';

const detect = (events: readonly TestEvent[], thresholds: Record<string, number> = {}, fields?: readonly string[]) =>
  runDetectors(buildStore(events, fields ? { fields } : {}), { detectors: { [sequentialLabelStaging.meta.id]: { thresholds } } }, [
    sequentialLabelStaging,
  ]).findings;

const stager = (n = 510, extra: Partial<Parameters<typeof stagerEvents>[0]> = {}) =>
  stagerEvents({ answers: dnsstagerAaaa(stagerPayload(n), 0x0a), qtype: 'AAAA', ...extra });

describe('sequential-label-staging', () => {
  it('reports a 32-record DNSStager AAAA run as critical with its end-of-data probe', () => {
    const [f, ...rest] = detect([...benignMix(), ...stager()]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'critical',
      entity: { domain: 'mydnsserver.live', qname: 'cloud-srv-0.test.mydnsserver.live', host: 'WIN10-SARA', process: 'C:\\Users\\sara\\Desktop\\dns_stager.exe' },
      evidence: { events: 33 },
      details: {
        pattern: 'cloud-srv-{n}.test.mydnsserver.live',
        records: 32,
        range: [0, 31],
        gaps: 0,
        qtype: 'AAAA',
        terminal: { counter: 32, status: 'NODATA' },
        monotoneShare: 1,
        answeredOnceShare: 1,
        encodedAnswerShare: 1,
      },
    });
  });

  it('catches a 56-record CS-sized stager with prefix cdn and no sleep', () => {
    const [f] = detect(stager(892, { prefix: 'cdn', domain: 'fakedns.live', sleep: 0 }));
    expect(f?.details).toMatchObject({ pattern: 'cdn{n}.fakedns.live', records: 56 });
  });

  it('catches a slow stager that fetches one chunk a day', () => {
    const [f] = detect(stager(510, { sleep: 86_400 }));
    expect(f?.severity).toBe('critical');
    expect(f?.details.medianIntervalSeconds).toBeCloseTo(86_400.04, 1);
  });

  it('catches nishang TXT names 1., 2., … seen by a network sensor without a process', () => {
    const chunks = dnsstagerTxt(stagerPayload(2400), 0, true).map((c) => c.padEnd(255, 'A'));
    const ev: TestEvent[] = chunks.map((c, i) => ({ t: 50 + i, host: '10.1.2.3', qname: `${i + 1}.ps.evil-updates.com`, qtype: 'TXT', answers: [{ type: 16, value: c }] }));
    const [f] = detect(ev);
    expect(f).toMatchObject({ severity: 'critical', entity: { host: '10.1.2.3', domain: 'evil-updates.com' }, details: { stem: '', range: [1, 16], qtype: 'TXT' } });
    expect(f?.entity.process).toBeUndefined();
  });

  it('catches the Cobalt Strike stager aaa/baa/caa.stage. counter', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const ev: TestEvent[] = Array.from({ length: 30 }, (_, i) => ({
      t: 10 + i,
      qname: `${letters[i % 26]}${letters[Math.floor(i / 26)]}a.stage.123456.ns1.example.net`,
      qtype: 'TXT',
      answers: [{ type: 16, value: 'Q'.repeat(255) }],
      image: 'C:\\Windows\\System32\\rundll32.exe',
    }));
    ev.push({ t: 40, qname: 'eba.stage.123456.ns1.example.net', qtype: 'TXT', answers: [{ type: 16, value: '' }], image: 'C:\\Windows\\System32\\rundll32.exe' });
    const [f] = detect(ev);
    expect(f?.details).toMatchObject({ counter: 'base26', records: 30, pattern: '{aaa}.stage.123456.ns1.example.net', terminal: { counter: 30 } });
  });

  it('tolerates two missing records and reports them as gaps', () => {
    const ev = stager().filter((e) => !/^cloud-srv-(5|17)\./.test(e.qname));
    expect(detect(ev)[0]?.details).toMatchObject({ records: 30, gaps: 2, range: [0, 31] });
  });

  it('stays silent on CDN names, short numbered ranges, inventory scans by many hosts, pollers and PTR sweeps', () => {
    expect(detect(benignMix())).toEqual([]);
    expect(detect(numberedInfrastructure())).toEqual([]);
  });

  it('keeps an enumeration from one process with ordinary address answers at low', () => {
    const ev: TestEvent[] = Array.from({ length: 40 }, (_, i) => ({ t: i, qname: `host-${i + 1}.corp.example.com`, answers: [`10.20.0.${i + 1}`], image: 'C:\\Tools\\scan.exe' }));
    const fs = detect(ev);
    expect(fs).toHaveLength(1);
    expect(fs[0]?.severity).toBe('low');
    expect(fs[0]?.details.encodedAnswerShare).toBe(0);
  });

  it('scores on structure alone when the source logs no answers', () => {
    const noAnswers = EVENT_FIELDS.filter((f) => f !== 'answers');
    const ev = stager().map((e) => ({ ...e, answers: [] }));
    const [f] = detect(ev, {}, noAnswers);
    expect(f?.details.encodedAnswerShare).toBeNull();
    expect(f?.severity).toBe('high');
  });

  it('reports each infected process separately up to maxProcesses', () => {
    const two = [...stager(510, { host: 'A' }), ...stager(510, { host: 'B' })];
    expect(detect(two).map((f) => f.entity.host).sort()).toEqual(['A', 'B']);
    expect(detect(two, { maxProcesses: 1 })).toEqual([]);
  });

  it('skips names asked again and again (pollers) above maxQueriesPerName', () => {
    const ev = [0, 1, 2, 3].flatMap((round) => stager(510, { t0: 1_700_000_000 + round * 600 }));
    expect(detect(ev)).toEqual([]);
    expect(detect(ev, { maxQueriesPerName: 5 })).toHaveLength(1);
  });

  it('follows the minRecords threshold', () => {
    expect(detect(stager(510), { minRecords: 40 })).toEqual([]);
    expect(detect(stager(100))).toEqual([]);
    expect(detect(stager(100), { minRecords: 7 })).toHaveLength(1);
  });
});
