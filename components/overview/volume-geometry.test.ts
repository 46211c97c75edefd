import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceCeil } from './chart-data';
import { band, barAt, keyMove, labelIndexes, labelWidth, moveEnd, plotArea, shiftSpan, TRAVELLER_W, travellerIndex, travellerX, valueTicks, yOf } from './volume-geometry';

describe('volume chart layout', () => {
  it('places bars side by side across the area, 1 px in from their slot, and finds the bar under x', () => {
    const a = plotArea(468, 300);
    expect(a).toEqual({ left: 52, top: 8, width: 400, height: 266 });
    expect(band(a, 4, 0)).toEqual({ x: 53, width: 98, slot: 100 });
    expect(band(a, 4, 3)).toEqual({ x: 353, width: 98, slot: 100 });
    expect(barAt(a, 4, 51)).toBeNull();
    expect(barAt(a, 4, 52)).toBe(0);
    expect(barAt(a, 4, 251)).toBe(1);
    expect(barAt(a, 4, 451.9)).toBe(3);
    expect(barAt(a, 4, 452)).toBeNull();
    expect(yOf(a, 100, 0)).toBe(274);
    expect(yOf(a, 100, 100)).toBe(8);
  });

  it('finds the bar whose band holds x', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 100, max: 3000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, width, f) => {
        const a = plotArea(width, 300);
        const x = a.left + f * a.width;
        fc.pre(x < a.left + a.width); // f just under 1 may round onto the right edge
        const i = barAt(a, n, x);
        expect(i).not.toBeNull();
        const b = band(a, n, i ?? 0);
        expect(x).toBeGreaterThanOrEqual(b.x - 1 - 1e-6);
        expect(x).toBeLessThanOrEqual(b.x - 1 + b.slot + 1e-6);
      }),
    );
  });
});

describe('value ticks', () => {
  it('steps evenly from 0 to the top in round integers', () => {
    expect(valueTicks(1)).toEqual([0, 1]);
    expect(valueTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(1200)).toEqual([0, 300, 600, 900, 1200]);
    expect(valueTicks(2500)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(valueTicks(100_000)).toEqual([0, 25_000, 50_000, 75_000, 100_000]);
  });

  it('ends at every nice top with 2 to 7 integer ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (n) => {
        const top = niceCeil(n);
        const ticks = valueTicks(top);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBe(top);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(7);
        const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
        ticks.forEach((t, i) => {
          expect(Number.isInteger(t)).toBe(true);
          expect(t).toBe(i * step);
        });
      }),
    );
  });
});

describe('time labels', () => {
  const labels = (n: number, text = '2024-03-01 01:00') => Array.from({ length: n }, () => text);

  it('shows every label when there is room, every k-th when there is not', () => {
    const wide = plotArea(52 + 16 + 4 * 200, 300);
    expect(labelIndexes(labels(4), wide, 52 + 16 + 800)).toEqual([0, 1, 2, 3]);
    const a = plotArea(1068, 300);
    const shown = labelIndexes(labels(120), a, 1068);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.length).toBeLessThan(10);
    expect(labelIndexes([], a, 1068)).toEqual([]);
  });

  it('never overlaps two labels and keeps them inside the chart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 24 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 120, max: 2400 }),
        (texts, width) => {
          const a = plotArea(width, 300);
          const box = (i: number) => {
            const c = a.left + (i + 0.5) * (a.width / texts.length);
            const w = labelWidth(texts[i] ?? '');
            return [c - w / 2, c + w / 2] as const;
          };
          const shown = labelIndexes(texts, a, width);
          for (let j = 0; j < shown.length; j++) {
            const [l, r] = box(shown[j] ?? 0);
            expect(l).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(width);
            if (j > 0) expect(l).toBeGreaterThanOrEqual(box(shown[j - 1] ?? 0)[1]);
          }
        },
      ),
    );
  });
});

describe('brush', () => {
  const a = { left: 52, width: 410 };

  it('puts the first traveller at the left edge and the last a traveller width from the right', () => {
    expect(travellerX(a, 41, 0)).toBe(52);
    expect(travellerX(a, 41, 40)).toBe(52 + 410 - TRAVELLER_W);
    expect(travellerX(a, 41, 20)).toBe(52 + 200);
    expect(travellerIndex(a, 41, 52 + 204)).toBe(20);
    expect(travellerIndex(a, 41, 0)).toBe(0);
    expect(travellerIndex(a, 41, 9999)).toBe(40);
    expect(travellerIndex(a, 1, 300)).toBe(0);
  });

  it('maps each index to x and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2000 }), fc.integer({ min: 40, max: 4000 }), fc.nat(), (n, width, k) => {
        const b = { left: 52, width };
        const i = k % n;
        const x = travellerX(b, n, i);
        expect(x).toBeGreaterThanOrEqual(b.left);
        expect(x).toBeLessThanOrEqual(b.left + width - TRAVELLER_W + 1e-9);
        if ((width - TRAVELLER_W) / (n - 1) >= 1) expect(travellerIndex(b, n, x)).toBe(i);
      }),
    );
  });

  it('moves one end without passing the other, shifts the whole span without changing its length', () => {
    expect(moveEnd({ start: 2, end: 5 }, 'start', 7, 10)).toEqual({ start: 5, end: 5 });
    expect(moveEnd({ start: 2, end: 5 }, 'end', 0, 10)).toEqual({ start: 2, end: 2 });
    expect(moveEnd({ start: 2, end: 5 }, 'end', 12, 10)).toEqual({ start: 2, end: 9 });
    expect(shiftSpan({ start: 2, end: 5 }, 10, 10)).toEqual({ start: 6, end: 9 });
    expect(shiftSpan({ start: 2, end: 5 }, -3, 10)).toEqual({ start: 0, end: 3 });
    expect(keyMove({ start: 0, end: 9 }, 'start', 'ArrowRight', 10)).toEqual({ start: 1, end: 9 });
    expect(keyMove({ start: 3, end: 9 }, 'end', 'Home', 10)).toEqual({ start: 3, end: 3 });
    expect(keyMove({ start: 3, end: 5 }, 'end', 'End', 10)).toEqual({ start: 3, end: 9 });
    expect(keyMove({ start: 3, end: 5 }, 'start', 'Enter', 10)).toBeNull();
  });

  it('keeps every span inside the series with its start at or before its end', () => {
    const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('key' as const), which: fc.constantFrom('start' as const, 'end' as const), key: fc.constantFrom(...keys) }),
      fc.record({ kind: fc.constant('move' as const), which: fc.constantFrom('start' as const, 'end' as const), to: fc.integer({ min: -50, max: 250 }) }),
      fc.record({ kind: fc.constant('shift' as const), delta: fc.integer({ min: -200, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(op, { maxLength: 30 }), (n, ops) => {
        let span = { start: 0, end: n - 1 };
        for (const o of ops) {
          const length = span.end - span.start;
          if (o.kind === 'key') span = keyMove(span, o.which, o.key, n) ?? span;
          else if (o.kind === 'move') span = moveEnd(span, o.which, o.to, n);
          else {
            span = shiftSpan(span, o.delta, n);
            expect(span.end - span.start).toBe(length);
          }
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.start).toBeLessThanOrEqual(span.end);
          expect(span.end).toBeLessThanOrEqual(n - 1);
        }
      }),
    );
  });
});
