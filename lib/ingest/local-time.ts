/**
 * Locale-formatted wall-clock times as Windows tools write them (Event Viewer "Date and Time",
 * PowerShell `TimeCreated` in Export-Csv). They carry no zone, so callers must label the result
 * as local time read as UTC. ISO-like text is delegated to {@link parseIsoTime}.
 */
import { parseIsoTime } from './time';

const SLASH_OR_DOT_RE =
  /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp]\.?[Mm]\.?)?$/;
/** Kibana's default CSV date format: `Aug 16, 2023 @ 04:54:43.778`. */
const KIBANA_RE = /^([A-Za-z]{3}) (\d{1,2}), (\d{4}) @ (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const YEAR_FIRST_RE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/;

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, ampm: string | undefined): number | null {
  let hour = h;
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm[0] === 'p' || ampm[0] === 'P';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hour > 23 || mi > 59 || s > 60) return null;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const ms = frac === undefined ? 0 : Number('0.' + frac) * 1000;
  return Date.UTC(y, mo - 1, d, hour, mi, s) + ms;
}

/**
 * Parses `10/22/2020 1:54:21 AM` (US, month first when AM/PM is given or the first number is
 * ≤ 12), `22/10/2020 01:54:21` (day first when the first number is > 12), `22.10.2020 01:54:21`
 * (dotted: day first), `2020/12/2 15:51:54`, Kibana's `Aug 16, 2023 @ 04:54:43.778`, and ISO forms. Returns ms since the epoch as if the
 * wall-clock time were UTC, and `zoned` true only when ISO text carried a zone. Null if unreadable.
 */
export function parseLocalDateTime(text: string): { ms: number; zoned: boolean } | null {
  const t = text.trim();
  const iso = parseIsoTime(t);
  if (iso) return iso;
  let m = SLASH_OR_DOT_RE.exec(t);
  if (m) {
    const [, a, sep, b, y, h, mi, s, frac, ampm] = m;
    const first = Number(a);
    const second = Number(b);
    const dayFirst = sep === '.' || (ampm === undefined && first > 12);
    const ms = build(
      Number(y),
      dayFirst ? second : first,
      dayFirst ? first : second,
      Number(h),
      Number(mi),
      s === undefined ? 0 : Number(s),
      frac,
      ampm,
    );
    return ms === null ? null : { ms, zoned: false };
  }
  m = KIBANA_RE.exec(t);
  if (m) {
    const [, mon, d, y, h, mi, s, frac] = m;
    const month = MONTHS.indexOf((mon as string).toLowerCase()) + 1;
    const ms = month === 0 ? null : build(Number(y), month, Number(d), Number(h), Number(mi), Number(s), frac, undefined);
    return ms === null ? null : { ms, zoned: false };
  }
  m = YEAR_FIRST_RE.exec(t);
  if (m) {
    const [, y, mo, d, h, mi, s, ampm] = m;
    const ms = build(Number(y), Number(mo), Number(d), Number(h), Number(mi), s === undefined ? 0 : Number(s), undefined, ampm);
    return ms === null ? null : { ms, zoned: false };
  }
  return null;
}
