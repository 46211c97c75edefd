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
});
