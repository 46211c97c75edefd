/**
 * Reusable typed arrays for a detection's large temporaries (per-row ids, grouping buffers), one
 * per slot, grown on demand. A new array of millions of entries costs a page fault per 4 KiB
 * on first touch and adds external memory that makes V8 collect the whole heap sooner (at 10M
 * rows each such array is 40-80 MB). A view is valid until its slot is asked for again, and
 * holds whatever was written before: callers write every entry they read. {@link release} drops
 * the arrays once detection is over, so they are not kept with the context.
 */
export class Scratch {
  private i32: Int32Array[] = [];
  private f64: Float64Array[] = [];

  int32(slot: number, n: number): Int32Array {
    let a = this.i32[slot];
    if (a === undefined || a.length < n) this.i32[slot] = a = new Int32Array(n);
    return a.subarray(0, n);
  }

  float64(slot: number, n: number): Float64Array {
    let a = this.f64[slot];
    if (a === undefined || a.length < n) this.f64[slot] = a = new Float64Array(n);
    return a.subarray(0, n);
  }

  release(): void {
    this.i32 = [];
    this.f64 = [];
  }
}

/** Slots of the detectors' per-row id arrays ({@link Scratch.int32}); groupRowsBy uses the ones after. */
export const ROW_IDS = 0;
/** groupRowsBy's temporaries: two Int32 slots and a Float64 one ({@link Scratch.float64}) */
export const GROUP_BY_OUTER = 1;
export const GROUP_LOCAL = 2;
export const GROUP_CARRIED = 0;
/** visitRowGroups' buffers for one outer block: an Int32 slot and a Float64 one */
export const GROUP_BLOCK_ROWS = 3;
export const GROUP_BLOCK_CARRIED = 1;
