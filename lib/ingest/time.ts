/**
 * Timestamp parsing for log exports, without Date.parse's locale guesses.
 * Accepts `YYYY-MM-DD[ T]HH:MM:SS[.fraction][Z|±HH[:]MM]` (any number of fraction digits: Sysmon
 * 3, Windows XML 7, evtxexport 9) and epoch seconds with a fraction (Zeek).
 */
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ParsedTime {
  /** ms since epoch, UTC */
  ms: number;
  /** true when the text carried a zone (Z or an offset) */
  zoned: boolean;
}

/**
 * Parses an ISO-like timestamp. A timestamp without a zone is read as UTC (`zoned` false tells
 * the caller). Returns null for anything else, including impossible dates.
 */
export function parseIsoTime(text: string): ParsedTime | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  const ms = frac === undefined ? 0 : Number('0.' + frac) * 1000;
  let t = Date.UTC(Number(y), month - 1, day, hour, minute, second) + ms;
  if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day) return null;
  let zoned = false;
  if (zone !== undefined) {
    zoned = true;
    if (zone !== 'Z' && zone !== 'z' && zone !== 'UTC') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
      t -= sign * offMin * 60_000;
    }
  }
  return { ms: t, zoned };
}

/** Epoch seconds (`1517336042.279652`) → ms. Null unless the text is a plausible number. */
export function parseEpochSeconds(text: string): number | null {
  const t = text.trim();
  if (!/^\d{9,11}(?:\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t) * 1e6) / 1e3;
}

/** Any of the above: epoch seconds first (Zeek), then ISO. */
export function parseAnyTime(text: string | undefined): ParsedTime | null {
  if (text === undefined) return null;
  const epoch = parseEpochSeconds(text);
  if (epoch !== null) return { ms: epoch, zoned: true };
  return parseIsoTime(text);
}
