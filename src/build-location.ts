// Where the generated files live: build/ next to src/. The code runs from src/ under the test
// runner and from build/js/ as a package; both find build/ from this file's own URL.

/** The URL of a file under build/ (e.g. 'wasm/', 'js/sweep/worker.js'). */
export function buildUrl(path: string): URL {
  const here = import.meta.url;
  return new URL(here.includes('/build/js/') ? `../${path}` : `../build/${path}`, here);
}
