import type { SourceAdapter } from '../types';

// PLACEHOLDER: replaced by the real adapter.
export const sysmonEventViewerCsv: SourceAdapter = {
  id: 'sysmon-eventviewer-csv',
  label: 'Sysmon DNS (Event Viewer CSV)',
  fields: [],
  sniff: () => 0,
  open: () => {
    throw new Error('not implemented');
  },
};
