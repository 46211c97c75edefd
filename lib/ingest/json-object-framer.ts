import { MAX_RECORD_CHARS } from './types';

/**
 * Cuts streamed JSON text into top-level objects, whatever the layout: pretty-printed objects
 * one after another, or one JSON array of objects (`[ {...}, {...} ]`, the array's own commas
 * and brackets are skipped). Each object comes with the 1-based line its `{` is on. It only
 * tracks strings and nesting, parsing is left to the caller. An object longer than `maxChars`
 * is reported and skipped without being buffered; text outside objects is reported once per line.
 */
export class JsonObjectFramer {
  private depth = 0;
  /** 1 while inside a top-level array, whose elements are the records */
  private base = 0;
  private inString = false;
  private escape = false;
  private parts: string[] = [];
  private size = 0;
  private recLine = 0;
  private oversized = false;
  private line = 1;
  private lastGarbageLine = 0;

  constructor(
    private readonly onRecord: (json: string, lineNo: number) => void,
    private readonly onProblem: (lineNo: number, reason: string) => void,
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  push(text: string): void {
    let start = this.depth > this.base ? 0 : -1;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92 /* \ */) this.escape = true;
        else if (c === 34 /* " */) this.inString = false;
        continue;
      }
      if (this.depth > this.base) {
        if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          this.depth--;
          if (this.depth === this.base) {
            this.finish(text, start, i + 1);
            start = -1;
          }
        }
        continue;
      }
      // between records
      if (c === 123 /* { */) {
        this.depth++;
        start = i;
        this.parts = [];
        this.size = 0;
        this.oversized = false;
        this.recLine = this.line;
      } else if (c === 91 /* [ */ && this.depth === 0) {
        this.depth = 1;
        this.base = 1;
      } else if (c === 93 /* ] */ && this.base === 1 && this.depth === 1) {
        this.depth = 0;
        this.base = 0;
      } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 44 && c !== 0xfeff) {
        if (this.lastGarbageLine !== this.line) {
          this.lastGarbageLine = this.line;
          this.onProblem(this.line, 'text outside a JSON object');
        }
      }
    }
    if (start >= 0) this.keep(text.slice(start));
  }

  end(): void {
    if (this.depth > this.base) this.onProblem(this.recLine, 'JSON object not closed at the end of the input');
    this.depth = 0;
    this.base = 0;
    this.inString = false;
    this.parts = [];
  }

  private keep(piece: string): void {
    if (this.oversized) return;
    this.size += piece.length;
    if (this.size > this.maxChars) {
      this.oversized = true;
      this.parts = [];
      this.onProblem(this.recLine, `record longer than ${this.maxChars} characters`);
      return;
    }
    this.parts.push(piece);
  }

  private finish(text: string, start: number, end: number): void {
    this.keep(text.slice(Math.max(start, 0), end));
    if (!this.oversized) this.onRecord(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(''), this.recLine);
    this.parts = [];
    this.size = 0;
  }
}
