/**
 * A CLI part worker: reads one part of a file on disk (the request says which, checked by zod)
 * and posts its rows back as a store snapshot, buffers transferred. See split-ingest-node.ts.
 */
import { parentPort } from 'node:worker_threads';
import { partHandler } from '../../lib/worker/split-ingest';
import { fileSource, NodePartRequestSchema } from './split-ingest-node';

const port = parentPort;
if (!port) throw new Error('part-worker runs as a worker thread');
port.once('message', partHandler(NodePartRequestSchema, (r) => fileSource(r.path, r.size, r.name), (reply, transfer) => port.postMessage(reply, transfer)));
