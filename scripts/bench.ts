/**
 * Benchmark (issue #5) — a script, never a timed test:
 *   npm run bench -- [--quick] [--sizes 1m,10m] [--zeek-sizes 1m|none] [--reps 3] [--node-only|--chromium-only] …
 *
 * Generates Splunk CSV (Sysmon DNS, attacks included) and Zeek TSV hunts into bench-results/data/
 * (cached: a file is reused when its manifest matches seed, rows, format and generator), then
 * measures, each run in its own child Node process so RSS peaks never mix:
 *   - the floor: a bare papaparse parse streamed over fs.createReadStream (64 KiB reads, chunk
 *     callback, rows counted, nothing kept);
 *   - the full hunt: the CLI's code path (scripts/cli/split-ingest-node.ts ingestFile: a large
 *     Splunk CSV / Zeek TSV file parsed in parts by worker threads, see --parts, node:crypto
 *     sha256; every detector, grouping), with ingest/detect/group seconds, peak RSS, store.bytes() per event, and the
 *     heap + external bytes retained by the store after GC (children run with --expose-gc).
 * and the same in headless Chromium (scripts/bench/chromium.ts): the floor in a module worker,
 * the full hunt through the real app's file input, worker heap and renderer RSS, UI latency.
 * Every measurement is repeated (default 3) and the median reported. Prints one table, Node and
 * Chromium side by side, and writes bench-results/latest.json.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { measureChromium } from './bench/chromium';
import { partsOption } from './cli/split-ingest-node';
import {
  DataManifestSchema,
  median,
  MiB,
  parseSizes,
  sizeLabel,
  table,
  type BenchFormat,
  type DataFile,
  type DataManifest,
  type ResultRow,
} from './bench/results';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const DATA_DIR = path.join(RESULTS_DIR, 'data');
const SCRIPT = fileURLToPath(import.meta.url);
/**
 * Bytes per read of the floor's file stream: Node's default (papaparse is ~3x faster on them
 * than on 1 MiB chunks). The hunt reads as the CLI does (readRange: 1 MiB reads into two buffers).
 */
const READ_BYTES = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Child measurements (run as `node --expose-gc --import tsx scripts/bench.ts --child KIND FILE`)
// ---------------------------------------------------------------------------------------------

const FloorSample = z.object({
  kind: z.literal('floor'),
  rows: z.number(),
  seconds: z.number(),
  peakRssBytes: z.number(),
  startRssBytes: z.number(),
});
type FloorSample = z.infer<typeof FloorSample>;

const DetectorSample = z.object({ detector: z.string(), ran: z.boolean(), ms: z.number(), findings: z.number() });

const HuntSample = z.object({
  kind: z.literal('hunt'),
  /** how the file was ingested, e.g. "2 parts: split" or "1 part: one pass" */
  read: z.string(),
  events: z.number(),
  skipped: z.number(),
  ingestSeconds: z.number(),
  detectSeconds: z.number(),
  groupSeconds: z.number(),
  totalSeconds: z.number(),
  peakRssBytes: z.number(),
  startRssBytes: z.number(),
  rssAfterIngestBytes: z.number(),
  storeBytes: z.number(),
  retainedBytes: z.number(),
  retainedHeapBytes: z.number(),
  retainedExternalBytes: z.number(),
  findings: z.number(),
  suspects: z.number(),
  detectors: z.array(DetectorSample),
});
type HuntSample = z.infer<typeof HuntSample>;

const maxRssBytes = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB

function gcNow(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');
  gc();
  gc();
}

function retained(): { heap: number; external: number } {
  gcNow();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}

