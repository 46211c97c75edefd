/** Display formatting shared by components. Fixed locale so numbers read the same everywhere. */
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1,536 → "1.5 KB" (powers of 1024). */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${COUNT.format(v)} ${UNITS[0]}` : `${v.toFixed(v < 10 ? 1 : 0)} ${UNITS[u]}`;
}

/** ISO-8601 instant → "2020-05-02 03:58:49.123 UTC". */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** ms since the epoch → "2020-05-02 03:58:49.123 UTC" ('invalid time' when not a time). */
export function formatUtcMs(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'invalid time' : formatUtc(d.toISOString());
}

/** ms → ISO-8601 UTC ("2020-05-02T03:58:49.123Z"), '' when not a time. */
export function isoUtc(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** ms → the text a UTC time field shows: "2020-05-02 03:58:49", with ".123" when not whole seconds. */
export function formatUtcInput(ms: number): string {
  const iso = isoUtc(ms);
  if (iso === '') return '';
  const text = iso.replace('T', ' ').replace('Z', '');
  return text.endsWith('.000') ? text.slice(0, -4) : text;
}

/**
 * Parses what a UTC time field holds: "2020-05-02", "2020-05-02 03:58", "2020-05-02 03:58:49"
 * or with milliseconds; a "T" or a trailing "Z" is accepted too. Returns ms, or null.
 */
export function parseUtcInput(text: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?)?Z?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
  const back = new Date(ms);
  // reject dates that roll over (2020-02-31)
  if (back.getUTCDate() !== Number(d) || back.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return ms;
}

/** part / whole as "2.5 %" (one decimal), "0 %" for an empty whole. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '0 %';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)} %`;
}
