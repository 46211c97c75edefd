import { describe, expect, it } from 'vitest';
import { aliases, ColumnFields, FieldMap } from './sysmon-fields';

const HOST = aliases('Computer', 'ComputerName', 'host.name', 'host');
const USER = aliases('User', 'user');
const PID = aliases('ProcessId', 'process.pid');

/** The same row read as a FieldMap filled from the header, the reference a table row must match. */
function viaMap(names: string[], row: string[]): FieldMap {
  const f = new FieldMap();
  names.forEach((n, i) => f.set(n, row[i] as string));
  return f;
}

describe('ColumnFields', () => {
  it('reads the first alias present and non-empty, in alias order, whatever the column order', () => {
    const names = ['host', 'user', 'ComputerName', 'winlog.event_data.ProcessId', 'x'];
    const cols = new ColumnFields(names);
    for (const row of [
      ['collector', 'CORP\\ann', 'WS1', '42', '?'],
      ['collector', '', '', '', '?'],
      ['', 'u', '', '7', ''],
    ]) {
      cols.setRow(row);
      const map = viaMap(names, row);
      for (const list of [HOST, USER, PID, aliases('Missing', 'AlsoMissing')]) expect(cols.getAny(list)).toBe(map.getAny(list));
    }
    cols.setRow(['collector', 'CORP\\ann', 'WS1', '42', '?']);
    expect(cols.getAny(HOST)).toBe('WS1'); // ComputerName comes before host in the list
    expect(cols.getAny(PID)).toBe('42'); // the nested EventData prefix is stripped
  });

  it('gives each list its own answer when several headers are read in one run', () => {
    const a = new ColumnFields(['User', 'Computer']);
    const b = new ColumnFields(['Computer', 'user']);
    a.setRow(['ann', 'WS1']);
    b.setRow(['WS2', 'bob']);
    expect([a.getAny(USER), a.getAny(HOST), b.getAny(USER), b.getAny(HOST)]).toEqual(['ann', 'WS1', 'bob', 'WS2']);
  });

  it('gives the timestamps the row cutter read through parsedTime, in alias order with the text cells', () => {
    const TIME = aliases('UtcTime', '_time', 'TimeCreated');
    const cols = new ColumnFields(['_time', 'UtcTime', 'q']);
    const times = { ids: new Int32Array(3).fill(-1), ms: new Float64Array(3).fill(NaN), zoned: new Uint8Array(3) };
    const at = Date.UTC(2024, 2, 4, 10, 0, 0, 303);
    // UtcTime read by the cutter (its cell text is ''), _time too, with a zone
    times.ms[0] = at + 1;
    times.zoned[0] = 1;
    times.ms[1] = at;
    cols.setRow(['', '', 'a.example'], times);
    expect([cols.parsedTime(TIME), cols.parsedZoned]).toEqual([at, false]);
    expect(cols.parsedTime(aliases('_time'))).toBe(at + 1);
    expect(cols.parsedZoned).toBe(true);
    // anything that reads the text gets the same instant
    expect(cols.getAny(TIME)).toBe('2024-03-04T10:00:00.303Z');
    // UtcTime left as text (a shape the cutter does not read): NaN, the caller reads the text
    times.ms[1] = NaN;
    cols.setRow(['', '2024-03-04 10:00:00.3031234', 'a.example'], times);
    expect(cols.parsedTime(TIME)).toBeNaN();
    expect(cols.getAny(TIME)).toBe('2024-03-04 10:00:00.3031234');
    // UtcTime empty: the first alias with a value is _time, read by the cutter
    cols.setRow(['', '', 'a.example'], times);
    expect(cols.parsedTime(TIME)).toBe(at + 1);
    // a row from the text framer has no timestamps read
    cols.setRow(['2024-03-04T10:00:00.304+00:00', '', 'a.example']);
    expect(cols.parsedTime(TIME)).toBeNaN();
    expect(cols.getAny(TIME)).toBe('2024-03-04T10:00:00.304+00:00');
    expect(new FieldMap().parsedTime()).toBeNaN();
  });

  it("gives the cutter's id of the value getAny returned last, and -1 for a value without one", () => {
    const cols = new ColumnFields(['ComputerName', 'host', 'UtcTime']);
    const facts = { ids: Int32Array.of(7, 9, -1), ms: Float64Array.of(NaN, NaN, 0), zoned: new Uint8Array(3) };
    cols.setRow(['WS1', 'collector', ''], facts);
    expect([cols.getAny(HOST), cols.lastId()]).toEqual(['WS1', 7]);
    cols.setRow(['', 'collector', ''], facts);
    expect([cols.getAny(HOST), cols.lastId()]).toEqual(['collector', 9]);
    expect([cols.getAny(aliases('UtcTime')), cols.lastId()]).toEqual(['1970-01-01T00:00:00.000Z', -1]);
    expect([cols.getAny(USER), cols.lastId()]).toEqual([undefined, -1]);
    cols.setRow(['WS1', 'collector', '']);
    expect([cols.getAny(HOST), cols.lastId()]).toEqual(['WS1', -1]);
    expect(new FieldMap().lastId()).toBe(-1);
  });
});
