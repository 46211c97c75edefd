import type { EventStore } from '../store/event-store';
import type { InputSummary } from '../schema/findings';
import { concatBytes } from '../bytes';
import { SummarySink } from './summary-sink';
import { sniffBytes, type TextEncodingName } from './decode';
import { createSha256, type Hasher } from './hash';
import { ADAPTERS, pickAdapter, supportedFormatsText } from './sources';
import { SNIFF_CHARS, type SourceAdapter } from './types';
import { streamChunks } from './stream-chunks';

export interface IngestProgress {
  name: string;
  bytes: number;
  totalBytes: number | null;
  events: number;
  skipped: number;
}

export interface IngestOptions {
  name: string;
  /** file size, for progress */
  totalBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  /** sha256 by default; null when whoever reads the bytes hashes them (the summary's sha256 is then left for the caller to set) */
  hasher?: Hasher | null;
  adapters?: readonly SourceAdapter[];
  /** once the format is known: its adapter, the first decoded characters, and whether the bytes are plain UTF-8 (neither compressed nor UTF-16) */
  onFormat?: (adapter: SourceAdapter, head: string, plainUtf8: boolean) => void;
}



/**
 * Bytes decoded at a time. A file's chunks (1 MiB read into reused buffers, in Chromium and in
 * the CLI) are decoded in pieces of this size: as one string a 4 MiB chunk cost fresh pages and a
 * full collection to free, and 32 KiB pieces measured slower than 256 KiB ones (a scratch
 * harness in a Chromium worker: 128 KiB to 1 MiB about alike). 1M-row CSV in Chromium, runs alternated:
 * ingest 6.09/5.78/6.08 s with 256 KiB against 6.99/6.77/6.93 with 32 KiB; no difference in Node.
 */
export const DECODE_BYTES = 256 * 1024;

/** Inflates gzip on the fly with the platform's DecompressionStream (browsers and Node ≥ 18). */
async function* gunzip(chunks: AsyncIterator<Uint8Array>, first: Uint8Array): AsyncGenerator<Uint8Array> {
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const pump = (async () => {
    try {
      // copies: the stream may still hold a chunk when the source is asked for the next
      await writer.write(first.slice());
      for (;;) {
        const r = await chunks.next();
        if (r.done) break;
        await writer.write(r.value.slice());
      }
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => undefined);
    }
  })();
  yield* streamChunks(ds.readable);
  await pump;
}

/** Bytes looked at before decoding (BOM, UTF-16 without BOM, gzip, binary magic). */
const SNIFF_BYTES = 512;

/**
 * Before the source is asked for the next chunk: the last of `kept`, a view of the chunk in hand,
 * becomes a copy (the source may read into that chunk's memory again, see {@link ingest}); the
 * others were copied at earlier pulls.
 */
function keepPastPull(kept: Uint8Array[]): void {
  const last = kept.length - 1;
  if (last >= 0) kept[last] = (kept[last] as Uint8Array).slice();
}

/** Concatenates chunks until at least `n` bytes or the end; null when there is nothing. */
async function readAtLeast(it: AsyncIterator<Uint8Array>, n: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  while (total < n) {
    keepPastPull(parts);
    const r = await it.next();
    if (r.done) break;
    parts.push(r.value);
    total += r.value.length;
  }
  if (parts.length <= 1) return parts[0] ?? null;
  return concatBytes(parts);
}

function emptySummary(name: string, bytes: number, sha256: string): InputSummary {
  return {
    name,
    sha256,
    format: 'unknown',
    formatLabel: 'Unknown',
    bytes,
    events: 0,
    skipped: 0,
    problems: [],
    problemsTruncated: false,
    otherRecords: {},
    processFacts: 0,
    timeRange: null,
    timeBasis: '',
    statusMix: {},
    statusCodes: {},
  };
}

/** First line of the text, made safe to quote in an error message. */
function firstLinePreview(text: string): string {
  const line = text.replace(/^\s+/, '').split(/\r?\n/, 1)[0] ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = line.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > 80 ? clean.slice(0, 80) + '…' : clean;
}

/**
 * Streams one input into the store: hashes the bytes, decodes the text (UTF-8/UTF-16, BOM,
 * gzip), sniffs the format from the content, and feeds the adapter chunk by chunk. Never throws
 * for bad content: an unreadable input comes back with `error` set, bad records as problems.
 * When `signal` aborts, the rows of this input are removed again and `cancelled` is set.
 *
 * A chunk of `source` is read before the next one is asked for, and what is kept of it past
 * that is copied: a source may reuse a chunk's memory once the next is asked for (the reader
 * worker gives each buffer back to be read into again).
 */
