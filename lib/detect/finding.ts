import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Finding } from '../schema/findings';
import type { DetectContext } from './context';
import type { DetectorMeta, RawFinding } from './types';

export const MAX_EXAMPLES = 20;

/** Stable id: the same detector and entity give the same id in every run and on every machine. */
export function findingId(detector: string, entity: RawFinding['entity'], discriminator = ''): string {
  const parts = [detector, entity.domain ?? '', entity.qname ?? '', entity.host ?? '', entity.process ?? ''];
  if (discriminator !== '') parts.push(discriminator);
  const key = parts.join('\u0000');
  return bytesToHex(sha256(utf8ToBytes(key))).slice(0, 16);
}

const round1 = (x: number) => Math.round(Math.max(0, Math.min(10, x)) * 10) / 10;

/**
 * Turns a detector's raw finding into the findings-JSON shape: evidence counts, first/last seen,
 * and up to {@link MAX_EXAMPLES} example rows in time order pointing at their input line.
 */
export function toFinding(ctx: DetectContext, meta: DetectorMeta, raw: RawFinding): Finding {
  const rows = Array.from(raw.rows);
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    const t = ctx.time(r);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const picked = rows.length <= MAX_EXAMPLES ? rows.slice() : pickExamples(rows, MAX_EXAMPLES);
  picked.sort((a, b) => ctx.time(a) - ctx.time(b) || a - b);
  const store = ctx.store;
  const entity = Object.fromEntries(Object.entries(raw.entity).filter(([, v]) => v !== undefined && v !== ''));
  return {
    id: findingId(meta.id, raw.entity, raw.key),
    detector: meta.id,
    title: raw.title,
    severity: raw.severity,
    score: round1(raw.score),
    entity,
    evidence: {
      events: rows.length,
      firstSeen: new Date(Number.isFinite(first) ? first : 0).toISOString(),
      lastSeen: new Date(Number.isFinite(last) ? last : 0).toISOString(),
      examples: picked.map((r) => ({
        input: store.inputOf(r),
        line: store.line.get(r),
        qname: ctx.qnameText(r),
        answers: ctx.answers(r).map((a) => a.value),
      })),
    },
    details: { ...raw.details },
  };
}

/** The first half of the budget from the start, the rest spread evenly over the remainder. */
function pickExamples(rows: readonly number[], n: number): number[] {
  const head = Math.ceil(n / 2);
  const out = rows.slice(0, head);
  const rest = rows.length - head;
  const step = rest / (n - head);
  for (let i = 0; i < n - head; i++) out.push(rows[head + Math.floor(i * step)] as number);
  return out;
}
