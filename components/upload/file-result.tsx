import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { formatBytes, formatCount, formatUtc } from '@/components/ui/format';
import type { InputSummary } from '@/lib/schema/findings';
import type { FileEntry } from './ingest-state';
import { CoverageList } from './coverage-list';
import { ProblemList } from './problem-list';

/** "NOERROR 1,900 · NXDOMAIN 12", largest first. */
function countsText(counts: Readonly<Record<string, number>>, sep = ' ', join = ' · '): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k}${sep}${formatCount(n)}`)
    .join(join);
}

/** The file's SHA-256; computed after the findings are shown, so for a moment not yet there. */
function Sha256Fact({ sha256, error }: { sha256: string; error: string | null }) {
  if (sha256) return <dd className="hash">{sha256}</dd>;
  if (error) return <dd className="muted">{error}</dd>;
  return (
    <dd className="muted" aria-busy="true">
      computing…
    </dd>
  );
}

function SummaryFacts({ summary, digestError }: { summary: InputSummary; digestError: string | null }) {
  const others = countsText(summary.otherRecords, ': ', '; ');
  return (
    <dl className="facts">
      <dt>Format</dt>
      <dd>{summary.formatLabel}</dd>
      <dt>DNS events</dt>
      <dd className="facts-number">{formatCount(summary.events)}</dd>
      <dt>Time range</dt>
      <dd>
        {summary.timeRange ? (
          <>
            <time dateTime={summary.timeRange.first}>{formatUtc(summary.timeRange.first)}</time>
            {' → '}
            <time dateTime={summary.timeRange.last}>{formatUtc(summary.timeRange.last)}</time>
            {summary.timeBasis ? <span className="muted block">Time basis: {summary.timeBasis}</span> : null}
          </>
        ) : (
          'none'
        )}
      </dd>
      {summary.events > 0 ? (
        <>
          <dt>Status mix</dt>
          <dd>
            {countsText(summary.statusMix)}
            <span className="muted block">Codes as logged: {countsText(summary.statusCodes, ': ', '; ')}</span>
          </dd>
        </>
      ) : null}
      <dt>Process facts</dt>
      <dd>{formatCount(summary.processFacts)}</dd>
      {others ? (
        <>
          <dt>Other records</dt>
          <dd>{others}</dd>
        </>
      ) : null}
      <dt>Skipped rows</dt>
      <dd className="facts-number">{formatCount(summary.skipped)}</dd>
      <dt>Size</dt>
      <dd>{formatBytes(summary.bytes)}</dd>
      <dt>SHA-256</dt>
      <Sha256Fact sha256={summary.sha256} error={digestError} />
    </dl>
  );
}

/** What became of one file: its summary, the reason it could not be read, or its cancellation. */
export function FileResult({ file }: { file: FileEntry }) {
  if (file.status === 'cancelled') {
    return (
      <Card id={file.id} title={file.name} tone="muted">
        <p>Cancelled: none of its rows were kept.</p>
      </Card>
    );
  }
  if (file.status === 'failed' || !file.summary) {
    return (
      <Card id={file.id} title={file.name} tone="danger">
        <Alert title={`Could not read ${file.name}`}>{file.message ?? 'Unknown error.'}</Alert>
      </Card>
    );
  }
  const s = file.summary;
  return (
    <Card id={file.id} title={file.name} tone={s.error ? 'danger' : 'default'}>
      {s.error ? <Alert title={`Could not read ${file.name}`}>{s.error}</Alert> : <SummaryFacts summary={s} digestError={file.digestError} />}
      {!s.error && file.fields ? <CoverageList fields={file.fields} format={s.format} /> : null}
      <ProblemList skipped={s.skipped} problems={s.problems} truncated={s.problemsTruncated} />
    </Card>
  );
}
