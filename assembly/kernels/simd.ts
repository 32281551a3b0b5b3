// Fused multiply-add that compiles to one relaxed-SIMD instruction in the relaxed build
// and to mul + add in the plain build: one source, two binaries (asconfig.json targets).

/** a * b + c on four f32 lanes. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** c - a * b on four f32 lanes. */
// @ts-ignore: decorator
@inline export function nmadd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_nmadd(a, b, c);
  return f32x4.sub(c, f32x4.mul(a, b));
}

/** Sum of the four lanes. */
// @ts-ignore: decorator
@inline export function horizontalSum(x: v128): f32 {
  return f32x4.extract_lane(x, 0) + f32x4.extract_lane(x, 1)
    + f32x4.extract_lane(x, 2) + f32x4.extract_lane(x, 3);
}

/** Largest of the four lanes. */
// @ts-ignore: decorator
@inline export function horizontalMax(x: v128): f32 {
  return max(max(f32x4.extract_lane(x, 0), f32x4.extract_lane(x, 1)),
    max(f32x4.extract_lane(x, 2), f32x4.extract_lane(x, 3)));
}
