/**
 * The Chromium half of the benchmark, in headless Debian Chromium (never a downloaded one).
 * Each measurement gets a fresh browser, so renderer peaks never mix:
 *   - floor: the bare papaparse parse in a module worker of a page served by static-server.ts
 *     (floor-page.ts), the file given through <input type=file>;
 *   - hunt: the real app (`next start`, app-server.ts), the file given through its upload input,
 *     timed in the page from the input's change event to the overview showing the suspects
 *     count with detection current (page-scripts.ts); ingest = the worker's `done` message,
 *     detect = the worker's own detection.ms (detectors + suspect grouping);
 *   - memory: the worker's JS heap + ArrayBuffers (CDP Runtime.getHeapUsage, sampled; after
 *     GC for what is retained) and the renderer's peak RSS (VmHWM) (cdp-memory.ts);
 *   - UI latency on the loaded app (last repetition only): median ms over `uiReps` actions.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { z } from 'zod';
import { startApp, type AppServer } from './app-server';
import { heapBytes, HeapUsageSchema, sampleMemory, WorkerCdp } from './cdp-memory';
import { floorSite, FloorPageResultSchema } from './floor-page';
import { BenchStateSchema, INIT_SCRIPT, UI_SCRIPT, UiStateSchema, UiTimingSchema, type UiTiming } from './page-scripts';
import { median, medianOrNull, MiB, sizeLabel, unmeasured, type DataFile, type ResultRow, type UiLatency } from './results';
import { startStaticServer, type StaticServer } from './static-server';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium-args';
import { hashFile } from '../cli/split-ingest-node';

export interface ChromiumOptions {
  root: string;
  reps: number;
  /** repetitions of each UI action (median reported) */
  uiReps: number;
  /** port for `next start` */
  port: number;
  log: (s: string) => void;
  /** when set, a CPU profile of the app's worker during each load is written into this directory */
  cpuProfileDir?: string;
  /** logical cores the app's page reports (CDP override; the app splits large files from 4 on) */
  cores?: number;
}

const ChromiumFloorSampleSchema = z.object({
  kind: z.literal('chromium-floor'),
  rows: z.number(),
  /** page: change event → worker's answer */
  seconds: z.number(),
  /** worker: File received → last row counted */
  workerSeconds: z.number(),
  /** Node: setInputFiles → answer seen (includes polling) */
  wallSeconds: z.number(),
  rendererPeakBytes: z.number(),
  heapPeakBytes: z.number(),
  heapSamples: z.number(),
  missedSamples: z.number(),
});
type ChromiumFloorSample = z.infer<typeof ChromiumFloorSampleSchema>;

const UiRawSchema = z.object({
  /** what the filter and the timeline used */
  dimension: z.enum(['process', 'host']),
  filter: z.array(UiTimingSchema),
  unfilter: z.array(UiTimingSchema),
  stackMode: z.array(UiTimingSchema),
  timelinePick: z.array(UiTimingSchema),
});
type UiRaw = z.infer<typeof UiRawSchema>;

const ChromiumHuntSampleSchema = z.object({
  kind: z.literal('chromium-hunt'),
  events: z.number(),
  skipped: z.number(),
  /** change event → the worker's `done` message on the page */
  ingestSeconds: z.number(),
  /** the worker's detection.ms (runDetectors + groupSuspects + caching) */
  detectSeconds: z.number(),
  /** `detected` message → overview showing the result */
  renderSeconds: z.number(),
  /** change event → overview showing the result */
  totalSeconds: z.number(),
  /** change event → the file's sha256 on the page (computed after the findings are shown) */
  digestSeconds: z.number(),
  wallSeconds: z.number(),
  findings: z.number(),
  suspects: z.number(),
  rendererPeakBytes: z.number(),
  heapPeakBytes: z.number(),
  heapSamples: z.number(),
  missedSamples: z.number(),
  baseline: HeapUsageSchema,
  retainedHeap: HeapUsageSchema,
  /** worker (JS heap + ArrayBuffers + embedder) after GC, minus the baseline before the file */
  retainedBytes: z.number(),
  /** the page's (main thread) JS heap when done, no GC */
  pageHeapUsedBytes: z.number(),
  ui: UiRawSchema.nullable(),
});
type ChromiumHuntSample = z.infer<typeof ChromiumHuntSampleSchema>;

