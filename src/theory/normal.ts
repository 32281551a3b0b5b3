// The normal CDF, needed for the yes-no floor Phi(-1/(v sqrt(K))). Built on erfc so that the
// far tail keeps full relative precision (1 - Phi would lose it to cancellation).

/** Complementary error function, relative error below 1e-14 for every finite x (tested against libm). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfSeries(x);
  if (x > 27) return 0; // below the smallest double
  return (expMinusSquare(x) / Math.sqrt(Math.PI)) / laplaceFraction(x);
}

/** Phi(z) = P[N(0, 1) <= z]. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * exp(-x^2) without the rounding of x * x, which would cost x^2 ulps in the tail: with
 * h = x rounded to 1/16, h * h is exact and x^2 = h^2 + (x - h)(x + h).
 */
function expMinusSquare(x: number): number {
  const h = Math.round(x * 16) / 16;
  return Math.exp(-h * h) * Math.exp(-(x - h) * (x + h));
}

/** erf by its Maclaurin series; every term shrinks fast for x < 0.5, so no cancellation builds up. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= -x2 / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/**
 * Laplace's continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))), whose reciprocal times
 * exp(-x^2)/sqrt(pi) is erfc(x); evaluated by the modified Lentz method. It needs a few hundred
 * terms at x = 0.5 and a handful in the tail.
 */
function laplaceFraction(x: number): number {
  const tiny = 1e-300;
  let f = x, C = x, D = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    D = x + a * D;
    C = x + a / C;
    if (Math.abs(D) < tiny) D = tiny;
    if (Math.abs(C) < tiny) C = tiny;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}
