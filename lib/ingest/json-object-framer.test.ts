import { describe, expect, it } from 'vitest';
import { JsonObjectFramer } from './json-object-framer';

function frame(text: string, chunk = text.length, max?: number) {
  const records: [number, string][] = [];
  const problems: [number, string][] = [];
  const f = new JsonObjectFramer((x, l) => records.push([l, x]), (l, r) => problems.push([l, r]), max);
  for (let i = 0; i < text.length; i += chunk) f.push(text.slice(i, i + chunk));
  f.end();
  return { records, problems };
}

describe('JsonObjectFramer', () => {
  const text = '[\n  {"a": "}{\\"", "b": [1, {"c": 2}]},\n  {\n    "d": 1\n  }\n]\n{"e": 2}\n';

  it('cuts array elements and top-level objects, ignoring braces inside strings', () => {
    expect(frame(text).records).toEqual([
      [2, '{"a": "}{\\"", "b": [1, {"c": 2}]}'],
      [3, '{\n    "d": 1\n  }'],
      [7, '{"e": 2}'],
    ]);
  });

  it('gives the same result for every chunk size', () => {
    const whole = frame(text);
    for (let n = 1; n <= 9; n++) expect(frame(text, n)).toEqual(whole);
  });

  it('reports text between objects, oversized objects and an object left open', () => {
    const r = frame(`{"a":1}\nnope\n{"big":"${'x'.repeat(50)}"}\n{"ok":1}\n{"open":`, 4, 30);
    expect(r.records).toEqual([[1, '{"a":1}'], [4, '{"ok":1}']]);
    expect(r.problems).toEqual([
      [2, 'text outside a JSON object'],
      [3, 'record longer than 30 characters'],
      [5, 'JSON object not closed at the end of the input'],
    ]);
  });
});
