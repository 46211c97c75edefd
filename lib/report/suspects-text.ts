import type { Suspect } from '../score/suspects';

/** Plain-text lines listing suspects by score with their indicators (CLI readable mode). */
export function suspectLines(suspects: readonly Suspect[], max = 25): string[] {
  if (suspects.length === 0) return ['Suspects: none.'];
  const out = [`Suspects (${suspects.length}), by score:`];
  suspects.slice(0, max).forEach((s, i) => {
    out.push(`${String(i + 1).padStart(3)}. ${s.score.toFixed(1).padStart(4)}/10 ${s.severity.toUpperCase().padEnd(8)} ${s.label}`);
    if (s.domains.length) out.push(`        domains: ${s.domains.slice(0, 5).join(', ')}${s.domains.length > 5 ? ` (+${s.domains.length - 5})` : ''}`);
    for (const f of s.findings.slice(0, 6)) {
      const ex = f.evidence.examples[0];
      const where = ex ? ` — e.g. input ${ex.input} line ${ex.line}: ${ex.qname}` : '';
      out.push(`        [${f.severity}] ${f.title} (${f.evidence.events} events)${where}`);
    }
    if (s.findings.length > 6) out.push(`        … ${s.findings.length - 6} more indicators`);
  });
  if (suspects.length > max) out.push(`… ${suspects.length - max} more suspects (see --json)`);
  return out;
}
