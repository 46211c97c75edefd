/** Names of the status and record-type codes the URL holds (status: index in STATUS_ORDER; type: its number). */
import { qtypeFromText, qtypeName } from '@/lib/ingest/dns-codes';
import { STATUS_ORDER } from '@/lib/store/event-store';

export type CodeDim = 'statuses' | 'qtypes';

export const CODE_DIMS: readonly { dim: CodeDim; label: string }[] = [
  { dim: 'statuses', label: 'Status' },
  { dim: 'qtypes', label: 'Record type' },
];

export function codeName(dim: CodeDim, code: number): string {
  return dim === 'statuses' ? (STATUS_ORDER[code] ?? `#${code}`) : qtypeName(code);
}

/** The code of a chart series key (a status name, or a record type name such as `AAAA` or `TYPE65399`). */
export function codeOfName(dim: CodeDim, name: string): number | undefined {
  if (dim === 'statuses') {
    const i = (STATUS_ORDER as readonly string[]).indexOf(name);
    return i >= 0 ? i : undefined;
  }
  const code = qtypeFromText(name);
  return code > 0 || name === '?' ? code : undefined;
}
