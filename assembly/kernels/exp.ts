// Vectorised exp for the softmax family (arguments x - max <= 0; valid for x <= 88).
// x = n ln2 + r with |r| <= ln2/2, so exp(x) = 2^n exp(r):
//   n      rounded by the magic add: x log2e + (1.5 * 2^23 + 127) leaves n + 127 in the low
//          mantissa bits, and shifting them up by 23 builds 2^n directly as a float;
//   r      x - n ln2 in two steps (ln2 split into a short high part and a low correction),
//          so n * LN2_HI is exact;
//   exp(r) 1 + r + c2 r^2 + ... + c5 r^5, coefficients fitted for least maximum relative
//          error on |r| <= ln2/2 (1.0e-7; with float32 rounding about 2e-7 in all).
// Below -87.3 (where 2^n would leave the normal range) the result is 0; NaN stays NaN.
import { madd, nmadd } from './simd';

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const MAGIC: f32 = 12583039.0; // 1.5 * 2^23 + 127
const LOWEST: f32 = -87.3;
const C2: f32 = 0.4999923;
const C3: f32 = 0.1666709;
const C4: f32 = 0.04189044;
const C5: f32 = 0.0083147455;

/** exp on four f32 lanes, each <= 88; max relative error about 2e-7. */
// @ts-ignore: decorator
@inline export function expV(input: v128): v128 {
  const x = f32x4.pmax(input, f32x4.splat(LOWEST));
  const shifted = madd(x, f32x4.splat(LOG2E), f32x4.splat(MAGIC));
  const n = f32x4.sub(shifted, f32x4.splat(MAGIC));
  let r = nmadd(n, f32x4.splat(LN2_HI), x);
  r = nmadd(n, f32x4.splat(LN2_LO), r);
  let p = madd(f32x4.splat(C5), r, f32x4.splat(C4));
  p = madd(p, r, f32x4.splat(C3));
  p = madd(p, r, f32x4.splat(C2));
  p = madd(p, r, f32x4.splat(1.0));
  p = madd(p, r, f32x4.splat(1.0));
  const scale = i32x4.shl(shifted, 23);
  // Lanes below the range are cleared; NaN compares false and is kept.
  return v128.andnot(f32x4.mul(p, scale), f32x4.lt(input, f32x4.splat(LOWEST)));
}

/** exp of one f32 with the same polynomial, for row tails. */
// @ts-ignore: decorator
@inline export function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expV(f32x4.splat(x)), 0);
}
