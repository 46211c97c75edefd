import type { SourceAdapter } from '../types';

// PLACEHOLDER: replaced by the real adapter.
export const zeekJson: SourceAdapter = {
  id: 'zeek-json',
  label: 'Zeek dns.log (JSON)',
  fields: [],
  sniff: () => 0,
  open: () => {
    throw new Error('not implemented');
  },
};
