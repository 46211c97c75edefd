/**
 * Memory of a page's worker and of the renderer process, through the browser's CDP session.
 *
 * Playwright opens CDP sessions on pages and frames only, so the worker is reached from the
 * browser session: Target.attachToTarget (non-flat) and Target.sendMessageToTarget. What is
 * counted (Runtime.getHeapUsage on the worker's isolate):
 *   - usedSize: the worker's V8 JS heap (objects, strings, arrays; typed-array *objects*);
 *   - backingStorageSize: ArrayBuffer backing stores of the isolate (typed-array *contents*,
 *     outside the JS heap; the store's columns live here);
 *   - embedderHeapUsedSize: Oilpan/embedder heap (small in a worker).
 * The renderer's RSS (VmRSS, and VmHWM = its exact peak) comes from /proc for the renderer
 * pids that SystemInfo.getProcessInfo lists; a dedicated worker runs in its page's renderer,
 * so that figure covers the page, the worker, Blink, code and allocator slack.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession } from 'playwright-core';
import { z } from 'zod';

export const HeapUsageSchema = z.object({
  usedSize: z.number(),
  totalSize: z.number(),
  embedderHeapUsedSize: z.number().optional(),
  backingStorageSize: z.number().optional(),
});
export type HeapUsage = z.infer<typeof HeapUsageSchema>;

/** JS heap + ArrayBuffer backing stores + embedder heap, bytes */
export const heapBytes = (h: HeapUsage) => h.usedSize + (h.backingStorageSize ?? 0) + (h.embedderHeapUsedSize ?? 0);

const TargetsSchema = z.object({ targetInfos: z.array(z.object({ targetId: z.string(), type: z.string(), url: z.string(), title: z.string() })) });
const AttachSchema = z.object({ sessionId: z.string() });
const ReplySchema = z.object({ id: z.number(), result: z.unknown().optional(), error: z.object({ message: z.string() }).optional() });
const ProcessInfoSchema = z.object({ processInfo: z.array(z.object({ type: z.string(), id: z.number() })) });

export class WorkerCdp {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly browserCdp: CDPSession,
    private readonly sessionId: string,
  ) {
    browserCdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      if (e.sessionId !== this.sessionId) return;
      const reply = ReplySchema.safeParse(JSON.parse(e.message));
      if (!reply.success) return; // an event, not a reply
      const p = this.pending.get(reply.data.id);
      if (!p) return;
      this.pending.delete(reply.data.id);
      if (reply.data.error) p.reject(new Error(reply.data.error.message));
      else p.resolve(reply.data.result);
    });
  }

  /** Waits for a worker target whose URL or name matches, and attaches to it. */
  static async attach(browser: Browser, match: (t: { url: string; title: string }) => boolean, timeoutMs = 30_000): Promise<WorkerCdp> {
    const cdp = await browser.newBrowserCDPSession();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { targetInfos } = TargetsSchema.parse(await cdp.send('Target.getTargets'));
      const t = targetInfos.find((x) => x.type === 'worker' && match(x));
      if (t) {
        const { sessionId } = AttachSchema.parse(await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false }));
        return new WorkerCdp(cdp, sessionId);
      }
      if (Date.now() > deadline) throw new Error(`no matching worker target within ${timeoutMs} ms (targets: ${targetInfos.map((x) => `${x.type} ${x.url}`).join(', ')})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  send(method: string, params: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.browserCdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: unknown) => {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }

  async heapUsage(timeoutMs?: number): Promise<HeapUsage> {
    return HeapUsageSchema.parse(await this.send('Runtime.getHeapUsage', {}, timeoutMs));
  }

  /** Full GC in the worker, then its heap usage: what it retains. */
  async retained(): Promise<HeapUsage> {
    await this.send('HeapProfiler.collectGarbage', {}, 300_000);
    await this.send('HeapProfiler.collectGarbage', {}, 300_000);
    return this.heapUsage(300_000);
  }

  async close(): Promise<void> {
    await this.browserCdp.detach().catch(() => {});
  }
}

/** VmRSS and VmHWM (peak) of a process, bytes; null when it is gone. */
export function procRss(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

export async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = ProcessInfoSchema.parse(await cdp.send('SystemInfo.getProcessInfo'));
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export interface MemoryPeaks {
  /** max over samples of the worker's heapBytes() */
  heapPeakBytes: number;
  /** max VmHWM over the renderers (the page's renderer: by far the largest) */
  rendererPeakBytes: number;
  samples: number;
  /** samples that got no answer in time (the worker busy in a long task) */
  missed: number;
}

/**
 * Samples the worker's heap every `intervalMs` (one request in flight at a time) until stopped.
 * The renderer's VmHWM needs no sampling: the kernel keeps the peak.
 */
export function sampleMemory(worker: WorkerCdp, browser: Browser, intervalMs = 250): { stop: () => Promise<MemoryPeaks> } {
  let heapPeakBytes = 0;
  let samples = 0;
  let missed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = Date.now();
      try {
        const h = await worker.heapUsage(5000);
        heapPeakBytes = Math.max(heapPeakBytes, heapBytes(h));
        samples++;
      } catch {
        missed++;
      }
      const wait = intervalMs - (Date.now() - t);
      if (wait > 0 && running) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const pids = await rendererPids(browser);
      const rendererPeakBytes = Math.max(0, ...pids.map((p) => procRss(p)?.hwm ?? 0).filter(Number.isFinite));
      return { heapPeakBytes, rendererPeakBytes, samples, missed };
    },
  };
}
