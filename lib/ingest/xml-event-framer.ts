import { countNewlines } from './line-framer';
import { MAX_RECORD_CHARS } from './types';

/**
 * Cuts streamed XML into `<Event …>…</Event>` elements (Event Viewer "Save as XML", wevtutil,
 * evtxexport, python-evtx), each with the 1-based line its `<Event` starts on. Anything between
 * elements (`<?xml?>`, `<Events>`, garbage) is skipped. An element that never closes is reported
 * when the next `<Event` starts, when it passes `maxChars`, or at the end, and reading resumes
 * at the next `<Event`. `<Events>`, `<EventData>`, `<EventID>` are not element starts.
 */
export class XmlEventFramer {
  private buf = '';
  /** line number of buf[0] */
  private line = 1;

  constructor(
    private readonly onRecord: (xml: string, lineNo: number) => void,
    private readonly onProblem: (lineNo: number, reason: string) => void,
    private readonly maxChars = MAX_RECORD_CHARS,
    private readonly tag = 'Event',
  ) {}

  push(text: string): void {
    this.buf = this.buf === '' ? text : this.buf + text;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    this.buf = '';
  }

  /** Index of the next element start at or after `from`; -2 when a start may be cut at the end. */
  private findStart(from: number, final: boolean): number {
    const open = '<' + this.tag;
    let i = this.buf.indexOf(open, from);
    while (i !== -1) {
      const next = this.buf.charCodeAt(i + open.length);
      if (Number.isNaN(next)) return final ? -1 : -2;
      // whitespace or '>' ends the tag name
      if (next === 62 || next === 32 || next === 9 || next === 10 || next === 13) return i;
      i = this.buf.indexOf(open, i + 1);
    }
    return -1;
  }

  private drain(final: boolean): void {
    const buf = this.buf;
    const close = '</' + this.tag + '>';
    let p = 0;
    let line = this.line;
    for (;;) {
      const s = this.findStart(p, final);
      if (s < 0) {
        // keep a possible partial `<Event` at the end for the next chunk
        const keep = final ? buf.length : s === -2 ? buf.lastIndexOf('<' + this.tag) : Math.max(p, buf.length - this.tag.length - 1);
        const to = Math.max(p, keep);
        line += countNewlines(buf, p, to);
        p = to;
        break;
      }
      line += countNewlines(buf, p, s);
      p = s;
      const e = buf.indexOf(close, s + 1);
      const next = this.findStart(s + 1, final);
      if (next >= 0 && (e === -1 || next < e)) {
        this.onProblem(line, `<${this.tag}> element without </${this.tag}> (truncated record?)`);
        line += countNewlines(buf, s, next);
        p = next;
        continue;
      }
      if (e === -1) {
        if (final) {
          this.onProblem(line, `<${this.tag}> element not closed at the end of the input`);
          line += countNewlines(buf, s, buf.length);
          p = buf.length;
          break;
        }
        if (buf.length - s > this.maxChars) {
          // report it, drop what we have and look for the next start: its rest is skipped as garbage
          this.onProblem(line, `record longer than ${this.maxChars} characters`);
          const to = Math.max(s + 1, buf.length - this.tag.length - 1);
          line += countNewlines(buf, s, to);
          p = to;
          continue;
        }
        break; // wait for more text
      }
      const end = e + close.length;
      if (end - s > this.maxChars) this.onProblem(line, `record longer than ${this.maxChars} characters`);
      else this.onRecord(buf.slice(s, end), line);
      line += countNewlines(buf, s, end);
      p = end;
    }
    this.buf = p === 0 ? buf : buf.slice(p);
    this.line = line;
  }
}
