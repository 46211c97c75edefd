import { detectorCoverage } from '@/lib/detect/coverage';

/**
 * Which detectors the file's fields let run, and for the others what is missing and why;
 * folded until the user opens it.
 */
export function CoverageList({ fields, format }: { fields: readonly string[]; format: string }) {
  const coverage = detectorCoverage(fields, format);
  const runnable = coverage.filter((c) => c.canRun).length;
  return (
    <details className="coverage">
      <summary>
        Detector coverage: {runnable} of {coverage.length} detectors can run
      </summary>
      <ul className="coverage-list" aria-label="Detector coverage">
        {coverage.map((c) => (
          <li key={c.id} className={c.canRun ? 'coverage-yes' : 'coverage-no'}>
            <span className="coverage-mark" aria-hidden="true">
              {c.canRun ? '✓' : '✗'}
            </span>{' '}
            <span className="coverage-title">{c.title}</span> <code className="muted">{c.id}</code>
            {': '}
            {c.canRun ? 'can run' : `cannot run: ${c.reason}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
