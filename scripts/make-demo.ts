/**
 * Writes the sample hunt the app's "Try sample data" button loads: a small seeded synthetic hunt
 * (Splunk CSV of Sysmon EID 22, ~10k benign rows plus every attack Sysmon can see) to
 * public/demo/dns-hunt-demo.csv. Same seed, same bytes: rerun with `npm run demo`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHunt } from '../lib/generate/hunt';

export const DEMO_SEED = 20240304;
export const DEMO_BENIGN_ROWS = 10_000;
/** Kept small enough to commit. */
const MAX_BYTES = 4 * 1024 * 1024;

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/demo/dns-hunt-demo.csv');
const hunt = generateHunt({ seed: DEMO_SEED, format: 'splunk-csv', benignRows: DEMO_BENIGN_ROWS, attacks: 'all', days: 1, hosts: 20 });
const text = [...hunt.chunks].join('');
const bytes = Buffer.byteLength(text);
if (bytes > MAX_BYTES) throw new Error(`the demo is ${bytes} bytes, over the ${MAX_BYTES} limit`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, text);
const m = hunt.manifest();
const visible = m.attacks.filter((a) => a.visible && a.rows > 0).map((a) => a.id);
process.stderr.write(
  `${path.relative(process.cwd(), out)}: ${m.rows} rows (${m.benignRows} benign, ${m.attackRows} attack: ${visible.join(', ')}), ${(bytes / 1048576).toFixed(2)} MiB\n`,
);
