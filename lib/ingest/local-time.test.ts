import { describe, expect, it } from 'vitest';
import { parseLocalDateTime } from './local-time';

describe('parseLocalDateTime', () => {
  it('reads US month-first times with AM/PM', () => {
    expect(parseLocalDateTime('10/22/2020 1:54:21 AM')).toEqual({ ms: Date.UTC(2020, 9, 22, 1, 54, 21), zoned: false });
    expect(parseLocalDateTime('10/22/2020 12:05:00 AM')?.ms).toBe(Date.UTC(2020, 9, 22, 0, 5, 0));
    expect(parseLocalDateTime('10/22/2020 12:05:00 PM')?.ms).toBe(Date.UTC(2020, 9, 22, 12, 5, 0));
    expect(parseLocalDateTime('1/2/2021 1:02 pm')?.ms).toBe(Date.UTC(2021, 0, 2, 13, 2, 0));
  });

  it('reads dotted and day-first European times and year-first slashes', () => {
    expect(parseLocalDateTime('22.10.2020 01:54:21')?.ms).toBe(Date.UTC(2020, 9, 22, 1, 54, 21));
    expect(parseLocalDateTime('22/10/2020 01:54:21')?.ms).toBe(Date.UTC(2020, 9, 22, 1, 54, 21));
    expect(parseLocalDateTime('2024/12/2 15:51:54')?.ms).toBe(Date.UTC(2024, 11, 2, 15, 51, 54));
  });

  it("reads Kibana's CSV date format", () => {
    expect(parseLocalDateTime('Aug 16, 2023 @ 04:54:43.778')?.ms).toBe(Date.UTC(2023, 7, 16, 4, 54, 43, 778));
    expect(parseLocalDateTime('Foo 16, 2023 @ 04:54:43.778')).toBeNull();
  });

  it('passes ISO text through with its zone', () => {
    expect(parseLocalDateTime('2023-08-16T04:54:43.778+02:00')).toEqual({ ms: Date.UTC(2023, 7, 16, 2, 54, 43, 778), zoned: true });
  });

  it('rejects impossible or unknown text', () => {
    expect(parseLocalDateTime('31/31/2020 01:00:00')).toBeNull();
    expect(parseLocalDateTime('2/30/2021 1:00:00 AM')).toBeNull();
    expect(parseLocalDateTime('13:00 PM')).toBeNull();
    expect(parseLocalDateTime('10/22/2020 13:54:21 PM')).toBeNull();
    expect(parseLocalDateTime('yesterday')).toBeNull();
  });
});
