// The paper's bounds and conditions (theory.md §2 and §4), for the CLI, training records and the page.
export * from './bounds.js';
export * from './conditions.js';
export * from './exact.js';
export * from './figure4.js';
export * from './floor.js';
export * from './normal.js';
export * from './probabilities.js';
export * from './summary.js';
