import { formatCount } from '@/components/ui/format';
import type { Problem } from '@/lib/schema/findings';

/** How many problems are listed in the page; the summary holds up to MAX_PROBLEMS. */
const SHOWN = 200;

/** Skipped rows with their line and reason, collapsed until the user opens them. */
export function ProblemList({ skipped, problems, truncated }: { skipped: number; problems: readonly Problem[]; truncated: boolean }) {
  if (skipped === 0) return null;
  const shown = problems.slice(0, SHOWN);
  const more = truncated || problems.length > shown.length;
  return (
    <details className="problems">
      <summary>
        {formatCount(skipped)} skipped {skipped === 1 ? 'row' : 'rows'}: show {skipped === 1 ? 'reason' : 'reasons'}
      </summary>
      <ol className="problem-list">
        {shown.map((p, i) => (
          <li key={i}>
            <span className="problem-line">line {p.line}:</span> <span className="problem-reason">{p.reason}</span>
          </li>
        ))}
      </ol>
      {more ? (
        <p className="muted">
          Showing the first {formatCount(shown.length)} of {formatCount(skipped)} skipped rows.
        </p>
      ) : null}
    </details>
  );
}
