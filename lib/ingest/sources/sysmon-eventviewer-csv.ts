/**
 * Event Viewer "Save All Events As… → CSV" (log-formats.md §1.5): the header names five columns
 * (`Level,Date and Time,Source,Event ID,Task Category`) but every row has six; the sixth is the
 * rendered message, whose `Key: value` lines carry the Sysmon fields. `Date and Time` is local
 * time in the exporting user's locale and is only used when the message has no UtcTime. There
 * is no computer column, so host is ''.
 */
import type { SourceAdapter } from '../types';
import { SysmonCsvReaderBase } from './sysmon-csv-base';
import { addMessageFields } from './sysmon-fields';
import { EVENT_VIEWER_HEADER } from './sysmon-splunk-csv';

class EventViewerCsvReader extends SysmonCsvReaderBase {
  private sawHeader = false;

  protected row(row: string[], line: number): boolean {
    if (!this.sawHeader) {
      this.sawHeader = true;
      const header = row.map((c) => c.trim()).join(',').replace(/^\uFEFF/, '');
      if (header.startsWith(EVENT_VIEWER_HEADER)) return true;
      // not our header (sniffing would not have picked us): read the line as data
    }
    if (row.length < 6) {
      this.sink.problem(line, `expected 6 fields (Level, Date and Time, Source, Event ID, Task Category, message), found ${row.length}`);
      return false;
    }
    const f = this.fields;
    f.clear();
    try {
      addMessageFields(f, row[5] as string);
      f.set('Provider', (row[2] as string).trim());
      f.set('EventID', (row[3] as string).trim());
      f.set('Date and Time', (row[1] as string).trim());
    } catch (e) {
      this.sink.problem(line, `could not read the row: ${e instanceof Error ? e.message : String(e)}`);
      return true;
    }
    this.mapper.handle(f, line);
    return true;
  }
}

function sniff(head: string): number {
  const first = head.replace(/^\uFEFF/, '').trimStart().split('\n', 1)[0] ?? '';
  const cells = first.replace(/\r$/, '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return cells.slice(0, 5).join(',') === EVENT_VIEWER_HEADER ? 0.95 : 0;
}

export const sysmonEventViewerCsv: SourceAdapter = {
  id: 'sysmon-eventviewer-csv',
  label: 'Sysmon DNS (Event Viewer CSV)',
  fields: ['time', 'user', 'process', 'qname', 'qtype', 'status', 'answers'],
  sniff,
  open: (sink) => new EventViewerCsvReader(sink),
};
