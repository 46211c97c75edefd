import { MAX_RECORD_CHARS } from './types';

/**
 * Splits streamed text into lines, with 1-based line numbers. `\r\n` and `\n` both end a line.
 * A line longer than `maxChars` is not buffered: `onOversize` is told its number and the rest
 * of it is skipped, so one huge line never costs memory or the lines after it.
 */
export class LineFramer {
  private carry = '';
  private lineNo = 1;
  private skipping = false;

  constructor(
    private readonly onLine: (line: string, lineNo: number) => void,
    /** told the number of a line too long to keep */
    readonly onOversize: (lineNo: number) => void,
    readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  /** Hands over one whole line (without its `\n`): a trailing `\r` removed; too long, reported instead. */
  deliver(text: string, lineNo: number): void {
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (line.length > this.maxChars) this.onOversize(lineNo);
    else this.onLine(line, lineNo);
  }

  push(text: string): void {
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      if (this.skipping) {
        this.skipping = false;
      } else {
        this.deliver(this.carry === '' ? text.slice(start, nl) : this.carry + text.slice(start, nl), this.lineNo);
        this.carry = '';
      }
      this.lineNo++;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (this.skipping) return;
    const rest = start === 0 ? text : text.slice(start);
    if (this.carry.length + rest.length > this.maxChars) {
      this.onOversize(this.lineNo);
      this.carry = '';
      this.skipping = true;
    } else if (rest !== '') {
      this.carry += rest;
    }
  }

  /** The number of the line the next text starts. */
  get line(): number {
    return this.lineNo;
  }

  set line(n: number) {
    this.lineNo = n;
  }

  /** Drops the text up to the next line end: the rest of a line already reported too long. */
  skipLine(): void {
    this.carry = '';
    this.skipping = true;
  }

  end(): void {
    // the carry is never longer than maxChars (push reports it first)
    if (!this.skipping && this.carry !== '') this.deliver(this.carry, this.lineNo);
    this.carry = '';
    this.skipping = false;
  }
}

/** Line feeds in `text` from `from` (inclusive) to `to` (exclusive): how many lines a record spans. */
export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}
