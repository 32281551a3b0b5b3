// Least-squares lines through sweep results: how Q* grows with K (theory.md §4: like log K for
// the worst value, Theorem 4.3's union bound) and how the final test error moves with K (the
// paper's Tables 1-2 fit a line in K and report its R^2).

export interface LinearFit {
  /** intercept and slope of y = a + b x */
  a: number;
  b: number;
  /** 1 - SS_residual / SS_total; null when every y is the same (nothing to explain) */
  r2: number | null;
  n: number;
}

/** A fit, or why there is none (too few points, a single x). */
export type FitResult = { fit: LinearFit; reason: null } | { fit: null; reason: string };

/** Ordinary least squares y = a + b x; needs two or more distinct x. */
export function linearFit(x: readonly number[], y: readonly number[]): LinearFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`x has ${n} values but y has ${y.length}`);
  const meanX = x.reduce((sum, value) => sum + value, 0) / n;
  const meanY = y.reduce((sum, value) => sum + value, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanX, dy = y[i]! - meanY;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (!(sxx > 0)) throw new RangeError('a line needs at least two distinct x values');
  const b = sxy / sxx, a = meanY - b * meanX;
  let residual = 0;
  for (let i = 0; i < n; i++) residual += (y[i]! - a - b * x[i]!) ** 2;
  // With an intercept, R^2 lies in [0, 1]; rounding can push it a hair outside (printed -0.000).
  return { a, b, r2: syy > 0 ? Math.min(1, Math.max(0, 1 - residual / syy)) : null, n };
}

/** linearFit over the points with finite x and y, or the reason it cannot be made. */
export function fitLine(x: readonly number[], y: readonly number[], minimumPoints = 3): FitResult {
  const pairs = x.map((value, i) => [value, y[i]!] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (pairs.length < minimumPoints) {
    return { fit: null, reason: `needs at least ${minimumPoints} points, has ${pairs.length}` };
  }
  if (new Set(pairs.map(([a]) => a)).size < 2) return { fit: null, reason: 'every point has the same x' };
  return { fit: linearFit(pairs.map(([a]) => a), pairs.map(([, b]) => b)), reason: null };
}

export type GrowthModel = 'log K' | 'K';

export interface QStarFits {
  /** Q* = a + b log K (natural log) */
  log: FitResult;
  /** Q* = a + b K */
  linear: FitResult;
  /** the model with the larger R^2, or null with the reason in `note` */
  winner: GrowthModel | null;
  note: string | null;
  /** searches left out because no Q up to their max passed (they have no Q*) */
  floors: number;
}

/** Both growth models of Q*(K), over the points with a finite Q* (floors have none). */
export function fitQStar(points: ReadonlyArray<{ K: number; q_star: number | null }>): QStarFits {
  const found = points.filter((point): point is { K: number; q_star: number } => point.q_star !== null);
  const Q = found.map((point) => point.q_star);
  const log = fitLine(found.map((point) => Math.log(point.K)), Q);
  const linear = fitLine(found.map((point) => point.K), Q);
  const floors = points.length - found.length;
  const none = (note: string) => ({ log, linear, winner: null, note, floors });
  if (log.fit === null) return none(`${log.reason} with a finite Q*`);
  if (log.fit.r2 === null || linear.fit?.r2 == null) return none(`Q* is ${Q[0]} at every K: nothing to tell the models apart`);
  if (log.fit.r2 === linear.fit.r2) return none('equal R^2');
  return { log, linear, winner: log.fit.r2 > linear.fit.r2 ? 'log K' : 'K', note: null, floors };
}
