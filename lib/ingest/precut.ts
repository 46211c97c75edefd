/**
 * Rows cut ahead by another thread. The row cutter (WebAssembly: rows cut, cells interned) took
 * ~45 % of the ingest worker's time on a 1M-row CSV in Chromium, while the worker that reads the
 * file sat idle for two thirds of the load. With a {@link PrecutLink}, a bytes reader
 * ({@link RowsInput}) hands its cutting to the reader worker once it knows how to cut (after the
 * header): the reader runs a {@link Precutter} over each chunk it reads and posts a
 * {@link CutBatch} instead of the chunk, and the parser maps the rows from it.
 *
 * The reader does exactly what the parser's own cutter would: the same scans, and for a row the
 * cutter leaves to JavaScript the same count of bytes the text path takes (the format's
 * {@link TextStepRule}, the parser's own code run with nothing emitted). The parser checks each
 * such count as it takes the row, and at the first difference (or a header that changes how to
 * cut, or a line too long) it cuts the rest itself from that row on (the batches still coming
 * give their bytes back): the result never depends on where the rows were cut.
 */
import { z } from 'zod';
import { RowsWasm, SCAN_FULL, type CellMode } from './wasm/rows';

/** How an input is cut: the cutter's settings and what the format's text path does. */
export const CutConfigSchema = z.object({
  /** the text path's rule for rows the cutter leaves (CsvBytes, LineBytes) */
  kind: z.enum(['csv', 'lines']),
  delimiter: z.number().int().min(1).max(255),
  stop: z.number().int().min(0).max(255),
  comment: z.number().int().min(0).max(255),
  maxRowBytes: z.number().int().positive(),
  /** the text framer's longest record in characters */
  maxChars: z.number().int().positive(),
  modes: z.array(z.number().int().min(0).max(4)).max(256),
});
export type CutConfig = z.infer<typeof CutConfigSchema>;

/** Rows of one scan (see wasm/rows.ts for `out`). `raw`: the scan's raw cells, as one ASCII string or as bytes. */
export interface CutRowsStep {
  /** where the scan stopped in the batch's input */
  next: number;
  out: Int32Array;
  times: Float64Array;
  rows: number;
  hasRaw: boolean;
  raw: string | Uint8Array | null;
}

/** A row at `pos` left to the text path, which takes `used` bytes from there (`status`: why the scan stopped). */
export interface CutTextStep {
  pos: number;
  status: number;
  used: number;
}

/** At `pos`, a row the reader does not take (e.g. a line too long): the parser cuts the rest of the input itself. */
export interface CutStallStep {
  stall: number;
}

export type CutStep = CutRowsStep | CutTextStep | CutStallStep;

/**
 * What the reader made of one chunk: the cutter's input (the row carried over from the chunk
 * before, then the chunk), what it did with it in order, and the cell values it interned new.
 */
export interface CutBatch {
  /** the row carried over, then the chunk */
  input: Uint8Array;
  /** bytes of `input` new in this batch (the chunk): the input's bytes from `input.length - fresh` on */
  fresh: number;
  /** the end of the input (the last row needs no line end) */
  final: boolean;
  /** cell values interned new in this batch, in id order */
  values: string[];
  steps: CutStep[];
  /** where the steps end in `input`: the rest is carried over into the next batch */
  end: number;
}

const StepSchema = z.union([
  z.object({ next: z.number().int().min(0), out: z.instanceof(Int32Array), times: z.instanceof(Float64Array), rows: z.number().int().min(0), hasRaw: z.boolean(), raw: z.union([z.string(), z.instanceof(Uint8Array), z.null()]) }),
  z.object({ pos: z.number().int().min(0), status: z.number().int().min(0).max(2), used: z.number().int().positive() }),
  z.object({ stall: z.number().int().min(0) }),
]);

export const CutBatchSchema = z
  .object({
    input: z.instanceof(Uint8Array),
    fresh: z.number().int().min(0),
    final: z.boolean(),
    values: z.array(z.string()),
    steps: z.array(StepSchema),
    end: z.number().int().min(0),
  })
  .refine((b) => b.fresh <= b.input.length && b.end <= b.input.length, 'batch offsets outside its input');

export function isCutBatch(item: Uint8Array | CutBatch): item is CutBatch {
  return !(item instanceof Uint8Array);
}

