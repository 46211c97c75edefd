import Papa from 'papaparse';
import { MAX_RECORD_CHARS } from './types';

function countNewlines(row: readonly string[]): number {
  let n = 0;
  for (const cell of row) {
    let i = cell.indexOf('\n');
    while (i !== -1) {
      n++;
      i = cell.indexOf('\n', i + 1);
    }
  }
  return n;
}

/**
 * Called per row with the line it starts on. Return `false` when the row is malformed (the
 * adapter reports why): if it spans several lines, a stray quote probably swallowed the lines
 * after it, so parsing restarts on the line after the row's first line.
 */
export type CsvRowHandler = (row: string[], lineNo: number) => boolean | void;

interface StepResult {
  data: string[][];
  errors: { code: string }[];
  meta: { cursor: number };
}

/**
 * Streams CSV text through papaparse's parser and emits rows with the line they start on.
 * Quoted cells may span lines (Event Viewer messages, Splunk multivalue fields). A quote that
 * never closes would swallow the rest of the file: once a record passes `maxChars` (or at the
 * end of input) it is reported and parsing resumes on the next physical line, so the rows
 * after it are kept.
 */
export class CsvFramer {
  private buf = '';
  private lineNo = 1;

  constructor(
    private readonly onRow: CsvRowHandler,
    private readonly onProblem: (lineNo: number, reason: string) => void,
    private readonly delimiter = ',',
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  push(text: string): void {
    this.buf = this.buf === '' ? text : this.buf + text;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    this.buf = '';
  }

  private drain(final: boolean): void {
    for (;;) {
      const { consumed, restart } = this.parseOnce(!final);
      if (restart >= 0) {
        this.buf = this.buf.slice(restart);
        continue;
      }
      this.buf = this.buf.slice(consumed);
      if (final) {
        this.buf = '';
        return;
      }
      if (this.buf.length <= this.maxChars) return;
      this.onProblem(this.lineNo, `record longer than ${this.maxChars} characters (unterminated quoted field?)`);
      const nl = this.buf.indexOf('\n');
      this.buf = nl === -1 ? '' : this.buf.slice(nl + 1);
      this.lineNo++;
    }
  }

  /**
   * Parses the buffer once. Returns how much was consumed, or where to restart after a broken
   * multi-line row (then `restart` ≥ 0 and the line counter already points at that line).
   */
  private parseOnce(ignoreLastRow: boolean): { consumed: number; restart: number } {
    const buf = this.buf;
    let prev = 0;
    let restart = -1;
    const parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: '\n',
      quoteChar: '"',
      step: (res: StepResult) => {
        const row = res.data[0];
        const rowStart = prev;
        prev = res.meta.cursor;
        if (!row) return;
        const startLine = this.lineNo;
        const spans = countNewlines(row);
        this.lineNo += 1 + spans;
        const last = row.length - 1;
        const tail = row[last];
        if (tail !== undefined && tail.charCodeAt(tail.length - 1) === 13) row[last] = tail.slice(0, -1);
        let ok: boolean | void = true;
        if (res.errors.some((e) => e.code === 'MissingQuotes')) {
          this.onProblem(startLine, 'unterminated quoted field');
          ok = false;
        } else if (!(row.length === 1 && row[0] === '')) {
          ok = this.onRow(row, startLine);
        }
        if (ok === false && spans > 0) {
          const nl = buf.indexOf('\n', rowStart);
          restart = nl === -1 ? buf.length : nl + 1;
          this.lineNo = startLine + 1;
          parser.abort();
        }
      },
    } as Papa.ParseConfig);
    parser.parse(buf, 0, ignoreLastRow);
    return { consumed: prev, restart };
  }
}
