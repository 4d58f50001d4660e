import type { Scalar } from '../view';

// Same order as MongoDB for the values our views hold: null/missing first, then numbers, strings, booleans.
const rank = (v: Scalar | undefined) =>
  v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3;

export const compareScalars = (a: Scalar | undefined, b: Scalar | undefined): number => {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === b || a === null || a === undefined) return 0;
  return (a as string | number) < (b as string | number) ? -1 : 1;
};

export const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);
