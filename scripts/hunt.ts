/**
 * dns-hunt CLI: `npm run --silent hunt -- <file>... [--json]`.
 * Streams each file through the same library the browser uses. With --json, stdout carries the
 * findings JSON and nothing else. Exit code 1 only when no input could be read.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EventStore } from '../lib/store/event-store';
import { ingest, type IngestProgress } from '../lib/ingest/ingest';
import { ingestFile, partsOption } from './cli/split-ingest-node';
import type { Hasher } from '../lib/ingest/hash';
import type { InputSummary } from '../lib/schema/findings';
import { buildHuntReport } from '../lib/report/hunt-report';
import { inputSummaryLines } from '../lib/report/inputs-text';
import { GENERATOR } from '../lib/version';
import { readFile } from 'node:fs/promises';
import { defaultConfig, parseHuntConfig, type HuntConfig } from '../lib/detect/config';
import { DETECTORS } from '../lib/detect/registry';
import { runDetectors } from '../lib/detect/run';
import { groupSuspects } from '../lib/score/suspects';
import { suspectLines } from '../lib/report/suspects-text';

async function loadConfig(file: string): Promise<{ ok: true; config: HuntConfig } | { ok: false; errors: string[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
  }
  return parseHuntConfig(DETECTORS, json);
}

const USAGE = `usage: npm run --silent hunt -- <file>... [--json] [--config config.json]

  --json           print the findings JSON (inputs, findings) on stdout and nothing else
  --config FILE    detector settings: { "detectors": { "<id>": { "enabled": bool, "thresholds": { … } } } }
  --print-config   print the default config (every detector and threshold) and exit
  --parts N        parse a Splunk CSV or Zeek TSV file of 32 MiB or more in N parts, all but the
                   first in worker threads (default: the idle cores less one, i.e. cores minus
                   the load average minus 1, at most 4; one pass on 2 cores)
  --no-split       read every file in one pass (--parts 1)
  -h, --help       show this help`;

function nodeSha256(): Hasher {
  const h = createHash('sha256');
  return { update: (b) => void h.update(b), hex: () => h.digest('hex') };
}

function progressPrinter(): ((p: IngestProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    const pct = p.totalBytes ? ` ${((100 * p.bytes) / p.totalBytes).toFixed(0)}%` : '';
    process.stderr.write(`\r${p.name}:${pct} ${p.events.toLocaleString('en-US')} events`);
  };
}

async function readInput(file: string, store: EventStore, parts: number | undefined): Promise<InputSummary> {
  const name = path.basename(file);
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const nothing = (async function* (): AsyncGenerator<Uint8Array> {})();
    const summary = await ingest(nothing, store, { name, hasher: nodeSha256() });
    return { ...summary, error: `Cannot open ${file}: ${reason}` };
  }
  const onProgress = progressPrinter();
  const summary = await ingestFile(file, size, store, { name, ...(onProgress ? { onProgress } : {}), ...(parts !== undefined ? { parts } : {}) });
  if (onProgress) process.stderr.write('\r\x1b[K');
  return summary;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        config: { type: 'string' },
        'print-config': { type: 'boolean' },
        'no-split': { type: 'boolean' },
        parts: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.values['print-config']) {
    process.stdout.write(`${JSON.stringify(defaultConfig(DETECTORS), null, 2)}\n`);
    return 0;
  }
  let config: HuntConfig | undefined;
  if (args.values.config) {
    const loaded = await loadConfig(args.values.config);
    if (!loaded.ok) {
      process.stderr.write(`dns-hunt: ${args.values.config}: ${loaded.errors.join('; ')}\n`);
      return 2;
    }
    config = loaded.config;
  }
  if (args.values.help || args.positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return args.values.help ? 0 : 2;
  }
  const store = new EventStore();
  const inputs: InputSummary[] = [];
  const parts = partsOption(args.values);
  if (parts instanceof Error) {
    process.stderr.write(`dns-hunt: ${parts.message}\n${USAGE}\n`);
    return 2;
  }
  for (const file of args.positionals) inputs.push(await readInput(file, store, parts));
  const { findings } = runDetectors(store, config);
  const report = buildHuntReport(inputs, findings);
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [`${GENERATOR.name} ${GENERATOR.version}: ${inputs.length} input(s), ${store.size.toLocaleString('en-US')} DNS events`, ''];
    for (const s of inputs) lines.push(...inputSummaryLines(s), '');
    lines.push(...suspectLines(groupSuspects(findings)));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const readable = inputs.some((s) => !s.error || s.events > 0);
  return readable ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`dns-hunt: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
