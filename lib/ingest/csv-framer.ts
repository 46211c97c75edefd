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
 * Streams CSV text through papaparse's parser and emits rows with the line they start on.
 * Quoted cells may span lines (Event Viewer messages, Splunk multivalue fields). A quote that
 * never closes would swallow the rest of the file: once a record passes `maxChars` (or at the
 * end of input) it is reported and parsing resumes on the next physical line, so the rows
 * after it are kept.
 */
export class CsvFramer {
  private buf = '';
  private lineNo = 1;
  private readonly parser: Papa.Parser;

  constructor(
    private readonly onRow: (row: string[], lineNo: number) => void,
    private readonly onProblem: (lineNo: number, reason: string) => void,
    delimiter = ',',
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {
    this.parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  }

  push(text: string): void {
    this.buf = this.buf === '' ? text : this.buf + text;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    this.buf = '';
  }

  private emit(rows: string[][]): void {
    for (const row of rows) {
      const start = this.lineNo;
      this.lineNo += 1 + countNewlines(row);
      const last = row.length - 1;
      const tail = row[last];
      if (tail !== undefined && tail.charCodeAt(tail.length - 1) === 13) row[last] = tail.slice(0, -1);
      if (row.length === 1 && row[0] === '') continue;
      this.onRow(row, start);
    }
  }

  /** Reports the record starting at the head of the buffer and drops its first physical line. */
  private skipBrokenLine(reason: string): void {
    this.onProblem(this.lineNo, reason);
    const nl = this.buf.indexOf('\n');
    this.buf = nl === -1 ? '' : this.buf.slice(nl + 1);
    this.lineNo++;
  }

  private drain(final: boolean): void {
    for (;;) {
      const res = this.parser.parse(this.buf, 0, true) as { data: string[][]; meta: { cursor: number } };
      this.emit(res.data);
      this.buf = this.buf.slice(res.meta.cursor);
      if (!final) {
        if (this.buf.length <= this.maxChars) return;
        this.skipBrokenLine(`record longer than ${this.maxChars} characters (unterminated quoted field?)`);
        continue;
      }
      if (this.buf === '') return;
      if (this.buf.length > this.maxChars) {
        this.skipBrokenLine(`record longer than ${this.maxChars} characters (unterminated quoted field?)`);
        continue;
      }
      const last = this.parser.parse(this.buf, 0, false) as {
        data: string[][];
        errors: { code: string }[];
      };
      if (last.errors.some((e) => e.code === 'MissingQuotes')) {
        this.skipBrokenLine('unterminated quoted field');
        if (this.buf === '') return;
        continue;
      }
      this.emit(last.data);
      this.buf = '';
      return;
    }
  }
}
