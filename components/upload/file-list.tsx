import { FileProgress } from './file-progress';
import { FileResult } from './file-result';
import type { FileEntry } from './ingest-state';

/** Every file of the session, in the order it was added. */
export function FileList({ files, onCancel }: { files: readonly FileEntry[]; onCancel: (id: string) => void }) {
  if (files.length === 0) return null;
  return (
    <ol className="file-list" aria-label="Files">
      {files.map((f) => (
        <li key={f.id}>
          {f.status === 'queued' || f.status === 'reading' ? <FileProgress file={f} onCancel={onCancel} /> : <FileResult file={f} />}
        </li>
      ))}
    </ol>
  );
}
