/**
 * The Chromium floor: a page with a file input, and a module worker that reads the File the
 * way the app's reader worker does (lib/worker/read-file.ts: File.stream(), TextDecoder
 * in stream mode over DECODE_BYTES pieces as lib/ingest/ingest.ts does) and streams the text through papaparse with a chunk callback, counting rows
 * and keeping nothing: the same papaparse code path (its ReadableStreamStreamer) as the Node
 * floor in bench.ts. Served by static-server.ts; never part of the app.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DECODE_BYTES } from '../../lib/ingest/ingest';
import type { StaticFile } from './static-server';

/** What the page reports when the worker is done (validated on the Node side). */
export const FloorPageResultSchema = z.object({
  rows: z.number().int().nonnegative(),
  /** in the worker: from the File received to the last row counted */
  workerSeconds: z.number().nonnegative(),
  /** in the page: from the input's change event to the worker's answer */
  pageSeconds: z.number().nonnegative(),
  error: z.string().nullable(),
});
export type FloorPageResult = z.infer<typeof FloorPageResultSchema>;

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>papaparse floor</title><link rel="icon" href="data:,"></head>
<body>
<input id="file" type="file">
<p id="status">idle</p>
<script type="module">
const worker = new Worker('/floor-worker.js', { type: 'module', name: 'bench-floor' });
const status = document.getElementById('status');
let changeAt = 0;
window.__floor = { ready: false, result: null };
worker.onmessage = (ev) => {
  if (ev.data.type === 'ready') { window.__floor.ready = true; return; }
  const pageSeconds = (performance.now() - changeAt) / 1000;
  window.__floor.result = { rows: ev.data.rows, workerSeconds: ev.data.seconds, pageSeconds, error: ev.data.error };
  status.textContent = 'done';
};
worker.onerror = (e) => { window.__floor.result = { rows: 0, workerSeconds: 0, pageSeconds: 0, error: String(e.message) }; };
document.getElementById('file').addEventListener('change', (e) => {
  changeAt = performance.now();
  const file = e.target.files[0];
  const format = new URL(location.href).searchParams.get('format');
  status.textContent = 'reading';
  worker.postMessage({ file, format });
});
</script>
</body></html>
`;

const WORKER = `import Papa from '/papaparse.mjs';
const PIECE = ${DECODE_BYTES};
self.onmessage = async (ev) => {
  const { file, format } = ev.data;
  const t0 = performance.now();
  let rows = 0;
  // a Node-style readable (what papaparse streams from in Node), fed with decoded text
  const listeners = new Map();
  const input = {
    readable: true,
    read() {},
    pause() {},
    resume() {},
    on(name, fn) { listeners.set(name, [...(listeners.get(name) ?? []), fn]); },
    removeListener(name, fn) { listeners.set(name, (listeners.get(name) ?? []).filter((f) => f !== fn)); },
  };
  const emit = (name, arg) => { for (const fn of listeners.get(name) ?? []) fn(arg); };
  try {
    const done = new Promise((resolve, reject) => {
      Papa.parse(input, {
        ...(format === 'zeek-tsv' ? { delimiter: '\\t', comments: '#' } : {}),
        skipEmptyLines: true,
        chunk: (r) => { rows += r.data.length; },
        complete: () => resolve(),
        error: (e) => reject(e),
      });
    });
    const decoder = new TextDecoder('utf-8');
    // streamed as the app's reader worker reads it (lib/worker/read-file.ts)
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value: bytes } = await reader.read();
      if (done) break;
      // decoded in the app's piece size (no large-object strings), handed over piece by piece
      for (let p = 0; p < bytes.length; p += PIECE) emit('data', decoder.decode(bytes.subarray(p, p + PIECE), { stream: true }));
    }
    const tail = decoder.decode();
    if (tail !== '') emit('data', tail);
    emit('end');
    await done;
    // the CSV header row is data to papaparse here (no header: true): leave it out, as in Node
    if (format === 'splunk-csv') rows--;
    self.postMessage({ type: 'done', rows, seconds: (performance.now() - t0) / 1000, error: null });
  } catch (e) {
    self.postMessage({ type: 'done', rows, seconds: (performance.now() - t0) / 1000, error: String(e && e.message ? e.message : e) });
  }
};
self.postMessage({ type: 'ready' });
`;

/** papaparse's UMD build as an ES module (a module worker cannot importScripts). */
function papaparseModule(root: string): string {
  const src = readFileSync(path.join(root, 'node_modules/papaparse/papaparse.min.js'), 'utf8');
  return `const module = { exports: {} };\nconst exports = module.exports;\n${src}\nexport default module.exports;\n`;
}

export function floorSite(root: string): Record<string, StaticFile> {
  return {
    '/': { contentType: 'text/html; charset=utf-8', body: HTML },
    '/floor-worker.js': { contentType: 'text/javascript; charset=utf-8', body: WORKER },
    '/papaparse.mjs': { contentType: 'text/javascript; charset=utf-8', body: papaparseModule(root) },
  };
}
