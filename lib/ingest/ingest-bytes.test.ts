import { describe, expect, it, vi } from 'vitest';
import { concatBytes } from '../bytes';
import { generateHunt } from '../generate/hunt';
import { joinBlocks } from '../store/column';
import { EventStore } from '../store/event-store';
import { ingest } from './ingest';
import { ADAPTERS } from './sources';
import type { SourceAdapter } from './types';
import { ZeekEmitter } from './sources/zeek-record';
import { SysmonMapper } from './sources/sysmon-record';

const enc = new TextEncoder();

/** The same adapters, with readers that cannot take bytes: the text path. */
const TEXT_ONLY: readonly SourceAdapter[] = ADAPTERS.map((a) => ({
  ...a,
  open: (sink) => {
    const r = a.open(sink);
    return { push: (t: string) => r.push(t), end: () => r.end() };
  },
}));

/** The adapters as they are, counting the readers that took bytes. */
let tookBytes = 0;
const COUNTING: readonly SourceAdapter[] = ADAPTERS.map((a) => ({
  ...a,
  open: (sink) => {
    const r = a.open(sink);
    if (!r.startBytes) return r;
    const start = r.startBytes.bind(r);
    r.startBytes = () => {
      const ok = start();
      if (ok) tookBytes++;
      return ok;
    };
    return r;
  },
}));

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let off = 0; off < bytes.length; off += size) yield bytes.slice(off, off + size);
}

async function load(bytes: Uint8Array, chunk: number, adapters: readonly SourceAdapter[]) {
  const store = new EventStore();
  const summary = await ingest(chunked(bytes, chunk), store, { name: 'hunt.csv', totalBytes: bytes.length, adapters });
  return { summary, snapshot: store.snapshot(), size: store.size };
}

/** Loads `bytes` both ways and expects the same: the reader took the bytes, and 3000+ events. */
async function sameAsText(bytes: Uint8Array, chunk: number, label: string) {
  tookBytes = 0;
  const viaBytes = await load(bytes, chunk, COUNTING);
  expect(tookBytes).toBe(1);
  const viaText = await load(bytes, chunk, TEXT_ONLY);
  expect(viaBytes.size).toBeGreaterThan(3000);
  expect(viaBytes.summary, label).toEqual(viaText.summary);
  expect(viaBytes.snapshot, label).toEqual(viaText.snapshot);
  return viaBytes;
}

/**
 * Runs `run` with the readers' short way watched (ZeekEmitter.emitCut, SysmonMapper.dnsCut: a cut
 * row mapped from its cells' ids): what `run` gives, and the line of each row that went that way.
 */
async function shortWay<R>(run: () => Promise<R>): Promise<{ result: R; taken: number[] }> {
  const zeek = vi.spyOn(ZeekEmitter.prototype, 'emitCut');
  const sysmon = vi.spyOn(SysmonMapper.prototype, 'dnsCut');
  try {
    const result = await run();
    const zeekLines = zeek.mock.calls.filter((_, i) => zeek.mock.results[i]?.value === true).map((c) => c[0]);
    const sysmonLines = sysmon.mock.calls.filter((_, i) => sysmon.mock.results[i]?.value === true).map((c) => c[4]);
    return { result, taken: [...zeekLines, ...sysmonLines] };
  } finally {
    zeek.mockRestore();
    sysmon.mockRestore();
  }
}

