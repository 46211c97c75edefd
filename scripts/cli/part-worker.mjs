// The entry of a CLI part worker (a worker_threads worker): Node 20 does not hand a parent's
// `--import tsx` loader to its workers, so this plain module registers tsx and then loads the
// TypeScript worker (see split-ingest-node.ts).
import { register } from 'tsx/esm/api';

register();
await import('./part-worker.ts');
