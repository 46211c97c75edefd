import type { InputSummary } from '../schema/findings';

const nf = new Intl.NumberFormat('en-US');

/** Plain-text lines describing what was read from one input (CLI readable mode). */
export function inputSummaryLines(s: InputSummary, maxProblems = 10): string[] {
  const out: string[] = [s.name];
  const row = (k: string, v: string) => out.push(`  ${k.padEnd(11)}${v}`);
  if (s.error && s.events === 0) row('error', s.error);
  if (s.format !== 'unknown') row('format', `${s.formatLabel} [${s.format}]`);
  row('sha256', s.sha256);
  row('size', `${nf.format(s.bytes)} bytes`);
  row('DNS events', `${nf.format(s.events)}   skipped ${nf.format(s.skipped)}   process facts ${nf.format(s.processFacts)}`);
  if (s.timeRange) row('time range', `${s.timeRange.first} → ${s.timeRange.last}${s.timeBasis ? `  (${s.timeBasis})` : ''}`);
  const mix = Object.entries(s.statusMix).sort((a, b) => b[1] - a[1]);
  if (mix.length) row('status', mix.map(([k, v]) => `${k} ${nf.format(v)}`).join(' · '));
  const other = Object.entries(s.otherRecords).sort((a, b) => b[1] - a[1]);
  if (other.length) row('not DNS', other.map(([k, v]) => `${k}: ${nf.format(v)}`).join(' · '));
  if (s.error && s.events > 0) row('error', s.error);
  s.problems.slice(0, maxProblems).forEach((p, i) => row(i === 0 ? 'problems' : '', `line ${p.line}: ${p.reason}`));
  const more = s.skipped - Math.min(s.problems.length, maxProblems);
  if (more > 0) row(s.problems.length ? '' : 'problems', `… ${nf.format(more)} more (see --json)`);
  return out;
}
