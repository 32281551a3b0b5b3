// Shared test tools: the three engines every kernel is compared on, and a comparison that
// prints the worst element (index, both values, the difference) when it fails.
import { loadBackend, type Backend } from '../src/backend/index.js';
import { Random } from '../src/data/random.js';

export interface Engines {
  relaxed: Backend;
  simd: Backend;
  js: Backend;
  all: Backend[];
}

let engines: Promise<Engines> | null = null;

export function loadEngines(): Promise<Engines> {
  engines ??= (async () => {
    const relaxed = await loadBackend({ variant: 'relaxed-simd' });
    const simd = await loadBackend({ variant: 'simd' });
    const js = await loadBackend({ backend: 'js' });
    return { relaxed, simd, js, all: [relaxed, simd, js] };
  })();
  return engines;
}

/** Throws unless |actual - expected| <= abs + rel * |expected| everywhere. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>,
  tolerance: { rel?: number; abs?: number }, label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length} != ${expected.length}`);
  const rel = tolerance.rel ?? 0, abs = tolerance.abs ?? 0;
  let worst = -1, worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    const excess = Math.abs(a - e) - (abs + rel * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) { worst = i; worstExcess = excess; }
  }
  if (worst >= 0) {
    const a = actual[worst]!, e = expected[worst]!;
    throw new Error(`${label}: element ${worst} is ${a}, expected ${e} (|diff| ${Math.abs(a - e)}, allowed ${abs} + ${rel} * |expected|)`);
  }
}

/** Largest |a - b| / max(|b|, floor). */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-30): number {
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(Math.abs(expected[i]!), floor));
  }
  return worst;
}

export function randomFloats(random: Random, n: number, scale = 1): Float32Array {
  return random.normalArray(n, scale);
}

export { Random };
