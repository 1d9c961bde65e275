/**
 * A text's lines, as every stage cuts them: extraction, the line sketches, the template masks.
 * A module of its own so that the main thread, which cuts texts into lines for template masks,
 * does not load the extraction rules.
 */

/** The lines of a text, a leading byte-order mark dropped; \r\n, \r, \n, U+2028 and U+2029 end a line. */
export function splitLines(text: string): string[] {
  // It runs on every page, twice (extraction and line sketches). Most text ends its lines with \n
  // alone: then the native split does it.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0) {
    return (start === 0 ? text : text.slice(start)).split('\n');
  }
  // Otherwise a char-code scan.
  const lines: string[] = [];
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      lines.push(text.slice(start, i));
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  return lines;
}
