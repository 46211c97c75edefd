import type { SourceAdapter } from '../types';

// PLACEHOLDER: replaced by the real adapter.
export const sysmonSplunkCsv: SourceAdapter = {
  id: 'sysmon-splunk-csv',
  label: 'Sysmon DNS (Splunk CSV)',
  fields: [],
  sniff: () => 0,
  open: () => {
    throw new Error('not implemented');
  },
};
