import { z } from 'zod';
import { STATUS_ORDER } from '../store/event-store';
import type { DetectContext } from '../detect/context';

/** What the analyst narrowed the views to. Strings are matched exactly (ids), `search` as a substring. */
export const ViewFilterSchema = z.strictObject({
  from: z.number().optional(),
  to: z.number().optional(),
  host: z.string().max(1024).optional(),
  process: z.string().max(4096).optional(),
  domain: z.string().max(1024).optional(),
  statuses: z.array(z.enum(STATUS_ORDER)).max(STATUS_ORDER.length).optional(),
  qtypes: z.array(z.number().int().min(0).max(65535)).max(64).optional(),
  /** substring of the normalised query name */
  search: z.string().max(256).optional(),
});
export type ViewFilter = z.infer<typeof ViewFilterSchema>;

/**
 * A row test; `rows`, when set, lists (ascending) every row that can pass, so a scan may read
 * just those ({@link scanSize}, {@link scanRow}).
 */
export type RowPredicate = ((row: number) => boolean) & {
  /** the only rows that can pass, ascending (an entity's rows from the row index) */
  rows?: ArrayLike<number>;
  /** every row of `rows` passes (below the loaded count): a scan may take them without calling the predicate */
  exact?: boolean;
};

/** The predicate of no filter: a scan may skip calling it. */
export const EVERY_ROW: RowPredicate = () => true;

/** How many rows a scan with `keep` reads, and the row at each step: its candidates when it has them, else 0..size-1. */
export function scanSize(keep: RowPredicate, size: number): number {
  return keep.rows ? keep.rows.length : size;
}

export function scanRow(keep: RowPredicate, i: number): number {
  return keep.rows ? (keep.rows[i] as number) : i;
}

/**
 * Compiles a filter into a row predicate working on numeric ids only: strings are resolved
 * once, and per-distinct-name search results are cached, so a pass over a million rows costs
 * a few milliseconds.
 */
export function compileFilter(ctx: DetectContext, f: ViewFilter): RowPredicate {
  const tests: RowPredicate[] = [];
  if (f.from !== undefined) {
    const from = f.from;
    tests.push((r) => ctx.time(r) >= from);
  }
  if (f.to !== undefined) {
    const to = f.to;
    tests.push((r) => ctx.time(r) <= to);
  }
  if (f.host !== undefined) {
    const host = f.host;
    tests.push((r) => ctx.host(r) === host);
  }
  if (f.process !== undefined) {
    const wanted = new Set<number>();
    for (let p = 0; p < ctx.processCount; p++) if (ctx.processEntity(p).process === f.process) wanted.add(p);
    tests.push((r) => wanted.has(ctx.process(r)));
  }
  if (f.domain !== undefined) {
    // interning by value gives the id rows of that domain get, computed or not yet
    const did = ctx.domains.intern(f.domain);
    tests.push((r) => ctx.domain(r) === did);
  }
  if (f.statuses !== undefined) {
    const ok = new Uint8Array(STATUS_ORDER.length);
    for (const s of f.statuses) ok[STATUS_ORDER.indexOf(s)] = 1;
    tests.push((r) => ok[ctx.statusIndex(r)] === 1);
  }
  if (f.qtypes !== undefined) {
    const ok = new Set(f.qtypes);
    tests.push((r) => ok.has(ctx.qtype(r)));
  }
  if (f.search !== undefined && f.search !== '') {
    const needle = f.search.toLowerCase();
    const cache = new Map<number, boolean>();
    tests.push((r) => {
      const q = ctx.qname(r);
      let hit = cache.get(q);
      if (hit === undefined) {
        hit = ctx.text(q).includes(needle);
        cache.set(q, hit);
      }
      return hit;
    });
  }
  if (tests.length === 0) return EVERY_ROW;
  if (tests.length === 1) return tests[0] as RowPredicate;
  return (r) => {
    for (const t of tests) if (!t(r)) return false;
    return true;
  };
}
