import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnyTime, parseEpochSeconds, parseIsoRegex, parseIsoTime } from './time';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Timestamps near the common shapes, valid and not: dates that do not exist, odd zones, junk tails. */
const timestampLike = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    sep: fc.constantFrom('T', ' ', 't', '_'),
    frac: fc.constantFrom('', '.', '.6', '.609', ',609', '.4420000', '.476722900', '.x'),
    zone: fc.constantFrom('', 'Z', 'z', 'UTC', ' Z', '+02:00', '-0530', '+05', '+05:', '+5', '-05:3', ' ', 'Zx'),
    lead: fc.constantFrom('', ' '),
  })
  .map(({ y, mo, d, h, mi, s, sep, frac, zone, lead }) => `${lead}${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac}${zone}`);


describe('parseIsoTime', () => {
  it('reads every timestamp exactly as the general regular-expression path does', () => {
    fc.assert(
      fc.property(fc.oneof(timestampLike, fc.string()), (text) => {
        expect(parseIsoTime(text)).toEqual(parseIsoRegex(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads Sysmon UtcTime as UTC with milliseconds', () => {
    expect(parseIsoTime('2020-10-22 05:54:21.349')).toEqual({ ms: Date.UTC(2020, 9, 22, 5, 54, 21, 349), zoned: false });
  });
  it('reads 7 and 9 fractional digits (Windows XML, evtxexport)', () => {
    expect(parseIsoTime('2022-05-13T08:54:06.4420000Z')?.ms).toBe(Date.UTC(2022, 4, 13, 8, 54, 6, 442));
    expect(parseIsoTime('2020-10-20T11:51:01.476722900Z')?.ms).toBeCloseTo(Date.UTC(2020, 9, 20, 11, 51, 1, 476) + 0.7229, 3);
  });
  it('applies Splunk offsets with and without a colon', () => {
    const utc = Date.UTC(2023, 7, 16, 2, 54, 43, 778);
    expect(parseIsoTime('2023-08-16T04:54:43.778+02:00')?.ms).toBe(utc);
    expect(parseIsoTime('2023-08-16T04:54:43.778+0200')?.ms).toBe(utc);
    expect(parseIsoTime('2023-08-15T21:54:43.778-05:00')?.ms).toBe(utc);
  });
  it('rejects impossible dates and free text', () => {
    expect(parseIsoTime('2021-02-30 10:00:00')).toBeNull();
    expect(parseIsoTime('2021-13-01 10:00:00')).toBeNull();
    expect(parseIsoTime('10/22/2020 1:54:21 AM')).toBeNull();
    expect(parseIsoTime('')).toBeNull();
  });
});

describe('parseEpochSeconds', () => {
  it('reads Zeek ts with microseconds', () => {
    expect(parseEpochSeconds('1517336042.279652')).toBe(1517336042279.652);
  });
  it('refuses short numbers that are not epochs', () => {
    expect(parseEpochSeconds('42')).toBeNull();
    expect(parseAnyTime('42')).toBeNull();
  });
});
