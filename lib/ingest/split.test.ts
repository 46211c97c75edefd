import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvPrelude, cutIn, SplitGuard, zeekPrelude } from './split';

const bytes = (s: string) => new TextEncoder().encode(s);

/** The guard fed `text` cut into pieces at `cuts`. */
function guarded(mode: 'csv-quotes' | 'no-header-lines', text: string, cuts: number[]): SplitGuard {
  const b = bytes(text);
  const g = new SplitGuard(mode);
  let at = 0;
  for (const c of [...cuts.map((x) => x % (b.length + 1)).sort((x, y) => x - y), b.length]) {
    g.update(b.subarray(at, Math.max(at, c)));
    at = Math.max(at, c);
  }
  return g;
}

describe('cutting a file at a line start', () => {
  it('cuts after the first newline at or after the offset, counted from the chunk base', () => {
    const b = bytes('ab\ncd\nef');
    expect(cutIn(b, 100, 100)).toBe(103);
    expect(cutIn(b, 100, 103)).toBe(106);
    expect(cutIn(b, 100, 106)).toBe(-1);
    expect(cutIn(b, 100, 50)).toBe(103); // the offset was in an earlier chunk
  });

  it('takes the CSV header line, or nothing when it holds a quoted newline or is incomplete', () => {
    expect(csvPrelude('\uFEFF_time,QueryName\r\n2024,a\n')).toBe('_time,QueryName\r\n');
    expect(csvPrelude('"a\nb",c\n1,2\n')).toBeNull();
    expect(csvPrelude('_time,QueryName')).toBeNull();
  });

  it('takes the leading # lines of a Zeek log, or nothing when the head ends inside them', () => {
    expect(zeekPrelude('#separator \\x09\n#fields\tts\tquery\n1\ta.b\n')).toBe('#separator \\x09\n#fields\tts\tquery\n');
    expect(zeekPrelude('#separator \\x09\n#fields\tts')).toBeNull();
    expect(zeekPrelude('#separator \\x09\n#fields\tts\n')).toBeNull(); // no data line seen yet
    expect(zeekPrelude('1\ta.b\n')).toBeNull();
  });

  it('counts newlines and quotes whatever the chunking', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '"', '\n', ',', '#') }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const g = guarded('csv-quotes', text, cuts);
        expect(g.lines).toBe(text.split('\n').length - 1);
        expect(g.ok).toBe(text.split('"').length % 2 === 1);
      }),
    );
  });

  it('spots a # line after the first data line (a new Zeek header block) whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('#fields\tts', '#close\t2024', '1\ta.b', '2\t#c.d'), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (lines, cuts) => {
        const text = lines.map((l) => `${l}\n`).join('');
        const firstData = lines.findIndex((l) => !l.startsWith('#'));
        const laterHeader = firstData >= 0 && lines.slice(firstData).some((l) => l.startsWith('#'));
        const g = guarded('no-header-lines', text, cuts);
        expect(g.ok).toBe(!laterHeader);
        expect(g.lines).toBe(lines.length);
      }),
    );
  });
});
