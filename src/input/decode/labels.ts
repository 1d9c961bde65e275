/**
 * Charset labels (WHATWG Encoding Standard) and decoders.
 *
 * Decoding uses TextDecoder (Node's ICU tables), except windows-1252: Node 20.18.3+ decodes that
 * as ISO-8859-1, leaving bytes 80–9F as C1 controls (nodejs/node#60888), so it is done here.
 */

/**
 * The encoding a charset label names, as the WHATWG Encoding Standard's "get an encoding" (trim,
 * lower-case, look up), or null for a label no decoder here handles. `x-user-defined` is read as
 * windows-1252, as the HTML standard does for a declared charset; the "replacement" labels
 * (iso-2022-kr, hz-gb-2312, ...) are unknown here.
 */
export function encodingForLabel(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (l === 'x-user-defined') return 'windows-1252';
  if (l === '') return null;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

// windows-1252 bytes 80–9F (WHATWG index-windows-1252); all other bytes are their code point.
const WINDOWS_1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

/** A decoding function for an encoding name that encodingForLabel returned. */
export function decoderFor(encoding: string, fatal: boolean): (bytes: Uint8Array) => string {
  if (encoding === 'windows-1252') return decodeWindows1252; // every byte is defined: never fails
  const dec = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  return (bytes) => dec.decode(bytes);
}
