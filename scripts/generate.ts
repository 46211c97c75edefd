/**
 * Synthetic hunt generator CLI:
 *   npm run --silent generate -- --rows 100000 --seed 1 --format splunk-csv|sysmon-json|zeek-tsv
 *     --out file [--attacks all|none|dnsstager,…] [--manifest manifest.json]
 * Streams the rendering to the file (or stdout) with backpressure; memory stays flat in rows.
 */
import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ATTACK_IDS, parseAttackList } from '../lib/generate/attacks';
import { DEFAULT_START, generateHunt } from '../lib/generate/hunt';
import { HUNT_FORMATS, isHuntFormat } from '../lib/generate/render-common';

const USAGE = `usage: npm run --silent generate -- --rows N --seed S --format FORMAT [--out FILE] [options]

  --rows N           total rows of the rendering, attacks included (default 100000)
  --benign-rows N    exact benign rows instead (attacks come on top); overrides --rows
  --seed S           seed (unsigned 32-bit integer; default 1); same seed, same bytes
  --format F         ${HUNT_FORMATS.join(' | ')}
  --out FILE         output file (default: stdout)
  --attacks LIST     all | none | comma-separated ids or prefixes (default all)
                     ids: ${ATTACK_IDS.join(', ')}
  --manifest FILE    write the manifest (where each attack sits) as JSON
  --days D           span in days (default 3)
  --start ISO        start of the span (default ${new Date(DEFAULT_START).toISOString()})
  --hosts N          hosts in the fleet (default rows/5000, clamped to 20..200)
  --no-message       sysmon-json: leave out the rendered Message field
  -h, --help         show this help`;

function intArg(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** Writes each chunk and waits until it is handed to the OS: the generator reuses its buffer. */
async function writeAll(out: Writable, chunks: Iterable<Uint8Array>, onChunk: () => void): Promise<void> {
  for (const chunk of chunks) {
    await new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve())));
    onChunk();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' }, 'benign-rows': { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' },
      out: { type: 'string' }, attacks: { type: 'string' }, manifest: { type: 'string' }, days: { type: 'string' },
      start: { type: 'string' }, hosts: { type: 'string' }, 'no-message': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? '';
  if (!isHuntFormat(format)) throw new Error(`--format must be one of ${HUNT_FORMATS.join(', ')}`);
  const start = values.start === undefined ? DEFAULT_START : Date.parse(values.start);
  if (Number.isNaN(start)) throw new Error(`--start is not a date: "${values.start}"`);
  const days = values.days === undefined ? 3 : Number(values.days);
  if (!(days > 0)) throw new Error('--days must be a positive number');
  const hunt = generateHunt({
    seed: intArg('seed', values.seed, 1),
    format,
    ...(values['benign-rows'] !== undefined
      ? { benignRows: intArg('benign-rows', values['benign-rows'], 0) }
      : { rows: intArg('rows', values.rows, 100_000) }),
    attacks: parseAttackList(values.attacks ?? 'all'),
    start,
    days,
    ...(values.hosts !== undefined ? { hosts: intArg('hosts', values.hosts, 20) } : {}),
    sysmonMessage: !values['no-message'],
    reuseBuffers: true,
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let peakRss = process.memoryUsage().rss;
  let bytes = 0;
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  const counted = (function* () {
    for (const c of hunt.bytes) {
      bytes += c.length;
      yield c;
    }
  })();
  await writeAll(out, counted, () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  });
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const m = hunt.manifest();
  if (values.manifest) writeFileSync(values.manifest, `${JSON.stringify(m, null, 2)}\n`);
  const mib = (n: number) => (n / 1048576).toFixed(1);
  if (values['benign-rows'] === undefined && m.rows !== intArg('rows', values.rows, 100_000)) {
    process.stderr.write(`note: the selected attacks alone have ${m.attackRows} rows, more than --rows\n`);
  }
  process.stderr.write(
    `${m.rows.toLocaleString('en-US')} rows (${m.benignRows.toLocaleString('en-US')} benign, ${m.attackRows.toLocaleString('en-US')} attack, ` +
      `${m.attacks.length} attacks) ${format}, ${mib(bytes)} MiB in ${secs.toFixed(2)} s = ${Math.round(m.rows / secs).toLocaleString('en-US')} rows/s ` +
      `(CPU ${cpuSecs.toFixed(2)} s), peak RSS ${mib(peakRss)} MiB\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exitCode = 2;
  },
);
