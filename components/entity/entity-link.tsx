'use client';

import type { ReactNode } from 'react';
import { ViewLink } from '@/components/ui/view-link';
import { entityParam } from '@/components/workspace/view-state';

export type EntityDim = 'process' | 'domain' | 'host';

const NOUN: Record<EntityDim, string> = { process: 'Process', domain: 'Domain', host: 'Host' };

/** A real link to an entity page (it opens in a new tab too) that switches the view in place on a plain click. */
export function EntityLink({ dim, entityRef, label, onEntity, children }: {
  dim: EntityDim;
  entityRef: number;
  /** the entity's name, for the accessible name */
  label: string;
  onEntity: (entity: string) => void;
  children?: ReactNode;
}) {
  const ent = entityParam(dim, entityRef);
  return (
    <ViewLink href={`?view=entity&ent=${ent}`} aria-label={`${NOUN[dim]} page: ${label === '' ? '(none)' : label}`} onOpen={() => onEntity(ent)}>
      {children ?? (label === '' ? '(none)' : label)}
    </ViewLink>
  );
}
