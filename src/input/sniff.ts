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
