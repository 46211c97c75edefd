/**
 * Time for the generator: a diurnal clock that places exactly n events across a span, in order,
 * and a k-way merge of time-ordered event sources. Both hold O(1) state per source, so a
 * 10-million-row hunt needs no more memory than a small one.
 */
import type { GenEvent } from './model';
import type { Rng } from './rng';

const HOUR = 3_600_000;
/** Relative query volume per UTC hour of a working day (office hours peak, nights low). */
const WORKDAY = [
  0.08, 0.06, 0.05, 0.05, 0.05, 0.07, 0.15, 0.45, 0.85, 1, 1, 0.95, 0.8, 0.95, 1, 0.95, 0.85, 0.6, 0.35, 0.25, 0.2, 0.16, 0.12, 0.1,
];
const WEEKEND_FACTOR = 0.25;

/** Relative volume of the hour starting at `ms`. */
export function diurnalWeight(ms: number): number {
  const d = new Date(ms);
  const day = d.getUTCDay();
  const w = WORKDAY[d.getUTCHours()] as number;
  return day === 0 || day === 6 ? w * WEEKEND_FACTOR : w;
}

/**
 * Stratified placement of n events over [start, end) with the diurnal profile: event k sits at
 * the inverse cumulative volume of (k + u)/n, u uniform in [0, 1). Times never decrease with k,
 * and exactly n events fill the whole span. Call {@link at} with non-decreasing k.
 */
export class DiurnalClock {
  private readonly cum: Float64Array;
  private readonly step: number;
  private hour = 0;

  constructor(
    private readonly start: number,
    end: number,
    n: number,
    private readonly rng: Rng,
  ) {
    const hours = Math.max(1, Math.ceil((end - start) / HOUR));
    this.cum = new Float64Array(hours + 1);
    for (let h = 0; h < hours; h++) {
      const from = start + h * HOUR;
      const fraction = Math.min(1, (end - from) / HOUR);
      this.cum[h + 1] = (this.cum[h] as number) + diurnalWeight(from) * fraction;
    }
    this.step = (this.cum[hours] as number) / Math.max(1, n);
  }

  /** Time (integer ms) of event k. */
  at(k: number): number {
    const m = (k + this.rng.float()) * this.step;
    const cum = this.cum;
    const last = cum.length - 2;
    while (this.hour < last && (cum[this.hour + 1] as number) <= m) this.hour++;
    const lo = cum[this.hour] as number;
    const mass = (cum[this.hour + 1] as number) - lo;
    const within = mass > 0 ? Math.min(1, (m - lo) / mass) : 0;
    return Math.floor(this.start + (this.hour + within) * HOUR);
  }
}

interface HeapItem {
  ev: GenEvent;
  src: Iterator<GenEvent>;
  order: number;
}

function before(x: HeapItem, y: HeapItem): boolean {
  return x.ev.time < y.ev.time || (x.ev.time === y.ev.time && x.order < y.order);
}

/**
 * Merges sources whose events are each in non-decreasing time into one stream in time order;
 * ties go to the source listed first. Each source is pulled lazily, one event ahead.
 */
export function* mergeByTime(sources: readonly Iterator<GenEvent>[]): Generator<GenEvent> {
  const heap: HeapItem[] = [];
  const push = (item: HeapItem) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i] as HeapItem, heap[p] as HeapItem)) break;
      [heap[i], heap[p]] = [heap[p] as HeapItem, heap[i] as HeapItem];
      i = p;
    }
  };
  const siftDown = () => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as HeapItem, heap[m] as HeapItem)) m = l;
      if (r < heap.length && before(heap[r] as HeapItem, heap[m] as HeapItem)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as HeapItem, heap[i] as HeapItem];
      i = m;
    }
  };
  sources.forEach((src, order) => {
    const first = src.next();
    if (!first.done) push({ ev: first.value, src, order });
  });
  while (heap.length > 0) {
    const top = heap[0] as HeapItem;
    const ev = top.ev;
    const next = top.src.next();
    if (next.done) {
      const last = heap.pop() as HeapItem;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown();
      }
    } else {
      if (next.value.time < ev.time) throw new Error(`event source ${top.order} went back in time`);
      top.ev = next.value;
      siftDown();
    }
    yield ev;
  }
}
