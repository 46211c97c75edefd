/**
 * Code that runs inside the app's page during the Chromium hunt, as plain JavaScript strings
 * (functions compiled by tsx cannot be handed to page.evaluate reliably: esbuild may add
 * helpers they reference). Whatever they return is validated with the zod schemas here.
 */
import { z } from 'zod';
import { DetectionStateSchema } from '../../lib/worker/query-results';

/**
 * Installed before the app loads (addInitScript): records when the file input changed, when
 * the worker's `done` and `detected` messages arrived (a listener on every Worker the page
 * creates; the app's own handler is untouched), and when the page first showed the result:
 * the status line says the one file is loaded and the overview shows the suspects count (a
 * number, not "Looking…"), with detection current for the loaded data. Also when the file's
 * sha256 arrived (with `done`, or after the findings in a `digest` message).
 */
export const INIT_SCRIPT = `(() => {
  const b = { changeAt: null, doneAt: null, done: null, datasetVersion: null, detectedAt: null, detected: null, readyAt: null, digestAt: null, sha256: null, digestError: null, workers: 0 };
  Object.defineProperty(window, '__bench', { value: b });
  addEventListener('change', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === 'file' && b.changeAt === null) b.changeAt = performance.now();
  }, true);
  const check = () => {
    if (b.readyAt !== null || b.changeAt === null || b.detected === null || b.detected.version !== b.datasetVersion) return;
    const status = (document.querySelector('p.session-status')?.textContent ?? '').trim();
    const suspects = (document.querySelector('[data-testid="stat-suspects-value"]')?.textContent ?? '').trim();
    if (/ loaded from 1 of 1 file\\.$/.test(status) && /^\\d[\\d,]*$/.test(suspects)) b.readyAt = performance.now();
  };
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) {
      super(url, opts);
      b.workers++;
      this.addEventListener('message', (ev) => {
        const d = ev.data;
        const now = performance.now();
        if (!d || typeof d !== 'object') return;
        if (d.type === 'done') {
          b.doneAt = now;
          const s = d.summary ?? {};
          b.done = { storeEvents: d.storeEvents, events: s.events ?? null, skipped: s.skipped ?? null, error: s.error ?? null };
          if (s.sha256) { b.digestAt = now; b.sha256 = s.sha256; }
        } else if (d.type === 'digest') {
          b.digestAt = now; b.sha256 = d.sha256; b.digestError = d.message;
        } else if (d.type === 'dataset') b.datasetVersion = d.version;
        else if (d.type === 'detected') { b.detectedAt = now; b.detected = d.detection; }
        check();
      });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

export const BenchStateSchema = z.object({
  changeAt: z.number().nullable(),
  doneAt: z.number().nullable(),
  done: z
    .object({ storeEvents: z.number(), events: z.number().nullable(), skipped: z.number().nullable(), error: z.string().nullable() })
    .nullable(),
  datasetVersion: z.number().nullable(),
  detectedAt: z.number().nullable(),
  detected: DetectionStateSchema.nullable(),
  readyAt: z.number().nullable(),
  digestAt: z.number().nullable(),
  sha256: z.string().nullable(),
  digestError: z.string().nullable(),
  workers: z.number(),
});
export type BenchState = z.infer<typeof BenchStateSchema>;

/**
 * UI actions on the loaded app, each timed in the page: performance.now() before the action,
 * a MutationObserver testing for the expected rendered content after it, then one animation
 * frame (+ a task) so the time includes the frame that shows it.
 */
export const UI_SCRIPT = `(() => {
  const q = (s) => document.querySelector(s);
  const text = (s) => (q(s)?.textContent ?? '').trim();
  // the overview and its pivot card both answer the new filter (the pivot is asked in the same render)
  const busy = () => q('.overview')?.getAttribute('aria-busy') === 'true' || q('article[aria-labelledby="pivot-title"]')?.getAttribute('aria-busy') === 'true';
  const eventsValue = () => text('[data-testid="stat-events-value"]');
  const topSection = (id) => q('#' + id + '-title')?.closest('section') ?? null;
  const pressed = (list) => topSection(list)?.querySelector('button[aria-pressed="true"]') ?? null;
  const labels = (list) => [...(topSection(list)?.querySelectorAll('.top-label') ?? [])].map((e) => e.getAttribute('title') ?? '');
  const options = (group) => [...document.querySelectorAll('[aria-label="Timeline entity"] select optgroup[label="' + group + '"] option')].map((o) => ({ value: o.value, label: o.textContent ?? '' }));
  const legend = () => text('article[aria-labelledby="volume-title"] .volume-legend');
  const measure = (action, cond, timeoutMs) => new Promise((resolve) => {
    const t0 = performance.now();
    let finished = false;
    const stop = () => { finished = true; obs.disconnect(); clearTimeout(timer); };
    const test = () => {
      if (finished) return;
      let ok = false;
      try { ok = !!cond(); } catch { ok = false; }
      if (!ok) return;
      const domMs = performance.now() - t0;
      stop();
      requestAnimationFrame(() => setTimeout(() => resolve({ ok: true, domMs, frameMs: performance.now() - t0, error: null }), 0));
    };
    const obs = new MutationObserver(test);
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => { if (!finished) { stop(); resolve({ ok: false, domMs: null, frameMs: null, error: 'timeout' }); } }, timeoutMs);
    action();
  });
  // the timeline's canvas has drawn the entity's points: as many as the table says are in view
  const drawn = (entity) => {
    const c = q('.timeline-card canvas[data-drawn]');
    const m = /^([\\d,]+) points? in view/.exec(text('.timeline-card .timeline-points-count'));
    return !!c && !!m && c.getAttribute('data-for') === entity && c.getAttribute('data-drawn') === m[1].replace(/,/g, '');
  };
  const fail = (error) => Promise.resolve({ ok: false, domMs: null, frameMs: null, error });
  window.__ui = {
    state: () => ({
      events: eventsValue(),
      busy: busy(),
      topProcesses: labels('top-processes'),
      topHosts: labels('top-hosts'),
      timelineProcesses: options('Processes'),
      timelineHosts: options('Hosts'),
    }),
    // list: 'top-processes' or 'top-hosts' (Zeek logs name no process)
    filterTop: (list, timeoutMs) => {
      const btn = topSection(list)?.querySelector('button.top-item[aria-pressed="false"]');
      if (!btn) return fail('nothing in ' + list + ' to click');
      const m = /\\(([\\d,]+) events?\\)$/.exec(btn.getAttribute('aria-label') ?? '');
      if (!m) return fail('no count in ' + list);
      const want = m[1];
      return measure(() => btn.click(), () => !busy() && pressed(list) !== null && eventsValue() === want, timeoutMs);
    },
    unfilterTop: (list, total, timeoutMs) => {
      const btn = pressed(list);
      if (!btn) return fail('no filter to remove in ' + list);
      return measure(() => btn.click(), () => !busy() && pressed(list) === null && eventsValue() === total, timeoutMs);
    },
    stackMode: (timeoutMs) => {
      const fs = [...document.querySelectorAll('fieldset.segmented')].find((f) => (f.querySelector('legend')?.textContent ?? '') === 'Stack by');
      const radio = fs?.querySelector('input[type="radio"]:not(:checked)');
      if (!radio) return fail('no stack mode to switch to');
      const before = legend();
      return measure(() => radio.click(), () => radio.checked && !busy() && legend() !== '' && legend() !== before, timeoutMs);
    },
    openTimeline: (timeoutMs) => {
      const tab = [...document.querySelectorAll('[role="tab"]')].find((t) => (t.textContent ?? '').trim() === 'Timeline');
      if (!tab) return fail('no Timeline tab');
      return measure(() => tab.click(), () => q('[aria-label="Timeline entity"] select') !== null, timeoutMs);
    },
    timelinePick: (value, label, timeoutMs) => {
      const sel = q('[aria-label="Timeline entity"] select');
      if (!sel) return fail('no timeline picker');
      return measure(
        () => { sel.value = value; sel.dispatchEvent(new Event('change', { bubbles: true })); },
        () => q('#timeline-title .truncate')?.getAttribute('title') === label && /quer/.test(text('.timeline-card [role="status"]')) && drawn(value),
        timeoutMs,
      );
    },
  };
})();`;

export const UiStateSchema = z.object({
  events: z.string(),
  busy: z.boolean(),
  topProcesses: z.array(z.string()),
  topHosts: z.array(z.string()),
  timelineProcesses: z.array(z.object({ value: z.string(), label: z.string() })),
  timelineHosts: z.array(z.object({ value: z.string(), label: z.string() })),
});

export const UiTimingSchema = z.object({
  ok: z.boolean(),
  domMs: z.number().nullable(),
  frameMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type UiTiming = z.infer<typeof UiTimingSchema>;
