import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUS_ORDER } from '../store/event-store';
import { columnBuffers, decodePoints, encodePoints, TimelineColumnsSchema } from './timeline-columns';
import { fromWire, QueryResultSchema, toWire, WireResultSchema, type TimelinePoint } from './query-results';

const pointArb: fc.Arbitrary<TimelinePoint> = fc.record({
  row: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  time: fc.double({ noNaN: true, noDefaultInfinity: true }),
  domainIndex: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  status: fc.constantFrom(...STATUS_ORDER),
  validity: fc.constantFrom('ok' as const, 'anomalous' as const, 'none' as const),
  findings: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 64 }),
});

describe('timeline columns', () => {
  it('give back the points they were made of, and pass the schema', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 200 }), (points) => {
        const c = encodePoints(points);
        expect(TimelineColumnsSchema.safeParse(c).success).toBe(true);
        expect(decodePoints(c)).toEqual(points);
      }),
    );
  });

  it('travel in their own buffers (each can be transferred)', () => {
    const c = encodePoints([{ row: 1, time: 2, domainIndex: 0, status: 'NXDOMAIN', validity: 'anomalous', findings: [0, 3] }]);
    const buffers = columnBuffers(c);
    expect(new Set(buffers).size).toBe(7);
    const copy = structuredClone(c, { transfer: buffers });
    expect(decodePoints(copy)).toEqual([{ row: 1, time: 2, domainIndex: 0, status: 'NXDOMAIN', validity: 'anomalous', findings: [0, 3] }]);
  });

  it('are refused when out of shape or range', () => {
    const good = () => encodePoints([{ row: 1, time: 2, domainIndex: 0, status: 'NOERROR', validity: 'ok', findings: [4] }]);
    const bad = [
      { ...good(), time: new Float64Array(2) },
      { ...good(), status: new Uint8Array([STATUS_ORDER.length]) },
      { ...good(), validity: new Uint8Array([3]) },
      { ...good(), row: new Int32Array([-1]) },
      { ...good(), time: new Float64Array([Number.NaN]) },
      { ...good(), findingStart: new Int32Array([0, 2]) },
      { ...good(), findings: new Int32Array([-4]) },
      { ...good(), row: [1] },
      { ...good(), extra: 1 },
    ];
    for (const c of bad) expect(TimelineColumnsSchema.safeParse(c).success).toBe(false);
    const many = encodePoints(Array.from({ length: 20_001 }, (_, i) => ({ row: i, time: i, domainIndex: 0, status: 'NOERROR' as const, validity: 'ok' as const, findings: [] })));
    expect(TimelineColumnsSchema.safeParse(many).success).toBe(false);
  });

  it('carry a timeline result to the page as it was', () => {
    const result = {
      kind: 'timeline' as const, label: 'a.exe', total: 2, sampled: false, domains: ['x.com'], domainQueries: [2], domainEvidence: [1],
      findings: [{ id: 'f1', title: 'T', detector: 'D' }],
      points: [
        { row: 5, time: 1000, domainIndex: 0, status: 'NOERROR' as const, validity: 'ok' as const, findings: [] },
        { row: 9, time: 2000, domainIndex: 0, status: 'SERVFAIL' as const, validity: 'anomalous' as const, findings: [0] },
      ],
    };
    const wire = WireResultSchema.parse(structuredClone(toWire(result)));
    expect(QueryResultSchema.parse(fromWire(wire))).toEqual(result);
    const other = { kind: 'event' as const, event: null };
    expect(fromWire(WireResultSchema.parse(toWire(other)))).toEqual(other);
  });
});
