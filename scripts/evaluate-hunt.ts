/**
 * Generates a hunt with every attack, runs the detectors on it and compares with the ground truth:
 *   npm run --silent evaluate -- [--rows 100000] [--seed 1] [--format splunk-csv|sysmon-json|zeek-tsv]
 */
import { parseArgs } from 'node:util';
import { EventStore } from '../lib/store/event-store';
import { ingest } from '../lib/ingest/ingest';
import { runDetectors } from '../lib/detect/run';
import { generateHunt } from '../lib/generate/hunt';
import { evaluateHunt } from '../lib/generate/evaluate';
import { isHuntFormat } from '../lib/generate/render-common';

async function* iter(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' } } });
  const format = values.format ?? 'splunk-csv';
  if (!isHuntFormat(format)) throw new Error(`unknown format ${format}`);
  const hunt = generateHunt({ seed: Number(values.seed ?? 1), format, benignRows: Number(values.rows ?? 100_000) });
  const store = new EventStore();
  const summary = await ingest(iter(hunt.bytes), store, { name: `generated.${format}` });
  const manifest = hunt.manifest();
  const t0 = performance.now();
  const { findings } = runDetectors(store);
  const ms = performance.now() - t0;
  const ev = evaluateHunt(findings, manifest);
  console.log(`${format}: ${summary.events} events (${manifest.benignRows} benign, ${manifest.attackRows} attack rows), skipped ${summary.skipped}, detectors ${ms.toFixed(0)} ms`);
  for (const a of ev.attacks) {
    console.log(`  ${a.id.padEnd(18)} ${a.visible ? `${String(a.rows).padStart(5)} rows` : ' not visible'}  ${(a.severity ?? '-').padEnd(8)} ${a.detectors.join(', ')}`);
  }
  console.log(`  attacks found at medium or above: ${ev.found} of ${ev.visible} visible (${ev.attacks.length} injected)`);
  console.log(`  benign entities flagged at medium or above: ${ev.benignFlagged.length}${ev.benignFlagged.length ? ` (${ev.benignFlagged.join(', ')})` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
