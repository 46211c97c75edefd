import type { DetectContext } from '../detect/context';
import { EVERY_ROW, scanRow, scanSize, type RowPredicate } from './filter';
import { rowsPerActor, rowsPerDomain } from './row-counts';

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
  let perActor: Readonly<Float64Array>;
  let perDomainId: Readonly<Float64Array>;
  if (keep === EVERY_ROW) {
    // every row: counted once per context, shared with the entity index
    perActor = rowsPerActor(ctx);
    perDomainId = rowsPerDomain(ctx);
  } else {
    // per domain id in a typed array (domain ids run from 0 to the count): no map operation per row
    const domains = ctx.domainColumn();
    const actorCounts = new Float64Array(actors.size);
    const domainCounts = new Float64Array(ctx.domainCount());
    for (let i = 0, n = scanSize(keep, ctx.size); i < n; i++) {
      const r = scanRow(keep, i);
      if (!keep(r)) continue;
      const a = ctx.actor(r);
      actorCounts[a] = (actorCounts[a] as number) + 1;
      const d = domains[r] as number;
      domainCounts[d] = (domainCounts[d] as number) + 1;
    }
    perActor = actorCounts;
    perDomainId = domainCounts;
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
