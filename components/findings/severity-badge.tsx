import type { Severity } from '@/lib/detect/types';

/** Severity as a coloured word (the word carries the meaning; colour only repeats it). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}
