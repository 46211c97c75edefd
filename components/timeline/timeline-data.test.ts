import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '@/lib/worker/query-results';
import { domainAxis, fullWindow, inWindow, onAxis, pan, zoom } from './timeline-data';

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
  });
});

describe('timeline domain axis', () => {
  const domains = ['evil.net', 'a.com', 'b.com', 'c.org', 'd.com'];
  const evidence = [12, 0, 0, 0, 0];

  it('shows one page of domains at a time and says how many are off-screen', () => {
    const first = domainAxis(domains, evidence, { search: '', page: 0, size: 2 });
    expect(first).toEqual({ shown: [0, 1], matched: 5, page: 0, pages: 3, first: 0, offscreen: 3, offscreenEvidence: 0 });
    const last = domainAxis(domains, evidence, { search: '', page: 2, size: 2 });
    expect([last.shown, last.offscreen, last.offscreenEvidence]).toEqual([[4], 4, 1]);
    expect(domainAxis(domains, evidence, { search: '', page: 99, size: 2 }).page).toBe(2);
    expect(domainAxis(domains, evidence, { search: '', page: 0, size: 40 })).toMatchObject({ shown: [0, 1, 2, 3, 4], pages: 1, offscreen: 0 });
  });

  it('narrows the axis by a search and counts the evidence domains it hides', () => {
    const coms = domainAxis(domains, evidence, { search: ' .COM', page: 0, size: 10 });
    expect([coms.shown, coms.matched, coms.offscreen, coms.offscreenEvidence]).toEqual([[1, 2, 4], 3, 2, 1]);
    expect(domainAxis(domains, evidence, { search: 'zzz', page: 0, size: 10 })).toMatchObject({ shown: [], matched: 0, pages: 1, offscreen: 5 });
  });

  it('keeps only the points of domains on the axis', () => {
    const pts = [{ ...pt(0, 1), domainIndex: 0 }, { ...pt(1, 2), domainIndex: 3 }];
    expect(onAxis(pts, [3]).map((p) => p.row)).toEqual([1]);
  });
});
