'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { formatCount } from '@/components/ui/format';
import { DropZone } from './drop-zone';
import { FileList } from './file-list';
import { SampleDataButton } from './sample-data-button';
import { useIngest } from './use-ingest';

/**
 * Add files, watch them being read in the worker, and see what each one held. Once data is
 * loaded the drop zone and the file cards can be folded away; the status line stays.
 */
export function UploadPanel({ collapsible = false }: { collapsible?: boolean }) {
  const { files, storeEvents, workerError, addFiles, cancel } = useIngest();
  const [open, setOpen] = useState(true);
  const finished = files.filter((f) => f.status === 'done').length;
  const shown = !collapsible || open;
  return (
    <section className="upload-panel" aria-labelledby="upload-heading">
      <div className="section-header">
        <h2 id="upload-heading">Log files</h2>
        {collapsible ? (
          <button type="button" className="button" aria-expanded={open} aria-controls="upload-body" onClick={() => setOpen(!open)}>
            {open ? 'Hide log files' : 'Show log files'}
          </button>
        ) : null}
      </div>
      <div id="upload-body" hidden={!shown}>
        <DropZone onFiles={addFiles} />
        <SampleDataButton onFiles={addFiles} />
      </div>
      {workerError ? <Alert title="The file reader failed">{workerError}</Alert> : null}
      <p role="status" className="session-status">
        {files.length === 0
          ? 'No files yet.'
          : `${formatCount(storeEvents)} DNS events loaded from ${formatCount(finished)} of ${formatCount(files.length)} ${files.length === 1 ? 'file' : 'files'}.`}
      </p>
      <div hidden={!shown}>
        <FileList files={files} onCancel={cancel} />
      </div>
    </section>
  );
}
