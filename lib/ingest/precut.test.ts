import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import { generateHunt } from '../generate/hunt';
import { runDetectors } from '../detect/run';
import { EventStore } from '../store/event-store';
import { huntWithTrouble, zeekWithTrouble } from '../testing/hostile-hunts';
import { ingest, type InputItem } from './ingest';
import { isCutBatch, LocalPrecutLink, precutChunks, type CutConfig, type TextStepRule } from './precut';
import { textRuleFor } from './precut-rules';

/** The first chunk of `first` bytes (the format and header known from it), then chunks of `size`. */
async function* chunked(bytes: Uint8Array, first: number, size: number): AsyncGenerator<Uint8Array> {
  yield bytes.slice(0, first);
  for (let off = first; off < bytes.length; off += size) yield bytes.slice(off, off + size);
}

interface Way {
  /** the reader's rule (a wrong one makes the parser cut the rest itself) */
  rule?: (config: CutConfig) => TextStepRule;
  /** batches the reader still posts after the parser asked for plain chunks (those in flight) */
  lag?: number;
}

/** Ingests `bytes` as the app does: read in another thread, which cuts the rows when handed them (`way`), or not at all. */
async function load(bytes: Uint8Array, first: number, size: number, way: Way | null) {
  const store = new EventStore();
  const link = new LocalPrecutLink();
  let batches = 0;
  let after = 0;
  const rawAsked = () => link.rawAsked && after++ >= (way?.lag ?? 0);
  const source: AsyncIterable<InputItem> = way
    ? precutChunks(chunked(bytes, first, size), () => link.decide(), rawAsked, way.rule ?? textRuleFor, (n) => new ArrayBuffer(n))
    : chunked(bytes, first, size);
  async function* counted(): AsyncGenerator<InputItem> {
    for await (const item of source) {
      if (isCutBatch(item)) batches++;
      yield item;
    }
  }
  const summary = await ingest(counted(), store, { name: 'hunt', totalBytes: bytes.length, ...(way ? { precut: link } : {}) });
  const { findings } = runDetectors(store);
  return { summary, snapshot: store.snapshot(), size: store.size, findings, batches, fellBack: link.rawAsked };
}

/** Loads `bytes` with its rows cut by the reader (`way`) and here alone, and expects the same of both. */
async function sameEitherWay(bytes: Uint8Array, first: number, size: number, way: Way, label: string) {
  const here = await load(bytes, first, size, null);
  const there = await load(bytes, first, size, way);
  expect(there.batches, label).toBeGreaterThan(0);
  expect(there.size, label).toBe(here.size);
  expect(there.summary, label).toEqual(here.summary);
  expect(there.snapshot, label).toEqual(here.snapshot);
  expect(there.findings, label).toEqual(here.findings);
  return there;
}

const csv = (seed: number) => concatBytes([...generateHunt({ seed, format: 'splunk-csv', benignRows: 3000, chunkBytes: 16 * 1024 }).bytes]);

/** A rule that counts one byte too many for the `nth` row it is asked about (1-based), else the format's own. */
const wrongAt =
  (nth: number) =>
  (config: CutConfig): TextStepRule => {
    const rule = textRuleFor(config);
    let asked = 0;
    return (view, status, final) => {
      const used = rule(view, status, final);
      return ++asked === nth && used > 0 ? used + 1 : used;
    };
  };

describe('rows cut by the thread that reads the file (precut)', () => {
  it('a Splunk CSV hunt with quoted, multi-line, short, long and broken rows loads as when cut here, in any chunking', async () => {
    for (const [seed, size] of [
      [3, 4096],
      [4, 65_536],
      [5, 999],
    ] as const) {
      const there = await sameEitherWay(huntWithTrouble(seed), 70_000, size, {}, `seed ${seed}, chunks of ${size}`);
      // the reader took every row the text path takes: it never had to stop cutting
      expect(there.fellBack).toBe(false);
      expect(there.summary.problems.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('a Zeek log with a second header block and an over-long line loads as when cut here (the parser cuts from the new header on)', async () => {
    for (const [seed, size] of [
      [6, 4096],
      [7, 65_536],
    ] as const) {
      const there = await sameEitherWay(zeekWithTrouble(seed), 70_000, size, {}, `seed ${seed}, chunks of ${size}`);
      expect(there.fellBack).toBe(true);
      expect(there.summary.problems.some((p) => p.reason === 'line too long: skipped')).toBe(true);
    }
  }, 60_000);

  it('a clean Zeek log is cut by the reader to its end', async () => {
    const bytes = concatBytes([...generateHunt({ seed: 11, format: 'zeek-tsv', benignRows: 3000, chunkBytes: 16 * 1024 }).bytes]);
    const there = await sameEitherWay(bytes, 70_000, 8192, {}, 'zeek');
    expect(there.fellBack).toBe(false);
    expect(there.batches).toBeGreaterThan(10);
  }, 60_000);

  it('when the reader counts a row the text path takes otherwise, the parser cuts the rest itself: the same store, with batches still in flight', async () => {
    for (const lag of [0, 1, 3]) {
      const there = await sameEitherWay(huntWithTrouble(8), 70_000, 4096, { rule: wrongAt(2), lag }, `lag ${lag}`);
      expect(there.fellBack).toBe(true);
    }
  }, 60_000);

  it('when the reader stops at a row it does not take, the parser cuts the rest itself', async () => {
    const stallAt =
      (nth: number) =>
      (config: CutConfig): TextStepRule => {
        const rule = textRuleFor(config);
        let asked = 0;
        return (view, status, final) => (++asked === nth ? -1 : rule(view, status, final));
      };
    const there = await sameEitherWay(huntWithTrouble(9), 70_000, 4096, { rule: stallAt(3) }, 'stall');
    expect(there.fellBack).toBe(true);
  }, 60_000);

  it('a file read in one chunk is cut from its header on by the reader, and a file whose header is not in the first chunk never is', async () => {
    const bytes = csv(12);
    const whole = await load(bytes, bytes.length, 1, {});
    expect(whole.batches).toBe(1);
    expect(whole.size).toBe((await load(bytes, bytes.length, 1, null)).size);
    // a first chunk too short to know the format: plain chunks throughout
    const late = await load(bytes, 100, 4096, {});
    expect(late.batches).toBe(0);
    expect(late.size).toBe(whole.size);
  }, 60_000);
});
