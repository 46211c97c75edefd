/**
 * A timeline's points as the worker posts them: one typed array per field (transferred, not
 * copied; checked by type, length and range instead of thousands of objects parsed one by one).
 */
import { z } from 'zod';
import { STATUS_INDEX, STATUS_ORDER } from '../store/event-store';
import type { TimelinePoint } from './query-results';

const VALIDITY = ['ok', 'anomalous', 'none'] as const;
/** Points at most, and findings per point at most (as the object form allows). */
const MAX_POINTS = 20_000;
const MAX_FINDINGS = 64;

export interface TimelineColumns {
  row: Int32Array<ArrayBuffer>;
  time: Float64Array<ArrayBuffer>;
  domainIndex: Int32Array<ArrayBuffer>;
  /** index into STATUS_ORDER */
  status: Uint8Array<ArrayBuffer>;
  /** 0 ok, 1 anomalous, 2 none */
  validity: Uint8Array<ArrayBuffer>;
  /** point i's findings are `findings[findingStart[i]]` up to `findings[findingStart[i + 1]]` */
  findingStart: Int32Array<ArrayBuffer>;
  findings: Int32Array<ArrayBuffer>;
}

const validityCode = new Map<string, number>(VALIDITY.map((v, i) => [v, i]));

export function encodePoints(points: readonly TimelinePoint[]): TimelineColumns {
  const n = points.length;
  const c: TimelineColumns = {
    row: new Int32Array(n),
    time: new Float64Array(n),
    domainIndex: new Int32Array(n),
    status: new Uint8Array(n),
    validity: new Uint8Array(n),
    findingStart: new Int32Array(n + 1),
    findings: new Int32Array(points.reduce((k, p) => k + p.findings.length, 0)),
  };
  let k = 0;
  points.forEach((p, i) => {
    c.row[i] = p.row;
    c.time[i] = p.time;
    c.domainIndex[i] = p.domainIndex;
    c.status[i] = STATUS_INDEX.get(p.status) ?? 0;
    c.validity[i] = validityCode.get(p.validity) ?? 0;
    for (const f of p.findings) c.findings[k++] = f;
    c.findingStart[i + 1] = k;
  });
  return c;
}

const NO_FINDINGS: number[] = [];

export function decodePoints(c: TimelineColumns): TimelinePoint[] {
  const out = new Array<TimelinePoint>(c.row.length);
  for (let i = 0; i < c.row.length; i++) {
    const from = c.findingStart[i] as number;
    const to = c.findingStart[i + 1] as number;
    out[i] = {
      row: c.row[i] as number,
      time: c.time[i] as number,
      domainIndex: c.domainIndex[i] as number,
      status: STATUS_ORDER[c.status[i] as number] ?? 'NOERROR',
      validity: VALIDITY[c.validity[i] as number] ?? 'none',
      // the points without findings (nearly all) share one empty list
      findings: from === to ? NO_FINDINGS : Array.from(c.findings.subarray(from, to)),
    };
  }
  return out;
}

/** The buffers to transfer with a message carrying `c`. */
export function columnBuffers(c: TimelineColumns): ArrayBuffer[] {
  return [c.row, c.time, c.domainIndex, c.status, c.validity, c.findingStart, c.findings].map((a) => a.buffer);
}

/** Why `c` is not a valid set of columns, or null: the limits of the object form, checked per array. */
function columnsIssue(c: TimelineColumns): string | null {
  const n = c.row.length;
  if (n > MAX_POINTS) return `more than ${MAX_POINTS} points`;
  if ([c.time, c.domainIndex, c.status, c.validity].some((a) => a.length !== n) || c.findingStart.length !== n + 1) return 'columns of different lengths';
  if (c.findingStart[0] !== 0 || c.findingStart[n] !== c.findings.length) return 'finding lists out of bounds';
  for (let i = 0; i < n; i++) {
    const count = (c.findingStart[i + 1] as number) - (c.findingStart[i] as number);
    if (count < 0 || count > MAX_FINDINGS) return 'finding lists out of order or too long';
    if ((c.row[i] as number) < 0 || (c.domainIndex[i] as number) < 0 || !Number.isFinite(c.time[i])) return 'negative row or domain, or no time';
    if ((c.status[i] as number) >= STATUS_ORDER.length || (c.validity[i] as number) >= VALIDITY.length) return 'unknown status or validity';
  }
  return c.findings.some((f) => f < 0) ? 'negative finding index' : null;
}

export const TimelineColumnsSchema = z
  .strictObject({
    row: z.instanceof(Int32Array),
    time: z.instanceof(Float64Array),
    domainIndex: z.instanceof(Int32Array),
    status: z.instanceof(Uint8Array),
    validity: z.instanceof(Uint8Array),
    findingStart: z.instanceof(Int32Array),
    findings: z.instanceof(Int32Array),
  })
  .superRefine((c, ctx) => {
    const issue = columnsIssue(c);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  });
