import { qtypeName } from '../ingest/dns-codes';
import type { EventStore } from '../store/event-store';
import { MAX_TEXT, type EventRow } from './query-results';

/** Log text cut to what may cross to the page. */
export function clipText(s: string): string {
  return s.length <= MAX_TEXT ? s : s.slice(0, MAX_TEXT);
}

/** Cuts log text for the page; `clipped` names what was cut. */
export function clip(s: string, field: string, clipped: string[]): string {
  if (s.length <= MAX_TEXT) return s;
  clipped.push(field);
  return s.slice(0, MAX_TEXT);
}

/** One stored row as the page shows it: raw values exactly as logged (cut only past MAX_TEXT). */
export function toEventRow(store: EventStore, row: number): EventRow {
  const e = store.event(row);
  const cut: string[] = [];
  return {
    row,
    input: e.input,
    inputName: clip(store.inputs[e.input]?.name ?? '', 'inputName', cut),
    line: e.line,
    time: e.time,
    host: clip(e.host, 'host', cut),
    user: clip(e.user, 'user', cut),
    image: clip(e.image, 'image', cut),
    pid: e.pid,
    qname: clip(e.qname, 'qname', cut),
    qnameRaw: clip(e.qnameRaw, 'qnameRaw', cut),
    qtype: e.qtype,
    qtypeName: qtypeName(e.qtype),
    status: e.status,
    statusCode: e.statusCode,
    answersRaw: clip(e.answersRaw, 'answersRaw', cut),
    ttl: e.ttl,
    resolver: clip(e.resolver, 'resolver', cut),
    client: clip(e.client, 'client', cut),
    clipped: cut,
  };
}

/** A page of rows from a row list. */
export function rowPage(store: EventStore, rows: ArrayLike<number>, offset: number, limit: number): EventRow[] {
  const out: EventRow[] = [];
  const end = Math.min(rows.length, offset + limit);
  for (let i = offset; i < end; i++) out.push(toEventRow(store, rows[i] as number));
  return out;
}

/** Row ids in time order (ties by row), as a compact array. */
export function sortByTime(store: EventStore, rows: ArrayLike<number>): Uint32Array {
  const out = Uint32Array.from(rows as ArrayLike<number>);
  const times = new Float64Array(out.length);
  const order = Array.from(out.keys());
  for (let i = 0; i < out.length; i++) times[i] = store.time.get(out[i] as number);
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || (out[a] as number) - (out[b] as number));
  return Uint32Array.from(order, (i) => out[i] as number);
}
