'use client';

import { HuntProvider, useHunt } from '@/components/hunt/hunt-provider';
import { UploadPanel } from '@/components/upload/upload-panel';
import { Dashboard } from './dashboard';

function Workspace() {
  const { version } = useHunt();
  return (
    <>
      <UploadPanel collapsible={version > 0} />
      <Dashboard />
    </>
  );
}

/** Upload and hunt over one worker session. */
export function HuntWorkspace() {
  return (
    <HuntProvider>
      <Workspace />
    </HuntProvider>
  );
}
