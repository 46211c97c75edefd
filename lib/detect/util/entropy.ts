/**
 * Shannon entropy and alphabet-aware "does this look like encoded data" tests for DNS labels and
 * TXT strings.
 *
 * Why alphabet-aware: the plug-in entropy of a random string is bounded by log2(alphabet size) and
 * by log2(length), so one fixed cut (the "> 4.5" of blog posts) misses hex tunnels (max 4 bits/char)
 * and flags nothing below ~30 characters. Instead the expected entropy of a uniformly random string
 * of the same alphabet and length is computed exactly, and a string "looks encoded" when its
 * entropy reaches a fraction of that expectation.
 *
 * Reference points (dns-c2-facts.md §3 "Label-shape quick reference", 2 000 random samples each):
 * hex 60 ch H≈3.81 (p5 3.68); hex 32 ch 3.61; base32 63 ch 4.59 (p5 4.44); base64url 63 ch 5.17
 * (p5 4.98); base64 200-ch TXT 5.75; base64-of-hex 200-ch 4.79. {@link expectedEntropy} reproduces
 * the means; the p5 values sit at 0.965–0.967 of them, hence {@link DEFAULT_ENTROPY_RATIO}.
 */

export const ALPHABETS = ['hex', 'base32', 'base64url', 'base64', 'other'] as const;
export type Alphabet = (typeof ALPHABETS)[number];

/** Symbols an encoder of each class draws from (other: assumed as large as base64). */
export const ALPHABET_SIZE: Readonly<Record<Alphabet, number>> = {
  hex: 16,
  base32: 32,
  base64url: 64,
  base64: 64,
  other: 64,
};

/**
 * Fraction of the expected random-string entropy a string must reach to count as encoded data.
 * 0.96 puts the cut just below the published p5 values: hex 60 ch → 3.66, base32 63 ch → 4.41,
 * base64url 63 ch → 4.96 (dns-c2-facts.md §6 D4: hex ≥ 3.6, base32 ≥ 4.4, base64 ≥ 4.9).
 */
export const DEFAULT_ENTROPY_RATIO = 0.96;

const counts = new Uint32Array(128);
const touched = new Uint8Array(128);

/** Shannon entropy of the characters of `s`, in bits per character (0 for ''). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let wide: Map<number, number> | null = null;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (counts[c] === 0) touched[k++] = c;
      counts[c] = (counts[c] as number) + 1;
    } else {
      wide ??= new Map();
      wide.set(c, (wide.get(c) ?? 0) + 1);
    }
  }
  let h = 0;
  for (let i = 0; i < k; i++) {
    const c = touched[i] as number;
    const p = (counts[c] as number) / n;
    h -= p * Math.log2(p);
    counts[c] = 0;
  }
  if (wide) {
    for (const v of wide.values()) {
      const p = v / n;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

const HEX = 1;
const LOWER_NON_HEX = 2;
const UPPER_NON_HEX = 4;
const LOWER_HEX = 8;
const UPPER_HEX = 16;
const DASH_UNDERSCORE = 32;
const PLUS_SLASH_EQ = 64;
const OTHER = 128;
const CHAR_CLASS = new Uint8Array(128).fill(OTHER);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = HEX;
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = c <= 102 ? LOWER_HEX : LOWER_NON_HEX;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = c <= 70 ? UPPER_HEX : UPPER_NON_HEX;
for (const c of '-_') CHAR_CLASS[c.charCodeAt(0)] = DASH_UNDERSCORE;
for (const c of '+/=') CHAR_CLASS[c.charCodeAt(0)] = PLUS_SLASH_EQ;

/**
 * The encoder alphabet a string is drawn from, judged by the characters it uses:
 * `hex` only 0-9a-f (either case); `base32` one-case letters and digits (RFC 4648 `A-Z2-7`,
 * iodine `a-z0-5`, Sliver's custom lower-case set); `base64url` letters/digits with `-` or `_`;
 * `base64` mixed-case letters/digits or `+ / =`; `other` anything else (spaces, dots, non-ASCII).
 * Pass the case-preserved text where available: lower-casing makes base64 look like base32.
 */
export function classifyAlphabet(s: string): Alphabet {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    seen |= c < 128 ? (CHAR_CLASS[c] as number) : OTHER;
  }
  if (seen === 0 || seen & OTHER) return 'other';
  if (seen & PLUS_SLASH_EQ) return 'base64';
  if (seen & DASH_UNDERSCORE) return 'base64url';
  if ((seen & (LOWER_NON_HEX | UPPER_NON_HEX)) === 0) return 'hex';
  const lower = seen & (LOWER_NON_HEX | LOWER_HEX);
  const upper = seen & (UPPER_NON_HEX | UPPER_HEX);
  return lower && upper ? 'base64' : 'base32';
}

const expectedCache = new Map<number, number>();
const EXACT_MAX_LENGTH = 1024;

/**
 * Expected Shannon entropy (bits/char) of a string of `length` characters drawn uniformly from
 * `alphabetSize` symbols. Exact up to 1 024 characters (sum over the binomial distribution of each
 * symbol's count); beyond that the Miller–Madow approximation log2(k) − (k−1)/(2n·ln 2).
 */
export function expectedEntropy(alphabetSize: number, length: number): number {
  const k = Math.max(1, Math.floor(alphabetSize));
  const n = Math.max(0, Math.floor(length));
  if (n <= 1 || k === 1) return 0;
  if (n > EXACT_MAX_LENGTH) return Math.log2(k) - (k - 1) / (2 * n * Math.LN2);
  const key = k * (EXACT_MAX_LENGTH + 1) + n;
  const hit = expectedCache.get(key);
  if (hit !== undefined) return hit;
  const p = 1 / k;
  const q = 1 - p;
  let pmf = Math.pow(q, n); // P(count = 0)
  let sum = 0;
  for (let c = 1; c <= n; c++) {
    pmf *= ((n - c + 1) / c) * (p / q);
    const f = c / n;
    sum -= pmf * f * Math.log2(f);
  }
  const e = k * sum;
  expectedCache.set(key, e);
  return e;
}

/** Entropy a string of this alphabet and length must reach to count as encoded data. */
export function minEncodedEntropy(alphabet: Alphabet, length: number, ratio = DEFAULT_ENTROPY_RATIO): number {
  return ratio * expectedEntropy(ALPHABET_SIZE[alphabet], length);
}

export interface EncodedVerdict {
  readonly alphabet: Alphabet;
  readonly entropy: number;
  /** the cut this string had to reach */
  readonly required: number;
  readonly encoded: boolean;
}

/**
 * Whether `s` looks like encoded (random-looking) data for its alphabet and length. Strings of the
 * `other` class never count: tunnels encode into DNS-safe alphabets, readable text does not.
 */
export function encodedVerdict(s: string, ratio = DEFAULT_ENTROPY_RATIO): EncodedVerdict {
  const alphabet = classifyAlphabet(s);
  const entropy = shannonEntropy(s);
  const required = minEncodedEntropy(alphabet, s.length, ratio);
  return { alphabet, entropy, required, encoded: alphabet !== 'other' && entropy >= required };
}
