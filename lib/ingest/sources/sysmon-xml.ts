import type { SourceAdapter } from '../types';

// PLACEHOLDER: replaced by the real adapter.
export const sysmonXml: SourceAdapter = {
  id: 'sysmon-xml',
  label: 'Sysmon DNS (XML)',
  fields: [],
  sniff: () => 0,
  open: () => {
    throw new Error('not implemented');
  },
};
