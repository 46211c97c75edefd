import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFastSha256, createSha256, type Hasher } from './hash';

const digest = (h: Hasher, parts: readonly Uint8Array[]) => {
  for (const p of parts) h.update(p);
  return h.hex();
};

describe('sha256 of streamed bytes', () => {
  afterEach(() => vi.unstubAllGlobals());

  // first in this file: the WebAssembly digest caches its compiled module once it has one
  it('falls back to the pure-JS digest where WebAssembly cannot be compiled, with the same digest', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    const bytes = new TextEncoder().encode('2024-03-04T00:00:01.303+00:00,fonts.googleapis.com\n');
    expect(digest(await createFastSha256(), [bytes])).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('gives the file digest whatever the chunking, in WebAssembly and in JS', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 12 }), async (parts) => {
        const expected = createHash('sha256').update(Buffer.concat(parts)).digest('hex');
        expect(digest(await createFastSha256(), parts)).toBe(expected);
        expect(digest(createSha256(), parts)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('hashes views into larger buffers by their own bytes only (a File slice inside a read buffer)', async () => {
    const big = new Uint8Array(10_000).map((_, i) => (i * 31) & 0xff);
    const view = big.subarray(1234, 7777);
    expect(digest(await createFastSha256(), [view])).toBe(createHash('sha256').update(view).digest('hex'));
  });

  it('keeps two digests in progress apart', async () => {
    const [a, b] = await Promise.all([createFastSha256(), createFastSha256()]);
    a.update(new Uint8Array([1, 2, 3]));
    b.update(new Uint8Array([9]));
    a.update(new Uint8Array([4]));
    expect(a.hex()).toBe(createHash('sha256').update(new Uint8Array([1, 2, 3, 4])).digest('hex'));
    expect(b.hex()).toBe(createHash('sha256').update(new Uint8Array([9])).digest('hex'));
  });
});
