import type { DetectContext } from '../detect/context';
import type { RefDimension } from './query-protocol';
import { eachBlock } from '../store/column';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Refs for hosts, process images and registrable domains: the index of a value in the sorted
 * distinct values of the loaded rows. The same files give the same refs in any order and on any
 * machine, so a URL can name a host by number without holding its name.
 */
export class EntityIndex {
  private readonly lists = new Map<RefDimension, { labels: string[]; refs: Map<string, number> }>();

  /** `rows`: how many rows of the context are loaded data (later rows are still being read) */
  constructor(
    private readonly ctx: DetectContext,
    private readonly rows: number,
  ) {}

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

  private seenActors: Uint8Array | null = null;

  /** Which actors the loaded rows have (1 = seen): one pass over the actor column for hosts and processes both. */
  private actorsSeen(): Uint8Array {
    if (this.seenActors) return this.seenActors;
    const seen = new Uint8Array(this.ctx.store.actors.size);
    eachBlock(this.ctx.store.actor, this.rows, (block) => {
      for (let i = 0; i < block.length; i++) seen[block[i] as number] = 1;
    });
    return (this.seenActors = seen);
  }

  private distinct(dim: RefDimension): string[] {
    const ctx = this.ctx;
    if (dim === 'domain') {
      const seen = new Uint8Array(ctx.domainCount());
      const domains = ctx.domainColumn();
      for (let r = 0; r < this.rows; r++) seen[domains[r] as number] = 1;
      const labels: string[] = [];
      for (let d = 0; d < seen.length; d++) if (seen[d]) labels.push(ctx.domainText(d));
      return labels;
    }
    const ids = new Set<number>();
    const actors = ctx.store.actors;
    const seen = this.actorsSeen();
    const column = dim === 'host' ? actors.host : actors.image;
    for (let a = 0; a < seen.length; a++) if (seen[a]) ids.add(column.get(a));
    return [...new Set([...ids].map((id) => ctx.text(id)))];
  }
}
