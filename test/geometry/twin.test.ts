// The synthetic twin (dposcale data --like): drawn from the model with the parameters
// estimated from a dataset, in the dataset's coordinates and scale, so its own estimates match.
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { estimateDataset, twinDataset } from '../../src/geometry/index.js';

const source = () => generateDataset(parseRunOptions({ K: 3, Q: 400, test: 50, d: 24, v: 0.1, lb: 0.35, conceptCos: 0.2, flip: 0.05, tokens: 'yes-no', w0Scale: 0.5, seed: 8 }));

describe('synthetic twin', () => {
  it('has the estimates of the data it copies, its sizes, tokens and W0', () => {
    const data = source();
    for (const split of [data.train, data.test]) split.G.forEach((x, i) => { split.G[i] = 3 * x; }); // data in other units
    const twin = twinDataset(data, 1, 'real');
    const [original, copy] = [estimateDataset(data), estimateDataset(twin)];
    for (const parameter of ['scale', 'lb', 'v'] as const) {
      expect(Math.abs(copy.estimate[parameter] / original.estimate[parameter] - 1), parameter).toBeLessThan(0.05);
    }
    copy.estimate.conceptCosines.flat().forEach((cosine, i) => expect(Math.abs(cosine - original.estimate.conceptCosines.flat()[i]!)).toBeLessThan(0.02));
    expect(copy.responses).toMatchObject({ layout: 'yes-no', pairs: original.responses.pairs });
    expect(Math.abs(copy.responses.flipped - original.responses.flipped)).toBeLessThan(0.02);
    expect([twin.train.N, twin.test.N]).toEqual([data.train.N, data.test.N]);
    expect(twin.W0).toBe(data.W0);
    expect(twin.meta).toMatchObject({ like: 'real', tokens: 'yes-no', K: 3, d: 24, V: 2 });
    expect(twin.meta['scale']).toBeCloseTo(original.estimate.scale, 12);
  });

  it('is reproducible by seed', () => {
    expect(twinDataset(source(), 4, 'real').train.G).toEqual(twinDataset(source(), 4, 'real').train.G);
    expect(twinDataset(source(), 5, 'real').train.G).not.toEqual(twinDataset(source(), 4, 'real').train.G);
  });

  it('leaves W0 out when the data answers with pairs the generator does not draw', () => {
    const data = source();
    data.meta.V = 3;
    for (const split of [data.train, data.test]) for (let i = 0; i < split.N; i++) if (split.value[i] === 2) [split.yw[i], split.yl[i]] = [split.yw[i]! + 1, split.yl[i]! + 1];
    const twin = twinDataset(data, 1, 'real');
    expect(twin.W0).toBeNull();
    expect(twin.meta).toMatchObject({ tokens: 'disjoint', W0_note: expect.stringMatching(/W0 not copied/) });
  });
});
