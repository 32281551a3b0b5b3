// Bad sweep configs are refused with the field at fault named.
import { describe, expect, it } from 'vitest';
import { parseSweepConfig } from '../../src/sweep/config.js';
import { gridPoints, makeCell, resolveShard } from '../../src/sweep/plan.js';

const valid = { schema: 'dposcale-sweep/1', name: 'x', base: { d: 16 }, grid: { K: [1, 2] }, seeds: 2 };

describe('sweep config', () => {
  it('accepts a valid config and fills the seeds', () => {
    const config = parseSweepConfig(valid);
    expect(config.seeds).toEqual([0, 1]);
    expect(gridPoints(config).map((point) => point.values)).toEqual([{ K: 1 }, { K: 2 }]);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['an unknown top-level field', { ...valid, extra: 1 }, /unknown option 'extra'/],
    ['an unknown option in base', { ...valid, base: { depth: 3 } }, /base\.depth: unknown option/],
    ['an unknown option in the grid', { ...valid, grid: { k: [1] } }, /grid\.k: unknown option/],
    ['a wrong type', { ...valid, grid: { K: [1, 'two'] } }, /grid\.K\[1\]: Invalid input: expected number, received string/],
    ['a wrong type in base', { ...valid, base: { v: '0.1' } }, /base\.v: Invalid input: expected number/],
    ['an empty grid', { ...valid, grid: {} }, /grid: empty/],
    ['an empty value list', { ...valid, grid: { K: [] } }, /grid\.K: empty list/],
    ['K = 0', { ...valid, grid: { K: [0, 1] } }, /grid\.K\[0\]: Too small: expected number to be >=1 \(got 0\)/],
    ['a seed in the grid', { ...valid, grid: { seed: [1, 2] } }, /grid\.seed: seeds are set by the top-level "seeds" field/],
    ['a wrong schema', { ...valid, schema: 'dposcale-sweep/2' }, /schema: Invalid input: expected "dposcale-sweep\/1"/],
    ['zero seeds', { ...valid, seeds: 0 }, /seeds/],
    ['a search with both levels', { ...valid, search: { over: 'Q', metric: 'test_error', below: 0.1, above: 0.2 } }, /search: give exactly one of "below" and "above"/],
    ['a searched Q also in the grid', { ...valid, grid: { Q: [10] }, search: { over: 'Q', metric: 'test_error', below: 0.1 } }, /grid\.Q: Q is searched/],
    ['an unknown search metric', { ...valid, search: { over: 'Q', metric: 'speed', below: 0.1 } }, /search\.metric: must be one of test_error/],
    ['max below min', { ...valid, search: { over: 'Q', metric: 'test_error', below: 0.1, min: 8, max: 4 } }, /search\.max: must be >= min = 8/],
  ];
  for (const [what, config, message] of bad) {
    it(`refuses ${what}`, () => expect(() => parseSweepConfig(config)).toThrow(message));
  }

  it('refuses rules that tie fields together, naming the grid field', () => {
    const config = parseSweepConfig({ ...valid, base: { until: 'tau1' }, grid: { optimizer: ['adam'] } });
    expect(() => makeCell(config, gridPoints(config)[0]!, 0)).toThrow(/until: tau1 is a time of gradient flow/);
  });

  it('derives ids and data seeds from the options alone', () => {
    const config = parseSweepConfig(valid);
    const [one, two] = gridPoints(config);
    const a = makeCell(config, one!, 0), again = makeCell(config, one!, 0), b = makeCell(config, two!, 0), c = makeCell(config, one!, 1);
    expect(a.id).toBe(again.id);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(a.dataSeed).toBe(Number.parseInt(a.id.slice(0, 8), 16));
    // The same options in a differently ordered config give the same cell.
    const reordered = parseSweepConfig({ seeds: 2, grid: { K: [2, 1] }, base: { d: 16 }, name: 'y', schema: 'dposcale-sweep/1' });
    expect(makeCell(reordered, gridPoints(reordered)[1]!, 0).id).toBe(a.id);
  });

  it('reads shards from --shard, Slurm and Kubernetes', () => {
    expect(resolveShard('3/16', undefined, {})).toEqual({ index: 3, count: 16 });
    expect(resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 4, count: 8 });
    expect(resolveShard(undefined, 4, { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 4 });
    expect(resolveShard(undefined, undefined, {})).toBeNull();
    expect(() => resolveShard('16/16', undefined, {})).toThrow(/--shard: shard 16 of 16 is not a valid shard/);
    expect(() => resolveShard('a/b', undefined, {})).toThrow(/--shard: expected i\/n/);
    expect(() => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: '2' })).toThrow(/--shards n/);
  });
});
