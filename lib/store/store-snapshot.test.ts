import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from './column';
import { EventStore, snapshotBuffers, STATUS_ORDER, type StoreRowInput, type StoredAnswer } from './event-store';

/** A row plus the answer text it carries (interned through the store like the ingest sink does). */
interface GenRow {
  row: Omit<StoreRowInput, 'answers'>;
  answers: string;
}

const few = (values: string[]) => fc.constantFrom(...values);
const genRow: fc.Arbitrary<GenRow> = fc.record({
  row: fc.record({
    time: fc.integer({ min: 1_600_000_000_000, max: 1_700_000_000_000 }),
    line: fc.integer({ min: 1, max: 1_000_000 }),
    host: few(['WS1', 'WS2', 'srv-dc01', '']),
    user: few(['CORP\\ann', 'NT AUTHORITY\\SYSTEM', '']),
    image: few(['C:\\a.exe', 'C:\\Windows\\System32\\svchost.exe', '']),
    pid: fc.integer({ min: -1, max: 9 }),
    guid: few(['{aa}', '{bb}', '']),
    qname: few(['Example.COM.', 'example.com', 'a.b.c.evil.net', 'x', '']),
    qtype: fc.constantFrom(0, 1, 28, 16, 65535),
    status: fc.constantFrom(...STATUS_ORDER),
    statusCode: fc.constantFrom(-1, 0, 9003, 1460),
    ttl: fc.integer({ min: -1, max: 86400 }),
    resolver: few(['', '10.0.0.1']),
    client: few(['', '10.0.0.7', '10.0.0.8']),
  }),
  answers: few(['', '::ffff:1.2.3.4;', 'type:  5 b.net;::1;', '1.2.3.4;']),
});

const parse = (raw: string): StoredAnswer[] => raw.split(';').filter((v) => v !== '').map((value) => ({ type: value.includes(':') ? 28 : 1, value }));

function appendAll(store: EventStore, rows: readonly GenRow[]): void {
  for (const r of rows) store.append({ ...r.row, answers: store.internAnswers(r.answers, r.answers, parse) });
}

/** A part's store as a worker would receive it: handed over, structured-cloned with its buffers transferred. */
function posted(store: EventStore) {
  const snap = store.handOver();
  return structuredClone(snap, { transfer: snapshotBuffers(snap) });
}

/** The rows ingested in one store (`whole`), and `first` ingested with `second` absorbed from another store (`merged`). */
function wholeAndMerged(first: readonly GenRow[], second: readonly GenRow[], lineOffset: number): { whole: EventStore; merged: EventStore } {
  const whole = new EventStore();
  whole.beginInput('f.csv', 'x');
  appendAll(whole, first);
  appendAll(whole, second.map((r) => ({ ...r, row: { ...r.row, line: r.row.line + lineOffset } })));
  const part = new EventStore();
  part.beginInput('f.csv', 'x');
  appendAll(part, second);
  const merged = new EventStore();
  merged.beginInput('f.csv', 'x');
  appendAll(merged, first);
  merged.absorb(posted(part), lineOffset);
  return { whole, merged };
}