export async function ingest(
  source: AsyncIterable<Uint8Array>,
  store: EventStore,
  opts: IngestOptions,
): Promise<InputSummary> {
  const hasher = opts.hasher === null ? null : (opts.hasher ?? createSha256());
  const adapters = opts.adapters ?? ADAPTERS;
  const inputIndex = store.beginInput(opts.name, 'unknown');
  const sink = new SummarySink(store, inputIndex);
  let bytes = 0;
  let adapter: SourceAdapter | null = null;
  let reader: ReturnType<SourceAdapter['open']> | null = null;
  let head = '';
  let error: string | undefined;
  let cancelled = false;
  let plainUtf8 = false;
  /** while sniffing plain UTF-8: the bytes read so far (BOM left out), for a reader that takes bytes */
  let headBytes: Uint8Array[] | null = null;
  /** the reader, when it takes the input's bytes (see RecordReader.startBytes) */
  let bytesTo: { pushBytes(bytes: Uint8Array): void; end(): void } | null = null;

  const raw = source[Symbol.asyncIterator]();
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const r = await raw.next();
      if (r.done) return;
      bytes += r.value.length;
      hasher?.update(r.value);
      yield r.value;
    }
  }

  const progress = () =>
    opts.onProgress?.({
      name: opts.name,
      bytes,
      totalBytes: opts.totalBytes ?? null,
      events: sink.events,
      skipped: sink.skipped,
    });

  const startReader = (final: boolean): boolean => {
    const a = pickAdapter(head, adapters);
    if (!a) {
      error = head.trim() === ''
        ? 'The file is empty.'
        : `Unrecognised format: the first line is “${firstLinePreview(head)}”. ${supportedFormatsText(adapters)}`;
      return false;
    }
    adapter = a;
    opts.onFormat?.(a, head, plainUtf8);
    sink.keyPrefix = `${a.id}\u0000`;
    store.setInputFormat(inputIndex, a.id, a.fields);
    const r = a.open(sink);
    reader = r;
    const pushBytes = r.pushBytes?.bind(r);
    if (headBytes && pushBytes && r.startBytes?.()) {
      bytesTo = { pushBytes, end: () => r.end() };
      for (const b of headBytes) pushBytes(b);
    } else r.push(head);
    head = '';
    headBytes = null;
    if (final) r.end();
    return true;
  };

  try {
    const it = hashed();
    let texts: AsyncIterator<Uint8Array> = it;
    let first = await readAtLeast(it, SNIFF_BYTES);
    let encoding: TextEncodingName = 'utf-8';
    if (first) {
      let sniff = sniffBytes(first);
      if (sniff.kind === 'gzip') {
        texts = gunzip(it, first);
        first = await readAtLeast(texts, SNIFF_BYTES);
        sniff = first ? sniffBytes(first) : { kind: 'text', encoding: 'utf-8', bom: 0 };
      }
      if (sniff.kind === 'binary') error = `Not a text log export: this looks like ${sniff.reason}.`;
      else if (sniff.kind === 'text') encoding = sniff.encoding;
      plainUtf8 = texts === it && encoding === 'utf-8';
      if (plainUtf8 && first) headBytes = [first.subarray(sniff.kind === 'text' ? sniff.bom : 0)];
    }
    if (!error) {
      const decoder = new TextDecoder(encoding);
      let chunk: Uint8Array | null = first;
      read: while (chunk) {
        if (opts.signal?.aborted) {
          cancelled = true;
          break;
        }
        if (bytesTo) (bytesTo as { pushBytes(bytes: Uint8Array): void }).pushBytes(chunk);
        else {
          // decoded in pieces (see DECODE_BYTES), never a whole chunk as one string
          for (let off = 0; off < chunk.length; off += DECODE_BYTES) {
            const text = decoder.decode(chunk.subarray(off, off + DECODE_BYTES), { stream: true });
            if (reader) (reader as { push(t: string): void }).push(text);
            else {
              head += text;
              if (head.length >= SNIFF_CHARS && !startReader(false)) break read;
              if (bytesTo) break; // the reader was given this whole chunk as bytes
            }
          }
        }
        progress();
        // the head bytes are kept until the format is known, maybe past this pull
        if (headBytes) keepPastPull(headBytes);
        const n = await texts.next();
        chunk = n.done ? null : n.value;
        if (chunk && headBytes) headBytes.push(chunk);
      }
      if (!cancelled && !error) {
        const tail = bytesTo ? '' : decoder.decode();
        if (bytesTo) (bytesTo as { end(): void }).end();
        else if (reader) {
          const r = reader as { push(t: string): void; end(): void };
          r.push(tail);
          r.end();
        } else {
          head += tail;
          startReader(true);
        }
      }
    }
    if (!cancelled) {
      // drain the rest so the hash covers the whole file even when the format was rejected
      for (;;) {
        if (opts.signal?.aborted) {
          cancelled = true;
          break;
        }
        const r = await raw.next();
        if (r.done) break;
        bytes += r.value.length;
        hasher?.update(r.value);
      }
    }
  } catch (e) {
    error = `Reading stopped: ${e instanceof Error ? e.message : String(e)}`;
  }
  progress();

  if (cancelled) store.dropLastInput();
  else sink.commitFacts();
  const chosen = adapter as SourceAdapter | null;
  const summary = emptySummary(opts.name, bytes, hasher?.hex() ?? '');
  summary.format = chosen?.id ?? 'unknown';
  summary.formatLabel = chosen?.label ?? 'Unknown';
  summary.events = cancelled ? 0 : sink.events;
  summary.skipped = sink.skipped;
  summary.problems = sink.problems;
  summary.problemsTruncated = sink.skipped > sink.problems.length;
  summary.otherRecords = { ...sink.otherCounts };
  summary.processFacts = sink.processFacts;
  summary.timeRange =
    sink.events > 0 && !cancelled
      ? { first: new Date(sink.first).toISOString(), last: new Date(sink.last).toISOString() }
      : null;
  summary.timeBasis = sink.basis;
  summary.statusMix = { ...sink.statusMix };
  summary.statusCodes = { ...sink.statusCodes };
  if (error) summary.error = error;
  if (cancelled) {
    summary.cancelled = true;
    summary.error = 'Cancelled: the rows of this file were removed.';
  }
  return summary;
}
