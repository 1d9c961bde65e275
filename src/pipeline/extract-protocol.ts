import type { DomName } from '../extract/dom.js';
import type { ExtractedDocument } from '../extract/types.js';

/** A page to extract: a whole file (read in the worker), or a crawl record's body. */
export type ExtractRequest =
  | { type: 'file'; absPath: string; maxBytes: number; dom: DomName }
  | { type: 'record'; id: string; body: Uint8Array; kind: 'html' | 'text'; charset: string | null; url: string | null; dom: DomName };

export type ExtractResponse = { ok: true; extracted: ExtractedDocument } | { ok: false; message: string };
