/**
 * Whether a payload is HTML when nothing declares its type: shared by the WARC/ARC reader (a
 * record without a Content-Type) and the JSON Lines reader (a text field holding HTML).
 */

const SNIFF_TAGS = [
  '!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style',
  'title', 'b', 'body', 'br', 'p', '!--',
  // beyond WHATWG's list: block-level tags an HTML fragment often starts with
  'meta', 'link', 'article', 'main', 'section', 'header', 'nav', 'span', 'ul', 'ol', 'h2', 'h3', 'img', 'figure',
];

/**
 * Whether bytes (or a string) start like HTML: after white space and a BOM, `<` and one of the
 * WHATWG MIME-sniffing HTML tags (plus a few block tags), ended by space, `>` or `/`.
 */
export function sniffHtml(data: Uint8Array | string): boolean {
  // Most payloads asked about are text: their first character past white space and a BOM is not `<`.
  if (!startsWithAngle(data)) return false;
  const head = typeof data === 'string' ? data.slice(0, 1024) : Buffer.from(data.subarray(0, 1024)).toString('latin1');
  const s = head.replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').replace(/^[\s\u0000]+/, '').toLowerCase();
  if (!s.startsWith('<')) return false;
  for (const tag of SNIFF_TAGS) {
    if (!s.startsWith(tag, 1)) continue;
    const next = s.charAt(1 + tag.length);
    if (next === '' || next === '>' || next === '/' || /\s/.test(next) || tag === '!--') return true;
  }
  return /^<\?xml[^>]*>\s*(<!doctype html|<html)/.test(s);
}

/**
 * Whether the first unit past a BOM (U+FEFF, or its UTF-8 bytes as Latin-1 reads them), white
 * space and NUL is `<`: sniffHtml's first test, without the copies it makes. White space is what
 * /\s/ matches; a byte is read as its Latin-1 character, as sniffHtml reads it.
 */
function startsWithAngle(data: Uint8Array | string): boolean {
  const n = Math.min(data.length, 1024);
  const unit = typeof data === 'string' ? (i: number): number => data.charCodeAt(i) : (i: number): number => data[i]!;
  let i = 0;
  if (n > 0 && unit(0) === 0xfeff) i = 1;
  else if (n >= 3 && unit(0) === 0xef && unit(1) === 0xbb && unit(2) === 0xbf) i = 3;
  for (; i < n; i++) {
    const c = unit(i);
    if (c === 0x3c) return true;
    if (c !== 0 && !WHITE_SPACE.test(String.fromCharCode(c))) return false;
  }
  return false;
}

const WHITE_SPACE = /\s/;
