import { CsvFramer } from '../csv-framer';
import type { IngestSink, RecordReader } from '../types';
import { FieldMap } from './sysmon-fields';
import { SysmonMapper } from './sysmon-record';

/**
 * What the Sysmon CSV readers share: a CSV framer feeding `row`, one reusable field map and the
 * Sysmon mapper. `row` returns false for a malformed row (see CsvRowHandler).
 */
export abstract class SysmonCsvReaderBase implements RecordReader {
  protected readonly fields = new FieldMap();
  protected readonly mapper: SysmonMapper;
  protected readonly framer: CsvFramer;

  constructor(protected readonly sink: IngestSink) {
    this.mapper = new SysmonMapper(sink);
    this.framer = new CsvFramer(
      (row, line) => this.row(row, line),
      (line, reason) => sink.problem(line, reason),
    );
  }

  push(text: string): void {
    this.framer.push(text);
  }

  end(): void {
    this.framer.end();
  }

  protected abstract row(row: string[], line: number): boolean;
}
