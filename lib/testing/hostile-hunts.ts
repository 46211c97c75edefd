/** Test-only: generated hunts with hostile rows spliced in, for the bytes paths' tests. */
import { concatBytes } from '../bytes';
import { generateHunt } from '../generate/hunt';

const enc = new TextEncoder();

/** A generated Splunk CSV hunt with hostile rows spliced in after `at` of its lines. */
export function huntWithTrouble(seed: number): Uint8Array {
  const clean = concatBytes([...generateHunt({ seed, format: 'splunk-csv', benignRows: 3000, chunkBytes: 16 * 1024 }).bytes]);
  const text = new TextDecoder().decode(clean);
  const lines = text.split('\n');
  const header = lines[0] as string;
  const good = lines[5] as string;
  const trouble = [
    good.replace(/,([^,]*)$/, ',"$1"'), // a quoted UtcTime
    good.replace(/^([^,]*),([^,]*),/, '$1,"$2\nstill the query name",'), // a quoted cell across lines
    'too,few,fields',
    good + ',one more',
    '',
    good.replace('22', 'abc'), // unreadable event id
    good.replace(/\d\d\d\d-\d\d-\d\d \d\d:\d\d:\d\d\.\d+$/, 'not a time'),
    good.replace(/^[^,]*/, '2024-03-04T00:00:00.000+00:00').replace(/\.\d+$/, ''),
    'x,"unterminated,' + good,
  ];
  const body = lines.slice(1);
  const mixed: string[] = [header];
  body.forEach((l, i) => {
    mixed.push(i % 400 === 7 ? l.replace(/\n?$/, '\r') : l);
    if (i % 500 === 3) mixed.push(trouble[(i / 500) % trouble.length | 0] as string);
  });
  const out = enc.encode(mixed.join('\n'));
  // invalid UTF-8 in one query name
  const at = out.indexOf(0x2c, out.length >> 1) + 1;
  out[at] = 0xff;
  return out;
}

/** A generated Zeek hunt with hostile lines, a second header block and an over-long line. */
export function zeekWithTrouble(seed: number): Uint8Array {
  const clean = concatBytes([...generateHunt({ seed, format: 'zeek-tsv', benignRows: 3000, chunkBytes: 16 * 1024 }).bytes]);
  const lines = new TextDecoder().decode(clean).split('\n');
  const headerEnd = lines.findIndex((l) => !l.startsWith('#'));
  const header = lines.slice(0, headerEnd);
  const fieldsLine = header.find((l) => l.startsWith('#fields')) as string;
  const names = fieldsLine.split('\t').slice(1);
  const good = lines[headerEnd + 3] as string;
  const cells = good.split('\t');
  // the same columns in another order, for a second header block
  const order = names.map((_, i) => i).reverse();
  const reordered = (l: string) => {
    const c = l.split('\t');
    return order.map((i) => c[i]).join('\t');
  };
  const trouble = [
    '',
    ' \t \t',
    '\r',
    '# a comment line',
    cells.slice(0, 5).join('\t'),
    good + '\textra',
    cells.map((c, i) => (names[i] === 'query' ? 'tab\\x09and\\x5cslash.example.com' : c)).join('\t'),
    cells.map((c, i) => (names[i] === 'ts' ? 'not-a-time' : c)).join('\t'),
    'x'.repeat(1_100_000),
    cells.map((c, i) => (names[i] === 'query' ? 'é'.repeat(10) + '.example.com' : c)).join('\t'),
  ];
  const body = lines.slice(headerEnd).filter((l) => l !== '' && !l.startsWith('#close'));
  const out: string[] = [...header];
  const half = body.length >> 1;
  body.forEach((l, i) => {
    // a second header block, with CRLF line ends
    if (i === half) out.push(...header.map((h) => (h.startsWith('#fields') ? ['#fields', ...order.map((j) => names[j])].join('\t') : h) + '\r'));
    out.push(i >= half ? reordered(l) : i % 300 === 11 ? l + '\r' : l);
    if (i % 400 === 5) out.push(trouble[(i / 400) % trouble.length | 0] as string);
  });
  const bytes = enc.encode(out.join('\n') + '\n');
  bytes[bytes.indexOf(0x09, bytes.length >> 2) + 1] = 0xff; // invalid UTF-8 at a cell start
  return bytes;
}
