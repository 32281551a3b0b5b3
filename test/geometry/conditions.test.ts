// What the geometry reads from the data besides the estimates: the response pairs and their
// layout, Z, the share of flipped pairs, group sizes, and so which theorem conditions hold.
import { describe, expect, it } from 'vitest';
import { loadBackend } from '../../src/backend/index.js';
import { parseRunOptions, type RunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { describeGeometry, readResponses } from '../../src/geometry/index.js';
import { yesNoFloor } from '../../src/theory/floor.js';

const generated = (options: Partial<RunOptions>) => generateDataset(parseRunOptions({ d: 16, ...options }));
const holds = (geometry: ReturnType<typeof describeGeometry>, name: string) => geometry.conditions.conditions.find((condition) => condition.name === name)!.holds;

describe('responses', () => {
  for (const [tokens, K, Z, distinct] of [['yes-no', 5, 5, false], ['disjoint', 4, 1, true], ['shared:2', 6, 2, true]] as const) {
    it(`recognise the ${tokens} layout (Z = ${Z})`, () => {
      const { train } = generated({ K, Q: 20, tokens });
      expect(readResponses(train, K)).toMatchObject({ layout: tokens, Z, distinct, flipped: 0 });
    });
  }

  it('measure the share of training pairs whose preference is reversed', () => {
    const { train } = generated({ K: 4, Q: 500, flip: 0.1, seed: 3 });
    expect(readResponses(train, 4).flipped).toBeCloseTo(0.1, 1);
  });

  it('name no layout for pairs the generator does not draw', () => {
    const { train } = generated({ K: 2, Q: 5 });
    for (let i = 0; i < train.N; i++) if (train.value[i] === 1) [train.yw[i], train.yl[i]] = [train.yw[i]! + 1, train.yl[i]! + 1];
    expect(readResponses(train, 2)).toMatchObject({ layout: null, pairs: [[0, 1], [3, 4]] });
  });
});

describe('conditions for the data as given', () => {
  it('hold where the data meets them: Appendix C applies, Theorem 4.2 needs exactly orthogonal concepts', async () => {
    const geometry = describeGeometry(generated({ K: 2, Q: 64, d: 320, v: 0.002, lb: 0.45, seed: 1 }), await loadBackend({ backend: 'js' }));
    const failing = geometry.conditions.conditions.filter((condition) => !condition.holds).map((condition) => condition.name);
    expect(failing).toEqual(['orthogonal concepts']);
    expect(geometry.conditions.applies).toEqual({ 'theorem4.2': false, 'theorem4.3': false, appendixB: false, appendixC: true });
    expect(geometry.conditions.Q).toBe(64);
    expect(geometry.conditions.yesNoFloor).toBeNull();
  });

  it('fail on unequal groups, label noise and shared tokens, and give the yes-no floor', async () => {
    const geometry = describeGeometry(generated({ K: 4, Q: 50, imbalance: 1, flip: 0.1, tokens: 'yes-no', seed: 2 }), await loadBackend({ backend: 'js' }));
    for (const name of ['equal group sizes', 'no label noise', 'distinct response pairs', 'Z <= 1/(4 lb^2)']) expect(holds(geometry, name), name).toBe(false);
    expect(geometry.conditions.conditions.find((condition) => condition.name === 'equal group sizes')!.detail).toMatch(/from \d+ to \d+/);
    expect(geometry.conditions.yesNoFloor).toBe(yesNoFloor(geometry.estimate.v, 4));
  });
});
