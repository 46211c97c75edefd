import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Generated Zeek dns.log (TSV) fixtures: header lines 1–8, data rows from line 9. */
const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tdns',
  '#open\t2024-03-01-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool',
].join('\n');

export const FIRST_DATA_LINE = 9;

/** One NOERROR A lookup, `i` seconds after 2024-03-01T00:00:00Z. */
export function zeekRow(i: number): string {
  const ts = (1_709_251_200 + i).toFixed(6);
  return `${ts}\tC${i.toString(36).padStart(8, '0')}\t10.0.${(i >> 8) & 255}.${i & 255}\t${40000 + (i % 20000)}\t10.0.0.53\t53\tudp\t${i % 65536}\t0.012\thost-${i}.example.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t93.184.216.34\t300.000000\tF`;
}

/** A complete log with the given data lines (rows or anything else) after the header. */
export function zeekLog(lines: readonly string[]): string {
  return `${HEADER}\n${lines.join('\n')}\n#close\t2024-03-01-01-00-00\n`;
}

/** Writes a log of about `bytes` bytes without building it as one string. */
export async function writeLargeZeekLog(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${HEADER}\n`);
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const batch: string[] = [];
    for (let k = 0; k < 5000; k++) batch.push(zeekRow(rows++));
    const text = batch.join('\n') + '\n';
    written += text.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
