/** Text encodings an export may come in (Event Viewer writes UTF-16 with a BOM). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What the first bytes say about a file before any text is decoded. */
export type ByteSniff =
  | { kind: 'text'; encoding: TextEncodingName; bom: number }
  | { kind: 'gzip' }
  | { kind: 'binary'; reason: string };

/**
 * Looks at the first bytes: BOMs, UTF-16 without a BOM (every other byte zero), gzip, and the
 * binary formats analysts drop by mistake (raw .evtx, zip).
 */
export function sniffBytes(b: Uint8Array): ByteSniff {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { kind: 'text', encoding: 'utf-8', bom: 3 };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le', bom: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { kind: 'text', encoding: 'utf-16be', bom: 2 };
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return { kind: 'gzip' };
  const magic = String.fromCharCode(...b.subarray(0, 8));
  if (magic.startsWith('ElfFile')) {
    return { kind: 'binary', reason: 'a binary .evtx log: export it from Event Viewer as XML or CSV first' };
  }
  if (magic.startsWith('PK\u0003\u0004')) return { kind: 'binary', reason: 'a zip archive: extract it first' };
  const n = Math.min(b.length, 512) & ~1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) zeroEven++;
    if (b[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (pairs >= 4 && zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return { kind: 'text', encoding: 'utf-16le', bom: 0 };
  if (pairs >= 4 && zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return { kind: 'text', encoding: 'utf-16be', bom: 0 };
  if (pairs >= 4 && zeroEven + zeroOdd > pairs * 0.1) {
    return { kind: 'binary', reason: 'a binary file (many NUL bytes), not a text log export' };
  }
  return { kind: 'text', encoding: 'utf-8', bom: 0 };
}
