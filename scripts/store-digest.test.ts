import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concatBytes } from '../lib/bytes';
import { generateHunt } from '../lib/generate/hunt';
import { huntDigests } from './store-digest';

const dir = mkdtempSync(path.join(tmpdir(), 'store-digest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store-digest', () => {
  it('gives the same digests for the same file, and others when one row differs', async () => {
    const text = new TextDecoder().decode(concatBytes([...generateHunt({ seed: 3, format: 'zeek-tsv', benignRows: 2000, chunkBytes: 16 * 1024 }).bytes]));
    const a = path.join(dir, 'a.log');
    const b = path.join(dir, 'b.log');
    writeFileSync(a, text);
    // one query name changed in one data row
    const lines = text.split('\n');
    const at = lines.findIndex((l, i) => i > 20 && !l.startsWith('#'));
    lines[at] = (lines[at] as string).replace(/\t([a-z0-9.-]+\.[a-z]+)\t/, '\tchanged.example.org\t');
    writeFileSync(b, lines.join('\n'));
    const first = await huntDigests(a);
    expect(first.events).toBeGreaterThan(2000);
    expect(await huntDigests(a)).toEqual(first);
    const other = await huntDigests(b);
    expect(other.events).toBe(first.events);
    expect(other.store).not.toBe(first.store);
  }, 60_000);
});
