/**
 * The DNSStager-family detectors (sequential-label-staging, aaaa-unallocated, payload-reassembly)
 * on public lab and benign captures: nothing above low.
 */
import { describe, expect, it } from 'vitest';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from '../testing/ingest-helpers';
import { aaaaUnallocated } from './aaaa-unallocated';
import { payloadReassembly } from './payload-reassembly';
import { runDetectors } from './run';
import { sequentialLabelStaging } from './sequential-label-staging';
import { SEVERITIES } from './types';

const SAMPLES = [
  'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl',
  'OTRF-Security-Datasets__apt29_day2_NEWYORK_dns.log',
  'OTRF-Security-Datasets__sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json',
  'activecm-rita__test_data_proxy__dns.log',
];

describe('DNSStager-family detectors on public samples', () => {
  for (const name of SAMPLES) {
    const p = samplePath(name);
    it.skipIf(!p)(`report nothing above low on ${name}${p ? '' : ` (${SKIP_NO_SAMPLES})`}`, async () => {
      const { store } = await ingestPath(p as string);
      expect(store.size).toBeGreaterThan(0);
      const found = runDetectors(store, undefined, [sequentialLabelStaging, aaaaUnallocated, payloadReassembly]).findings;
      expect(found.filter((f) => SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf('low')).map((f) => f.title)).toEqual([]);
    });
  }
});
