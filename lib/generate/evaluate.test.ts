/**
 * The detection library against the generator's ground truth: a hunt with every attack over
 * 100k benign rows. Every attack the format can show is found at medium or above, and no
 * benign domain, host or process is flagged at medium or above.
 */
import { describe, expect, it } from 'vitest';
import { runDetectors } from '../detect/run';
import { ingestText } from '../testing/ingest-helpers';
import { evaluateHunt } from './evaluate';
import { generateHunt } from './hunt';
import type { HuntFormat } from './render-common';

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks].map((c) => c.slice());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('generated hunt with every attack and 100k benign rows', () => {
  it.each<[HuntFormat, number]>([
    ['splunk-csv', 7],
    ['zeek-tsv', 12],
  ])('%s: %i visible attacks found at medium or above, no benign entity flagged', async (format, visible) => {
    const hunt = generateHunt({ seed: 11, format, benignRows: 100_000 });
    const { store, summary } = await ingestText(concat(hunt.bytes), { name: `hunt.${format}` });
    expect(summary.skipped).toBe(0);
    const ev = evaluateHunt(runDetectors(store).findings, hunt.manifest());
    expect(ev.attacks.filter((a) => a.visible && (a.severity === null || a.severity === 'info' || a.severity === 'low'))).toEqual([]);
    expect(ev.visible).toBe(visible);
    expect(ev.found).toBe(visible);
    expect(ev.benignFlagged).toEqual([]);
  });
});
