import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HASH_FAILED_WORD, HASH_SLOT_BYTES, HASH_SLOTS, hashInThread } from './hash-thread';

const sha = (parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** Deterministic bytes that differ from chunk to chunk. */
function bytes(length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}

describe('hashInThread', () => {
  it('gives the sha256 of every byte handed over, in order, however they are cut', async () => {
    const cases: number[][] = [
      [],
      [0, 0],
      [1],
      [1000, 1, 65_536],
      // more chunks than slots, so the ring wraps round many times
      Array.from({ length: HASH_SLOTS * 5 + 1 }, (_, i) => 10_000 + i * 977),
      // longer than a slot: copied in slot-sized pieces
      [HASH_SLOT_BYTES * 3 + 12_345, 7, HASH_SLOT_BYTES],
    ];
    for (const lengths of cases) {
      const chunks = lengths.map((n, i) => bytes(n, i + 1));
      const h = hashInThread();
      for (const c of chunks) h.update(c);
      expect(await h.digest()).toBe(sha(chunks));
    }
  });

  it('copies each chunk: the caller may overwrite its buffer as soon as update returns', async () => {
    const buffer = new Uint8Array(200_000);
    const seen: Uint8Array[] = [];
    const h = hashInThread();
    for (let i = 0; i < HASH_SLOTS * 3; i++) {
      buffer.set(bytes(buffer.length, 100 + i));
      seen.push(buffer.slice());
      h.update(buffer);
    }
    buffer.fill(0);
    expect(await h.digest()).toBe(sha(seen));
  });

  it('gives no digest when the thread fails, so the caller hashes again', async () => {
    const failing = `
      const { workerData } = require('node:worker_threads');
      const ctrl = new Int32Array(workerData.ctrl);
      Atomics.store(ctrl, ${HASH_FAILED_WORD}, 1);
      Atomics.notify(ctrl, 1);
    `;
    for (const chunks of [2, HASH_SLOTS * 3]) {
      const h = hashInThread({ threadSource: failing });
      for (let i = 0; i < chunks; i++) h.update(bytes(5000, i));
      expect(await h.digest()).toBeNull();
    }
  });

  it('stops on abort (a read that failed) and gives no digest', async () => {
    const h = hashInThread();
    h.update(bytes(5000, 1));
    h.abort();
    h.update(bytes(5000, 2)); // ignored once stopped
    expect(await h.digest()).toBeNull();
  });

  it('gives up on a thread that stops hashing instead of waiting for it for ever', async () => {
    const stalled = `setInterval(() => {}, 1000);`;
    const h = hashInThread({ threadSource: stalled, stallMs: 100 });
    for (let i = 0; i < HASH_SLOTS * 2; i++) h.update(bytes(5000, i));
    expect(await h.digest()).toBeNull();
  });
});
