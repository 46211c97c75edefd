import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '@/lib/worker/query-results';
import { byStatus, fullWindow, inWindow, pan, zoom } from './timeline-data';

const pt = (row: number, time: number, status: TimelinePoint['status'] = 'NOERROR'): TimelinePoint => ({ row, time, domainIndex: 0, status, validity: 'ok', findings: [] });
const points = [pt(0, 10_000), pt(1, 50_000, 'NXDOMAIN'), pt(2, 110_000)];

describe('timeline window', () => {
  it('spans the points with padding and zooms about the middle within it', () => {
    const full = fullWindow(points);
    expect(full).toEqual({ lo: 8000, hi: 112_000 });
    if (!full) return;
    const z = zoom(full, 0.5, full);
    expect(z).toEqual({ lo: 34_000, hi: 86_000 });
    expect(zoom(z, 4, full)).toEqual(full);
    expect(fullWindow([])).toBeNull();
  });

  it('pans without leaving the data and lists the points in view', () => {
    const full = { lo: 0, hi: 100_000 };
    expect(pan({ lo: 40_000, hi: 60_000 }, 0.5, full)).toEqual({ lo: 50_000, hi: 70_000 });
    expect(pan({ lo: 80_000, hi: 100_000 }, 0.5, full)).toEqual({ lo: 80_000, hi: 100_000 });
    expect(pan({ lo: 5000, hi: 25_000 }, -0.5, full)).toEqual({ lo: 0, hi: 20_000 });
    expect(inWindow(points, { lo: 20_000, hi: 60_000 }).map((p) => p.row)).toEqual([1]);
    expect([...byStatus(points).keys()]).toEqual(['NOERROR', 'NXDOMAIN']);
  });
});
