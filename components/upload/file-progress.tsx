import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatBytes, formatCount } from '@/components/ui/format';
import { ProgressBar } from '@/components/ui/progress-bar';
import { readingRate, type FileEntry } from './ingest-state';

function formatDuration(seconds: number): string {
  if (seconds < 1) return 'less than a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** A file that is queued or being read: progress, speed, time left, running counts and a Cancel button. */
export function FileProgress({ file, onCancel }: { file: FileEntry; onCancel: (id: string) => void }) {
  const reading = file.status === 'reading';
  const rate = reading ? readingRate(file) : null;
  return (
    <Card
      id={file.id}
      title={file.name}
      actions={
        <Button variant="danger" aria-label={`Cancel ${file.name}`} onClick={() => onCancel(file.id)}>
          Cancel
        </Button>
      }
    >
      {reading ? (
        <ProgressBar label={`Reading ${file.name}`} value={file.bytes} max={file.size} />
      ) : (
        <p className="muted">Waiting for the files before it…</p>
      )}
      <p className="file-counters">
        <span>
          {formatBytes(file.bytes)} of {formatBytes(file.size)}
        </span>
        <span>{formatCount(file.events)} DNS events so far</span>
        {file.skipped > 0 ? <span>{formatCount(file.skipped)} skipped</span> : null}
        {rate ? (
          <>
            <span>
              {formatBytes(rate.bytesPerSecond)}/s · {formatCount(Math.round(rate.eventsPerSecond))} events/s
            </span>
            {rate.secondsLeft !== null ? <span>about {formatDuration(rate.secondsLeft)} left</span> : null}
          </>
        ) : null}
      </p>
    </Card>
  );
}
