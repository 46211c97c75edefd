import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../store/column';
import { STATUS_ORDER, type StoreStatus } from '../store/event-store';
import { buildStore, type TestEvent } from '../testing/store-builder';
import { DetectContext } from './context';

const statuses: StoreStatus[] = ['NOERROR', 'NXDOMAIN', 'SERVFAIL'];
// a row count past the first column block, so the block arithmetic of the accessors is exercised
const events: TestEvent[] = Array.from({ length: BLOCK_SIZE + 300 }, (_, i) => ({
  t: 1_700_000_000 + i * 0.25,
  qname: `Host${i % 37}.Example${i % 5}.com`,
  host: `WS${i % 11}`,
  qtype: i % 3 === 0 ? 'TXT' : 'A',
  status: statuses[i % 3],
  answers: i % 3 === 0 ? [] : [`10.0.${i % 7}.${i % 200}`],
}));

describe('DetectContext row accessors', () => {
  const store = buildStore(events);
  const ctx = new DetectContext(store);

  it('read what the store columns hold, on both sides of a block boundary', () => {
    for (let r = 0; r < ctx.size; r += r < BLOCK_SIZE - 50 || r > BLOCK_SIZE + 50 ? 97 : 1) {
      expect(ctx.time(r)).toBe(store.time.get(r));
      expect(ctx.actor(r)).toBe(store.actor.get(r));
      expect(ctx.answersId(r)).toBe(store.answers.get(r));
      expect(ctx.qtype(r)).toBe(store.qtypeOf(r));
      expect(ctx.statusIndex(r)).toBe(store.statusOf(r));
      expect(ctx.status(r)).toBe(STATUS_ORDER[store.statusOf(r)]);
      expect(ctx.qnameRawText(r)).toBe(store.strings.get(store.qname.get(r)));
      expect(ctx.qname(r)).toBe(store.qnameNorm(store.qname.get(r)));
    }
    expect(ctx.time(BLOCK_SIZE)).toBe((1_700_000_000 + BLOCK_SIZE * 0.25) * 1000);
    expect(ctx.qnameRawText(BLOCK_SIZE + 1)).toBe(`Host${(BLOCK_SIZE + 1) % 37}.Example${(BLOCK_SIZE + 1) % 5}.com`);
  });

  it('throw the column error for rows out of range', () => {
    for (const row of [-1, ctx.size, ctx.size + BLOCK_SIZE]) {
      expect(() => ctx.time(row)).toThrow(RangeError);
      expect(() => ctx.actor(row)).toThrow(RangeError);
      expect(() => ctx.answersId(row)).toThrow(RangeError);
      expect(() => ctx.statusIndex(row)).toThrow(RangeError);
      expect(() => ctx.qtype(row)).toThrow(RangeError);
      expect(() => ctx.qnameRawText(row)).toThrow(RangeError);
    }
  });

  it('spans the event times', () => {
    expect(ctx.timeSpan()).toEqual({ min: 1_700_000_000_000, max: (1_700_000_000 + (events.length - 1) * 0.25) * 1000 });
  });
});
