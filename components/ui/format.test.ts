import { describe, expect, it } from 'vitest';
import { formatShare, formatUtcInput, formatUtcMs, parseUtcInput } from './format';

describe('UTC time fields', () => {
  it('round-trips a time through the text a field shows', () => {
    const ms = Date.UTC(2020, 5, 10, 2, 51, 8, 943);
    expect(formatUtcInput(ms)).toBe('2020-06-10 02:51:08.943');
    expect(parseUtcInput(formatUtcInput(ms))).toBe(ms);
    expect(formatUtcInput(Date.UTC(2020, 5, 10))).toBe('2020-06-10 00:00:00');
  });

  it('accepts dates, minutes, a T and a Z; rejects impossible dates and other text', () => {
    expect(parseUtcInput('2020-06-10')).toBe(Date.UTC(2020, 5, 10));
    expect(parseUtcInput(' 2020-06-10T02:51Z ')).toBe(Date.UTC(2020, 5, 10, 2, 51));
    expect(parseUtcInput('2020-06-10 02:51:08.9')).toBe(Date.UTC(2020, 5, 10, 2, 51, 8, 900));
    expect(parseUtcInput('2020-02-31')).toBeNull();
    expect(parseUtcInput('2020-06-10 24:00')).toBeNull();
    expect(parseUtcInput('yesterday')).toBeNull();
  });

  it('formats an instant in UTC and says so for a non-time', () => {
    expect(formatUtcMs(0)).toBe('1970-01-01 00:00:00.000 UTC');
    expect(formatUtcMs(Number.NaN)).toBe('invalid time');
  });
});

describe('formatShare', () => {
  it('gives one decimal and survives an empty whole', () => {
    expect(formatShare(51, 2038)).toBe('2.5 %');
    expect(formatShare(0, 0)).toBe('0 %');
    expect(formatShare(1, 1)).toBe('100.0 %');
  });
});
