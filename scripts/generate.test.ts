import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHunt } from '../lib/generate/hunt';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'dns-hunt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'scripts', 'generate.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run generate', () => {
  it('writes the file and the manifest, and reports rows/s on stderr', () => {
    const out = path.join(dir, 'hunt.log');
    const manifestFile = path.join(dir, 'manifest.json');
    const r = cli(['--rows', '3000', '--seed', '5', '--format', 'zeek-tsv', '--out', out, '--attacks', 'dnsstager', '--manifest', manifestFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^3,000 rows \(.*\) zeek-tsv, .* rows\/s \(CPU [\d.]+ s\), peak RSS/);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { rows: number; complete: boolean; attacks: { id: string; rows: number }[] };
    expect(manifest).toMatchObject({ rows: 3000, complete: true });
    expect(manifest.attacks.map((a) => [a.id, a.rows])).toEqual([['dnsstager-aaaa', 33], ['dnsstager-txt', 8]]);
    const lib = Buffer.concat([...generateHunt({ seed: 5, format: 'zeek-tsv', rows: 3000, attacks: ['dnsstager'] }).bytes]);
    expect(readFileSync(out).equals(lib)).toBe(true);
  });

  it('writes to stdout without --out', () => {
    const r = cli(['--rows', '50', '--seed', '1', '--format', 'splunk-csv', '--attacks', 'none']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('_time,QueryName,QueryResults,Computer,user,process_path,EventCode,QueryStatus,ProcessId,ProcessGuid,UtcTime');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(51);
  });

  it('exits 2 with the usage on a bad format or an unknown attack', () => {
    const bad = cli(['--rows', '10', '--format', 'csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of splunk-csv, sysmon-json, zeek-tsv/);
    const unknown = cli(['--rows', '10', '--format', 'zeek-tsv', '--attacks', 'sliver']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown attack "sliver"/);
  });
});
