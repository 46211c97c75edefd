import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, joinBlocks } from './column';
import { EventStore, type StoreRowInput } from './event-store';
import { normalizeQname } from './qname';

function row(over: Partial<StoreRowInput> = {}): StoreRowInput {
  return {
    time: 1_600_000_000_000, line: 2, host: 'WS1', user: 'CORP\\ann', image: 'C:\\x\\a.exe', pid: 42,
    guid: '{aa}', qname: 'Example.COM.', qtype: 28, status: 'NOERROR', statusCode: 0, answers: 0,
    ttl: -1, resolver: '', client: '', ...over,
  };
}

describe('EventStore', () => {
  it('gives back every field of a row, with the query name normalised and the raw kept', () => {
    const s = new EventStore();
    s.beginInput('a.csv', 'x');
    const ans = s.internAnswers('k', 'type:  5 b.net;::1;', () => [{ type: 5, value: 'b.net' }, { type: 28, value: '::1' }]);
    s.append(row({ answers: ans, status: 'NXDOMAIN', statusCode: 9003 }));
    expect(s.event(0)).toEqual({
      row: 0, input: 0, line: 2, time: 1_600_000_000_000, host: 'WS1', user: 'CORP\\ann', image: 'C:\\x\\a.exe',
      pid: 42, guid: '{aa}', qname: 'example.com', qnameRaw: 'Example.COM.', qtype: 28, status: 'NXDOMAIN',
      statusCode: 9003, answersRaw: 'type:  5 b.net;::1;', answers: [{ type: 5, value: 'b.net' }, { type: 28, value: '::1' }],
      ttl: -1, resolver: '', client: '',
    });
  });

  it('parses an answer set once per distinct key', () => {
    const s = new EventStore();
    let calls = 0;
    const parse = () => {
      calls++;
      return [{ type: 1, value: '1.2.3.4' }];
    };
    const a = s.internAnswers('1.2.3.4;', '1.2.3.4;', parse);
    const b = s.internAnswers('1.2.3.4;', '1.2.3.4;', parse);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    expect(s.internAnswers('', '', parse)).toBe(0);
  });

  it('maps rows to their input across several inputs and block borders', () => {
    const s = new EventStore();
    s.beginInput('one', 'x');
    for (let i = 0; i < BLOCK_SIZE + 10; i++) s.append(row({ line: i + 1 }));
    s.beginInput('two', 'y');
    s.append(row({ line: 7, host: 'WS2' }));
    expect(s.size).toBe(BLOCK_SIZE + 11);
    expect(s.event(BLOCK_SIZE + 5)).toMatchObject({ input: 0, line: BLOCK_SIZE + 6 });
    expect(s.event(BLOCK_SIZE + 10)).toMatchObject({ input: 1, line: 7, host: 'WS2' });
    expect(() => s.event(BLOCK_SIZE + 11)).toThrow(RangeError);
  });

  it('drops the rows of the last input', () => {
    const s = new EventStore();
    s.beginInput('one', 'x');
    s.append(row());
    s.beginInput('two', 'x');
    for (let i = 0; i < 100; i++) s.append(row());
    s.dropLastInput();
    expect(s.size).toBe(1);
    expect(s.inputs.map((i) => i.name)).toEqual(['one']);
  });

  it('holds no TTL blocks while no row has a TTL, and every TTL once one has', () => {
    const s = new EventStore();
    s.beginInput('sysmon', 'x');
    const n = 2 * BLOCK_SIZE;
    for (let i = 0; i < n; i++) s.append(row({ time: i }));
    expect(s.ttl.bytes()).toBe(0);
    expect(s.event(n - 1).ttl).toBe(-1);
    s.beginInput('zeek', 'y');
    s.append(row({ ttl: 300 }));
    s.append(row({ ttl: -1 }));
    expect(s.ttl.bytes()).toBeGreaterThan(0);
    expect([s.event(0).ttl, s.event(n - 1).ttl, s.event(n).ttl, s.event(n + 1).ttl]).toEqual([-1, -1, 300, -1]);
    expect(Array.from(joinBlocks(s.snapshot().rows.ttl, Int32Array).subarray(n - 1))).toEqual([-1, 300, -1]);
    s.dropLastInput();
    expect(s.size).toBe(n);
    expect(s.event(n - 1).ttl).toBe(-1);
  });

  it('knows its earliest and latest time as rows come, absorbed or dropped', () => {
    const s = new EventStore();
    expect(s.timeSpan()).toEqual({ min: Infinity, max: -Infinity });
    s.beginInput('one', 'x');
    // out of order, across a block boundary
    const times = Array.from({ length: BLOCK_SIZE + 50 }, (_, i) => 1_700_000_000_000 + ((i * 7919) % 100_003) * 1000);
    for (const time of times) s.append(row({ time }));
    expect(s.timeSpan()).toEqual({ min: Math.min(...times), max: Math.max(...times) });
    // a later input with earlier and later rows, then dropped: the span is that of the rows left
    s.beginInput('two', 'x');
    s.append(row({ time: 1_000 }));
    s.append(row({ time: 9e15 }));
    expect(s.timeSpan()).toEqual({ min: 1_000, max: 9e15 });
    s.dropLastInput();
    expect(s.timeSpan()).toEqual({ min: Math.min(...times), max: Math.max(...times) });
    // a part read elsewhere, absorbed
    const part = new EventStore();
    part.beginInput('part', 'x');
    part.append(row({ time: 5 }));
    s.beginInput('three', 'x');
    s.absorb(part.snapshot(), 0);
    expect(s.timeSpan()).toEqual({ min: 5, max: Math.max(...times) });
    s.dropLastInput();
    s.dropLastInput();
    expect(s.timeSpan()).toEqual({ min: Infinity, max: -Infinity });
  });

  it('keeps about 40 bytes per row when strings repeat', () => {
    const s = new EventStore();
    s.beginInput('big', 'x');
    const n = 4 * BLOCK_SIZE;
    for (let i = 0; i < n; i++) s.append(row({ time: i, qname: `q${i % 500}.example.com`, host: `h${i % 20}` }));
    expect(s.bytes() / n).toBeLessThan(44);
  });
});

describe('normalizeQname', () => {
  it('lower-cases, drops one trailing dot and reads the Windows wire form', () => {
    expect(normalizeQname('MORDORDC.THESHIRE.LOCAL.')).toBe('mordordc.theshire.local');
    expect(normalizeQname('(3)www(8)abayoumy(4)tech(0)')).toBe('www.abayoumy.tech');
    expect(normalizeQname('wpad')).toBe('wpad');
    expect(normalizeQname('.')).toBe('.');
  });
});
