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
