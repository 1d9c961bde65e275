/**
 * What a payload is: its Content-Type (Fetch-style: the last type wins, a charset carries over
 * between equal types), and whether it is an HTML document (declared, or sniffed when no type is
 * given).
 */
import { sniffHtml } from '../sniff.js';

const MIME_TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Content-Type values to an essence and charset, as Fetch's "extract a MIME type" does: the last
 * valid type wins; a charset given for an earlier, equal type carries over. null: no usable type.
 */
export function extractMime(values: readonly string[]): { essence: string; charset: string | null } | null {
  let essence: string | null = null;
  let charset: string | null = null;
  for (const value of values) {
    for (const piece of value.split(',')) {
      const [head, ...params] = piece.split(';');
      const type = (head ?? '').trim().toLowerCase();
      if (!MIME_TOKEN.test(type) || type === '*/*') continue;
      let cs: string | null = null;
      for (const p of params) {
        const m = /^\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(p);
        if (m && m[1]) cs = m[1].toLowerCase();
      }
      if (type !== essence) {
        essence = type;
        charset = cs;
      } else if (cs !== null) {
        charset = cs;
      }
    }
  }
  return essence === null ? null : { essence, charset };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const UNKNOWN_TYPES = new Set(['unknown/unknown', 'application/unknown', 'no-type/no-type']);

export type Decoded = { data: Buffer; cut: boolean } | { error: string };

export type Outcome = { doc: { body: Buffer; charset: string | null } } | { skip: string } | { error: string };

/** An HTML payload, given its declared type (null: none) and body. */
export function htmlPayload(
  mime: { essence: string; charset: string | null } | null,
  body: () => Decoded,
  nonHtml: string,
): Outcome {
  const declared = mime !== null && !UNKNOWN_TYPES.has(mime.essence);
  if (declared && !HTML_TYPES.has(mime.essence)) return { skip: nonHtml };
  const decoded = body();
  if ('error' in decoded) return { error: decoded.error };
  if (decoded.data.length === 0) return { skip: 'empty' };
  if (!declared && !sniffHtml(decoded.data)) return { skip: nonHtml };
  return { doc: { body: decoded.data, charset: mime?.charset ?? null } };
}
