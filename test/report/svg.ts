// A well-formedness check for the SVG and HTML the report writes: every tag closed in order,
// and counts of an element, without an XML library.

/** Throws unless the text is one <svg> element whose tags all nest and close properly. */
export function checkSvg(svg: string, label: string): void {
  if (!svg.startsWith('<svg') || !svg.trimEnd().endsWith('</svg>')) throw new Error(`${label}: not an <svg> element`);
  const open: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) { open.push(name!); continue; }
    const last = open.pop();
    if (last !== name) throw new Error(`${label}: </${name}> at ${match.index} closes <${last}>`);
  }
  if (open.length > 0) throw new Error(`${label}: <${open.join('>, <')}> never closed`);
}

export const countTags = (text: string, name: string) => text.match(new RegExp(`<${name}[\\s>/]`, 'g'))?.length ?? 0;
