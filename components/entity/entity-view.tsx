'use client';

import { useWorkerQuery } from '@/components/hunt/use-worker-query';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import type { SetViewState } from '@/components/workspace/use-view-state';
import { parseEntityRef, type ViewState } from '@/components/workspace/view-state';
import { EntityPage } from './entity-page';
import { EntityPicker } from './entity-picker';

const PICKER_DIMS = ['process', 'domain', 'host'] as const;

/** One process image, domain or host: its facts, who and what it queried, answers and findings. */
export function EntityView({ state, setState }: { state: ViewState; setState: SetViewState }) {
  const entity = parseEntityRef(state.entity);
  const { data, error } = useWorkerQuery<'entity'>(entity ? { kind: 'entity', entity } : null);
  const onEntity = (ent: string) => setState({ view: 'entity', entity: ent }, { push: true });
  const onTimeline = (ent: string) => setState({ view: 'timeline', entity: ent });

  const label = data?.label;
  return (
    <div className="entity-view">
      <EntityPicker dims={PICKER_DIMS} label="Entity" value={entity ? state.entity : undefined} currentLabel={label} onChange={onEntity} />
      {!entity ? (
        <EmptyState title="Choose an entity">Pick a process, domain or host above, or open one from a suspect&apos;s evidence or the timeline.</EmptyState>
      ) : error ? (
        <Alert title="The entity could not be shown">{error}</Alert>
      ) : !data ? (
        <p className="muted" role="note">
          Loading…
        </p>
      ) : label === null || label === undefined ? (
        <Alert title="Not in the loaded data">The linked entity is not in the loaded files.</Alert>
      ) : (
        <EntityPage data={{ ...data, label }} entity={state.entity ?? ''} onEntity={onEntity} onTimeline={onTimeline} />
      )}
    </div>
  );
}
