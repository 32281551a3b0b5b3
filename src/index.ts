// The library API: everything a program needs to run dposcale without the CLI.
export * from './backend/index.js';
export { Random } from './data/random.js';
