import type { DomName } from '../extract/dom.js';
import type { LineSketch } from '../extract/templates.js';
import type { Article } from '../extract/types.js';

/**
 * A page to extract: a whole file (read in the worker), or a crawl record's body. With `sketch`,
 * the worker also tokenises the text line by line and sends those typed arrays instead of the
 * text, so the main thread never holds a page's text; `keepText` sends the text as well, for a
 * report that shows it (the HTML report's explain view).
 */
export type ExtractRequest = (
  | { type: 'file'; absPath: string; maxBytes: number; dom: DomName }
  | { type: 'record'; id: string; body: Uint8Array; kind: 'html' | 'text'; charset: string | null; url: string | null; dom: DomName }
  | { type: 'record-text'; id: string; text: string; kind: 'html' | 'text'; url: string | null; dom: DomName }
) & { sketch?: boolean; keepText?: boolean };

/** `warning`: the page was read with a repair (broken UTF-8 replaced), for a line on stderr. */
export type ExtractResponse = { ok: true; article: Article; lines?: LineSketch; warning?: string } | { ok: false; message: string };
