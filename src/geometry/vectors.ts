// Small float64 vector helpers the geometry shares.

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * y[i]!;
  return sum;
}

/** x / |x| (NaN entries for the zero vector). */
export function unit(x: Float64Array): Float64Array {
  const norm = Math.sqrt(dot(x, x));
  return x.map((value) => value / norm);
}
