import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvFramer } from './csv-framer';

function frame(chunks: string[], max?: number) {
  const rows: [string[], number][] = [];
  const problems: [number, string][] = [];
  const f = new CsvFramer(
    (r, n) => {
      rows.push([[...r], n]);
    },
    (n, why) => problems.push([n, why]),
    ',',
    max,
  );
  for (const c of chunks) f.push(c);
  f.end();
  return { rows, problems };
}

describe('CsvFramer', () => {
  it('gives each row the line it starts on, across quoted multi-line cells', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n';
    expect(frame([text]).rows).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\r\ny'], 2],
      [['2', 'z'], 4],
    ]);
  });
  it('unescapes doubled quotes and keeps commas inside quotes', () => {
    expect(frame(['q,"a ""b"", c"\n']).rows[0]?.[0]).toEqual(['q', 'a "b", c']);
  });
  it('skips blank lines without losing line numbers', () => {
    expect(frame(['a\n\nb\n']).rows).toEqual([
      [['a'], 1],
      [['b'], 3],
    ]);
  });
  it('reports an unterminated quote at the end and keeps the rows after its line', () => {
    const { rows, problems } = frame(['h1,h2\n1,"broken\n2,good\n3,fine\n']);
    expect(problems).toEqual([[2, 'unterminated quoted field']]);
    expect(rows.map(([r, n]) => [r[0], n])).toEqual([
      ['h1', 1],
      ['2', 3],
      ['3', 4],
    ]);
  });
  it('does not buffer past the record limit while streaming', () => {
    const good = Array.from({ length: 50 }, (_, i) => `${i},row\n`).join('');
    const { rows, problems } = frame(['h,v\n', '7,"never closed\n', good], 100);
    expect(problems[0]?.[0]).toBe(2);
    expect(rows.filter(([r]) => r[1] === 'row').length).toBeGreaterThanOrEqual(45);
  });
  it('restarts after a row the reader rejects when a stray quote made it span lines', () => {
    const rows: [string[], number][] = [];
    const f = new CsvFramer(
      (r, n) => {
        if (r.length !== 2) return false;
        rows.push([[...r], n]);
        return true;
      },
      () => undefined,
    );
    f.push('h,v\n"stray,x\n1,"quoted"\n2,ok\n');
    f.end();
    expect(rows).toEqual([
      [['h', 'v'], 1],
      [['1', 'quoted'], 3],
      [['2', 'ok'], 4],
    ]);
  });

  it('reads well-formed CSV exactly as papaparse does, quoted or not, LF or CRLF', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    const table = fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 17 }), (rows, eol, size) => {
        const needsQuotes = (c: string) => /[",\r\n]/.test(c) || c === '';
        const text = rows.map((r) => r.map(([c, q]) => (q || needsQuotes(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(eol) + eol;
        const expected = Papa.parse<string[]>(text, { newline: eol as '\n', skipEmptyLines: true, quoteChar: '"' }).data;
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        expect(frame(chunks).rows.map(([r]) => r)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a quote that is not followed by a delimiter as text of the quoted cell', () => {
    expect(frame(['a,"say "hi" now",c\n']).rows[0]?.[0]).toEqual(['a', 'say "hi" now', 'c']);
    expect(frame(['a,b"c,d\n']).rows[0]?.[0]).toEqual(['a', 'b"c', 'd']);
  });

  it('takes at most the rows asked for, a record across lines being one, and says how much it used', () => {
    const rows: [string[], number][] = [];
    const problems: [number, string][] = [];
    const f = new CsvFramer((r, n) => void rows.push([[...r], n]), (n, why) => void problems.push([n, why]));
    const text = '1,"x\ny"\n2,z\n3,w\n';
    f.line = 10;
    expect(f.take(text, false, 1)).toBe('1,"x\ny"\n'.length);
    expect(rows).toEqual([[['1', 'x\ny'], 10]]);
    expect(f.line).toBe(12);
    expect(f.take('2,z\n3,w\n', false, 1)).toBe(4);
    // a blank line counts as a row taken; the last row needs no line end when final
    expect(f.take('\n4,v\n', false, 1)).toBe(1);
    expect(f.take('5,u', true, 1)).toBe(3);
    expect(rows.map(([r]) => r[0])).toEqual(['1', '2', '5']);
    // an unterminated quote at the end counts too, and is reported
    expect(f.take('6,"never closed\n7,t\n', true, 1)).toBe('6,"never closed\n'.length);
    expect(problems).toEqual([[15, 'unterminated quoted field']]);
    // without a limit: every whole row, the incomplete rest left
    expect(f.take('8,s\n9,r\n10,"q', false)).toBe(8);
    expect(rows.map(([r]) => r[0])).toEqual(['1', '2', '5', '8', '9']);
  });

  it('gives the same rows whatever the chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (table, size) => {
        const text = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        const whole = frame([text]);
        expect(frame(chunks)).toEqual(whole);
        expect(whole.rows.map(([r]) => r)).toEqual(table.filter((r) => !(r.length === 1 && r[0] === '')));
      }),
    );
  });
});
