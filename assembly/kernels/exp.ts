// Vectorised exp: x = n ln2 + r with |r| <= ln2/2, exp(r) by a degree-6 polynomial
// (Taylor coefficients; truncation error < 2e-8 on that interval), 2^n built from the
// exponent bits. Rounding x/ln2 with the 1.5 * 2^23 magic add is cheaper than nearest +
// convert. Inputs are clamped to [-87.3, 88.7] so 2^n stays a normal float: exp of
// anything below -87.3 comes out as about 1e-38 (not 0), which every caller here
// (softmax, log-sum-exp) tolerates; overflow never happens.
import { madd, nmadd } from './simd';

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const MAGIC: f32 = 12582912.0; // 1.5 * 2^23
const LOWEST: f32 = -87.3;
const HIGHEST: f32 = 88.7;

/** exp on four f32 lanes, max relative error about 2e-7. */
// @ts-ignore: decorator
@inline export function expV(input: v128): v128 {
  const x = f32x4.pmin(f32x4.pmax(input, f32x4.splat(LOWEST)), f32x4.splat(HIGHEST));
  const shifted = madd(x, f32x4.splat(LOG2E), f32x4.splat(MAGIC));
  const n = f32x4.sub(shifted, f32x4.splat(MAGIC));
  let r = nmadd(n, f32x4.splat(LN2_HI), x);
  r = nmadd(n, f32x4.splat(LN2_LO), r);
  let p = f32x4.splat(1.0 / 720.0);
  p = madd(p, r, f32x4.splat(1.0 / 120.0));
  p = madd(p, r, f32x4.splat(1.0 / 24.0));
  p = madd(p, r, f32x4.splat(1.0 / 6.0));
  p = madd(p, r, f32x4.splat(0.5));
  p = madd(p, r, f32x4.splat(1.0));
  p = madd(p, r, f32x4.splat(1.0));
  // The low mantissa bits of `shifted` hold n as an integer: move them into the exponent.
  const scale = i32x4.shl(i32x4.add(shifted, i32x4.splat(127 - 0x4b400000)), 23);
  // Lanes below the range (compare is false) are cleared; NaN lanes compare false too, so
  // they are kept by the or with the NaN test.
  const keep = v128.or(f32x4.ge(input, f32x4.splat(LOWEST)), f32x4.ne(input, input));
  return v128.and(f32x4.mul(p, scale), keep);
}

/** exp of one f32 with the same polynomial, for row tails. */
// @ts-ignore: decorator
@inline export function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expV(f32x4.splat(x)), 0);
}
