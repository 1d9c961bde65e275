/**
 * Bytes to text. A byte-order mark decides first, then a charset the HTML declares in its first
 * bytes; otherwise the bytes must be valid UTF-8. NUL bytes outside UTF-16 mean a binary file.
 */

export type Decoded = { text: string; encoding: string } | { error: string };

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = META_CHARSET.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function tryDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: false });
  } catch {
    return null;
  }
}

export function decodeBytes(bytes: Uint8Array, mayDeclareCharset: boolean): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { error: 'binary file (NUL bytes)' };
  if (mayDeclareCharset) {
    const declared = sniffDeclaredCharset(bytes);
    if (declared !== null && declared !== 'utf-8' && declared !== 'utf8') {
      const dec = tryDecoder(declared);
      if (dec !== null) return { text: dec.decode(bytes), encoding: dec.encoding };
    }
  }
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): Decoded {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { error: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}` };
  }
}

/** Offset of the first byte that breaks UTF-8, for an error message a user can act on. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return i;
}