/** Generous: a 10M-row file in a busy 2-core machine. */
const LOAD_TIMEOUT_MS = 60 * 60_000;
const UI_TIMEOUT_MS = 120_000;

/** V8 flags for the pages and their workers (bench --help: BENCH_JS_FLAGS), e.g. to trace optimisations. */
const JS_FLAGS = process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : [];

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...JS_FLAGS], timeout: 60_000 });
}

async function measureFloorOnce(site: StaticServer, data: DataFile): Promise<ChromiumFloorSample> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/?format=${data.format}`);
    await page.waitForFunction('window.__floor && window.__floor.ready', null, { timeout: 30_000 });
    const worker = await WorkerCdp.attach(browser, (t) => t.url.startsWith(site.origin));
    const sampler = sampleMemory(worker, browser);
    const t0 = performance.now();
    await page.setInputFiles('#file', data.file, { timeout: 300_000 });
    await page.waitForFunction('window.__floor.result !== null', null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
    const wallSeconds = (performance.now() - t0) / 1000;
    const peaks = await sampler.stop();
    await worker.close();
    const r = FloorPageResultSchema.parse(await page.evaluate('window.__floor.result'));
    if (r.error) throw new Error(`floor page: ${r.error}`);
    return ChromiumFloorSampleSchema.parse({
      kind: 'chromium-floor',
      rows: r.rows,
      seconds: r.pageSeconds,
      workerSeconds: r.workerSeconds,
      wallSeconds,
      rendererPeakBytes: peaks.rendererPeakBytes,
      heapPeakBytes: peaks.heapPeakBytes,
      heapSamples: peaks.samples,
      missedSamples: peaks.missed,
    });
  } finally {
    await browser.close();
  }
}

async function uiTiming(page: Page, expr: string): Promise<UiTiming> {
  return UiTimingSchema.parse(await page.evaluate(expr));
}

async function settle(page: Page): Promise<void> {
  // let queries started by the last action (pivot, suspects) finish before the next one
  await page.waitForFunction('!document.querySelector(".overview[aria-busy=\\"true\\"]")', null, { timeout: UI_TIMEOUT_MS }).catch(() => {});
  await page.waitForTimeout(300);
}

/**
 * UI actions on the loaded app, each repeated `reps` times. The filter and the timeline use
 * processes, or hosts when the logs name no process (Zeek).
 */
async function measureUi(page: Page, reps: number, log: (s: string) => void): Promise<UiRaw> {
  await page.evaluate(UI_SCRIPT);
  const state = async () => UiStateSchema.parse(await page.evaluate('window.__ui.state()'));
  const raw: UiRaw = { dimension: 'process', filter: [], unfilter: [], stackMode: [], timelinePick: [] };
  const before = await state();
  const total = before.events;
  const byProcess = before.topProcesses.some((l) => l !== '');
  raw.dimension = byProcess ? 'process' : 'host';
  const list = JSON.stringify(byProcess ? 'top-processes' : 'top-hosts');
  for (let i = 0; i < reps; i++) {
    raw.filter.push(await uiTiming(page, `window.__ui.filterTop(${list}, ${UI_TIMEOUT_MS})`));
    await settle(page);
    raw.unfilter.push(await uiTiming(page, `window.__ui.unfilterTop(${list}, ${JSON.stringify(total)}, ${UI_TIMEOUT_MS})`));
    await settle(page);
  }
  for (let i = 0; i < reps; i++) {
    raw.stackMode.push(await uiTiming(page, `window.__ui.stackMode(${UI_TIMEOUT_MS})`));
    await settle(page);
  }
  const open = await uiTiming(page, `window.__ui.openTimeline(${UI_TIMEOUT_MS})`);
  if (!open.ok) {
    log(`  timeline: ${open.error ?? 'failed'}\n`);
    return raw;
  }
  await page.waitForTimeout(300);
  const after = await state();
  const options = byProcess ? after.timelineProcesses : after.timelineHosts;
  // the two busiest (the overview's top list), alternately
  const picks = (byProcess ? before.topProcesses : before.topHosts)
    .map((label) => options.find((o) => o.label === label))
    .filter((o): o is { value: string; label: string } => o !== undefined)
    .slice(0, 2);
  if (picks.length === 0) {
    log('  timeline: none of the top entries is in the picker\n');
    return raw;
  }
  for (let i = 0; i < (picks.length > 1 ? reps : 1); i++) {
    const p = picks[i % picks.length] as { value: string; label: string };
    raw.timelinePick.push(await uiTiming(page, `window.__ui.timelinePick(${JSON.stringify(p.value)}, ${JSON.stringify(p.label)}, ${UI_TIMEOUT_MS})`));
    await page.waitForTimeout(300);
  }
  return raw;
}

async function measureHuntOnce(
  app: AppServer,
  data: DataFile,
  ui: { reps: number } | null,
  log: (s: string) => void,
  profileFile: string | null,
  cores: number | null,
  expectedSha256: string,
): Promise<ChromiumHuntSample> {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript({ content: INIT_SCRIPT });
    const page = await context.newPage();
    if (cores !== null) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
    }
    // nested workers by name: whether the load was split in two parts
    const workerNames: string[] = [];
    page.on('worker', (w) => void w.evaluate('self.name').then((n) => workerNames.push(String(n)), () => undefined));
    await page.goto(`${app.origin}/`);
    const input = page.locator('input[type="file"]').first();
    await input.waitFor({ state: 'attached', timeout: 60_000 });
    // the app's ingest worker (created once the page has hydrated), by its name: the spare reader
    // worker it starts is a worker of the same origin and script (turbopack-worker-….js#params=…),
    // often listed first; attached to by mistake, it ended the CDP session once its file was read
    // ("No session with given id": a 10M hunt recorded no result)
    const worker = await WorkerCdp.attach(browser, (t) => t.url.startsWith(app.origin) && t.title === 'dns-hunt-ingest');
    const baseline = await worker.retained();
    const sampler = sampleMemory(worker, browser);
    if (profileFile) {
      await worker.send('Profiler.enable');
      await worker.send('Profiler.setSamplingInterval', { interval: 500 });
      await worker.send('Profiler.start');
    }
    const t0 = performance.now();
    await input.setInputFiles(data.file, { timeout: 300_000 });
    await page.waitForFunction('window.__bench.readyAt !== null || (window.__bench.done && window.__bench.done.error !== null)', null, {
      timeout: LOAD_TIMEOUT_MS,
      polling: 250,
    });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (cores !== null) log(`  ${cores} cores emulated: ${workerNames.includes('dns-hunt-part') ? 'parsed in two parts' : 'parsed in one pass'}\n`);
    const peaks = await sampler.stop();
    if (profileFile) {
      const { profile } = z.object({ profile: z.unknown() }).parse(await worker.send('Profiler.stop', {}, 120_000));
      writeFileSync(profileFile, JSON.stringify(profile));
      log(`  worker CPU profile: ${profileFile}\n`);
    }
    const b = BenchStateSchema.parse(await page.evaluate('window.__bench'));
    if (b.done?.error) throw new Error(`the app could not read the file: ${b.done.error}`);
    if (b.changeAt === null || b.doneAt === null || b.detected === null || b.detectedAt === null || b.readyAt === null || !b.done) {
      throw new Error(`the page did not record the load (${JSON.stringify(b)})`);
    }
    const retainedHeap = await worker.retained();
    const cdpPage = await context.newCDPSession(page);
    const pageHeap = HeapUsageSchema.parse(await cdpPage.send('Runtime.getHeapUsage'));
    await cdpPage.detach();
    // the sha256, computed once the findings are shown and the page is quiet: the UI is measured
    // after it, and the next repetition never overlaps it
    await page.waitForFunction('window.__bench.digestAt !== null', null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
    const digest = BenchStateSchema.parse(await page.evaluate('window.__bench'));
    if (digest.digestAt === null || digest.sha256 !== expectedSha256) {
      throw new Error(`the page's sha256 of ${data.file} is ${digest.sha256 ?? digest.digestError ?? 'missing'}, not ${expectedSha256}`);
    }
    let uiRaw: UiRaw | null = null;
    // the UI is measured as an analyst's browser runs it: no DevTools session on the worker
    await worker.close();
    if (ui) uiRaw = await measureUi(page, ui.reps, log);
    return ChromiumHuntSampleSchema.parse({
      kind: 'chromium-hunt',
      events: b.done.storeEvents,
      skipped: b.done.skipped ?? 0,
      ingestSeconds: (b.doneAt - b.changeAt) / 1000,
      detectSeconds: b.detected.ms / 1000,
      renderSeconds: (b.readyAt - b.detectedAt) / 1000,
      totalSeconds: (b.readyAt - b.changeAt) / 1000,
      digestSeconds: (digest.digestAt - b.changeAt) / 1000,
      wallSeconds,
      findings: b.detected.findings,
      suspects: b.detected.suspects,
      rendererPeakBytes: peaks.rendererPeakBytes,
      heapPeakBytes: peaks.heapPeakBytes,
      heapSamples: peaks.samples,
      missedSamples: peaks.missed,
      baseline,
      retainedHeap,
      retainedBytes: heapBytes(retainedHeap) - heapBytes(baseline),
      pageHeapUsedBytes: pageHeap.usedSize,
      ui: uiRaw,
    });
  } finally {
    await browser.close();
  }
}

