import type { DetectContext } from '../detect/context';
import { eachBlock, type Column } from '../store/column';

/*
 * Rows per actor, per registrable domain and per outcome over every row of a context, counted
 * once per context (DetectContext.memo) and shared, read-only, by what the first view after a load
 * asks for: the status and record-type filters (outcomes), the overview's totals (outcomes) and
 * top lists (actors, domains), and the entity index's refs (which actors and domains the rows
 * have). Each was a pass of its own over the column before: at 10M rows ~40 ms each (Node).
 */

const PER_ACTOR = Symbol('rows per actor');
const PER_DOMAIN = Symbol('rows per domain');
const PER_OUTCOME = Symbol('rows per outcome');

/** Rows per id (0..ids) of a store column of ids, over its first `rows` rows, a block at a time. */
function rowsPerId<T extends Uint32Array | Uint16Array>(col: Column<T>, rows: number, ids: number): Float64Array {
  const counts = new Float64Array(ids);
  eachBlock(col, rows, (block) => {
    for (let i = 0; i < block.length; i++) counts[block[i] as number] = (counts[block[i] as number] as number) + 1;
  });
  return counts;
}

/** Rows per actor id (the store's actors table), every row of the context. */
export function rowsPerActor(ctx: DetectContext): Readonly<Float64Array> {
  return ctx.memo(PER_ACTOR, () => rowsPerId(ctx.store.actor, ctx.size, ctx.store.actors.size));
}

/** Rows per registrable domain id (the context's domains), every row of the context. */
export function rowsPerDomain(ctx: DetectContext): Readonly<Float64Array> {
  return ctx.memo(PER_DOMAIN, () => {
    const domains = ctx.domainColumn();
    const counts = new Float64Array(ctx.domainCount());
    for (let r = 0; r < ctx.size; r++) counts[domains[r] as number] = (counts[domains[r] as number] as number) + 1;
    return counts;
  });
}

/** Rows per outcome id (EventStore.outcomes: a record type, status and status code), every row of the context. */
export function rowsPerOutcome(ctx: DetectContext): Readonly<Float64Array> {
  return ctx.memo(PER_OUTCOME, () => rowsPerId(ctx.store.outcome, ctx.size, ctx.store.outcomes.qtype.length));
}