describe('store snapshots (a part of a file ingested in another worker)', () => {
  it('absorbing the second part gives the rows, strings and answer sets of ingesting the whole', () => {
    fc.assert(
      fc.property(fc.array(genRow, { maxLength: 60 }), fc.array(genRow, { maxLength: 60 }), fc.integer({ min: 0, max: 500 }), (first, second, lineOffset) => {
        const { whole, merged } = wholeAndMerged(first, second, lineOffset);
        expect(merged.size).toBe(whole.size);
        expect(merged.inputs).toEqual(whole.inputs);
        for (let i = 0; i < whole.size; i++) expect(merged.event(i)).toEqual(whole.event(i));
        expect(merged.strings.size).toBe(whole.strings.size);
        expect(merged.actors.size).toBe(whole.actors.size);
        expect(merged.answerSetCount).toBe(whole.answerSetCount);
      }),
      { numRuns: 150 },
    );
  });

  it('absorbs a part across a column block boundary as ingesting the whole does', () => {
    const row = (i: number): GenRow => ({
      row: { time: 1_600_000_000_000 + i * 1000, line: i + 2, host: `WS${i % 3}`, user: 'u', image: 'C:\\a.exe', pid: i % 5, guid: '{aa}', qname: `n${i % 97}.example`, qtype: i % 2 ? 1 : 28, status: 'NOERROR', statusCode: 0, ttl: i % 4 === 0 ? 60 : -1, resolver: '', client: '' },
      answers: i % 3 ? '1.2.3.4;' : '',
    });
    const first = Array.from({ length: BLOCK_SIZE - 5 }, (_, i) => row(i));
    const second = Array.from({ length: 40 }, (_, i) => row(BLOCK_SIZE + i));
    const { whole, merged } = wholeAndMerged(first, second, 3);
    expect(merged.size).toBe(whole.size);
    for (let i = BLOCK_SIZE - 10; i < whole.size; i++) expect(merged.event(i)).toEqual(whole.event(i));
    expect(merged.timeSpan(merged.size)).toEqual(whole.timeSpan(whole.size));
    expect(merged.time.blocks.length).toBe(2);
  });

  it('copies the row columns for a snapshot, and hands the store\'s own blocks over', () => {
    const store = new EventStore();
    store.beginInput('f.csv', 'x');
    appendAll(store, Array.from({ length: BLOCK_SIZE + 3 }, (_, i) => ({ row: { time: 1_600_000_000_000 + i, line: i + 1, host: 'h', user: '', image: '', pid: 1, guid: '', qname: 'a.b', qtype: 1, status: 'NOERROR', statusCode: 0, ttl: -1, resolver: '', client: '' }, answers: '' })));
    const copy = store.snapshot();
    const own = store.handOver();
    expect(copy.rows.time.map((b) => b.length)).toEqual([BLOCK_SIZE, 3]);
    expect(own).toEqual(copy);
    expect(own.rows.time.map((b) => b.buffer)).toEqual(store.time.blocks.map((b) => b.buffer));
    expect(copy.rows.time.some((b, i) => b.buffer === store.time.blocks[i]?.buffer)).toBe(false);
    (copy.rows.time[1] as Float64Array)[0] = 0;
    expect(store.event(BLOCK_SIZE).time).toBe(1_600_000_000_000 + BLOCK_SIZE);
    // one buffer per block to transfer, each once
    expect(snapshotBuffers(own).length).toBe(new Set(snapshotBuffers(own)).size);
  });

  it('keeps rows of earlier inputs and appends to the current one', () => {
    const part = new EventStore();
    part.beginInput('b.csv', 'x');
    const r = (qname: string, line: number): GenRow => ({
      row: { time: 1_600_000_000_000, line, host: 'WS1', user: 'u', image: 'C:\\a.exe', pid: 1, guid: '{aa}', qname, qtype: 1, status: 'NOERROR', statusCode: 0, ttl: 60, resolver: '', client: '' },
      answers: '1.2.3.4;',
    });
    appendAll(part, [r('Late.example.', 2)]);
    const store = new EventStore();
    store.beginInput('a.csv', 'x');
    appendAll(store, [r('first.example', 2)]);
    store.beginInput('b.csv', 'x');
    appendAll(store, [r('early.example', 2)]);
    store.absorb(posted(part), 10);
    expect(store.inputs.map((i) => [i.start, i.count])).toEqual([[0, 1], [1, 2]]);
    expect(store.event(2)).toMatchObject({ input: 1, line: 12, qname: 'late.example', qnameRaw: 'Late.example.', answers: [{ type: 1, value: '1.2.3.4' }] });
  });

  it('refuses a snapshot whose ids point outside its tables, leaving the store as it was', () => {
    const part = new EventStore();
    part.beginInput('b.csv', 'x');
    appendAll(part, [{ row: { time: 1, line: 2, host: 'h', user: '', image: '', pid: 1, guid: '', qname: 'a.b', qtype: 1, status: 'NOERROR', statusCode: 0, ttl: -1, resolver: '', client: '' }, answers: '' }]);
    const store = new EventStore();
    store.beginInput('b.csv', 'x');
    const bad = [
      (s: ReturnType<EventStore['snapshot']>) => ((s.rows.qname[0] as Uint32Array)[0] = 999),
      (s: ReturnType<EventStore['snapshot']>) => ((s.rows.actor[0] as Uint32Array)[0] = 7),
      (s: ReturnType<EventStore['snapshot']>) => ((s.rows.answers[0] as Uint32Array)[0] = 3),
      (s: ReturnType<EventStore['snapshot']>) => (s.outcomes.status[0] = 99),
      (s: ReturnType<EventStore['snapshot']>) => (s.rows = { ...s.rows, ttl: [] }),
    ];
    for (const spoil of bad) {
      const snap = part.snapshot();
      spoil(snap);
      expect(() => store.absorb(snap, 0)).toThrow(RangeError);
      expect(store.size).toBe(0);
      expect(store.strings.size).toBe(1);
    }
  });
});