/** The buffers of a batch, to transfer (each once). */
export function batchBuffers(b: CutBatch): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>([b.input.buffer as ArrayBuffer]);
  for (const s of b.steps) {
    if (!('out' in s)) continue;
    out.add(s.out.buffer as ArrayBuffer);
    out.add(s.times.buffer as ArrayBuffer);
    if (s.raw instanceof Uint8Array) out.add(s.raw.buffer as ArrayBuffer);
  }
  return [...out];
}

/**
 * The parser's side of the link to the thread that reads its input. {@link cut} may be called
 * only while {@link open} (the reader waits for the answer after the input's first chunk); the
 * input then goes on as {@link CutBatch}es. {@link raw} asks for plain chunks again.
 */
export interface PrecutLink {
  /** the reader still waits to hear how to go on after the first chunk */
  readonly open: boolean;
  /** the reader cuts from `tail` (the first chunk's bytes not yet taken) on, as `config` says */
  cut(config: CutConfig, tail: Uint8Array): void;
  /** the reader posts plain chunks from its next one on */
  raw(): void;
}

/** What the text path does with the row at `view[0]`: the bytes it takes (0: it needs more input), or -1: not a row the reader takes. */
export type TextStepRule = (view: Uint8Array, status: number, final: boolean) => number;

/** A step's rows as the parser reads them (RowsInput.emit): the same shape as the cutter's own. */
export interface CutRows {
  readonly out: Int32Array;
  readonly times: Float64Array;
  readonly rows: number;
  readonly hasRaw: boolean;
  readonly values: readonly string[];
  nextRaw(bytes: number): string;
}

const utf8 = new TextDecoder();

/** A {@link CutRowsStep} read as {@link CutRows}, with the values of every batch so far. */
export class RemoteRows implements CutRows {
  out: Int32Array = new Int32Array(0);
  times: Float64Array = new Float64Array(0);
  rows = 0;
  hasRaw = false;
  readonly values: string[] = [];
  private raw: string | Uint8Array | null = null;
  private rawAt = 0;

  set(step: CutRowsStep): void {
    this.out = step.out;
    this.times = step.times;
    this.rows = step.rows;
    this.hasRaw = step.hasRaw;
    this.raw = step.raw;
    this.rawAt = 0;
  }

  nextRaw(bytes: number): string {
    const at = this.rawAt;
    this.rawAt = at + bytes;
    const raw = this.raw;
    if (raw === null) return '';
    return typeof raw === 'string' ? raw.slice(at, at + bytes) : utf8.decode(raw.subarray(at, at + bytes));
  }
}

/** Bytes of the reader's output buffers to start with (grown to fit a batch). */
const OUT_START = 64 * 1024;

/**
 * The reader's side: one input's cutter, fed the chunks after the tail of the first, and the
 * format's text rule. `take(bytes)` gives a buffer of at least that many bytes to write a batch's
 * arrays into (buffers the parser gave back, or new ones).
 */
export class Precutter {
  private readonly rows: RowsWasm;
  private carry: Uint8Array | null;
  private sentValues = 0;
  /** stalled: it takes no more input (the parser cuts the rest) */
  private stalled = false;

  private constructor(
    rows: RowsWasm,
    tail: Uint8Array,
    private readonly rule: TextStepRule,
    private readonly take: (bytes: number) => ArrayBuffer,
  ) {
    this.rows = rows;
    this.carry = tail.length > 0 ? tail : null;
  }

  /** Null without WebAssembly. */
  static create(config: CutConfig, tail: Uint8Array, rule: TextStepRule, take: (bytes: number) => ArrayBuffer): Precutter | null {
    const rows = RowsWasm.create(config.delimiter, config.stop, config.comment, config.maxRowBytes);
    if (!rows) return null;
    config.modes.forEach((m, i) => rows.setMode(i, m as CellMode));
    return new Precutter(rows, tail, rule, take);
  }

  /** Whether it stalled: the rest of the input goes to the parser as it is. */
  get done(): boolean {
    return this.stalled;
  }

