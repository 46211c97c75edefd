/**
 * Detector coverage of one input: which detectors its fields let run, and for the others which
 * fields are missing and why the format does not have them. Pure; shared by the UI and tests.
 */
import type { EventField } from '../ingest/types';
import { DETECTORS } from './registry';
import type { Detector } from './types';

export interface DetectorCoverage {
  id: string;
  title: string;
  canRun: boolean;
  /** required fields the input does not provide, in the detector's order */
  missing: EventField[];
  /** why it cannot run ("needs the resolver address; Sysmon DNS events do not record which server answered"); '' when it can */
  reason: string;
}

/** What each logical field is, as a reason names it. */
const FIELD_NAMES: Readonly<Record<EventField, string>> = {
  time: 'the event time',
  host: 'the host name',
  user: 'the user',
  process: 'the process that asked',
  qname: 'the query name',
  qtype: 'the query type',
  status: 'the response status',
  answers: 'the answers',
  ttl: 'the answer TTLs',
  resolver: 'the resolver address',
  client: 'the client address',
};

/** Why a family of formats lacks a field (keyed by the format id's prefix). */
const WHY_MISSING: readonly { prefix: string; label: string; fields: Partial<Record<EventField, string>> }[] = [
  {
    prefix: 'sysmon-eventviewer',
    label: 'Event Viewer CSV',
    fields: { host: 'Event Viewer CSV exports do not name the computer in each row' },
  },
  {
    prefix: 'sysmon',
    label: 'Sysmon',
    fields: {
      resolver: 'Sysmon DNS events do not record which server answered',
      client: 'Sysmon DNS events do not record the client address',
      ttl: 'Sysmon DNS events do not record answer TTLs',
    },
  },
  {
    prefix: 'zeek',
    label: 'Zeek',
    fields: {
      process: 'Zeek sees packets on the wire, not the process that sent them',
      user: 'Zeek sees packets on the wire, not the user behind them',
      host: 'Zeek logs client addresses, not host names',
    },
  },
];

function whyMissing(format: string | undefined, field: EventField): string | undefined {
  if (!format) return undefined;
  for (const f of WHY_MISSING) if (format.startsWith(f.prefix) && f.fields[field]) return f.fields[field];
  return undefined;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** The reason a detector cannot run on an input lacking `missing`. */
export function missingReason(missing: readonly EventField[], format?: string): string {
  if (missing.length === 0) return '';
  const needs = `needs ${listText(missing.map((f) => FIELD_NAMES[f]))}`;
  const whys = [...new Set(missing.map((f) => whyMissing(format, f) ?? `this format does not record ${FIELD_NAMES[f]}`))];
  return `${needs}; ${whys.join('; ')}`;
}

/**
 * Coverage of every detector for an input providing `fields` (unknown names are ignored).
 * `format` (the adapter id, e.g. `sysmon-splunk-csv`) makes the reasons specific.
 */
export function detectorCoverage(fields: Iterable<string>, format?: string, detectors: readonly Detector[] = DETECTORS): DetectorCoverage[] {
  const have = new Set<string>(fields);
  return detectors.map((d) => {
    const missing = d.meta.requiredFields.filter((f) => !have.has(f));
    return { id: d.meta.id, title: d.meta.title, canRun: missing.length === 0, missing, reason: missingReason(missing, format) };
  });
}
