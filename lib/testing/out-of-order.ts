import type { TestEvent } from './store-builder';

/**
 * The events with each pair of neighbours swapped (0↔1, 2↔3, …): a log whose rows are not in
 * time order, for checking that a detector's timing does not lean on the store order.
 */
export function swapNeighbours(events: readonly TestEvent[]): TestEvent[] {
  const out = events.slice();
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1] as TestEvent, out[i] as TestEvent];
  return out;
}
