import { LineFramer } from '../line-framer';
import type { IngestSink, RecordReader } from '../types';
import { ZeekEmitter } from './zeek-record';

/** What the Zeek readers share: a line framer (BOM on line 1 removed) and the record emitter. */
export abstract class ZeekLineReader implements RecordReader {
  protected readonly emitter: ZeekEmitter;
  protected readonly framer: LineFramer;

  constructor(protected readonly sink: IngestSink) {
    this.emitter = new ZeekEmitter(sink);
    this.framer = new LineFramer(
      (line, n) => this.lineOf(line, n),
      (n) => sink.problem(n, 'line too long: skipped'),
    );
  }

  push(text: string): void {
    this.framer.push(text);
  }

  end(): void {
    this.framer.end();
  }

  /** A line as the framer hands it (a BOM left on line 1 removed). */
  protected lineOf(line: string, n: number): void {
    this.line(n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, n);
  }

  protected abstract line(line: string, n: number): void;
}
