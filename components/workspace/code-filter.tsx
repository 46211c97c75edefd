'use client';

import { formatCount } from '@/components/ui/format';
import { codeName, type CodeDim } from './code-names';

export interface CodeOption {
  code: number;
  name: string;
  count: number;
}

/**
 * A folding checkbox list choosing statuses or record types (several at once). Codes chosen
 * but absent from the loaded data (from a link) are listed too, with no count.
 */
export function CodeFilter({ dim, label, options, selected, onToggle }: {
  dim: CodeDim;
  label: string;
  options: readonly CodeOption[];
  selected: readonly number[] | undefined;
  onToggle: (code: number) => void;
}) {
  const chosen = selected ?? [];
  const listed = [...options, ...chosen.filter((c) => !options.some((o) => o.code === c)).map((code) => ({ code, name: codeName(dim, code), count: null }))];
  return (
    <details className="code-filter">
      <summary>
        {label}
        {chosen.length > 0 ? ` (${chosen.length})` : ''}
      </summary>
      <fieldset className="code-filter-list">
        <legend className="visually-hidden">{label} filter</legend>
        {listed.map((o) => (
          <label key={o.code} className="code-filter-option">
            <input type="checkbox" checked={chosen.includes(o.code)} onChange={() => onToggle(o.code)} />
            <span className="chip-value">{o.name}</span>
            <span className="muted">{o.count === null ? 'not in the data' : formatCount(o.count)}</span>
          </label>
        ))}
        {listed.length === 0 ? <span className="muted">None in the loaded data.</span> : null}
      </fieldset>
    </details>
  );
}