/** Median of the successful timings (frame included), or null when none succeeded. */
function uiMedian(xs: readonly UiTiming[]): number | null {
  return medianOrNull(xs.filter((x) => x.ok).map((x) => x.frameMs));
}

export function summariseUi(raw: UiRaw | null): UiLatency | null {
  if (!raw) return null;
  return {
    dimension: raw.dimension,
    filter: uiMedian(raw.filter),
    unfilter: uiMedian(raw.unfilter),
    stackMode: uiMedian(raw.stackMode),
    timelinePick: uiMedian(raw.timelinePick),
  };
}

function summarise(data: DataFile, relFile: string, floor: ChromiumFloorSample[], hunt: ChromiumHuntSample[]): ResultRow {
  const parseSeconds = medianOrNull(floor.map((s) => s.seconds));
  const huntSeconds = medianOrNull(hunt.map((s) => s.totalSeconds));
  const events = medianOrNull(hunt.map((s) => s.events));
  const retained = medianOrNull(hunt.map((s) => s.retainedBytes));
  const peak = medianOrNull(hunt.map((s) => s.rendererPeakBytes));
  const mib = (x: number | null) => (x === null ? null : x / MiB);
  const ui = hunt.find((s) => s.ui !== null)?.ui ?? null;
  const failed = floor.length === 0 || hunt.length === 0;
  return {
    environment: 'chromium',
    format: data.format,
    rows: data.manifest.rows,
    file: relFile,
    bytes: data.manifest.bytes,
    status: failed ? `partly measured (floor ${floor.length}, hunt ${hunt.length} reps)` : 'measured',
    parseSeconds,
    huntSeconds,
    ingestSeconds: medianOrNull(hunt.map((s) => s.ingestSeconds)),
    detectSeconds: medianOrNull(hunt.map((s) => s.detectSeconds)),
    groupSeconds: null,
    digestSeconds: medianOrNull(hunt.map((s) => s.digestSeconds)),
    ratio: parseSeconds !== null && huntSeconds !== null ? huntSeconds / parseSeconds : null,
    parsePeakMemoryMiB: mib(medianOrNull(floor.map((s) => s.rendererPeakBytes))),
    peakMemoryMiB: mib(peak),
    heapPeakMiB: mib(medianOrNull(hunt.map((s) => s.heapPeakBytes))),
    overheadMiB: peak !== null && retained !== null ? (peak - retained) / MiB : null,
    bytesPerEvent: null,
    retainedBytesPerEvent: retained !== null && events ? retained / events : null,
    events,
    findings: medianOrNull(hunt.map((s) => s.findings)),
    suspects: medianOrNull(hunt.map((s) => s.suspects)),
    uiLatencyMs: summariseUi(ui),
    detectors: [],
    samples: { floor, hunt },
  };
}

