/**
 * Reading a large file as parts in parallel (issue 5): two workers in the browser, the main
 * thread and worker threads in the CLI. The first part is read as usual up to the first line
 * start at or after its share of the file; each other part is read elsewhere from the first line
 * start at or after its offset to the next part's, with the file's header lines (the "prelude")
 * in front of it, and its rows are merged in after the previous parts'. Only for formats where a
 * record is a line once the header is known (Splunk CSV, Zeek TSV), and only when the bytes before
 * every cut prove it fell between records: otherwise the file is read in one pass as before, so
 * the result never depends on the split.
 */
import type { InputSummary } from '../schema/findings';
import { MAX_PROBLEMS } from './summary-sink';

/** Files smaller than this are read in one pass (two workers only pay off on large files). */
export const SPLIT_MIN_BYTES = 32 * 1024 * 1024;

/** Logical cores from which the browser splits a file (the page, the ingest, reader and part workers). */
export const SPLIT_MIN_CORES = 4;

/** How a format's file can be cut at a line start. */
export interface SplitSpec {
  /**
   * The lines the second part needs in front of its own (the header), from the file's first
   * decoded characters; null when this file cannot be split (no complete header in the head).
   */
  prelude(head: string): string | null;
  /** what the first part's bytes must show for the cut to fall between records */
  guard: 'csv-quotes' | 'no-header-lines';
}

const NL = 10;
const QUOTE = 34;
const HASH = 35;

/** Where the second part starts: just after the first newline at or after `from` (bytes of the file from `base`); -1 when none in `bytes`. */
export function cutIn(bytes: Uint8Array, base: number, from: number): number {
  const i = bytes.indexOf(NL, Math.max(0, from - base));
  return i < 0 ? -1 : base + i + 1;
}

/** The CSV header line (with its newline); null when it holds a quoted newline or is not complete. */
export function csvPrelude(head: string): string | null {
  const text = head.replace(/^\uFEFF/, '');
  const end = text.indexOf('\n');
  if (end < 0) return null;
  const line = text.slice(0, end + 1);
  let quotes = 0;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === QUOTE) quotes++;
  return quotes % 2 === 0 ? line : null;
}

/** The leading `#` lines of a Zeek log (with their newlines); null when the head ends inside them. */
export function zeekPrelude(head: string): string | null {
  const text = head.replace(/^\uFEFF/, '');
  let at = 0;
  while (at < text.length && text.charCodeAt(at) === HASH) {
    const end = text.indexOf('\n', at);
    if (end < 0) return null;
    at = end + 1;
  }
  return at > 0 && at < text.length ? text.slice(0, at) : null;
}

/**
 * Watches a part's bytes: its newlines (the next part's line offset) and what the format's guard
 * needs for a cut at its end, i.e. an even number of quotes (a CSV cell may hold newlines), or no
 * `#` line after the header (a new Zeek header block would change the columns).
 */
export class SplitGuard {
  lines = 0;
  private quotes = 0;
  private headerLines = 0;
  private atLineStart = true;
  private inPrelude: boolean;

  /** `afterHeader`: these bytes start after the file's header (a later part's), so any `#` line is a new header block */
  constructor(
    private readonly guard: SplitSpec['guard'],
    afterHeader = false,
  ) {
    this.inPrelude = !afterHeader;
  }

  /** Takes the next bytes of the first part, in order. */
  update(bytes: Uint8Array): void {
    if (this.guard === 'csv-quotes') {
      for (let i = bytes.indexOf(NL); i >= 0; i = bytes.indexOf(NL, i + 1)) this.lines++;
      for (let i = bytes.indexOf(QUOTE); i >= 0; i = bytes.indexOf(QUOTE, i + 1)) this.quotes++;
      return;
    }
    // line by line: '#' lines are the header until a data line, a later header block after it
    let i = 0;
    if (!this.atLineStart) {
      const nl = bytes.indexOf(NL);
      if (nl < 0) return;
      this.lines++;
      i = nl + 1;
    }
    while (i < bytes.length) {
      if (bytes[i] === HASH) {
        if (!this.inPrelude) this.headerLines++;
      } else this.inPrelude = false;
      const nl = bytes.indexOf(NL, i);
      if (nl < 0) {
        this.atLineStart = false;
        return;
      }
      this.lines++;
      i = nl + 1;
    }
    this.atLineStart = true;
  }

  /** Whether the second part, read with the header alone in front of it, reads as it would have here. */
  get ok(): boolean {
    return this.guard === 'csv-quotes' ? this.quotes % 2 === 0 : this.headerLines === 0;
  }
}

/** Sums the counts of two mappings. */
function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The summary of a file read as two parts: `first` (this pass's, with the file's digest and
 * size) and `second` (whose line numbers are shifted by `lineOffset`). The caller checked both
 * read the same format with the same time basis.
 */
export function mergeSummaries(first: InputSummary, second: InputSummary, lineOffset: number): InputSummary {
  const problems = [...first.problems, ...second.problems.map((p) => ({ ...p, line: p.line + lineOffset }))].slice(0, MAX_PROBLEMS);
  const skipped = first.skipped + second.skipped;
  const ranges = [first.timeRange, second.timeRange].filter((r): r is NonNullable<InputSummary['timeRange']> => r !== null);
  return {
    ...first,
    events: first.events + second.events,
    skipped,
    problems,
    problemsTruncated: skipped > problems.length,
    otherRecords: addCounts(first.otherRecords, second.otherRecords),
    processFacts: first.processFacts + second.processFacts,
    timeRange:
      ranges.length === 0
        ? null
        : {
            // ISO strings of one format compare as their instants
            first: ranges.map((r) => r.first).reduce((a, b) => (b < a ? b : a)),
            last: ranges.map((r) => r.last).reduce((a, b) => (b > a ? b : a)),
          },
    statusMix: addCounts(first.statusMix, second.statusMix),
    statusCodes: addCounts(first.statusCodes, second.statusCodes),
  };
}
