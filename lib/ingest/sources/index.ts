import { SNIFF_CHARS, type SourceAdapter } from '../types';
import { sysmonEventViewerCsv } from './sysmon-eventviewer-csv';
import { sysmonJson } from './sysmon-json';
import { sysmonSplunkCsv } from './sysmon-splunk-csv';
import { sysmonXml } from './sysmon-xml';
import { zeekJson } from './zeek-json';
import { zeekTsv } from './zeek-tsv';

/** Every supported source, in the order their names are listed to users. */
export const ADAPTERS: readonly SourceAdapter[] = [
  sysmonSplunkCsv,
  sysmonEventViewerCsv,
  sysmonXml,
  sysmonJson,
  zeekTsv,
  zeekJson,
];

/** The adapter most confident about `head`, or null when none recognises it. */
export function pickAdapter(head: string, adapters: readonly SourceAdapter[] = ADAPTERS): SourceAdapter | null {
  const sample = head.length > SNIFF_CHARS ? head.slice(0, SNIFF_CHARS) : head;
  let best: SourceAdapter | null = null;
  let bestScore = 0;
  for (const a of adapters) {
    const s = a.sniff(sample);
    if (s > bestScore) {
      best = a;
      bestScore = s;
    }
  }
  return best;
}

export function supportedFormatsText(adapters: readonly SourceAdapter[] = ADAPTERS): string {
  return `Supported formats: ${adapters.map((a) => a.label).join('; ')}.`;
}
