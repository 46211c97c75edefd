'use client';

import { Button } from '@/components/ui/button';
import { Truncated } from '@/components/ui/truncated';
import type { FilterLabelsResult } from '@/lib/worker/query-results';
import { CODE_DIMS, codeName } from './code-names';
import type { SetViewState } from './use-view-state';
import { toggleCode, type ViewState } from './view-state';

const REF_CHIPS = [
  { dim: 'host', label: 'Host' },
  { dim: 'process', label: 'Process' },
  { dim: 'domain', label: 'Domain' },
] as const;

interface Chip {
  key: string;
  label: string;
  text: string;
  remove: () => void;
}

/** One removable chip per host, process, domain, status and record type the views are narrowed to. */
export function FilterChips({ state, setState, labels }: { state: ViewState; setState: SetViewState; labels: FilterLabelsResult | null }) {
  const chips: Chip[] = [];
  for (const c of REF_CHIPS) {
    const ref = state[c.dim];
    if (ref === undefined) continue;
    const name = labels?.[c.dim];
    const text = name === undefined ? '…' : name === null ? `#${ref} (not in the loaded data)` : name;
    chips.push({ key: c.dim, label: c.label, text, remove: () => setState({ [c.dim]: undefined, pivotPage: 0 }) });
  }
  for (const c of CODE_DIMS) {
    for (const code of state[c.dim] ?? []) {
      const text = codeName(c.dim, code);
      chips.push({ key: `${c.dim}-${code}`, label: c.label, text, remove: () => setState({ [c.dim]: toggleCode(state[c.dim], code), pivotPage: 0 }) });
    }
  }
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label="Active filters">
      {chips.map((c) => (
        <li key={c.key} className="chip">
          <span className="chip-label">{c.label}:</span> <Truncated text={c.text} className="chip-value" />
          <button type="button" className="chip-remove" aria-label={`Remove the ${c.label.toLowerCase()} filter ${c.text}`} onClick={c.remove}>
            ×
          </button>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <Button onClick={() => setState({ host: undefined, process: undefined, domain: undefined, statuses: undefined, qtypes: undefined, pivotPage: 0 })}>Remove all</Button>
        </li>
      ) : null}
    </ul>
  );
}
