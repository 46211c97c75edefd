/**
 * Every registered detector together on the public samples: the dnscat2 session in the rita
 * Zeek logs is found, and lab and home noise yields nothing above low.
 */
import { describe, expect, it } from 'vitest';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { groupSuspects } from '../score/suspects';
import { runDetectors } from './run';
import { SEVERITIES } from './types';

const aboveLow = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]) > SEVERITIES.indexOf('low');

const NOISE = [
  'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl',
  'activecm-rita__test_data_proxy__dns.log',
  'OTRF-Security-Datasets__apt29_day2_NEWYORK_dns.log',
  'OTRF-Security-Datasets__psh_mavinject_dll_notepad_2020-10-2121410529.json',
  'OTRF-Security-Datasets__sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json',
  'sbousseaden-EVTX-ATTACK-SAMPLES__Privilege_Escalation_Sysmon_UACME_64__evtxexport_derived.xml',
];
const DNSCAT2 = ['activecm-rita__test_data_open_conns_open__dns.log', 'activecm-rita__test_data_json_with_all_fields__dns.log'];

describe.skipIf(!samplePath(NOISE[0] as string))('all detectors on public samples', () => {
  it.each(NOISE)('%s: nothing above low', async (name) => {
    const { store, summary } = await ingestPath(samplePath(name) as string);
    expect(summary.events).toBeGreaterThan(0);
    const { findings } = runDetectors(store);
    expect(findings.filter((f) => aboveLow(f.severity)).map((f) => `${f.detector} ${f.severity} ${f.title}`)).toEqual([]);
  });

  it.each(DNSCAT2)('%s: the dnscat2 session to r-1x.com is a suspect at medium or above', async (name) => {
    const { store } = await ingestPath(samplePath(name) as string);
    const { findings } = runDetectors(store);
    const suspects = groupSuspects(findings);
    const top = suspects[0];
    expect(top?.domains).toContain('r-1x.com');
    expect(aboveLow(top?.severity ?? 'info')).toBe(true);
    expect(top?.detectors).toContain('tool-signature');
    const sig = findings.find((f) => f.detector === 'tool-signature');
    expect(sig?.evidence.events).toBeGreaterThanOrEqual(20);
    expect(sig?.evidence.examples[0]?.qname).toMatch(/^[0-9a-f]{18}\.dnsc\.r-1x\.com$/);
  });
});

if (!samplePath(NOISE[0] as string)) describe.skip(SKIP_NO_SAMPLES, () => undefined);
