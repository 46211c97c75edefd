import type { DetectContext } from '../detect/context';
import { eachBlock } from '../store/column';
import { EVERY_ROW, scanRow, scanSize, type RowPredicate } from './filter';

export type TopDimension = 'host' | 'process' | 'domain';

export interface TopCount {
  key: string;
  count: number;
}

/**
 * Top hosts, process images and registrable domains of the kept rows in one pass: rows are
 * counted per actor (host + process) and per domain id, then folded into strings. Ties are
 * broken by the key so the lists are the same on every run.
 */
export function topCounts(ctx: DetectContext, keep: RowPredicate, n: number): Record<TopDimension, TopCount[]> {
  const actors = ctx.store.actors;
  const perActor = new Float64Array(actors.size);
  // per domain id in a typed array (domain ids run from 0 to the count): no map operation per row
  const domains = ctx.domainColumn();
  const perDomainId = new Float64Array(ctx.domainCount());
  if (keep === EVERY_ROW) {
    // every row: the actor column block by block, the domain ids in one loop
    eachBlock(ctx.store.actor, ctx.size, (block) => {
      for (let i = 0; i < block.length; i++) perActor[block[i] as number] = (perActor[block[i] as number] as number) + 1;
    });
    for (let r = 0; r < ctx.size; r++) perDomainId[domains[r] as number] = (perDomainId[domains[r] as number] as number) + 1;
  } else {
    for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
      const r = scanRow(keep, i);
      if (!keep(r)) continue;
      const a = ctx.actor(r);
      perActor[a] = (perActor[a] as number) + 1;
      const d = domains[r] as number;
      perDomainId[d] = (perDomainId[d] as number) + 1;
    }
  }
  const perDomain = new Map<number, number>();
  for (let d = 0; d < perDomainId.length; d++) if ((perDomainId[d] as number) > 0) perDomain.set(d, perDomainId[d] as number);
  const hosts = new Map<number, number>();
  const images = new Map<number, number>();
  for (let a = 0; a < perActor.length; a++) {
    const c = perActor[a] as number;
    if (c === 0) continue;
    const h = actors.host.get(a);
    hosts.set(h, (hosts.get(h) ?? 0) + c);
    const im = actors.image.get(a);
    images.set(im, (images.get(im) ?? 0) + c);
  }
  return {
    host: best(hosts, (id) => ctx.text(id), n),
    process: best(images, (id) => ctx.text(id), n),
    domain: best(perDomain, (id) => ctx.domainText(id), n),
  };
}

function best(counts: ReadonlyMap<number, number>, label: (id: number) => string, n: number): TopCount[] {
  return [...counts.entries()]
    .map(([id, count]) => ({ key: label(id), count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n);
}
