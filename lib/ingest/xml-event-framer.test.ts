import { describe, expect, it } from 'vitest';
import { XmlEventFramer } from './xml-event-framer';

function frame(text: string, chunk = text.length, max?: number) {
  const records: [number, string][] = [];
  const problems: [number, string][] = [];
  const f = new XmlEventFramer((x, l) => records.push([l, x]), (l, r) => problems.push([l, r]), max);
  for (let i = 0; i < text.length; i += chunk) f.push(text.slice(i, i + chunk));
  f.end();
  return { records, problems };
}

describe('XmlEventFramer', () => {
  const text = '<?xml version="1.0"?>\n<Events>\n<Event a="1">\n <EventData/>\n</Event><Event>x</Event>\n</Events>\n';

  it('cuts <Event> elements with their start lines, ignoring <Events> and <EventData>', () => {
    expect(frame(text).records).toEqual([
      [3, '<Event a="1">\n <EventData/>\n</Event>'],
      [5, '<Event>x</Event>'],
    ]);
  });

  it('gives the same result for every chunk size', () => {
    const whole = frame(text);
    for (let n = 1; n <= 12; n++) expect(frame(text, n)).toEqual(whole);
  });

  it('reports an oversized element once and resumes at the next one', () => {
    const big = `<Event>${'y'.repeat(200)}</Event>\n<Event>ok</Event>`;
    for (const chunk of [7, 50, 1000]) {
      const r = frame(big, chunk, 100);
      expect(r.records).toEqual([[2, '<Event>ok</Event>']]);
      expect(r.problems).toEqual([[1, 'record longer than 100 characters']]);
    }
  });
});
