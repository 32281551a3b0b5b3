// A figure spec to SVG text: vega-lite compiles it to a vega spec, and a headless vega View
// (renderer 'none': no DOM, no canvas) draws it as SVG. The browser page renders the same
// specs live, so the pictures agree.
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