/** The floor: papaparse over a read stream, counting rows in the chunk callback. */
async function childFloor(file: string, format: BenchFormat): Promise<FloorSample> {
  const Papa = (await import('papaparse')).default;
  const startRssBytes = process.memoryUsage().rss;
  const t0 = performance.now();
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    // Node's default 64 KiB reads: papaparse is ~3x faster on them than on 1 MiB chunks (the
    // decoded strings stay ordinary young-generation objects), so this is the honest floor
    const input = createReadStream(file, { encoding: 'utf8', highWaterMark: READ_BYTES });
    input.on('error', reject);
    Papa.parse<string[]>(input, {
      ...(format === 'zeek-tsv' ? { delimiter: '\t', comments: '#' } : {}),
      skipEmptyLines: true,
      chunk: (r) => {
        rows += r.data.length;
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  const seconds = (performance.now() - t0) / 1000;
  // the CSV header row is data to papaparse here (no header: true): leave it out of the count
  if (format === 'splunk-csv') rows--;
  return { kind: 'floor', rows, seconds, peakRssBytes: maxRssBytes(), startRssBytes };
}

/** The full hunt, the same code path as scripts/hunt.ts: ingestFile (in `parts` parts, by default as the CLI: the idle cores less one) + runDetectors + groupSuspects. */
async function childHunt(file: string, parts: number | undefined): Promise<HuntSample> {
  const [{ EventStore }, { ingestFile }, { runDetectors }, { groupSuspects }] = await Promise.all([
    import('../lib/store/event-store'),
    import('./cli/split-ingest-node'),
    import('../lib/detect/run'),
    import('../lib/score/suspects'),
  ]);
  const base = retained();
  const startRssBytes = process.memoryUsage().rss;
  const t0 = performance.now();
  const store = new EventStore();
  let read = '';
  const summary = await ingestFile(file, statSync(file).size, store, {
    ...(parts !== undefined ? { parts } : {}),
    onRead: (how) => (read = `${how.parts} part${how.parts === 1 ? '' : 's'}: ${how.outcome}`),
  });
  const t1 = performance.now();
  if (summary.error) throw new Error(`ingest: ${summary.error}`);
  const rssAfterIngestBytes = process.memoryUsage().rss;
  // what the built store retains (forced GC, outside the timed part); the store stays alive
  const after = retained();
  const t1b = performance.now();
  const { findings, runs } = runDetectors(store);
  const t2 = performance.now();
  const suspects = groupSuspects(findings);
  const t3 = performance.now();
  const sample: HuntSample = {
    kind: 'hunt',
    read,
    events: store.size,
    skipped: summary.skipped,
    ingestSeconds: (t1 - t0) / 1000,
    detectSeconds: (t2 - t1b) / 1000,
    groupSeconds: (t3 - t2) / 1000,
    totalSeconds: (t1 - t0 + t3 - t1b) / 1000,
    peakRssBytes: maxRssBytes(),
    startRssBytes,
    rssAfterIngestBytes,
    storeBytes: store.bytes(),
    retainedBytes: after.heap + after.external - base.heap - base.external,
    retainedHeapBytes: after.heap - base.heap,
    retainedExternalBytes: after.external - base.external,
    findings: findings.length,
    suspects: suspects.length,
    detectors: runs.map((r) => ({ detector: r.detector, ran: r.ran, ms: r.ms, findings: r.findings })),
  };
  return sample;
}

async function childMain(kind: string, file: string, format: string, parts: number | undefined): Promise<void> {
  const fmt: BenchFormat = format === 'zeek-tsv' ? 'zeek-tsv' : 'splunk-csv';
  const result = kind === 'floor' ? await childFloor(file, fmt) : await childHunt(file, parts);
  process.stdout.write(`\nBENCH-RESULT ${JSON.stringify(result)}\n`);
}

function runChild(kind: 'floor' | 'hunt', file: string, format: BenchFormat, parts?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', SCRIPT, '--child', kind, '--file', file, '--format', format, ...(parts !== undefined ? ['--parts', String(parts)] : [])],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${kind} child for ${path.basename(file)} exited with ${code}`));
      const line = out.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
      if (!line) return reject(new Error(`${kind} child for ${path.basename(file)} printed no result`));
      resolve(line.slice('BENCH-RESULT '.length));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Data files (cached by seed, rows, format and generator version)
// ---------------------------------------------------------------------------------------------

const EXT: Record<BenchFormat, string> = { 'splunk-csv': 'csv', 'zeek-tsv': 'log' };

async function ensureData(format: BenchFormat, rows: number, seed: number, regen: boolean): Promise<DataFile> {
  const { generateHunt } = await import('../lib/generate/hunt');
  const { GENERATOR } = await import('../lib/version');
  const generator = `${GENERATOR.name} ${GENERATOR.version}`;
  mkdirSync(DATA_DIR, { recursive: true });
  const base = path.join(DATA_DIR, `hunt-${format}-${sizeLabel(rows)}-seed${seed}`);
  const file = `${base}.${EXT[format]}`;
  const manifestFile = `${base}.manifest.json`;
  if (!regen && existsSync(file) && existsSync(manifestFile)) {
    const parsed = DataManifestSchema.safeParse(JSON.parse(readFileSync(manifestFile, 'utf8')));
    if (
      parsed.success &&
      parsed.data.generator === generator &&
      parsed.data.seed === seed &&
      parsed.data.format === format &&
      parsed.data.requestedRows === rows &&
      parsed.data.bytes === statSync(file).size
    ) {
      return { format, rows, file, manifest: parsed.data, cached: true };
    }
  }
  process.stderr.write(`generating ${path.basename(file)} …`);
  const t0 = performance.now();
  const hunt = generateHunt({ seed, format, rows, reuseBuffers: true });
  const out = createWriteStream(file);
  let bytes = 0;
  for (const chunk of hunt.bytes) {
    bytes += chunk.length;
    // the generator reuses its buffer: wait until each chunk is handed over
    await new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve())));
  }
  out.end();
  await once(out, 'finish');
  const m = hunt.manifest();
  const manifest: DataManifest = {
    generator,
    seed,
    format,
    requestedRows: rows,
    rows: m.rows,
    attackRows: m.attackRows,
    bytes,
    seconds: (performance.now() - t0) / 1000,
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(` ${(bytes / 1e6).toFixed(0)} MB in ${manifest.seconds.toFixed(1)} s\n`);
  return { format, rows, file, manifest, cached: false };
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

function summarise(data: DataFile, floor: FloorSample[], hunt: HuntSample[]): ResultRow {
  const parseSeconds = median(floor.map((s) => s.seconds));
  const huntSeconds = median(hunt.map((s) => s.totalSeconds));
  const events = median(hunt.map((s) => s.events));
  const peak = median(hunt.map((s) => s.peakRssBytes));
  const retainedBytes = median(hunt.map((s) => s.retainedBytes));
  const ids = hunt[0]?.detectors.filter((d) => d.ran).map((d) => d.detector) ?? [];
  return {
    environment: 'node',
    format: data.format,
    rows: data.manifest.rows,
    file: path.relative(ROOT, data.file),
    bytes: data.manifest.bytes,
    status: 'measured',
    parseSeconds,
    huntSeconds,
    ingestSeconds: median(hunt.map((s) => s.ingestSeconds)),
    detectSeconds: median(hunt.map((s) => s.detectSeconds)),
    groupSeconds: median(hunt.map((s) => s.groupSeconds)),
    digestSeconds: null,
    ratio: huntSeconds / parseSeconds,
    parsePeakMemoryMiB: median(floor.map((s) => s.peakRssBytes)) / MiB,
    peakMemoryMiB: peak / MiB,
    heapPeakMiB: null,
    overheadMiB: (peak - retainedBytes) / MiB,
    bytesPerEvent: median(hunt.map((s) => s.storeBytes)) / events,
    retainedBytesPerEvent: retainedBytes / events,
    events,
    findings: median(hunt.map((s) => s.findings)),
    suspects: median(hunt.map((s) => s.suspects)),
    uiLatencyMs: null,
    detectors: ids
      .map((id) => {
        const runs = hunt.map((s) => s.detectors.find((d) => d.detector === id));
        return {
          detector: id,
          ms: median(runs.map((r) => r?.ms ?? 0)),
          findings: median(runs.map((r) => r?.findings ?? 0)),
        };
      })
      .sort((a, b) => b.ms - a.ms),
    samples: { floor, hunt },
  };
}

async function measureNode(data: DataFile, reps: number, parts: number | undefined): Promise<ResultRow> {
  const floor: FloorSample[] = [];
  const hunt: HuntSample[] = [];
  for (let i = 0; i < reps; i++) {
    // interleaved, so a burst of load from other processes hits both sides alike
    const f = FloorSample.parse(JSON.parse(await runChild('floor', data.file, data.format)));
    floor.push(f);
    const h = HuntSample.parse(JSON.parse(await runChild('hunt', data.file, data.format, parts)));
    hunt.push(h);
    process.stderr.write(
      `  node ${data.format} ${sizeLabel(data.rows)} rep ${i + 1}/${reps}: parse ${f.seconds.toFixed(2)} s, ` +
        `hunt ${h.totalSeconds.toFixed(2)} s (ingest ${h.ingestSeconds.toFixed(2)} + detect ${h.detectSeconds.toFixed(2)}), ` +
        `peak RSS ${(h.peakRssBytes / MiB).toFixed(0)} MiB, read in ${h.read}\n`,
    );
    if (f.rows !== h.events + h.skipped) {
      process.stderr.write(`  note: papaparse counted ${f.rows} rows, the hunt ${h.events} events + ${h.skipped} skipped\n`);
    }
  }
  return summarise(data, floor, hunt);
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function detectorProfile(r: ResultRow): string {
  if (r.ingestSeconds === null || r.huntSeconds === null) return '';
  const lines = [`where the hunt time goes — node ${r.format} ${r.rows.toLocaleString('en-US')} rows (medians):`];
  lines.push(`  ${'ingest'.padEnd(28)} ${(r.ingestSeconds * 1000).toFixed(0).padStart(7)} ms  ${((100 * r.ingestSeconds) / r.huntSeconds).toFixed(0).padStart(3)}%`);
  for (const d of r.detectors) {
    lines.push(`  ${d.detector.padEnd(28)} ${d.ms.toFixed(0).padStart(7)} ms  ${((100 * d.ms) / 1000 / r.huntSeconds).toFixed(0).padStart(3)}%  (${d.findings} findings)`);
  }
  if (r.groupSeconds !== null) lines.push(`  ${'groupSuspects'.padEnd(28)} ${(r.groupSeconds * 1000).toFixed(0).padStart(7)} ms`);
  return lines.join('\n');
}

/** Creates `dir` (and its parents) when missing; returns it. */
function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

const USAGE = `usage: npm run bench -- [options]

  --sizes LIST       Splunk CSV sizes (default 1m,10m; "none" for none), e.g. 200k,1m
  --zeek-sizes LIST  Zeek TSV sizes (default 1m; "none" for none)
  --quick            200k rows of each format only
  --node-only        measure in Node only
  --chromium-only    measure in Chromium only
  --reps N           repetitions per measurement, median reported (default 3)
  --chromium-reps N  repetitions in Chromium (default: --reps)
  --ui-reps N        repetitions of each UI action in Chromium, median reported (default 5; 0: none)
  --port P           port for the app's \`next start\` (default 3203; built first if .next is stale)
  --seed S           generator seed (default 1)
  --regen            regenerate the data files even when cached
  --data-only        generate (or find cached) data files, measure nothing
  --out FILE         JSON results (default bench-results/latest.json)
  --cpu-profile DIR  write a CPU profile of the app's worker for each Chromium load into DIR
                     (open in Chrome DevTools' Performance panel; slows the load slightly)
  --cores N          the app's page reports N logical cores (CDP override): from 4 on, large
                     Splunk CSV / Zeek TSV files are parsed in two parts by two workers
  --parts N          the Node hunt parses a large Splunk CSV / Zeek TSV file in N parts (worker
                     threads for all but the first); default as the CLI: the idle cores less one
  --no-split         the Node hunt reads every file in one pass (--parts 1)
  -h, --help         show this help

Environment: BENCH_JS_FLAGS passes V8 flags to Chromium (--js-flags), e.g.
  BENCH_JS_FLAGS='--trace-opt --trace-deopt' DEBUG=pw:browser npm run bench -- --chromium-only …
prints each optimisation and deoptimisation of the pages and their workers.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      'zeek-sizes': { type: 'string' },
      quick: { type: 'boolean' },
      reps: { type: 'string' },
      'node-only': { type: 'boolean' },
      'chromium-only': { type: 'boolean' },
      'chromium-reps': { type: 'string' },
      'ui-reps': { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      regen: { type: 'boolean' },
      'data-only': { type: 'boolean' },
      out: { type: 'string' },
      'cpu-profile': { type: 'string' },
      cores: { type: 'string' },
      'no-split': { type: 'boolean' },
      parts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      child: { type: 'string' },
      file: { type: 'string' },
      format: { type: 'string' },
    },
  });
  if (values.child) {
    await childMain(values.child, values.file ?? '', values.format ?? '', values.parts === undefined ? undefined : Number(values.parts));
    return 0;
  }
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const csvSizes = parseSizes(values.quick ? '200k' : (values.sizes ?? '1m,10m'));
  const zeekSizes = parseSizes(values.quick ? '200k' : (values['zeek-sizes'] ?? '1m'));
  const reps = Number(values.reps ?? 3);
  const seed = Number(values.seed ?? 1);
  const chromiumReps = Number(values['chromium-reps'] ?? reps);
  const uiReps = Number(values['ui-reps'] ?? 5);
  const port = Number(values.port ?? 3203);
  const cores = values.cores === undefined ? null : Number(values.cores);
  const parts = partsOption(values);
  if (parts instanceof Error) throw parts;
  if (cores !== null && !(Number.isInteger(cores) && cores >= 1 && cores <= 256)) throw new Error('--cores must be a whole number of cores');
  if (!(Number.isInteger(reps) && reps >= 1)) throw new Error('--reps must be a positive integer');
  if (!(Number.isInteger(chromiumReps) && chromiumReps >= 1)) throw new Error('--chromium-reps must be a positive integer');
  if (!(Number.isInteger(uiReps) && uiReps >= 0)) throw new Error('--ui-reps must be a non-negative integer');
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error('--port must be a port number');
  if (values['node-only'] && values['chromium-only']) throw new Error('--node-only and --chromium-only exclude each other');
  if (!(Number.isInteger(seed) && seed >= 0)) throw new Error('--seed must be a non-negative integer');
  const outFile = path.resolve(values.out ?? path.join(RESULTS_DIR, 'latest.json'));

  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const files: DataFile[] = [];
  for (const n of csvSizes) files.push(await ensureData('splunk-csv', n, seed, values.regen ?? false));
  for (const n of zeekSizes) files.push(await ensureData('zeek-tsv', n, seed, values.regen ?? false));
  if (values['data-only']) {
    for (const f of files) process.stderr.write(`${path.relative(ROOT, f.file)}: ${f.manifest.rows} rows, ${(f.manifest.bytes / 1e6).toFixed(0)} MB${f.cached ? ' (cached)' : ''}\n`);
    return 0;
  }

  const node: ResultRow[] = [];
  if (!values['chromium-only']) for (const f of files) node.push(await measureNode(f, reps, parts));
  const { rows: chromium, browserVersion } = values['node-only']
    ? { rows: [], browserVersion: null }
    : await measureChromium(files, {
        root: ROOT,
        reps: chromiumReps,
        uiReps,
        port,
        log: (s) => process.stderr.write(s),
        ...(values['cpu-profile'] ? { cpuProfileDir: mkdirp(path.resolve(values['cpu-profile'])) } : {}),
        ...(cores !== null ? { cores } : {}),
      });
  const rows = [...node, ...chromium];
  const loadAfter = loadavg();

  process.stdout.write(`\n${table(rows)}\n\n`);
  for (const r of node) process.stdout.write(`${detectorProfile(r)}\n\n`);
  process.stdout.write(
    `targets: hunt ≤ 1.5× parse; ≤ 64 retained bytes/event at 10M; CLI memory beyond the store flat in file size\n` +
      `chromium: parse/hunt s timed in the page from the file input's change event; peak MiB = the renderer's VmHWM (page + worker); ` +
      `heap peak = worker JS heap + ArrayBuffers (CDP, sampled every 250 ms); retained B/event = worker heap + ArrayBuffers after GC; ` +
      `UI ms = median to the rendered frame\n` +
      `node ${process.version}${browserVersion ? `, Chromium ${browserVersion}` : ''}, ${cpus().length} CPUs, load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ` +
      `${loadAfter.map((x) => x.toFixed(2)).join(' ')} after (other processes share this machine)\n`,
  );

  mkdirSync(path.dirname(outFile), { recursive: true });
  const json = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { node: process.version, chromium: browserVersion, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', totalMemMiB: Math.round(totalmem() / MiB), loadBefore, loadAfter },
    reps,
    chromiumReps: values['node-only'] ? null : chromiumReps,
    uiReps: values['node-only'] ? null : uiReps,
    seed,
    targets: { maxRatio: 1.5, maxBytesPerEventAt10M: 64 },
    data: files.map((f) => ({ ...f.manifest, file: path.relative(ROOT, f.file), cached: f.cached })),
    results: rows,
  };
  writeFileSync(outFile, `${JSON.stringify(json, null, 2)}\n`);
  process.stderr.write(`wrote ${path.relative(ROOT, outFile)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