  /** What to post for the next chunk (null: the end of the input). */
  cut(chunk: Uint8Array | null): CutBatch {
    const final = chunk === null;
    const rows = this.rows;
    const parts = [];
    if (this.carry) parts.push(this.carry);
    if (chunk) parts.push(chunk);
    const n = rows.load(parts);
    const fresh = chunk ? chunk.length : 0;
    this.carry = null;
    const steps: CutStep[] = [];
    const cuts: CutRowsStep[] = [];
    let pos = 0;
    while (pos < n && !this.stalled) {
      const { next, status } = rows.scan(pos, n, final, 1 << 30);
      if (rows.rows > 0) {
        // the cutter's arrays are views of its memory, overwritten by the next scan
        const step: CutRowsStep = { next, out: rows.out.slice(), times: rows.times.slice(), rows: rows.rows, hasRaw: rows.hasRaw, raw: rows.takeRaw() };
        cuts.push(step);
        steps.push(step);
      }
      pos = next;
      if (status === SCAN_FULL) continue;
      if (pos >= n) break;
      const used = this.rule(rows.inputView(pos, n), status, final);
      if (used < 0) {
        // the parser takes it from here: the rest of this input and the chunks after it, as they are
        steps.push({ stall: pos });
        this.stalled = true;
        break;
      }
      if (used === 0) break;
      steps.push({ pos, status, used });
      pos += used;
    }
    // one buffer for the input, one for every step's rows, one for their times (to give back and reuse)
    const input = new Uint8Array(this.take(n), 0, n);
    input.set(rows.inputView(0, n));
    let outLen = 0;
    let timesLen = 0;
    for (const c of cuts) {
      outLen += c.out.length;
      timesLen += c.times.length;
    }
    const outAll = new Int32Array(this.take(Math.max(OUT_START, outLen * 4)), 0, outLen);
    const timesAll = new Float64Array(this.take(Math.max(OUT_START, timesLen * 8)), 0, timesLen);
    let oAt = 0;
    let tAt = 0;
    for (const c of cuts) {
      outAll.set(c.out, oAt);
      c.out = outAll.subarray(oAt, oAt + c.out.length);
      oAt += c.out.length;
      timesAll.set(c.times, tAt);
      c.times = timesAll.subarray(tAt, tAt + c.times.length);
      tAt += c.times.length;
    }
    if (!this.stalled && pos < n) this.carry = rows.inputView(pos, n).slice();
    const end = pos;
    const values = rows.values.slice(this.sentValues);
    this.sentValues = rows.values.length;
    return { input, fresh, final, values, steps, end };
  }
}

/** What the parser said after the input's first chunk: go on with plain chunks, or cut. */
export type PrecutDecision = { cut: false } | { cut: true; config: CutConfig; tail: Uint8Array };

/**
 * The reader's side over an input's chunks: the first as it is; then, as `decided` (asked once
 * the first was taken) says, the rest as batches cut by a {@link Precutter} (with `rule` for the
 * rows it leaves) or as they are. From the moment `rawAsked()` or the cutter stalls, the chunks
 * go as they are. `take(bytes)` gives a buffer of at least that many bytes for a batch.
 */
export async function* precutChunks(
  chunks: AsyncIterable<Uint8Array>,
  decided: () => PrecutDecision | Promise<PrecutDecision>,
  rawAsked: () => boolean,
  rule: (config: CutConfig) => TextStepRule,
  take: (bytes: number) => ArrayBuffer,
): AsyncGenerator<Uint8Array | CutBatch> {
  let first = true;
  let cutter: Precutter | null = null;
  const cutting = () => cutter !== null && !cutter.done && !rawAsked();
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      yield chunk;
      const d = await decided();
      if (d.cut) cutter = Precutter.create(d.config, d.tail, rule(d.config), take);
      if (d.cut && !cutter) throw new Error('the row cutter could not start');
      continue;
    }
    yield cutting() ? (cutter as Precutter).cut(chunk) : chunk;
  }
  if (first) return;
  if (cutting()) yield (cutter as Precutter).cut(null);
}

/**
 * A link for a reader in this thread (tests; see precutChunks): the decision is what the parser
 * asked for while it read the first chunk, plain chunks when it asked for nothing.
 */
export class LocalPrecutLink implements PrecutLink {
  open = true;
  rawAsked = false;
  private decision: PrecutDecision = { cut: false };

  cut(config: CutConfig, tail: Uint8Array): void {
    if (!this.open) throw new Error('the reader no longer waits for a decision');
    this.decision = { cut: true, config, tail };
  }

  raw(): void {
    this.rawAsked = true;
  }

  /** The parser took the first chunk: what it decided. */
  decide(): PrecutDecision {
    this.open = false;
    return this.decision;
  }
}
