/** Native progress bar (implicit role=progressbar) with an accessible name. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const top = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), top);
  return (
    <progress className="progress" aria-label={label} value={clamped} max={top}>
      {Math.round((clamped / top) * 100)}%
    </progress>
  );
}
