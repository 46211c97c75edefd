import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
// types only: Playwright's loader cannot import lib/ at run time (lib/version.ts imports package.json)
import type { AttackManifestEntry, HuntManifest } from '../../lib/generate/hunt';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the generator says of a hunt it wrote: where the DNSStager attack sits (ground truth). */
export interface GeneratedHunt {
  file: string;
  name: string;
  manifest: HuntManifest;
  stager: AttackManifestEntry;
  /** details the DNSStager attack records in the manifest */
  details: { records: number; payloadBytes: number; payloadSha256: string; signature: string; prefix: string };
}

function detail<T>(entry: AttackManifestEntry, key: string, check: (v: unknown) => v is T): T {
  const v = entry.details[key];
  if (!check(v)) throw new Error(`manifest: dnsstager-aaaa has no ${key}`);
  return v;
}
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Writes a small synthetic hunt with the project's own generator (`scripts/generate.ts` over
 * lib/generate): `benignRows` benign Sysmon EID 22 rows of a fleet plus the DNSStager AAAA
 * attack, as a Splunk CSV export, and reads its manifest. Seeded: every run writes the same bytes.
 */
export async function writeDnsStagerHunt(file: string, { seed = 7, benignRows = 3000 }: { seed?: number; benignRows?: number } = {}): Promise<GeneratedHunt> {
  const manifestFile = `${file}.manifest.json`;
  const args = ['scripts/generate.ts', '--benign-rows', String(benignRows), '--seed', String(seed), '--format', 'splunk-csv',
    '--attacks', 'dnsstager-aaaa', '--days', '1', '--out', file, '--manifest', manifestFile];
  await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, timeout: 60_000 });
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as HuntManifest;
  const stager = manifest.attacks.find((a) => a.id === 'dnsstager-aaaa');
  if (!stager || !stager.visible || stager.rows === 0) throw new Error('the generator wrote no DNSStager rows');
  return {
    file,
    name: file.split(/[\\/]/).pop() ?? file,
    manifest,
    stager,
    details: {
      records: detail(stager, 'records', isNumber),
      payloadBytes: detail(stager, 'payloadBytes', isNumber),
      payloadSha256: detail(stager, 'payloadSha256', isString),
      signature: detail(stager, 'signature', isString),
      prefix: detail(stager, 'prefix', isString),
    },
  };
}
