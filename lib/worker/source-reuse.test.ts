import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import { generateHunt } from '../generate/hunt';
import type { HuntFormat } from '../generate/render-common';
import { ingest } from '../ingest/ingest';
import { EventStore } from '../store/event-store';
import { blobSource, ingestPart, ingestSplit, SplitRead } from './split-ingest';

/**
 * A source that reuses each chunk's memory once the next chunk is asked for (as the reader
 * worker does with the buffers the parser gives back): the chunk handed over before is then
 * overwritten. Whatever ingest keeps of a chunk past that must be a copy.
 */
async function* reusing(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  let before: Uint8Array | null = null;
  for (let off = 0; off < bytes.length; off += size) {
    before?.fill(0x7e);
    const chunk = bytes.slice(off, off + size);
    before = chunk;
    yield chunk;
  }
  before?.fill(0x7e);
}

async function* plain(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let off = 0; off < bytes.length; off += size) yield bytes.slice(off, off + size);
}

function hunt(format: HuntFormat, rows = 4000): Uint8Array {
  return concatBytes([...generateHunt({ seed: 21, format, rows, chunkBytes: 64 * 1024 }).bytes]);
}

async function load(source: AsyncIterable<Uint8Array>) {
  const store = new EventStore();
  const summary = await ingest(source, store, { name: 'f', hasher: null });
  return { summary, snapshot: store.snapshot() };
}

describe('a source that reuses its chunks once the next is asked for', () => {
  const inputs: [string, Uint8Array][] = [
    ['Splunk CSV', hunt('splunk-csv')],
    ['Zeek TSV', hunt('zeek-tsv')],
    ['Sysmon JSON', hunt('sysmon-json', 1500)],
    ['gzip Splunk CSV', new Uint8Array(gzipSync(hunt('splunk-csv', 2000)))],
    ['UTF-8 BOM Zeek TSV', concatBytes([Uint8Array.of(0xef, 0xbb, 0xbf), hunt('zeek-tsv', 2000)])],
  ];
  it.each(inputs)('%s: the same store and summary, in chunks of any size', async (_, bytes) => {
    const expected = await load(plain(bytes, 65_536));
    expect(expected.summary.events).toBeGreaterThan(1000);
    // chunks smaller than the bytes looked at to sniff the format, than a row, and larger
    for (const size of [7, 300, 5000, 65_536]) {
      const got = await load(reusing(bytes, size));
      expect(got.summary, `chunks of ${size}`).toEqual(expected.summary);
      expect(got.snapshot, `chunks of ${size}`).toEqual(expected.snapshot);
    }
  }, 60_000);

  it('read in two parts: the same rows and summary as one pass', async () => {
    const bytes = hunt('splunk-csv', 6000);
    const file = new File([bytes as Uint8Array<ArrayBuffer>], "f.csv");
    const whole = new EventStore();
    const expected = await ingest(plain(bytes, 65_536), whole, { name: 'f', hasher: null });
    for (const size of [300, 5000]) {
      const store = new EventStore();
      const split = new SplitRead(bytes.length, (spec, signal, onProgress) => ingestPart(blobSource(file, 4096), spec, signal, onProgress));
      const summary = await ingestSplit(reusing(bytes, size), store, { name: 'f', hasher: null }, split, () => plain(bytes, 4096));
      expect(split.outcome, `chunks of ${size}`).toBe('split');
      expect(summary, `chunks of ${size}`).toEqual(expected);
      expect(store.size).toBe(whole.size);
      for (let i = 0; i < whole.size; i++) expect(store.event(i)).toEqual(whole.event(i));
    }
  }, 60_000);
});
