/**
 * The `<meta>` charset prescan (HTML standard, "prescan a byte stream to determine its encoding"),
 * and the charset in a Content-Type value.
 */
import { encodingForLabel } from './labels.js';

/** How far into an HTML file a charset declaration is looked for. */
const META_PRESCAN_BYTES = 4096;

const isSpace = (c: number | undefined): boolean => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
export const isAlpha = (c: number | undefined): boolean => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

function startsWithCI(b: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > b.length) return false;
  for (let k = 0; k < ascii.length; k++) if (lower(b[at + k]!) !== ascii.charCodeAt(k)) return false;
  return true;
}

/**
 * The encoding an HTML file declares in a `<meta>` within its first 4096 bytes, or null. A
 * declaration naming UTF-16 gives UTF-8; one whose label is unknown is skipped (a later `<meta>`
 * may still decide).
 */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  const b = bytes.subarray(0, META_PRESCAN_BYTES);
  let pos = 0;
  while (pos < b.length) {
    if (startsWithCI(b, pos, '<!--')) {
      const end = indexOf(b, '-->', pos + 2);
      if (end < 0) return null;
      pos = end + 3;
      continue;
    }
    if (startsWithCI(b, pos, '<meta') && (isSpace(b[pos + 5]) || b[pos + 5] === 0x2f)) {
      pos += 6;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | null = null;
      let charset: string | null | undefined; // undefined: none yet; null: named but unknown
      for (;;) {
        const attr = getAttribute(b, pos);
        if (attr === EOF) return null; // the tag runs past the prescan window
        if (attr === null) break;
        pos = attr.next;
        if (seen.has(attr.name)) continue;
        seen.add(attr.name);
        if (attr.name === 'http-equiv') {
          if (attr.value === 'content-type') gotPragma = true;
        } else if (attr.name === 'content') {
          if (charset === undefined) {
            const label = charsetFromContentType(attr.value);
            if (label !== null) {
              charset = encodingForLabel(label);
              needPragma = true;
            }
          }
        } else if (attr.name === 'charset') {
          if (charset === undefined) {
            charset = encodingForLabel(attr.value);
            needPragma = false;
          }
        }
      }
      if (needPragma === null || (needPragma && !gotPragma) || charset === undefined || charset === null) continue;
      return charset === 'utf-16le' || charset === 'utf-16be' ? 'utf-8' : charset;
    }
    if (b[pos] === 0x3c && (isAlpha(b[pos + 1]) || (b[pos + 1] === 0x2f && isAlpha(b[pos + 2])))) {
      // Another tag: skip its name, then its attributes (so `<div title="<meta charset=x>">` is not read).
      pos += b[pos + 1] === 0x2f ? 2 : 1;
      while (pos < b.length && !isSpace(b[pos]) && b[pos] !== 0x3e) pos++;
      for (;;) {
        const attr = getAttribute(b, pos);
        if (attr === EOF) return null;
        if (attr === null) break;
        pos = attr.next;
      }
      pos++;
      continue;
    }
    if (startsWithCI(b, pos, '<!') || startsWithCI(b, pos, '</') || startsWithCI(b, pos, '<?')) {
      const end = b.indexOf(0x3e, pos + 2);
      if (end < 0) return null;
      pos = end + 1;
      continue;
    }
    pos++;
  }
  return null;
}

function indexOf(b: Uint8Array, ascii: string, from: number): number {
  for (let i = from; i + ascii.length <= b.length; i++) if (startsWithCI(b, i, ascii)) return i;
  return -1;
}

const EOF = Symbol('end of the prescan window');

/**
 * The HTML standard's "get an attribute": the next attribute from `start` (names and values
 * lower-cased) and where reading stopped; null at the tag's `>`; EOF when the bytes end first.
 */
function getAttribute(b: Uint8Array, start: number): { name: string; value: string; next: number } | null | typeof EOF {
  let pos = start;
  while (pos < b.length && (isSpace(b[pos]) || b[pos] === 0x2f)) pos++;
  if (pos >= b.length) return EOF;
  if (b[pos] === 0x3e) return null;
  let name = '';
  let value = '';
  // The name.
  for (;;) {
    if (pos >= b.length) return EOF;
    const c = b[pos]!;
    if (c === 0x3d && name !== '') {
      pos++;
      break;
    }
    if (isSpace(c)) {
      while (pos < b.length && isSpace(b[pos])) pos++;
      if (b[pos] !== 0x3d) return { name, value, next: pos };
      pos++;
      break;
    }
    if (c === 0x2f || c === 0x3e) return { name, value, next: pos };
    name += String.fromCharCode(lower(c));
    pos++;
  }
  // The value.
  while (pos < b.length && isSpace(b[pos])) pos++;
  if (pos >= b.length) return EOF;
  const q = b[pos]!;
  if (q === 0x22 || q === 0x27) {
    pos++;
    for (;;) {
      if (pos >= b.length) return EOF;
      const c = b[pos]!;
      pos++;
      if (c === q) return { name, value, next: pos };
      value += String.fromCharCode(lower(c));
    }
  }
  if (q === 0x3e) return { name, value, next: pos };
  for (;;) {
    if (pos >= b.length) return EOF;
    const c = b[pos]!;
    if (isSpace(c) || c === 0x3e) return { name, value, next: pos };
    value += String.fromCharCode(lower(c));
    pos++;
  }
}

/**
 * The HTML standard's "extract a character encoding from a meta element", on a Content-Type
 * value: the label after the first `charset=` (quoted, or up to white space or `;`), or null.
 */
export function charsetFromContentType(s: string): string | null {
  let from = 0;
  for (;;) {
    const at = s.toLowerCase().indexOf('charset', from);
    if (at < 0) return null;
    let i = at + 7;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (s[i] !== '=') {
      from = i;
      continue;
    }
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      return end < 0 ? null : s.slice(i + 1, end);
    }
    if (i >= s.length) return null;
    let end = i;
    while (end < s.length && !isSpace(s.charCodeAt(end)) && s[end] !== ';') end++;
    return s.slice(i, end);
  }
}
