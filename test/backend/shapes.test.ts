// Invalid shapes never reach a kernel: negative, non-integer and mismatched sizes get a
// ShapeError naming the kernel, the argument and the allowed range, on both backends.
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/backend/index.js';
import { loadEngines } from '../helpers.js';

describe('shape checks', async () => {
  const engines = await loadEngines();
  for (const backend of [engines.relaxed, engines.js]) {
    const A = backend.float32(6), B = backend.float32(6), C = backend.float32(4);
    it(`${backend.name}: gemm refuses bad sizes`, () => {
      expect(() => backend.gemm('nn', -1, 2, 3, 1, A, B, 0, C)).toThrow(/gemm: M must be a whole number >= 0, got -1/);
      expect(() => backend.gemm('nn', 2, 2.5, 3, 1, A, B, 0, C)).toThrow(/gemm: N must be a whole number >= 0, got 2.5/);
      expect(() => backend.gemm('nn', 2, 2, 4, 1, A, B, 0, C)).toThrow(/gemm: A holds 6 elements but A \[M=2 x K=4\] needs 8/);
      expect(() => backend.gemm('nt', 3, 2, 3, 1, backend.float32(9), B, 0, C)).toThrow(/gemm: C holds 4 elements but C \[M=3 x N=2\] needs 6/);
      expect(() => backend.gemm('xx' as never, 2, 2, 3, 1, A, B, 0, C)).toThrow(/layout must be one of nn, nt, tn/);
      expect(() => backend.gemm('nn', 2, 2, 3, NaN, A, B, 0, C)).toThrow(ShapeError);
    });
    it(`${backend.name}: softmax, dpoStep, objective and optimisers refuse bad sizes`, () => {
      expect(() => backend.softmaxRows(A, 2, 4, A)).toThrow(/softmaxRows: X holds 6 elements but \[rows=2 x cols=4\] needs 8/);
      expect(() => backend.logSumExpRows(A, 2, 0, A)).toThrow(/cols must be a whole number >= 1/);
      expect(() => backend.objective('dpo', A, 7, 1, 0, null, null)).toThrow(/objective: r holds 6 elements but n=7 needs 7/);
      expect(() => backend.objective('cdpo', A, 6, 1, 0.5, null, null)).toThrow(/eps must lie in \[0, 0.5\) for cdpo, got 0.5/);
      expect(() => backend.objective('dpo', A, 6, 0, 0, null, null)).toThrow(/beta must be a finite number > 0, got 0/);
      const yw = backend.int32(3), yl = backend.int32(3);
      expect(() => backend.dpoStep({ G: A, d: 4, yw, yl, index: null, count: 3, D: B, beta: 1, loss: 'dpo', eps: 0, scale: 1, grad: null, margins: null }))
        .toThrow(/dpoStep: D holds 6 elements, not a whole number of rows of d=4/);
      expect(() => backend.dpoStep({ G: A, d: 3, yw, yl, index: null, count: 3, D: B, beta: 1, loss: 'dpo', eps: 0, scale: 1, grad: null, margins: null }))
        .toThrow(/dpoStep: G holds 6 elements but \[N=3 x d=3\] needs 9/);
      expect(() => backend.adamUpdate(A, A, A, A, 6, 1e-3, 1, 0.999, 1e-8, 1)).toThrow(/beta1 must lie in \[0, 1\), got 1/);
      expect(() => backend.adamUpdate(A, A, A, A, 6, 1e-3, 0.9, 0.999, 1e-8, 0)).toThrow(/t must be a whole number >= 1, got 0/);
      expect(() => backend.float32(-3)).toThrow(/float32: length must be a whole number >= 0, got -3/);
      expect(() => A.slice(4, 3)).toThrow(/slice: block holds 6 elements but \[4, 7\) needs 7/);
    });
  }
});
