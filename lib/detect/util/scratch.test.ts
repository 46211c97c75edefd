import { describe, expect, it } from 'vitest';
import { buildStore } from '../../testing/store-builder';
import { DetectContext } from '../context';
import { runDetectors } from '../run';
import { Scratch } from './scratch';

describe('Scratch', () => {
  it('hands out one array per slot, grown when a longer one is asked for', () => {
    const s = new Scratch();
    const a = s.int32(0, 100);
    a.fill(7);
    const b = s.int32(0, 50);
    expect(b.length).toBe(50);
    expect(b.buffer).toBe(a.buffer);
    expect(b[0]).toBe(7); // whatever was written before: callers write what they read
    expect(s.int32(1, 10).buffer).not.toBe(a.buffer);
    const c = s.int32(0, 200);
    expect(c.length).toBe(200);
    expect(c.buffer).not.toBe(a.buffer);
    expect(s.float64(0, 8)).toBeInstanceOf(Float64Array);
  });

  it('is emptied once detection is over, so the context does not keep the arrays', () => {
    const store = buildStore(Array.from({ length: 50 }, (_, i) => ({ t: 1_700_000_000 + i * 60, qname: `a${i % 3}.example.com`, host: 'WS1' })));
    const ctx = new DetectContext(store);
    const before = ctx.scratch.int32(0, ctx.size);
    runDetectors(store, undefined, undefined, undefined, ctx);
    expect(ctx.scratch.int32(0, ctx.size).buffer).not.toBe(before.buffer);
  });
});
