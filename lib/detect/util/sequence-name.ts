/**
 * Sequence names (dns-c2-facts §6 D1): a first label made of a constant stem and a counter —
 * decimal suffix (`cloud-srv-12`, `cdn0`, nishang `7`) or the Cobalt Strike stager's base-26
 * little-endian triplet (`aaa.stage.…`, `baa`, … `aba`).
 */
import type { DetectContext } from '../context';
import { withIndex } from '../../store/column';

export interface ParsedName {
  readonly kind: 'decimal' | 'base26';
  readonly stem: string;
  readonly parent: string;
  readonly counter: number;
}

const TRIPLET_RE = /^[a-z]{3}$/;
/** longer digit runs are ids, not sequence positions (16 320 AAAA = a 261 KB stageless payload) */
const MAX_DIGITS = 6;

/**
 * Splits a normalised name into stem, counter and parent, or null. Reverse-lookup names
 * (`*.arpa`) and names without a parent are never sequences.
 */
export function parseSequentialName(name: string): ParsedName | null {
  const counter = sequenceCounter(name);
  if (counter < 0) return null;
  const dot = name.indexOf('.');
  if (name.charCodeAt(dot - 1) <= 57) {
    let i = dot - 1;
    while (i >= 0 && name.charCodeAt(i) >= 48 && name.charCodeAt(i) <= 57) i--;
    return { kind: 'decimal', stem: name.slice(0, i + 1), parent: name.slice(dot + 1), counter };
  }
  return { kind: 'base26', stem: '', parent: name.slice(4), counter };
}

/** The counter of a sequence name, or −1; allocation-free (the hot path of pass 1). */
export function sequenceCounter(name: string): number {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) return -1;
  const last = name.charCodeAt(dot - 1);
  if (last >= 48 && last <= 57) {
    // `^(.*?)(\d+)$` on the first label: every trailing digit is the counter
    let i = dot - 1;
    let counter = 0;
    let scale = 1;
    for (; i >= 0; i--) {
      const ch = name.charCodeAt(i);
      if (ch < 48 || ch > 57) break;
      if (dot - i > MAX_DIGITS) return -1;
      counter += (ch - 48) * scale;
      scale *= 10;
    }
    return name.endsWith('.arpa') ? -1 : counter;
  }
  if (dot === 3 && name.startsWith('stage.', 4) && TRIPLET_RE.test(name.slice(0, 3))) {
    const c = (i: number) => name.charCodeAt(i) - 97;
    return c(0) + 26 * c(1) + 676 * c(2);
  }
  return -1;
}

/** `cloud-srv-{n}.test.mydnsserver.live`, `{aaa}.stage.123456.example.net` */
export function sequencePattern(run: Pick<ParsedName, 'kind' | 'stem' | 'parent'>): string {
  return `${run.stem}${run.kind === 'base26' ? '{aaa}' : '{n}'}.${run.parent}`;
}

/** Static facts of an interned stem + parent. */
export interface StemInfo {
  readonly kind: 'decimal' | 'base26';
  readonly stem: string;
  readonly parent: string;
}

/** Counters below this are interned on first sight (they can start a run). */
export const SMALL_COUNTER = 32;

/**
 * The parse of every distinct normalised name of one context, computed once and shared by every
 * detector that looks for sequences (the store does not change while detectors run).
 * `stemOf[q]`: −2 unseen, −1 not a sequence name (or no interned stem), −3 counter ≥ 32 whose
 * stem is looked up only when needed (most are hash labels ending in digits), ≥ 0 stem id.
 */
export class SequenceNames {
  readonly stemOf: Int32Array;
  readonly counterOf: Int32Array;
  readonly stems: StemInfo[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly ctx: DetectContext) {
    const n = ctx.store.strings.size;
    this.stemOf = new Int32Array(n).fill(-2);
    this.counterOf = new Int32Array(n);
  }

  /** First sight of name `q`: counter, and the stem id when the counter is small. */
  see(q: number): number {
    const text = this.ctx.text(q);
    const c = sequenceCounter(text);
    this.counterOf[q] = c;
    if (c < 0) return (this.stemOf[q] = -1);
    if (c >= SMALL_COUNTER) return (this.stemOf[q] = -3);
    return (this.stemOf[q] = this.intern(text, true));
  }

  private namedRows: Int32Array | null = null;

  /**
   * The rows (ascending) whose name has a counter (a stem id, or −3, when first seen): the only
   * rows a run's passes look at, found in one pass over every row by the first detector that
   * asks (which also sees every name, in row order: stem ids do not depend on who asks first).
   */
  rowsWithCounters(): Int32Array {
    if (this.namedRows) return this.namedRows;
    const ctx = this.ctx;
    const stemOf = this.stemOf;
    let out = new Int32Array(0);
    let n = 0;
    const qnames = ctx.qnameColumn();
    for (let r = 0; r < ctx.size; r++) {
      const q = qnames[r] as number;
      let s = stemOf[q] as number;
      if (s === -2) s = this.see(q);
      if (s === -1) continue;
      out = withIndex(out, n);
      out[n++] = r;
    }
    return (this.namedRows = out.slice(0, n));
  }

  /**
   * Stem id of a −3 name, or −1 when no small-counter name has that stem. Valid only after every
   * row was seen (a run's first pass), so the answer is final and cached.
   */
  resolve(q: number): number {
    return (this.stemOf[q] = this.intern(this.ctx.text(q), false));
  }

  private intern(text: string, create: boolean): number {
    const p = parseSequentialName(text);
    if (p === null) return -1;
    const key = `${p.kind}\u0000${p.stem}\u0000${p.parent}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      if (!create) return -1;
      id = this.stems.length;
      this.ids.set(key, id);
      this.stems.push({ kind: p.kind, stem: p.stem, parent: p.parent });
    }
    return id;
  }
}

const tables = new WeakMap<DetectContext, SequenceNames>();

/** The shared name table of `ctx`. */
export function sequenceNames(ctx: DetectContext): SequenceNames {
  let t = tables.get(ctx);
  if (!t) tables.set(ctx, (t = new SequenceNames(ctx)));
  return t;
}
