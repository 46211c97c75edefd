import type { ReactNode } from 'react';

/** A labelled figure: the label names the value for assistive technology. */
export function Stat({ id, label, value, detail }: { id: string; label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="stat" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="stat-label">
        {label}
      </span>
      <span className="stat-value" data-testid={`${id}-value`}>
        {value}
      </span>
      {detail ? <span className="stat-detail muted">{detail}</span> : null}
    </div>
  );
}
