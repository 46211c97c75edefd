/** Chart colours of each DNS status (theme variables), the same in every chart. */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  NOERROR: 'var(--series-ok)',
  NXDOMAIN: 'var(--series-nx)',
  SERVFAIL: 'var(--series-6)',
  REFUSED: 'var(--series-3)',
  NODATA: 'var(--series-5)',
  TIMEOUT: 'var(--series-2)',
  NO_RESPONSE: 'var(--series-7)',
  ERROR: 'var(--series-4)',
};

/** Colours for series without a fixed one (record types), in order. */
export const PALETTE = ['var(--series-1)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)', 'var(--series-5)', 'var(--series-6)', 'var(--series-7)', 'var(--series-8)'];
