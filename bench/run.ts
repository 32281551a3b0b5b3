// Runs benchmark suites by name: `node build/bench/run.js [suite ...]` (after `npm run build`
// and `tsc -p bench`, or simply `npm run bench -- <suite>`). No name runs every suite.
// Each suite is a module exporting `run(): Promise<void>`; adding one is one line below.

const suites: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  kernels: () => import('./kernels.js'),
  multitoken: () => import('./multitoken.js'),
  train: () => import('./train.js'),
  sweep: () => import('./sweep.js'),
  figures: () => import('./figures.js'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`unknown benchmark suite ${unknown.join(', ')}; the suites are: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(suites)) {
  console.log(`== ${name}`);
  await (await suites[name]!()).run();
}
