import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer } from './line-framer';

function frame(chunks: string[], max?: number) {
  const lines: [string, number][] = [];
  const over: number[] = [];
  const f = new LineFramer((l, n) => lines.push([l, n]), (n) => over.push(n), max);
  for (const c of chunks) f.push(c);
  f.end();
  return { lines, over };
}

describe('LineFramer', () => {
  it('numbers LF and CRLF lines and keeps a last line without newline', () => {
    expect(frame(['a\r\nb\n', 'c']).lines).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });
  it('joins a line split across chunks', () => {
    expect(frame(['ab', 'c\nd', 'e\n']).lines).toEqual([
      ['abc', 1],
      ['de', 2],
    ]);
  });
  it('reports an oversized line once and keeps the lines after it', () => {
    const { lines, over } = frame(['ok\n', 'x'.repeat(30), 'y'.repeat(30), '\nafter\n'], 40);
    expect(over).toEqual([2]);
    expect(lines).toEqual([
      ['ok', 1],
      ['after', 3],
    ]);
  });
  it('gives the same lines whatever the chunking', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', 'é') }), fc.integer({ min: 1, max: 7 }), (text, size) => {
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        expect(frame(chunks)).toEqual(frame([text]));
      }),
    );
  });
});
