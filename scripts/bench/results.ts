/**
 * What both halves of the benchmark (Node, Chromium) report, and the table that prints it.
 * Pure: no I/O, so it can be unit-tested.
 */
import { z } from 'zod';

export const MiB = 1048576;

export type BenchFormat = 'splunk-csv' | 'zeek-tsv';

export const DataManifestSchema = z.object({
  generator: z.string(),
  seed: z.number(),
  format: z.string(),
  requestedRows: z.number(),
  rows: z.number(),
  attackRows: z.number(),
  bytes: z.number(),
  seconds: z.number(),
});
export type DataManifest = z.infer<typeof DataManifestSchema>;

export interface DataFile {
  format: BenchFormat;
  rows: number;
  /** absolute path */
  file: string;
  manifest: DataManifest;
  cached: boolean;
}

/** Median ms from a UI action to the view rendered (Chromium only); null when not measured. */
export const UiLatencySchema = z.object({
  /** what the filter and the timeline pick used: a process, or a host when the logs name no process (Zeek) */
  dimension: z.enum(['process', 'host']),
  /** click the top process (host) in the overview: every view narrowed to it */
  filter: z.number().nullable(),
  /** click it again: the filter removed */
  unfilter: z.number().nullable(),
  /** volume chart stacked by record type / by status */
  stackMode: z.number().nullable(),
  /** a process (host) chosen in the Timeline picker */
  timelinePick: z.number().nullable(),
});
export type UiLatency = z.infer<typeof UiLatencySchema>;

export interface ResultRow {
  environment: 'node' | 'chromium';
  format: BenchFormat;
  rows: number;
  /** relative to the repository */
  file: string;
  bytes: number;
  /** 'measured', or why not */
  status: string;
  parseSeconds: number | null;
  huntSeconds: number | null;
  ingestSeconds: number | null;
  detectSeconds: number | null;
  groupSeconds: number | null;
  /**
   * Chromium: from the file's choice to its sha256 on the page, computed after the findings are
   * shown (another worker reads the file again); null in Node, where the hunt hashes as it reads
   */
  digestSeconds: number | null;
  /** huntSeconds / parseSeconds; target ≤ 1.5 */
  ratio: number | null;
  /** Node: peak RSS of the floor child; Chromium: peak RSS (VmHWM) of the floor page's renderer */
  parsePeakMemoryMiB: number | null;
  /** Node: peak RSS of the hunt child; Chromium: peak RSS (VmHWM) of the app's renderer (page + worker) */
  peakMemoryMiB: number | null;
  /** Chromium: peak of the worker's JS heap + ArrayBuffer backing stores, sampled (CDP Runtime.getHeapUsage) */
  heapPeakMiB: number | null;
  /** Node: peak RSS minus the bytes the built store retains: what the CLI needs beyond the store */
  overheadMiB: number | null;
  /** store.bytes() / events (Node only); target ≤ 64 at 10M */
  bytesPerEvent: number | null;
  /** Node: heap + external retained after GC; Chromium: worker JS heap + ArrayBuffers after GC; minus the baseline, per event */
  retainedBytesPerEvent: number | null;
  events: number | null;
  findings: number | null;
  suspects: number | null;
  /** Chromium only */
  uiLatencyMs: UiLatency | null;
  /** median ms per detector (Node only) */
  detectors: { detector: string; ms: number; findings: number }[];
  /** the raw measurements, per repetition */
  samples: { floor: readonly object[]; hunt: readonly object[] };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  const mid = Math.floor(n / 2);
  return n % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** median, or null when there is nothing (or nothing finite) to take it of */
export function medianOrNull(xs: readonly (number | null)[]): number | null {
  const finite = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return finite.length === 0 ? null : median(finite);
}

export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

/** "200k,1m,10m" → [200000, 1000000, 10000000]; "none" or "" → [] */
export function parseSizes(text: string): number[] {
  if (text.trim() === '' || text === 'none') return [];
  return text.split(',').map((s) => {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
    if (!m) throw new Error(`bad size "${s}" (use e.g. 200k, 1m, 10m)`);
    const mult = { '': 1, k: 1000, m: 1_000_000 }[(m[2] ?? '').toLowerCase()] ?? 1;
    return Math.round(Number(m[1]) * mult);
  });
}

const num = (x: number | null, digits: number) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(digits));

function uiCell(u: UiLatency | null): string {
  if (!u) return '—';
  return `${[u.filter, u.unfilter, u.stackMode, u.timelinePick].map((x) => num(x, 0)).join('/')}${u.dimension === 'host' ? ' (host)' : ''}`;
}

export const TABLE_HEAD = [
  'environment',
  'format',
  'rows',
  'MB',
  'parse s',
  'hunt s',
  'ingest s',
  'detect s',
  'sha256 s',
  'ratio',
  'peak MiB',
  'RSS-retained MiB',
  'heap peak MiB',
  'parse peak MiB',
  'store B/event',
  'retained B/event',
  'UI ms filter/unfilter/stack/timeline',
  'status',
] as const;

/** One markdown table, Node and Chromium side by side (rows sorted by format, size, environment). */
export function table(rows: readonly ResultRow[]): string {
  const sorted = [...rows].sort((a, b) => a.format.localeCompare(b.format) || a.rows - b.rows || a.environment.localeCompare(b.environment));
  const body = sorted.map((r) => [
    r.environment,
    r.format,
    r.rows.toLocaleString('en-US'),
    (r.bytes / 1e6).toFixed(0),
    num(r.parseSeconds, 2),
    num(r.huntSeconds, 2),
    num(r.ingestSeconds, 2),
    num(r.detectSeconds, 2),
    num(r.digestSeconds, 2),
    r.ratio === null || !Number.isFinite(r.ratio) ? '—' : `${r.ratio.toFixed(2)}×`,
    num(r.peakMemoryMiB, 0),
    num(r.overheadMiB, 0),
    num(r.heapPeakMiB, 0),
    num(r.parsePeakMemoryMiB, 0),
    num(r.bytesPerEvent, 1),
    num(r.retainedBytesPerEvent, 1),
    uiCell(r.uiLatencyMs),
    r.status,
  ]);
  const head: readonly string[] = TABLE_HEAD;
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const left = (i: number, n: number) => i < 2 || i === n - 1;
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (left(i, cells.length) ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** A row for a file an environment did not measure (e.g. it failed), with the reason. */
export function unmeasured(environment: ResultRow['environment'], data: DataFile, relFile: string, status: string): ResultRow {
  return {
    environment,
    format: data.format,
    rows: data.manifest.rows,
    file: relFile,
    bytes: data.manifest.bytes,
    status,
    parseSeconds: null,
    huntSeconds: null,
    ingestSeconds: null,
    detectSeconds: null,
    groupSeconds: null,
    digestSeconds: null,
    ratio: null,
    parsePeakMemoryMiB: null,
    peakMemoryMiB: null,
    heapPeakMiB: null,
    overheadMiB: null,
    bytesPerEvent: null,
    retainedBytesPerEvent: null,
    events: null,
    findings: null,
    suspects: null,
    uiLatencyMs: null,
    detectors: [],
    samples: { floor: [], hunt: [] },
  };
}
