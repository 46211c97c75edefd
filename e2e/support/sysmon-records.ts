import { readFileSync } from 'node:fs';

/** One Sysmon record of a JSON-lines export, read in Node to know what the page must show. */
export interface SysmonRecord {
  line: number;
  eventId: number;
  /** the event's fields, whether flat (Mordor) or in a JSON string `EventData` (Sentinel) */
  data: Readonly<Record<string, unknown>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Microsoft-Windows-Sysmon records of a JSON-lines file (flat Mordor or Sentinel WindowsEvent shape). */
export function readSysmonJsonl(file: string): SysmonRecord[] {
  const out: SysmonRecord[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    const r: unknown = JSON.parse(text);
    if (!isRecord(r)) return;
    const provider = r['Provider'] ?? r['SourceName'];
    if (provider !== 'Microsoft-Windows-Sysmon') return;
    const ed = r['EventData'];
    const parsed: unknown = typeof ed === 'string' ? JSON.parse(ed) : r;
    if (!isRecord(parsed)) return;
    out.push({ line: i + 1, eventId: Number(r['EventID']), data: parsed });
  });
  return out;
}

/** A field as text ('' when absent). */
export function field(r: SysmonRecord, name: string): string {
  const v = r.data[name];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` → algorithm → lower-case hex. */
export function parseHashes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [alg, value] = part.split('=');
    if (alg && value) out[alg.trim().toUpperCase()] = value.trim().toLowerCase();
  }
  return out;
}
