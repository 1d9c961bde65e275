import type { DomName } from '../extract/dom.js';
import type { ExtractedDocument } from '../extract/types.js';

export interface ExtractRequest {
  absPath: string;
  maxBytes: number;
  dom: DomName;
}

export type ExtractResponse = { ok: true; extracted: ExtractedDocument } | { ok: false; message: string };
