import { describe, expect, it } from 'vitest';
import { ByteSink, memo, UtcClock } from './render-common';

const text = (s: ByteSink) => new TextDecoder().decode(s.take());

describe('ByteSink', () => {
  it('writes strings, bytes, integers and fixed-width numbers as UTF-8', () => {
    const s = new ByteSink(4);
    s.str('a,b');
    s.byte(9);
    s.int(0);
    s.byte(32);
    s.int(1709510447);
    s.byte(32);
    s.fixed(7, 3);
    s.byte(32);
    s.fixed(12_345, 6);
    s.bytes(new TextEncoder().encode(' ok'.repeat(10)));
    expect(text(s)).toBe(`a,b\t0 1709510447 007 012345${' ok'.repeat(10)}`);
  });

  it('encodes non-ASCII text correctly and grows as needed', () => {
    const s = new ByteSink(2);
    s.str('naïve ');
    s.str('x'.repeat(1000));
    expect(text(s)).toBe(`naïve ${'x'.repeat(1000)}`);
  });

  it('starts over after take() without touching the chunk it handed out', () => {
    const s = new ByteSink(16);
    s.str('first');
    const first = s.take();
    s.str('second');
    expect(new TextDecoder().decode(first)).toBe('first');
    expect(text(s)).toBe('second');
  });
});

describe('UtcClock', () => {
  it('formats UTC date and time to the millisecond, across days', () => {
    const s = new ByteSink();
    const c = new UtcClock();
    for (const ms of [Date.UTC(2024, 2, 4, 0, 0, 47, 214), Date.UTC(2024, 2, 4, 23, 59, 59, 999), Date.UTC(2024, 2, 5, 9, 5, 3, 7)]) {
      c.set(ms).write(s, 84);
      s.byte(10);
    }
    expect(text(s)).toBe('2024-03-04T00:00:47.214\n2024-03-04T23:59:59.999\n2024-03-05T09:05:03.007\n');
  });
});

describe('memo', () => {
  it('computes once per object and stays correct after it starts over', () => {
    let calls = 0;
    const f = memo((o: { n: number }) => {
      calls++;
      return o.n * 2;
    });
    const a = { n: 1 };
    expect(f(a)).toBe(2);
    expect(f(a)).toBe(2);
    expect(calls).toBe(1);
    for (let i = 0; i < 60_000; i++) f({ n: i });
    expect(f(a)).toBe(2);
  });
});
