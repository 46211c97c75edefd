import { isoUtc } from '@/components/ui/format';
import { Truncated } from '@/components/ui/truncated';
import type { VirtualColumn } from '@/components/ui/virtual-table';
import type { EventRow } from '@/lib/worker/query-results';

/** "NXDOMAIN (9003)": the unified status and the code as logged. */
export const statusText = (r: EventRow) => `${r.status} (${r.statusCode < 0 ? 'none' : r.statusCode})`;
export const pidText = (r: EventRow) => (r.pid < 0 ? '' : String(r.pid));
export const sourceText = (r: EventRow) => `${r.inputName}:${r.line}`;

const text = (s: string) => <Truncated text={s} />;

/** Evidence columns: raw values exactly as logged, each cut to its cell with the whole in a tooltip. */
export const EVIDENCE_COLUMNS: readonly VirtualColumn<EventRow>[] = [
  { key: 'time', header: 'Time (UTC)', width: '12.5rem', render: (r) => text(isoUtc(r.time)) },
  { key: 'host', header: 'Host', width: 'minmax(6rem, 1fr)', render: (r) => text(r.host) },
  { key: 'user', header: 'User', width: 'minmax(5rem, 0.8fr)', render: (r) => text(r.user) },
  { key: 'image', header: 'Process', width: 'minmax(8rem, 1.5fr)', render: (r) => text(r.image) },
  { key: 'pid', header: 'PID', width: '3.5rem', render: (r) => text(pidText(r)) },
  { key: 'qname', header: 'Query name (raw)', width: 'minmax(9.5rem, 2fr)', render: (r) => text(r.qnameRaw) },
  { key: 'qtype', header: 'Type', width: '4rem', render: (r) => text(r.qtypeName) },
  { key: 'status', header: 'Status (code)', width: '8rem', render: (r) => text(statusText(r)) },
  { key: 'answers', header: 'Answers (raw)', width: 'minmax(8.5rem, 2fr)', render: (r) => text(r.answersRaw) },
  { key: 'source', header: 'File:line', width: 'minmax(8rem, 1fr)', render: (r) => text(sourceText(r)) },
];
