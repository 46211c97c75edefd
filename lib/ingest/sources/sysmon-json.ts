import type { SourceAdapter } from '../types';

// PLACEHOLDER: replaced by the real adapter.
export const sysmonJson: SourceAdapter = {
  id: 'sysmon-json',
  label: 'Sysmon DNS (JSON/NDJSON: NXLog, Winlogbeat, Sentinel)',
  fields: [],
  sniff: () => 0,
  open: () => {
    throw new Error('not implemented');
  },
};
