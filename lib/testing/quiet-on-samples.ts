import { describe, expect, it } from 'vitest';
import { runDetectors } from '../detect/run';
import { SEVERITIES, type Detector } from '../detect/types';
import type { Finding } from '../schema/findings';
import { ingestPath, samplePath, SKIP_NO_SAMPLES } from './ingest-helpers';

const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);

/**
 * The hard negative every behavioural detector shares: on the OTRF lab noise and the RITA proxy
 * capture it reports nothing above low (`more` adds checks on the findings of each sample).
 */
export function quietOnPublicSamples(detector: Detector, more?: (findings: readonly Finding[]) => void): void {
  describe(`${detector.meta.id} on public samples`, () => {
    const otrf = samplePath('OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl');
    const proxy = samplePath('activecm-rita__test_data_proxy__dns.log');

    it.skipIf(!otrf || !proxy)('reports nothing above low on the OTRF lab noise and the RITA proxy capture', async () => {
      if (!otrf || !proxy) return void SKIP_NO_SAMPLES;
      for (const p of [otrf, proxy]) {
        const { store } = await ingestPath(p);
        const f = runDetectors(store, undefined, [detector]).findings;
        more?.(f);
        for (const x of f) expect(rank(x.severity), x.title).toBeLessThanOrEqual(rank('low'));
      }
    });
  });
}
