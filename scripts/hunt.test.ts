import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateHunt } from '../lib/generate/hunt';
import { SPLIT_MIN_BYTES } from '../lib/ingest/split';
import { HuntReportSchema } from '../lib/schema/findings';
import { samplePath, SKIP_NO_SAMPLES } from '../lib/testing/ingest-helpers';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

async function hunt(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['scripts/hunt.ts', ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const tmp = mkdtempSync(path.join(tmpdir(), 'hunt-cli-'));
const zeek = samplePath('activecm-rita__test_data_proxy__dns.log');
const sysmon = samplePath('OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl');

describe('hunt CLI', () => {
  it.skipIf(!zeek || !sysmon)('prints only the findings JSON with --json, one input entry per file', async () => {
    const bad = path.join(tmp, 'notes.txt');
    writeFileSync(bad, 'not a log\n');
    const { code, stdout } = await hunt([zeek as string, sysmon as string, bad, '--json']);
    expect(code).toBe(0);
    const report = HuntReportSchema.parse(JSON.parse(stdout));
    expect(report.inputs.map((i) => [i.name, i.format, i.events, i.skipped])).toEqual([
      ['activecm-rita__test_data_proxy__dns.log', 'zeek-tsv', 942, 0],
      ['OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl', 'sysmon-json', 2038, 0],
      ['notes.txt', 'unknown', 0, 0],
    ]);
    expect(report.inputs[2]?.error).toMatch(/Unrecognised format/);
    expect(report.inputs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.skipIf(!zeek)('prints a readable summary by default', async () => {
    const { code, stdout } = await hunt([zeek as string]);
    expect(code).toBe(0);
    expect(stdout).toContain('Zeek dns.log (TSV) [zeek-tsv]');
    expect(stdout).toMatch(/DNS events 942 {3}skipped 0/);
  });

  it('reports bad rows with their line and keeps the good ones', async () => {
    const file = path.join(tmp, 'bad.jsonl');
    const good = (q: string) =>
      JSON.stringify({ EventID: 22, Hostname: 'WS1', UtcTime: '2024-01-01 10:00:00.000', QueryName: q, QueryStatus: '0', QueryResults: '1.2.3.4;', Image: 'C:\\a.exe' });
    writeFileSync(file, [good('a.example.com'), '{"EventID": 22, broken', good('b.example.com')].join('\n'));
    const { code, stdout } = await hunt([file, '--json']);
    expect(code).toBe(0);
    const input = HuntReportSchema.parse(JSON.parse(stdout)).inputs[0];
    expect(input).toMatchObject({ events: 2, skipped: 1 });
    expect(input?.problems[0]?.line).toBe(2);
  });

  it('gives the same report for a large file parsed in two parts (a worker thread) as with --no-split', async () => {
    // above SPLIT_MIN_BYTES, with a bad row in each half
    const file = path.join(tmp, 'large.csv');
    const text = Buffer.concat([...generateHunt({ seed: 3, format: 'splunk-csv', rows: 130_000 }).bytes]).toString('utf8');
    const lines = text.split('\n');
    for (const at of [0.75, 0.25]) lines.splice(Math.floor(lines.length * at), 0, 'not,a,valid,row');
    writeFileSync(file, lines.join('\n'));
    expect(statSync(file).size).toBeGreaterThanOrEqual(SPLIT_MIN_BYTES);
    const [split, whole] = await Promise.all([hunt([file, '--json', '--parts', '2']), hunt([file, '--json', '--no-split'])]);
    expect(split.code).toBe(0);
    expect(split.stdout).toBe(whole.stdout);
    const input = HuntReportSchema.parse(JSON.parse(split.stdout)).inputs[0];
    expect(input?.problems.map((p) => p.line)).toEqual(lines.flatMap((l, i) => (l === 'not,a,valid,row' ? [i + 1] : [])));
  });

  it('exits 1 when no input could be read, and 2 on a bad config', async () => {
    const bad = path.join(tmp, 'bad.txt');
    writeFileSync(bad, 'hello\n');
    expect((await hunt([bad, path.join(tmp, 'missing.log')])).code).toBe(1);
    const cfg = path.join(tmp, 'cfg.json');
    writeFileSync(cfg, JSON.stringify({ detectors: { 'no-such-detector': { enabled: false } } }));
    const r = await hunt([bad, '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-detector/);
  });
});

if (!zeek) describe.skip(SKIP_NO_SAMPLES, () => undefined);
