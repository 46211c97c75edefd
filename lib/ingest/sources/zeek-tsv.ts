import type { SourceAdapter } from '../types';

// PLACEHOLDER: replaced by the real adapter.
export const zeekTsv: SourceAdapter = {
  id: 'zeek-tsv',
  label: 'Zeek dns.log (TSV)',
  fields: [],
  sniff: () => 0,
  open: () => {
    throw new Error('not implemented');
  },
};
