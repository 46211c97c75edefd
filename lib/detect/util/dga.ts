/**
 * "Does this second-level label look machine-generated?" for DGA hunting, on the registrable
 * domain's own label (the part a DGA invents: `xkqjzvbwpe` of `xkqjzvbwpe.com`).
 *
 * Main feature: average letter-bigram log-likelihood against English, from a 26×26 table of
 * levels `round(log2(p(pair) × 676)) + 5` clamped to 0..9 (5 = as frequent as under uniformly
 * random letters, 0 = at least ~23× rarer or never seen). The table was computed once from the
 * letter pairs inside words of English prose (about 288 000 pairs) in the README files of this
 * repository's npm dependencies, with code blocks, inline code and URLs removed; it ranks
 * th, he, in, re, er, on, or, an, at, es first, as published English bigram counts do.
 * Measured on that table: uniformly random 10–20-letter labels average −2.6 (95 % below −0.6),
 * everyday brand labels of 8+ letters sit around +0.75 (a few abbreviations near −1.7).
 * Secondary features: letter/digit alternation (hex-like and alphanumeric DGAs) and long
 * consonant runs. Labels shorter than 6 characters are never called random: too little evidence.
 * Dictionary-word DGAs (e.g. two concatenated English words) are NOT caught by design.
 */

// rows: first letter a..z, columns: second letter a..z
const LEVELS =
  '06760360634868050878551250' + // a
  '50007000450601510630600050' + // b
  '70407007505500800527500020' + // c
  '60158020600310600452510020' + // d
  '74786642500668154987254750' + // e
  '50005400700300700514500030' + // f
  '40007025500414300442500010' + // g
  '70009000700232600625300020' + // h
  '55666760004769840588150304' + // i
  '10005000000000200040230000' + // j
  '30006000400002000040000000' + // k
  '60158210703700730156632060' + // l
  '74007030600052660030400000' + // m
  '61787480503423740088440041' + // n
  '35564740332679470956756101' + // o
  '70027002500640660736500020' + // p
  '00000000000000000000500000' + // q
  '71659340704356720577522050' + // r
  '50608205703322660568601140' + // s
  '70528229800401830765604060' + // t
  '44446140500756160776000400' + // u
  '60007000500001200000000000' + // v
  '50005006700104500450000000' + // w
  '50303000300000050004000000' + // x
  '11101000200404650142024000' + // y
  '20004000100000000000000000' + // z
  '';

const A = 97;

export interface LabelShape {
  /** average (level − 5) over letter pairs; ~ log2 likelihood ratio English : uniform */
  bigramLlr: number;
  letterPairs: number;
  /** letter↔digit switches */
  alternations: number;
  longestConsonantRun: number;
  length: number;
}

export function labelShape(label: string): LabelShape {
  let sum = 0;
  let pairs = 0;
  let alternations = 0;
  let run = 0;
  let longest = 0;
  let prevKind = 0; // 1 letter, 2 digit, 0 other
  let prev = -1;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    const letter = c >= A && c <= A + 25;
    const kind = letter ? 1 : c >= 48 && c <= 57 ? 2 : 0;
    if (letter) {
      const vowel = c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
      run = vowel ? 0 : run + 1;
      if (run > longest) longest = run;
      if (prevKind === 1) {
        sum += LEVELS.charCodeAt((prev - A) * 26 + (c - A)) - 48 - 5;
        pairs++;
      }
    } else run = 0;
    if ((prevKind === 1 && kind === 2) || (prevKind === 2 && kind === 1)) alternations++;
    prevKind = kind;
    prev = c;
  }
  return { bigramLlr: pairs > 0 ? sum / pairs : 0, letterPairs: pairs, alternations, longestConsonantRun: longest, length: label.length };
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * 0–1: how machine-generated `label` looks (lower-case expected). 0.6 and above is "random-looking"
 * in the detectors' defaults.
 */
export function dgaLabelScore(label: string): number {
  const s = labelShape(label);
  if (s.length < 6) return 0;
  let score = s.letterPairs >= 3 ? clamp01((-0.3 - s.bigramLlr) / 1.8) : 0;
  if (s.alternations >= 4) score += 0.6;
  else if (s.alternations >= 2) score += 0.2 * (s.alternations - 1);
  if (s.longestConsonantRun >= 6) score += 0.3;
  else if (s.longestConsonantRun === 5) score += 0.15;
  const lengthFactor = s.length >= 8 ? 1 : 0.6;
  return clamp01(score) * lengthFactor;
}

/** The label a registrant chose: `example` of `www.example.co.uk` given `example.co.uk`. */
export function secondLevelLabel(registrableDomain: string): string {
  const dot = registrableDomain.indexOf('.');
  return dot < 0 ? registrableDomain : registrableDomain.slice(0, dot);
}
