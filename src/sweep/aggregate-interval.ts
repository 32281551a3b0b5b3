// Means over seeds with 95% confidence intervals. Sweeps use a handful of seeds (5 by default),
// where the normal quantile 1.96 would understate the spread: the interval uses Student's t
// with n - 1 degrees of freedom (2.776 at n = 5).

export interface Estimate {
  mean: number;
  /** ends of the 95% interval; null with fewer than two values (no spread to measure) */
  low: number | null;
  high: number | null;
  /** how many finite values went in */
  n: number;
}

/**
 * P(|T| <= t) for Student's t with an integer number of degrees of freedom, by the finite
 * series of Abramowitz & Stegun 26.7.3-4 in theta = atan(t / sqrt(df)): exact up to rounding.
 */
function twoSidedProbability(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const sin = Math.sin(theta), cos2 = Math.cos(theta) ** 2;
  if (df % 2 === 0) {
    // sin(theta) (1 + 1/2 cos^2 + (1 3)/(2 4) cos^4 + ... up to cos^(df-2))
    let term = 1, sum = 1;
    for (let k = 2; k <= df - 2; k += 2) { term *= ((k - 1) / k) * cos2; sum += term; }
    return sin * sum;
  }
  // (2/pi) (theta + sin(theta) cos(theta) (1 + 2/3 cos^2 + (2 4)/(3 5) cos^4 + ... up to cos^(df-3)))
  let term = 1, sum = df > 1 ? 1 : 0;
  for (let k = 3; k <= df - 2; k += 2) { term *= ((k - 1) / k) * cos2; sum += term; }
  return (2 / Math.PI) * (theta + sin * Math.cos(theta) * sum);
}

/** The p quantile of Student's t with df (a whole number >= 1) degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1) (got ${p})`);
  if (!(Number.isInteger(df) && df >= 1)) throw new RangeError(`df must be a whole number >= 1 (got ${df})`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // P(T <= t) = (1 + P(|T| <= t)) / 2 rises with t: bisect on it. The bracket grows until it
  // holds the answer (at df = 1, p = 0.9999 the quantile is above 3000).
  const target = 2 * p - 1;
  let low = 0, high = 1;
  while (twoSidedProbability(high, df) < target) { low = high; high *= 2; }
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const middle = (low + high) / 2;
    if (twoSidedProbability(middle, df) < target) low = middle; else high = middle;
  }
  return (low + high) / 2;
}

/** Mean and 95% t interval of the finite values (nulls and NaNs, e.g. a metric not logged, are left out). */
export function meanInterval(values: ReadonlyArray<number | null>): Estimate {
  const finite = values.filter((x): x is number => x !== null && Number.isFinite(x));
  const n = finite.length;
  if (n === 0) return { mean: NaN, low: null, high: null, n };
  const mean = finite.reduce((sum, x) => sum + x, 0) / n;
  if (n === 1) return { mean, low: null, high: null, n };
  const variance = finite.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, n };
}
