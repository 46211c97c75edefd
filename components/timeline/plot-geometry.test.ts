import { describe, expect, it } from 'vitest';
import { chartHeight, hitGrid, MARGIN, nearest, plotArea, tickLabel, timeTicks, xOf, yOf } from './plot-geometry';

describe('timeline plot scales', () => {
  const plot = plotArea(1000, 300, { lo: 10_000, hi: 20_000 }, 4);

  it('maps the time window onto the plot width, edge to edge', () => {
    expect(plot.width).toBe(1000 - MARGIN.left - MARGIN.right);
    expect(xOf(plot, 10_000)).toBe(MARGIN.left);
    expect(xOf(plot, 20_000)).toBe(MARGIN.left + plot.width);
    expect(xOf(plot, 15_000)).toBe(MARGIN.left + plot.width / 2);
  });

  it('puts axis row 0 at the top, each row in the middle of its band (domain -0.5 … n-0.5, reversed)', () => {
    const band = plot.height / 4;
    expect(yOf(plot, 0)).toBe(MARGIN.top + band / 2);
    expect(yOf(plot, 3)).toBe(MARGIN.top + plot.height - band / 2);
    expect(yOf(plotArea(1000, 300, plot.window, 0), 0)).toBe(MARGIN.top + (300 - MARGIN.top - MARGIN.bottom) / 2);
  });

  it('grows with the rows on the axis between 220 and 980 px', () => {
    expect(chartHeight(0)).toBe(220);
    expect(chartHeight(20)).toBe(20 * 22 + 66);
    expect(chartHeight(1000)).toBe(980);
  });
});

describe('timeline time ticks', () => {
  it('uses round steps that keep labels apart', () => {
    const ticks = timeTicks({ lo: 1_000_500, hi: 1_061_000 }, 700);
    expect(ticks).toEqual([1_010_000, 1_020_000, 1_030_000, 1_040_000, 1_050_000, 1_060_000]);
    expect(timeTicks({ lo: 0, hi: 0 }, 700)).toEqual([]);
    expect(timeTicks({ lo: 0, hi: 100 * 86_400_000 }, 900).length).toBeLessThanOrEqual(10);
  });

  it('labels the time of day, with the date when the window spans days', () => {
    const t = Date.UTC(2024, 2, 5, 13, 4, 5);
    expect(tickLabel(t, { lo: t, hi: t + 60_000 })).toBe('13:04:05');
    expect(tickLabel(t + 250, { lo: t, hi: t + 1000 })).toBe('13:04:05.250');
    expect(tickLabel(t, { lo: t, hi: t + 3 * 86_400_000 })).toBe('03-05 13:04');
  });
});

describe('timeline hit test', () => {
  const items = [
    { x: 10, y: 10, id: 'a' },
    { x: 14, y: 10, id: 'b' },
    { x: 100, y: 50, id: 'c' },
    { x: 100, y: 50, id: 'd' },
  ];
  const grid = hitGrid(items, 12);

  it('finds the nearest point within the radius, across bucket edges', () => {
    expect(nearest(grid, 11, 10, 6)?.id).toBe('a');
    expect(nearest(grid, 13, 11, 6)?.id).toBe('b');
    expect(nearest(grid, 95, 47, 6)?.id).toBe('d');
    expect(nearest(grid, 23, 10, 6)).toBeNull();
    expect(nearest(grid, 60, 60, 6)).toBeNull();
  });

  it('prefers the later of two points at the same place (it is drawn on top)', () => {
    expect(nearest(grid, 100, 50, 6)?.id).toBe('d');
  });
});
