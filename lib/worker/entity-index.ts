import type { DetectContext } from '../detect/context';
import type { RefDimension } from './query-protocol';
import { rowsPerActor, rowsPerDomain } from '../query/row-counts';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Refs for hosts, process images and registrable domains: the index of a value in the sorted
 * distinct values of the loaded rows. The same files give the same refs in any order and on any
 * machine, so a URL can name a host by number without holding its name.
 */
export class EntityIndex {
  private readonly lists = new Map<RefDimension, { labels: string[]; refs: Map<string, number> }>();

  /** over every row of `ctx` (the loaded data: the engine makes a context per data version) */
  constructor(private readonly ctx: DetectContext) {}

  label(dim: RefDimension, ref: number): string | undefined {
    return this.list(dim).labels[ref];
  }

  ref(dim: RefDimension, label: string): number | undefined {
    return this.list(dim).refs.get(label);
  }

  size(dim: RefDimension): number {
    return this.list(dim).labels.length;
  }

  /** Refs whose label contains `needle` (case-insensitive), in ref order: how many, and the first `limit`. */
  search(dim: RefDimension, needle: string, limit: number): { matched: number; refs: number[] } {
    const n = needle.trim().toLowerCase();
    const refs: number[] = [];
    let matched = 0;
    this.list(dim).labels.forEach((label, ref) => {
      if (n !== '' && !label.toLowerCase().includes(n)) return;
      matched++;
      if (refs.length < limit) refs.push(ref);
    });
    return { matched, refs };
  }

  private list(dim: RefDimension) {
    let l = this.lists.get(dim);
    if (!l) {
      const labels = this.distinct(dim).sort(byCodeUnit);
      l = { labels, refs: new Map(labels.map((s, i) => [s, i])) };
      this.lists.set(dim, l);
    }
    return l;
  }

  private distinct(dim: RefDimension): string[] {
    const ctx = this.ctx;
    if (dim === 'domain') {
      const rows = rowsPerDomain(ctx);
      const labels: string[] = [];
      for (let d = 0; d < rows.length; d++) if ((rows[d] as number) > 0) labels.push(ctx.domainText(d));
      return labels;
    }
    const ids = new Set<number>();
    const actors = ctx.store.actors;
    const rows = rowsPerActor(ctx);
    const column = dim === 'host' ? actors.host : actors.image;
    for (let a = 0; a < rows.length; a++) if ((rows[a] as number) > 0) ids.add(column.get(a));
    return [...new Set([...ids].map((id) => ctx.text(id)))];
  }
}
