/**
 * File names that are not valid UTF-8. Linux names are bytes; a JavaScript string holds them only
 * if the bytes that are not UTF-8 are kept somewhere. As Python's "surrogateescape" (PEP 383)
 * does, each such byte (0x80–0xFF) becomes the lone surrogate U+DC80–U+DCFF: a valid name
 * decodes as usual, any name round-trips, and paths stay strings everywhere (sorting, globs,
 * worker messages). Only the calls into fs turn them back into bytes (fsPath), and only output
 * shows them, escaped (shownName).
 */

const ESCAPED_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

function sequenceLength(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  if (lead < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    // Overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF) are not UTF-8.
    const ok = lead === 0xe0 ? cont(1, 0xa0) : lead === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const ok = lead === 0xf0 ? cont(1, 0x90) : lead === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** A name's bytes as a string: UTF-8 where they are UTF-8, each other byte as U+DC00 + byte. */
export function nameFromBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const plain = buf.toString('utf8');
  // U+FFFD also stands for every byte that is not UTF-8; a name without it decoded cleanly.
  if (!plain.includes('\uFFFD')) return plain;
  let out = '';
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += buf.toString('utf8', start, i) + String.fromCharCode(0xdc00 + buf[i]!);
    i++;
    start = i;
  }
  return out + buf.toString('utf8', start);
}

/** What to hand to fs for a path: the string itself, or its bytes when it holds escaped bytes. */
export function fsPath(p: string): string | Buffer {
  if (!ESCAPED_BYTE.test(p)) return p;
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of p) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      parts.push(Buffer.from(run, 'utf8'), Buffer.from([code - 0xdc00]));
      run = '';
    } else run += ch;
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/**
 * A path as output shows it: bytes that are not UTF-8, control characters and DEL as `\xNN`
 * (lower-case hex), so a name is one line of plain text and the same on every run.
 */
export function shownName(p: string): string {
  // eslint-disable-next-line no-control-regex
  return p.replace(/(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]|[\u0000-\u001f\u007f]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return '\\x' + (code >= 0xdc80 ? code - 0xdc00 : code).toString(16).padStart(2, '0');
  });
}
