/**
 * The CLI's sha256 of a file, worked out by a worker thread while the main thread parses: the
 * digest took 195 ms of the main thread's 1M-row CSV ingest (288 MB). It is the digest of the
 * very bytes parsed, not of a second read of the file (which could have changed meanwhile): each
 * chunk is copied into a ring of shared slots, which the thread hashes in order.
 *
 * Coordination is by Atomics on one shared word, so the main thread never waits on its event
 * loop: `state` is twice the chunks written, plus one once closed (any change alters it, so the
 * thread cannot sleep through one); `hashed` is the chunks hashed. The main thread waits only
 * when every slot is still unhashed. If the thread fails or stalls, the digest is null and the
 * caller hashes the file again itself.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';

/** Slots in the ring. */
export const HASH_SLOTS = 4;
/** Bytes a slot holds; a longer chunk is copied in slot-sized pieces. */
export const HASH_SLOT_BYTES = 1024 * 1024;
/** A wait for a free slot longer than this gives up on the thread. */
const STALL_MS = 10_000;

/** Index of the shared word a thread sets when it fails (for tests of a failing thread). */
export const HASH_FAILED_WORD = 2;

const STATE = 0;
const HASHED = 1;
const FAILED = HASH_FAILED_WORD;
const LENGTHS = 3;

/** The thread's code (plain JS: no loader in a worker). */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { data, ctrl: ctrlBuffer, slots, slotBytes } = workerData;
const ctrl = new Int32Array(ctrlBuffer);
const hash = createHash('sha256');
let done = 0;
try {
  for (;;) {
    const state = Atomics.load(ctrl, ${STATE});
    if (done < state >> 1) {
      const slot = done % slots;
      hash.update(new Uint8Array(data, slot * slotBytes, Atomics.load(ctrl, ${LENGTHS} + slot)));
      Atomics.store(ctrl, ${HASHED}, ++done);
      Atomics.notify(ctrl, ${HASHED});
    } else if (state & 1) {
      break;
    } else {
      Atomics.wait(ctrl, ${STATE}, state);
    }
  }
  parentPort.postMessage({ hex: hash.digest('hex') });
} catch (e) {
  Atomics.store(ctrl, ${FAILED}, 1);
  Atomics.notify(ctrl, ${HASHED});
  parentPort.postMessage({ error: String(e) });
}
`;

const ReplySchema = z.union([z.object({ hex: z.string().regex(/^[0-9a-f]{64}$/) }), z.object({ error: z.string() })]);

export interface ThreadHash {
  /** Hashes `bytes` next (copied: the caller may reuse them at once). */
  update(bytes: Uint8Array): void;
  /** The hex digest of every byte given, or null when the thread failed (hash again). */
  digest(): Promise<string | null>;
  /** Stops the thread without a digest (the read failed). */
  abort(): void;
}

/** Starts a hashing thread; the options are for tests (a thread that fails or stalls). */
export function hashInThread({ threadSource = THREAD_SOURCE, stallMs = STALL_MS }: { threadSource?: string; stallMs?: number } = {}): ThreadHash {
  const data = new SharedArrayBuffer(HASH_SLOTS * HASH_SLOT_BYTES);
  const slots = new Uint8Array(data);
  const ctrl = new Int32Array(new SharedArrayBuffer((LENGTHS + HASH_SLOTS) * 4));
  let written = 0;
  let failed = false;
  const worker = new Worker(threadSource, { eval: true, execArgv: [], name: 'dns-hunt-hash', workerData: { data, ctrl: ctrl.buffer, slots: HASH_SLOTS, slotBytes: HASH_SLOT_BYTES } });
  const reply = new Promise<string | null>((resolve) => {
    worker.once('message', (m: unknown) => {
      const r = ReplySchema.safeParse(m);
      resolve(r.success && 'hex' in r.data ? r.data.hex : null);
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });

  /** Waits until slot `written` is free; false when the thread failed or stalled. */
  function slotFree(): boolean {
    for (;;) {
      const hashed = Atomics.load(ctrl, HASHED);
      if (written - hashed < HASH_SLOTS) return true;
      if (Atomics.load(ctrl, FAILED) || Atomics.wait(ctrl, HASHED, hashed, stallMs) === 'timed-out') return false;
    }
  }

  function fail(): void {
    failed = true;
    void worker.terminate();
  }

  return {
    update(bytes) {
      for (let at = 0; at < bytes.length && !failed; at += HASH_SLOT_BYTES) {
        if (!slotFree()) return fail();
        const piece = bytes.subarray(at, at + HASH_SLOT_BYTES);
        const slot = written % HASH_SLOTS;
        slots.set(piece, slot * HASH_SLOT_BYTES);
        Atomics.store(ctrl, LENGTHS + slot, piece.length);
        written++;
        Atomics.store(ctrl, STATE, written * 2);
        Atomics.notify(ctrl, STATE);
      }
    },
    abort() {
      fail();
    },
    async digest() {
      if (!failed) {
        Atomics.store(ctrl, STATE, written * 2 + 1);
        Atomics.notify(ctrl, STATE);
      }
      const hex = failed ? null : await reply;
      void worker.terminate();
      return hex;
    },
  };
}
