import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHunt } from './hunt';

const dir = mkdtempSync(path.join(tmpdir(), 'dns-hunt-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  }
  return n;
}

describe('streaming generation', () => {
  it('writes 300 000 rows (~300 MB of Sysmon JSON) to a file with backpressure in flat memory', async () => {
    const file = path.join(dir, 'hunt.ndjson');
    const out = createWriteStream(file);
    const hunt = generateHunt({ seed: 1, format: 'sysmon-json', rows: 300_000 });
    const base = used();
    let peak = base;
    let written = 0;
    for (const chunk of hunt.bytes) {
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      peak = Math.max(peak, used());
    }
    out.end();
    await once(out, 'finish');
    expect(hunt.manifest()).toMatchObject({ rows: 300_000, complete: true });
    expect(statSync(file).size).toBe(written);
    expect(written).toBeGreaterThan(250 * MIB);
    // holding the rows would cost more than the file size; streaming costs a few chunks
    expect(peak - base, `peak ${((peak - base) / MIB).toFixed(1)} MiB`).toBeLessThan(120 * MIB);
    expect(await countLines(file)).toBe(300_000);
  });
});
