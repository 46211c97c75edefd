'use client';

import { useEffect, useId, useState, type ChangeEvent, type DragEvent } from 'react';

/** Has the drag something the browser will hand over as files? */
const carriesFiles = (e: DragEvent<HTMLElement>) => Array.from(e.dataTransfer.types).includes('Files');

/**
 * Drop target plus a real file input (keyboard: Tab to "Choose files", then Enter or Space).
 * Files are handed over as they are; the format is decided from their content, not their names.
 */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const inputId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);

  // A file dropped beside the zone must not make the browser open it and lose the session.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const onDragOver = (e: DragEvent<HTMLElement>) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDragLeave = (e: DragEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = ''; // choosing the same file again still fires change
    if (files.length > 0) onFiles(files);
  };

  return (
    <section
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      aria-label="Drop zone for DNS log files"
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <p id={hintId} className="drop-zone-hint">
        Drop Sysmon Event ID 22 or Zeek dns.log exports here (CSV, XML, JSON, TSV, or gzip of these), or
      </p>
      <input id={inputId} className="visually-hidden" type="file" multiple aria-describedby={hintId} onChange={onChange} />
      <label htmlFor={inputId} className="button button-primary">
        Choose log files
      </label>
    </section>
  );
}
