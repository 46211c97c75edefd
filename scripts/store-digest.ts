/**
 * Digests of what the hunt makes of each file: the store snapshot, the ingest summary and the
 * findings with their evidence rows (sha256, first 16 hex digits). Performance work changes how,
 * never what: run it on the same files in two checkouts (a `git worktree`) and diff the output.
 *
 *   npx tsx scripts/store-digest.ts FILE...
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDetectors } from '../lib/detect/run';
import { EventStore, type StoreSnapshot } from '../lib/store/event-store';
import { ingestFile } from './cli/split-ingest-node';

function digest(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v instanceof Map ? [...v] : v));
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/** A snapshot with each row column as one list, as snapshots were before they had blocks: digests stay comparable across commits. */
function flat(s: StoreSnapshot): unknown {
  const rows = Object.entries(s.rows).map(([k, blocks]: [string, readonly ArrayLike<number>[]]) => [k, blocks.flatMap((b) => Array.from(b))]);
  return { ...s, rows: Object.fromEntries(rows) };
}

/** The digests of one file's hunt (see the module comment). */
export async function huntDigests(file: string): Promise<{ events: number; store: string; summary: string; findings: string }> {
  const store = new EventStore();
  const summary = await ingestFile(file, statSync(file).size, store, { parts: 1 });
  const { findings, evidenceRows } = runDetectors(store);
  return { events: store.size, store: digest(flat(store.snapshot())), summary: digest(summary), findings: digest({ findings, evidenceRows }) };
}

async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npx tsx scripts/store-digest.ts FILE...\n');
    return 2;
  }
  for (const file of files) {
    const d = await huntDigests(file);
    process.stdout.write(`${path.basename(file)}\t${d.events} events\tstore ${d.store}\tsummary ${d.summary}\tfindings ${d.findings}\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