/** A generated Splunk CSV hunt with hostile rows spliced in after `at` of its lines. */
function huntWithTrouble(seed: number): Uint8Array {
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
function zeekWithTrouble(seed: number): Uint8Array {
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

/** The fields the Zeek mapping reads, and a row of them: an answered query, one second apart. */
const SMALL_FIELDS = ['ts', 'id.orig_h', 'id.resp_h', 'query', 'qtype', 'qtype_name', 'rcode', 'rcode_name', 'answers', 'TTLs'] as const;
const SMALL_ROW: Readonly<Record<string, string>> = {
  'id.orig_h': '10.0.0.5', 'id.resp_h': '10.0.0.1', query: 'q.example.com', qtype: '1', qtype_name: 'A',
  rcode: '0', rcode_name: 'NOERROR', answers: 'mail.example.com', TTLs: '60.000000',
};

/** A small Zeek TSV log of those fields; each row gives the cells that differ from SMALL_ROW. */
function smallZeekLog(rows: readonly Readonly<Record<string, string>>[]): Uint8Array {
  const lines = rows.map((r, i) => SMALL_FIELDS.map((f) => (f === 'ts' ? `${1709510401 + i}.5` : (r[f] ?? SMALL_ROW[f]))).join('\t'));
  return enc.encode(['#separator \\x09', `#fields\t${SMALL_FIELDS.join('\t')}`, ...lines].join('\n') + '\n');
}

describe('Zeek TSV read as bytes (WebAssembly row cutter)', () => {
  it('builds the same store and summary as the text path, in any chunking', async () => {
    for (const [seed, chunk] of [
      [6, 4096],
      [7, 65_536],
      [8, 999],
    ] as const) {
      const { result: viaBytes, taken } = await shortWay(() => sameAsText(zeekWithTrouble(seed), chunk, `seed ${seed}`));
      // rows were mapped from their cells' ids (a few thousand rows: new names and answer sets are many yet)
      expect(taken.length).toBeGreaterThan(viaBytes.size / 20);
      expect(viaBytes.summary.format).toBe('zeek-tsv');
      expect(viaBytes.summary.problems.some((p) => p.reason === 'line too long: skipped')).toBe(true);
    }
  }, 60_000);

  it('reads the ts the cutter reads exactly as the text path does, and leaves it the others', async () => {
    const shapes = [
      '1709510401.303123', '1709510401', '1709510401.3', '1709510401.1234567', '170951040.5', '17095104011.25', '12345678.5',
      '1709510401.', ' 1709510401.3', '1709510401.3 ', '-', '(empty)', '2024-03-04T00:00:01.303Z', '9007199254.740993',
      '99999999999.999999', '1709510401.303e0',
    ];
    const clean = concatBytes([...generateHunt({ seed: 10, format: 'zeek-tsv', benignRows: 3000, chunkBytes: 16 * 1024 }).bytes]);
    const lines = new TextDecoder().decode(clean).split('\n');
    const names = (lines.find((l) => l.startsWith('#fields')) as string).split('\t').slice(1);
    const ts = names.indexOf('ts');
    let k = 0;
    const out = lines.map((l, i) => {
      if (l.startsWith('#') || l === '' || i % 3 !== 0) return l;
      const cells = l.split('\t');
      cells[ts] = shapes[k++ % shapes.length] as string;
      return cells.join('\t');
    });
    for (const chunk of [4096, 333]) {
      const viaBytes = await sameAsText(enc.encode(out.join('\n')), chunk, `chunk ${chunk}`);
      expect(viaBytes.summary.timeBasis).toContain('epoch');
      expect(viaBytes.summary.problems.some((p) => p.reason.startsWith('bad ts'))).toBe(true);
    }
  });

  it('reads the same answers text under another query type as that type reads it', async () => {
    const bytes = smallZeekLog([
      { qtype: '5', qtype_name: 'CNAME' }, { qtype: '16', qtype_name: 'TXT' }, { qtype: '5', qtype_name: 'CNAME' }, { qtype: '15', qtype_name: 'MX' }, { qtype: '16', qtype_name: 'TXT' },
    ]);
    tookBytes = 0;
    const viaBytes = await load(bytes, 64, COUNTING);
    expect(tookBytes).toBe(1);
    expect(viaBytes.size).toBe(5);
    expect(new Set(joinBlocks(viaBytes.snapshot.rows.answers, Uint32Array)).size).toBe(3);
    expect(viaBytes).toEqual(await load(bytes, 64, TEXT_ONLY));
  });

  it('reads the same cells anew after a header block that changes how they read', async () => {
    const block = (setSep: string, empty: string) => [
      '#separator \\x09',
      `#set_separator\t${setSep}`,
      `#empty_field\t${empty}`,
      '#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\tanswers\tTTLs',
    ];
    const row = (ts: number, q: string) => [`1709510${ts}.5`, '10.0.0.5', '10.0.0.1', q, '1', '1.2.3.4|5.6.7.8', '60.0|30.0'].join('\t');
    const log = [...block(',', '(empty)'), row(401, 'x'), row(402, 'y'), ...block('|', 'x'), row(403, 'x'), row(404, 'y')].join('\n') + '\n';
    const bytes = enc.encode(log);
    const viaBytes = await load(bytes, 50, COUNTING);
    expect(viaBytes.size).toBe(4);
    expect(viaBytes.snapshot.answers.map((a) => a.set.length)).toEqual([1, 2]);
    expect(viaBytes).toEqual(await load(bytes, 50, TEXT_ONLY));
  });

  it('reads the type and status names where the numbers are unset, as the text path does', async () => {
    const bytes = smallZeekLog([
      { qtype: '-', qtype_name: 'MX', rcode: '-', rcode_name: 'NXDOMAIN' },
      { qtype: '16', qtype_name: 'TXT', rcode: '-', rcode_name: 'SERVFAIL' },
      { qtype: '-', qtype_name: 'TXT' },
      { qtype: '-', qtype_name: '-', rcode: '-', rcode_name: '-' },
    ]);
    const viaBytes = await load(bytes, 64, COUNTING);
    expect(viaBytes.size).toBe(4);
    expect(viaBytes.snapshot.outcomes.qtype.slice(1)).toEqual([15, 16, 16, 0]);
    expect(viaBytes).toEqual(await load(bytes, 64, TEXT_ONLY));
  });

  it('gives each row the client and resolver of its own cells, however often a client changed resolver', async () => {
    const resolvers = ['10.0.0.1', '10.0.0.2', '10.0.0.1', '10.0.0.1', '10.0.0.3', '10.0.0.2'];
    const rows = resolvers.flatMap((resp, i): Record<string, string>[] => [
      { 'id.resp_h': resp, query: `q${i % 2}.example.com` },
      { 'id.orig_h': '10.0.0.6', 'id.resp_h': resolvers[(i + 1) % resolvers.length] as string, query: 'q0.example.com' },
    ]);
    const bytes = smallZeekLog(rows);
    tookBytes = 0;
    const viaBytes = await load(bytes, 64, COUNTING);
    expect(tookBytes).toBe(1);
    expect(viaBytes).toEqual(await load(bytes, 64, TEXT_ONLY));
    const { strings, actors, rows: blocks } = viaBytes.snapshot;
    const r = { actor: joinBlocks(blocks.actor, Uint32Array), qname: joinBlocks(blocks.qname, Uint32Array) };
    const actorOf = (row: number) => {
      const a = r.actor[row] as number;
      return `${strings[actors.client[a] as number]} → ${strings[actors.resolver[a] as number]}`;
    };
    expect(Array.from({ length: rows.length }, (_, i) => actorOf(i))).toEqual(rows.map((row) => `${row['id.orig_h'] ?? '10.0.0.5'} → ${row['id.resp_h']}`));
    expect(Array.from(r.qname, (q) => strings[q])).toEqual(rows.map((row) => row.query));
  });

  it('maps a row from its cells\' ids once they were read on an earlier row, to the event the text path makes', async () => {
    const variants: Record<string, string>[] = [
      {},
      { answers: '-', TTLs: '-', rcode: '0' }, // NODATA
      { answers: '(empty)', TTLs: '(empty)', rcode: '3', rcode_name: 'NXDOMAIN' },
      { answers: '-', rcode: '5', rcode_name: 'REFUSED' },
      { answers: 'mail.example.com', qtype: '15', qtype_name: 'MX' }, // the same answers cell, another class
      { answers: '1.2.3.4', TTLs: '-' }, // answers without a TTL
      { 'id.orig_h': '\\x2d', 'id.resp_h': '-' }, // unset once unescaped, and unset
      { query: '-', rcode: '5' },
      { query: 'esc\\x2eaped.example.com' },
      { qtype: '70000', qtype_name: '-' },
      { rcode: '-', rcode_name: 'SERVFAIL' },
      { qtype: '-', qtype_name: 'TXT', answers: 'v=spf1' },
      { 'id.orig_h': '10.0.0.9' },
    ];
    // each variant three times over, interleaved, so its cells are known when it comes again
    const rows = [0, 1, 2].flatMap(() => variants);
    const bytes = smallZeekLog(rows);
    const { result: viaBytes, taken } = await shortWay(() => load(bytes, 64, COUNTING));
    expect(viaBytes.size).toBe(rows.length);
    expect(viaBytes).toEqual(await load(bytes, 64, TEXT_ONLY));
    // the lines (header: 2) taken from ids: not the first (every cell new); in the first round
    // the escaped name, the only new cell of its row (a new name is interned on the way)
    const lineOf = (round: number, variant: number) => 3 + round * variants.length + variant;
    expect(taken).not.toContain(lineOf(0, 0));
    expect(taken).toContain(lineOf(0, 8));
    // an answer, none (NODATA, NXDOMAIN, REFUSED), an escaped name, an out-of-range type: in the later rounds
    for (const v of [0, 1, 2, 3, 8, 9, 12]) expect(taken).toEqual(expect.arrayContaining([lineOf(1, v), lineOf(2, v)]));
    // a cell that reads as unset, or a TTL missing, is left to the mapping of text
    for (const v of [5, 6, 7, 10, 11]) expect(taken).not.toContain(lineOf(2, v));
  });

  it('reads a log whose separator is not a tab as text', async () => {
    const log = '#separator \\x7c\n#fields|ts|query\n1709510401.3|a.example.com\n1709510402.3|b.example.com\n';
    const bytes = enc.encode(log);
    const viaBytes = await load(bytes, 7, COUNTING);
    expect(viaBytes).toEqual(await load(bytes, 7, TEXT_ONLY));
  });
});

describe('Splunk CSV read as bytes (WebAssembly row cutter)', () => {
  it('builds the same store and summary as the text path, in any chunking', async () => {
    for (const [seed, chunk] of [
      [3, 4096],
      [4, 777],
      [5, 65_536],
    ] as const) {
      const { result: viaBytes, taken } = await shortWay(() => sameAsText(huntWithTrouble(seed), chunk, `seed ${seed}`));
      expect(viaBytes.summary.problems.length).toBeGreaterThan(5);
      // rows were mapped from their cells' ids (a few thousand rows: new names and answer sets are many yet)
      expect(taken.length).toBeGreaterThan(viaBytes.size / 20);
    }
  });

  it('reads the timestamps the cutter reads exactly as the text path does, and leaves it the others', async () => {
    // UtcTime (last column) in shapes the cutter reads and shapes it leaves to JavaScript, and
    // rows without one, whose time (and the time basis) then comes from _time (first column)
    const utc = [
      '2024-03-04 00:00:01.303', '2024-03-04T00:00:01.303Z', '2024-03-04 00:00:01.303+02:00', '2024-03-04 23:59:60.999',
      '2024-03-04 00:00:01', '2024-02-29 00:00:01.303', '2000-02-29 12:00:00.000', '1900-02-29 00:00:01.303',
      '2023-02-29 00:00:01.303', '2024-04-31 00:00:01.303', '2024-03-04 00:00:01.3031234', '2024-03-04 00:00:01,303',
      '2024-03-04 00:00:01.303-0530', '2024-03-04 00:00:01.303+05', '2024-03-04 00:00:01.303 ', ' 2024-03-04 00:00:01.303',
      '0999-03-04 00:00:01.303', '2024-13-04 00:00:01.303', '2024-03-04 24:00:01.303', '2024-03-04 00:00:01.303UTC',
      '2024-03-04 00:00:01.30', '2024-03-04 00:00:01.303z', '2024-03-04 00:00:01.303+99:99', '2024-03-04x00:00:01.303', '',
    ];
    const fallback = ['2024-03-04T00:00:01.303+00:00', '2024-03-04 00:00:01.303', '1709510401.303', '03/04/2024 00:00:01', '2024-03-04T00:00:01.303Z'];
    const clean = concatBytes([...generateHunt({ seed: 9, format: 'splunk-csv', benignRows: 3000, chunkBytes: 16 * 1024 }).bytes]);
    const lines = new TextDecoder().decode(clean).split('\n');
    expect(lines[0]).toMatch(/^_time,.*,UtcTime$/);
    let k = 0;
    const out = lines.map((l, i) => {
      if (i === 0 || l === '' || i % 3 !== 0) return l;
      const shape = utc[k % utc.length] as string;
      const row = l.replace(/,[^,]*$/, `,${shape}`);
      const f = fallback[Math.floor(k / utc.length) % fallback.length] as string;
      k++;
      return shape === '' ? row.replace(/^[^,]*/, f) : row;
    });
    for (const chunk of [4096, 333]) {
      const viaBytes = await sameAsText(enc.encode(out.join('\n')), chunk, `chunk ${chunk}`);
      expect(viaBytes.summary.timeBasis).toContain('no UtcTime');
      expect(viaBytes.summary.problems.some((p) => p.reason.startsWith('unreadable UtcTime'))).toBe(true);
    }
  });

  it('gives each row the process of its own cells when a process GUID comes with another host, user, image or pid', async () => {
    const header = '_time,QueryName,QueryResults,Computer,user,process_path,EventCode,QueryStatus,ProcessId,ProcessGuid,UtcTime';
    const guid = '{0ca555cd-07b7-1e2b-546e-0000000d2400}';
    const actors = [
      ['WS1', 'CORP\\ann', 'C:\\a.exe', '100', guid],
      ['WS2', 'CORP\\ann', 'C:\\a.exe', '100', guid],
      ['WS1', 'CORP\\bob', 'C:\\a.exe', '100', guid],
      ['WS1', 'CORP\\ann', 'C:\\b.exe', '100', guid],
      ['WS1', 'CORP\\ann', 'C:\\a.exe', '200', guid],
      ['WS1', 'CORP\\ann', 'C:\\a.exe', '100', '{0ca555cd-07b7-1e2b-546e-0000000d2401}'],
      ['WS1', 'CORP\\ann', 'C:\\a.exe', '100', guid],
    ];
    const lines = Array.from({ length: 40 }, (_, i) => {
      const [host, user, image, pid, g] = actors[(i * 3) % actors.length] as string[];
      const t = `2024-03-04 00:00:${String(i).padStart(2, '0')}.500`;
      return `2024-03-04T00:00:00.000+00:00,q${i % 3}.example.com,::ffff:1.2.3.4;,${host},${user},${image},22,0,${pid},${g},${t}`;
    });
    const bytes = enc.encode([header, ...lines].join('\n') + '\n');
    tookBytes = 0;
    const viaBytes = await load(bytes, 300, COUNTING);
    expect(tookBytes).toBe(1);
    expect(viaBytes.size).toBe(40);
    expect(viaBytes).toEqual(await load(bytes, 300, TEXT_ONLY));
    const { strings, actors: a, rows: blocks } = viaBytes.snapshot;
    const rows = { actor: joinBlocks(blocks.actor, Uint32Array) };
    const actorOf = (row: number) => {
      const id = rows.actor[row] as number;
      return [strings[a.host[id] as number], strings[a.user[id] as number], strings[a.image[id] as number], String(a.pid[id]), strings[a.guid[id] as number]];
    };
    expect(Array.from({ length: 40 }, (_, i) => actorOf(i))).toEqual(Array.from({ length: 40 }, (_, i) => actors[(i * 3) % actors.length]));
    expect(new Set(rows.actor).size).toBe(6);
  });

  it('maps a row from its cells\' ids once they were read on an earlier row, to the event the text path makes', async () => {
    const header = '_time,QueryName,QueryResults,Computer,user,process_path,EventCode,QueryStatus,ProcessId,ProcessGuid,UtcTime';
    const base: Record<string, string> = {
      QueryName: 'q.example.com', QueryResults: '::ffff:1.2.3.4;', Computer: 'WS1', user: 'CORP\\ann', process_path: 'C:\\a.exe',
      EventCode: '22', QueryStatus: '0', ProcessId: '100', ProcessGuid: '{0ca555cd-07b7-1e2b-546e-0000000d2400}',
    };
    const variants: Record<string, string>[] = [
      {},
      { QueryResults: '', QueryStatus: '9003' }, // NXDOMAIN, no answers
      { QueryResults: '-', QueryStatus: '' }, // no answers, no status: ERROR
      { QueryResults: 'type:  5 cname.example.net;2a00:1450::1;', QueryStatus: '' }, // answers, no status: NOERROR
      { QueryStatus: 'SOMETHING_ELSE' }, // an unknown symbol: ERROR, code -1
      { QueryStatus: '1460' }, // TIMEOUT
      { process_path: '&lt;unknown process&gt;', ProcessGuid: '{0ca555cd-07b7-1e2b-546e-0000000d2401}' },
      { ProcessId: 'abc', ProcessGuid: '{0CA555CD-07B7-1E2B-546E-0000000D2402}' }, // pid unreadable, GUID in upper case
      { user: '', ProcessGuid: '{0ca555cd-07b7-1e2b-546e-0000000d2403}' }, // no user: left to the mapping of text
      { EventCode: '' }, // no event id (a DNS record by its query name): left to the mapping of text
      { EventCode: '1' }, // a process creation, not DNS
      { Computer: 'WS2' }, // the same process GUID with another host
      { Computer: 'WS2', QueryName: 'new.example.org' }, // as the row before but for its name: interned on the way
    ];
    const names = header.split(',');
    const rows = [0, 1, 2].flatMap(() => variants);
    const lines = rows.map((v, i) => {
      const t = `2024-03-04 00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.500`;
      return names.map((n) => (n === '_time' ? '2024-03-04T00:00:00.000+00:00' : n === 'UtcTime' ? t : (v[n] ?? base[n]))).join(',');
    });
    const bytes = enc.encode([header, ...lines].join('\n') + '\n');
    const { result: viaBytes, taken } = await shortWay(() => load(bytes, 300, COUNTING));
    expect(viaBytes.size).toBe(rows.length - 3);
    expect(viaBytes).toEqual(await load(bytes, 300, TEXT_ONLY));
    // the lines (header: 1) taken from ids: not the first (every cell new), and of the first
    // round the row whose name alone is new
    const lineOf = (round: number, variant: number) => 2 + round * variants.length + variant;
    expect(taken).not.toContain(lineOf(0, 0));
    expect(taken).toContain(lineOf(0, 12));
    for (const v of [1, 2, 3, 4, 5, 6, 7]) expect(taken).toEqual(expect.arrayContaining([lineOf(1, v), lineOf(2, v)]));
    for (const v of [8, 9, 10]) expect(taken).not.toContain(lineOf(2, v));
  });

  it('reads an empty cell of a column the cutter copies as raw text as the text path does, alone in its scan', async () => {
    const header = '_time,QueryName,QueryResults,Computer,user,process_path,EventCode,QueryStatus,ProcessId,ProcessGuid,UtcTime';
    const row = (i: number, name: string) =>
      `2024-03-04T00:00:00.000+00:00,${name},::ffff:1.2.3.4;,WS1,CORP\\ann,C:\\a.exe,22,0,100,{0ca555cd-07b7-1e2b-546e-0000000d2400},2024-03-04 00:00:${String(i % 60).padStart(2, '0')}.500`;
    // a new name on every row: the cutter copies the name column as raw text after 4096 rows
    const head = enc.encode([header, ...Array.from({ length: 5000 }, (_, i) => row(i, `n${i}.example.com`))].join('\n') + '\n');
    const last = enc.encode(row(5000, '') + '\n');
    const twoChunks = async (adapters: readonly SourceAdapter[]) => {
      async function* source() {
        yield head.slice();
        yield last.slice(); // its own scan: an empty raw cell copies no bytes
      }
      const store = new EventStore();
      const summary = await ingest(source(), store, { name: 'hunt.csv', totalBytes: head.length + last.length, adapters });
      return { summary, snapshot: store.snapshot(), size: store.size };
    };
    const viaBytes = await twoChunks(COUNTING);
    expect(viaBytes.size).toBe(5000);
    expect(viaBytes.summary.problems).toEqual([{ line: 5002, reason: 'Sysmon event 22 without QueryName' }]);
    expect(viaBytes).toEqual(await twoChunks(TEXT_ONLY));
  });

  it('leaves only a quoted row to the text framer: the rows after it are cut and mapped from their ids', async () => {
    const header = '_time,QueryName,QueryResults,Computer,user,process_path,EventCode,QueryStatus,ProcessId,ProcessGuid,UtcTime';
    const lines = Array.from({ length: 400 }, (_, i) => {
      const t = `2024-03-04 00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.500`;
      // every 20th row has a TXT answer with a comma in it, quoted
      const results = i % 20 === 10 ? '"type:  16 v=spf1 a,mx -all;"' : '::ffff:1.2.3.4;';
      return `2024-03-04T00:00:00.000+00:00,q${i % 2}.example.com,${results},WS1,CORP\\ann,C:\\a.exe,22,0,100,{0ca555cd-07b7-1e2b-546e-0000000d2400},${t}`;
    });
    const bytes = enc.encode([header, ...lines].join('\n') + '\n');
    const { result: viaBytes, taken } = await shortWay(() => load(bytes, 64 * 1024, COUNTING));
    expect(viaBytes.size).toBe(400);
    expect(viaBytes).toEqual(await load(bytes, 64 * 1024, TEXT_ONLY));
    // all but the 20 quoted rows and the first (its cells new) went the short way
    expect(taken.length).toBe(400 - 20 - 1);
  });

  it('reads a table of event XML (`_raw`) and a BOM as the text path does', async () => {
    const xml = (q: string) =>
      `"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>22</EventID><Computer>WS1</Computer></System><EventData><Data Name='UtcTime'>2024-03-04 10:00:00.000</Data><Data Name='QueryName'>${q}</Data><Data Name='QueryStatus'>0</Data><Data Name='QueryResults'>::ffff:1.2.3.4;</Data><Data Name='Image'>C:\\x.exe</Data><Data Name='ProcessGuid'>{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}</Data></EventData></Event>"`;
    const csv = `\uFEFF_time,host,_raw\n${Array.from({ length: 50 }, (_, i) => `2024-03-04T10:00:00.000+00:00,splunk,${xml(`q${i}.example.com`)}`).join('\r\n')}\n`;
    const bytes = enc.encode(csv);
    tookBytes = 0;
    const viaBytes = await load(bytes, 300, COUNTING);
    expect(tookBytes).toBe(1);
    expect(viaBytes.size).toBe(50);
    expect(viaBytes).toEqual(await load(bytes, 300, TEXT_ONLY));
  });
});