/** One row per data file, environment 'chromium', and the browser's version. */
export async function measureChromium(files: readonly DataFile[], opts: ChromiumOptions): Promise<{ rows: ResultRow[]; browserVersion: string }> {
  const rel = (f: string) => path.relative(opts.root, f);
  const probe = await launch();
  const browserVersion = probe.version();
  await probe.close();
  const site = await startStaticServer(floorSite(opts.root));
  let app: AppServer | null = null;
  let appError: string | null = null;
  try {
    try {
      app = await startApp(opts.root, opts.port, opts.log);
    } catch (e) {
      appError = e instanceof Error ? e.message : String(e);
      opts.log(`chromium: the app could not start: ${appError}\n`);
    }
    const rows: ResultRow[] = [];
    for (const data of files) {
      const floor: ChromiumFloorSample[] = [];
      const hunt: ChromiumHuntSample[] = [];
      const errors: string[] = [];
      const label = `chromium ${data.format} ${sizeLabel(data.rows)}`;
      /** what the page's sha256 must be (computed here once, streamed) */
      let expected: string | null = null;
      for (let i = 0; i < opts.reps; i++) {
        // interleaved, as in Node
        try {
          const f = await measureFloorOnce(site, data);
          floor.push(f);
          opts.log(`  ${label} rep ${i + 1}/${opts.reps}: parse ${f.seconds.toFixed(2)} s (renderer peak ${(f.rendererPeakBytes / MiB).toFixed(0)} MiB)\n`);
        } catch (e) {
          errors.push(`floor: ${e instanceof Error ? e.message : String(e)}`);
          opts.log(`  ${label} rep ${i + 1}: floor failed: ${errors.at(-1)}\n`);
        }
        if (!app) continue;
        try {
          const last = i === opts.reps - 1;
          const profileFile = opts.cpuProfileDir ? path.join(opts.cpuProfileDir, `worker-${data.format}-${sizeLabel(data.rows)}-rep${i + 1}.cpuprofile`) : null;
          expected ??= await hashFile(data.file, data.manifest.bytes);
          const h = await measureHuntOnce(app, data, last && opts.uiReps > 0 ? { reps: opts.uiReps } : null, opts.log, profileFile, opts.cores ?? null, expected);
          hunt.push(h);
          const ui = summariseUi(h.ui);
          opts.log(
            `  ${label} rep ${i + 1}/${opts.reps}: hunt ${h.totalSeconds.toFixed(2)} s (ingest ${h.ingestSeconds.toFixed(2)} + detect ${h.detectSeconds.toFixed(2)} + render ${h.renderSeconds.toFixed(2)}), sha256 at ${h.digestSeconds.toFixed(2)} s, ` +
              `renderer peak ${(h.rendererPeakBytes / MiB).toFixed(0)} MiB, worker heap peak ${(h.heapPeakBytes / MiB).toFixed(0)} MiB, retained ${(h.retainedBytes / h.events).toFixed(1)} B/event` +
              (ui ? `, UI ms ${JSON.stringify(ui)}` : '') +
              '\n',
          );
          if (floor.length > 0) {
            const rowsCounted = median(floor.map((s) => s.rows));
            if (rowsCounted !== h.events + h.skipped) opts.log(`  note: papaparse counted ${rowsCounted} rows, the app ${h.events} events + ${h.skipped} skipped\n`);
          }
        } catch (e) {
          errors.push(`hunt: ${e instanceof Error ? e.message : String(e)}`);
          opts.log(`  ${label} rep ${i + 1}: hunt failed: ${errors.at(-1)}\n`);
        }
      }
      if (floor.length === 0 && hunt.length === 0) {
        rows.push(unmeasured('chromium', data, rel(data.file), `failed: ${(appError ? [`app: ${appError}`, ...errors] : errors).join('; ').slice(0, 300)}`));
      } else {
        const row = summarise(data, rel(data.file), floor, hunt);
        if (appError) row.status = `floor only (app: ${appError.slice(0, 200)})`;
        rows.push(row);
      }
    }
    return { rows, browserVersion };
  } finally {
    await app?.stop();
    await site.close();
  }
}
