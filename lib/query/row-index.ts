import type { DetectContext } from '../detect/context';
import { groupRows, type RowGroups } from '../detect/util/stats';

export type IndexedDimension = 'host' | 'process' | 'domain';

/**
 * Rows of each host, process image and registrable domain, grouped once per dataset (a counting
 * sort, 4 bytes per row per dimension, built the first time a view filters by it). A view
 * narrowed to one entity then reads only that entity's rows instead of every loaded row.
 */
export class RowIndex {
  private readonly built = new Map<IndexedDimension, { groups: RowGroups; byKey: Map<number, number> }>();

  constructor(
    private readonly ctx: DetectContext,
    /** rows [0, rows) are indexed */
    private readonly rows: number,
  ) {}

  /** The rows (ascending) whose `dim` has the given label; empty when none. */
  rowsOf(dim: IndexedDimension, label: string): Int32Array {
    const { groups, byKey } = this.index(dim);
    const key = this.keyOf(dim, label);
    if (key < 0) return new Int32Array(0);
    const g = byKey.get(key);
    return g === undefined ? new Int32Array(0) : groups.rows.subarray(groups.start[g] as number, groups.start[g + 1] as number);
  }

  /** Builds the index of `dim` now (the first filter by it is then a lookup); false when it was built. */
  prepare(dim: IndexedDimension): boolean {
    if (this.built.has(dim)) return false;
    this.index(dim);
    return true;
  }

  private keyOf(dim: IndexedDimension, label: string): number {
    if (dim === 'domain') return this.ctx.domains.lookup(label);
    return this.ctx.store.strings.lookup(label);
  }

  private index(dim: IndexedDimension) {
    let ix = this.built.get(dim);
    if (!ix) {
      const ctx = this.ctx;
      const actors = ctx.store.actors;
      const outer =
        dim === 'domain'
          ? (r: number) => ctx.domain(r)
          : dim === 'host'
            ? (r: number) => actors.host.get(ctx.actor(r))
            : (r: number) => actors.image.get(ctx.actor(r));
      const groups = groupRows(this.rows, outer);
      const byKey = new Map<number, number>();
      for (let g = 0; g < groups.count; g++) byKey.set(groups.keys[g] as number, g);
      ix = { groups, byKey };
      this.built.set(dim, ix);
    }
    return ix;
  }
}
