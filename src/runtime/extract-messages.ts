import type { DomName } from '../extract/dom.js';
import type { RecordMeta } from '../extract/record-meta.js';
import type { JsonlFieldOptions } from '../input/jsonl.js';
import type { LineSketch } from '../extract/templates.js';
import type { Article } from '../extract/types.js';
import type { SignRequest, SignResponse } from './sign-messages.js';

/**
 * A page to extract: a whole file (read in the worker), a crawl record's body, or a JSON Lines
 * line. With `sketch`, the worker also tokenises the text line by line and sends those typed
 * arrays instead of the text, so the main thread never holds a page's text; `keepText` sends the
 * text as well, for a report that shows it (the HTML report's explain view).
 */
export type ExtractRequest = (
  | { type: 'file'; absPath: string; maxBytes: number; dom: DomName }
  | { type: 'record'; id: string; body: Uint8Array; kind: 'html' | 'text'; charset: string | null; url: string | null; dom: DomName }
  /** A JSON Lines line as the main thread split it. The worker decodes and parses it (jsonlLineItem). */
  | { type: 'jsonl-line'; id: string; lineNo: number; bytes: Uint8Array; fields?: JsonlFieldOptions; maxBytes: number; dom: DomName }
) & { sketch?: boolean; keepText?: boolean };

/**
 * The bytes a request carries (a crawl record's body, a JSON Lines line), if any. The main thread
 * places them in a batch's shared buffer (pages.ts), so they reach the worker without a copy.
 */
export function requestBytes(request: ExtractRequest): Uint8Array | null {
  return request.type === 'record' ? request.body : request.type === 'jsonl-line' ? request.bytes : null;
}

/** The same request with its bytes (requestBytes) replaced by `bytes`. */
export function withRequestBytes(request: ExtractRequest, bytes: Uint8Array): ExtractRequest {
  return request.type === 'record' ? { ...request, body: bytes } : request.type === 'jsonl-line' ? { ...request, bytes } : request;
}

/**
 * `warning`: the page was read with a repair (broken UTF-8 replaced), for a line on stderr.
 * `record`: what a JSON Lines line said besides the page (its URL and fields), when the worker
 * parsed it. `skipped`: a line with no page in it (blank, or no text field), which gives nothing.
 */
export type ExtractResponse =
  | { ok: true; article: Article; lines?: LineSketch; warning?: string; record?: { url: string | null; meta: RecordMeta } }
  | { ok: false; message: string }
  | { ok: 'skipped' };

/** Why a page is turned away for its size: the same words for a file, a crawl record or a JSON Lines line. */
export function oversizeMessage(size: number, maxBytes: number): string {
  return `page is ${size} bytes, over the ${maxBytes}-byte limit (--max-bytes)`;
}


/**
 * A batch's responses as a worker sends them: every field but the line sketches as one JSON text,
 * and every page's line sketch end to end in one transferred buffer. Node's postMessage took
 * about 2 ms for a batch of sixteen responses sent as objects holding typed arrays (measured in
 * a worker on plain-text pages: more than extracting them), and 0.05 ms in this form.
 */
export interface ExtractBatchResult {
  json: string;
  sketches: Uint32Array;
}

/**
 * What an extraction worker is sent: a batch of pages to extract, or (a scan's second pass, in the
 * same threads) a batch of pages to sign. It answers a batch of pages with an ExtractBatchResult
 * and a SignRequest with a SignResponse.
 */
export type ExtractWorkerTask = ExtractRequest[] | SignRequest;
export type ExtractWorkerAnswer = ExtractBatchResult | SignResponse;

/** A response in the JSON text: a line sketch stands as its line and token counts. */
type PackedResponse = (Omit<Extract<ExtractResponse, { ok: true }>, 'lines'> & { lines?: [number, number] }) | Exclude<ExtractResponse, { ok: true }>;

export function packResults(results: readonly ExtractResponse[]): { message: ExtractBatchResult; transfer: ArrayBuffer[] } {
  let words = 0;
  for (const r of results) if (r.ok === true && r.lines !== undefined) words += 3 * r.lines.keys.length + r.lines.tokens.length;
  const sketches = new Uint32Array(words);
  let at = 0;
  const packed = results.map((r): PackedResponse => {
    if (r.ok !== true) return r;
    const { lines, ...rest } = r;
    if (lines === undefined) return rest;
    for (const part of [lines.keys, lines.chars, lines.ends, lines.tokens]) {
      sketches.set(part, at);
      at += part.length;
    }
    return { ...rest, lines: [lines.keys.length, lines.tokens.length] };
  });
  return { message: { json: JSON.stringify(packed), sketches }, transfer: [sketches.buffer as ArrayBuffer] };
}

/** The responses of packResults, in order; line sketches are views into the one buffer. */
export function unpackResults(message: ExtractBatchResult): ExtractResponse[] {
  const { sketches } = message;
  let at = 0;
  return (JSON.parse(message.json) as PackedResponse[]).map((r): ExtractResponse => {
    if (r.ok !== true || r.lines === undefined) return r as ExtractResponse;
    const [n, t] = r.lines;
    const view = (length: number): Uint32Array => sketches.subarray(at, (at += length));
    const lines: LineSketch = { keys: view(n), chars: view(n), ends: view(n), tokens: view(t) };
    return { ...r, lines };
  });
}
