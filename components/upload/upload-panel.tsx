'use client';

import { Alert } from '@/components/ui/alert';
import { formatCount } from '@/components/ui/format';
import { DropZone } from './drop-zone';
import { FileList } from './file-list';
import { useIngest } from './use-ingest';

/** Add files, watch them being read in the worker, and see what each one held. */
export function UploadPanel() {
  const { files, storeEvents, workerError, addFiles, cancel } = useIngest();
  const finished = files.filter((f) => f.status === 'done').length;
  return (
    <section className="upload-panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Log files</h2>
      <DropZone onFiles={addFiles} />
      {workerError ? <Alert title="The file reader failed">{workerError}</Alert> : null}
      <p role="status" className="session-status">
        {files.length === 0
          ? 'No files yet.'
          : `${formatCount(storeEvents)} DNS events loaded from ${formatCount(finished)} of ${formatCount(files.length)} ${files.length === 1 ? 'file' : 'files'}.`}
      </p>
      <FileList files={files} onCancel={cancel} />
    </section>
  );
}
