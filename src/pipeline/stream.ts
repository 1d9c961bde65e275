/**
 * Pages to sketches with bounded memory. Outlet templates are only known once every page of an
 * outlet has been read, so the scan makes two passes over its own scratch file instead of
 * holding texts:
 *
 *   1. workers read, extract and tokenise each page line by line (templates.ts LineSketch); the
 *      main thread counts template lines per outlet and appends the sketch to a scratch file;
 *   2. each page is read back, its outlet's template lines dropped, and its shingles, signature
 *      and band keys computed; shingle sets go to a second scratch file for verification.
 *
 * What stays in memory per page: its metadata, band keys and where its shingles are on disk.
 */
import type { DescribedDocument } from '../cluster/describe.js';
import { keptTokens, TemplateModel, type LineSketch } from '../extract/templates.js';
import type { ExtractedDocument } from '../extract/types.js';
import type { InputFile } from '../input/discover.js';
import { bandKeys } from '../sketch/bands.js';
import type { MinHasher } from '../sketch/minhash.js';
import { tokensHash64Hex } from '../text/hash.js';
import { shingleSet } from '../text/shingles.js';
import { TooShortError } from './document.js';
import { errorMessage } from './errors.js';
import { extractPages, outletKey, type CollectHooks, type OrderedError, type PageOptions } from './pages.js';
import { ScratchDir, SpillReader, SpillWriter } from './spill.js';

export interface SketchRecord extends DescribedDocument {
  seq: number;
}

export interface StreamOptions extends PageOptions {
  shingleSize: number;
  minWords: number;
}

export interface SketchedRun {
  docs: SketchRecord[];
  bands: number;
  /** docs.length × bands band keys. */
  bandKeys: Uint32Array;
  /** Signatures, docs.length × numPerm, when asked for (an index stores them). */
  signatures: Uint32Array | null;
  errors: OrderedError[];
  /** A page's shingle set, read back from scratch. */
  shingles(i: number): Uint32Array;
  shingleCount(i: number): number;
  /** Remove the scratch files. */
  close(): void;
}

type Meta = Omit<ExtractedDocument, 'text'>;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writePage(out: SpillWriter, head: { seq: number; path: string; url: string | null; outlet: string; meta: Meta }, lines: LineSketch): void {
  const json = encoder.encode(JSON.stringify(head));
  const pad = (4 - (json.length % 4)) % 4;
  out.writeU32(Uint32Array.of(json.length + pad, lines.keys.length, lines.tokens.length));
  out.write(json);
  if (pad > 0) out.write(new Uint8Array(pad).fill(0x20));
  out.writeU32(lines.keys);
  out.writeU32(lines.chars);
  out.writeU32(lines.ends);
  out.writeU32(lines.tokens);
}

function readPage(input: SpillReader): { head: { seq: number; path: string; url: string | null; outlet: string; meta: Meta }; lines: LineSketch } {
  const [jsonLen, n, t] = input.nextU32(3);
  const head = JSON.parse(decoder.decode(input.next(jsonLen!))) as { seq: number; path: string; url: string | null; outlet: string; meta: Meta };
  return { head, lines: { keys: input.nextU32(n!), chars: input.nextU32(n!), ends: input.nextU32(n!), tokens: input.nextU32(t!) } };
}

export async function sketchStream(
  files: readonly InputFile[],
  options: StreamOptions,
  hasher: MinHasher,
  lsh: { bands: number; rows: number },
  hooks: CollectHooks & { keepSignatures?: boolean; onPhase?: (phase: string) => void },
): Promise<SketchedRun> {
  const scratch = new ScratchDir();
  try {
    const errors: OrderedError[] = [];
    const model = new TemplateModel();
    const pagesFile = new SpillWriter(scratch.file('pages.bin'));
    let done = 0;
    let pageCount = 0;
    for await (const item of extractPages(files, { ...options, sketch: true })) {
      if (item.type === 'error') {
        errors.push({ ...item.error, seq: done });
        hooks.onError?.(item.error);
      } else {
        const { text: _text, ...meta } = item.page.extracted;
        const outlet = outletKey(item.page);
        const lines = item.page.lines!;
        if (options.templates) model.addKeys(outlet, lines.keys);
        writePage(pagesFile, { seq: done, path: item.page.path, url: item.page.url, outlet, meta }, lines);
        pageCount++;
      }
      hooks.onProgress?.(++done, errors.length);
    }
    pagesFile.close();
    hooks.onPhase?.(`signing ${pageCount} pages…`);

    const docs: SketchRecord[] = [];
    const keys: Uint32Array[] = [];
    const sigs: Uint32Array[] = [];
    const shingleOffsets: number[] = [];
    const shingleCounts: number[] = [];
    const pagesIn = new SpillReader(pagesFile.file);
    const shinglesOut = new SpillWriter(scratch.file('shingles.bin'));
    for (let p = 0; p < pageCount; p++) {
      const { head, lines } = readPage(pagesIn);
      try {
        const keep = options.templates ? model.keepMask(head.outlet, lines.keys, lines.chars) : null;
        const tokens = keptTokens(lines, keep);
        if (tokens.length < options.minWords) {
          throw new TooShortError(
            tokens.length === 0 ? 'no article text found' : `too little article text (${tokens.length} words; --min-words is ${options.minWords})`,
          );
        }
        const shingles = shingleSet(tokens, options.shingleSize);
        const signature = hasher.sign(shingles);
        keys.push(bandKeys(signature, lsh.bands, lsh.rows));
        if (hooks.keepSignatures) sigs.push(signature);
        shingleOffsets.push(shinglesOut.offset);
        shingleCounts.push(shingles.length);
        shinglesOut.writeU32(shingles);
        const m = head.meta;
        docs.push({
          seq: head.seq,
          path: head.path,
          url: head.url,
          outlet: m.outlet,
          title: m.title,
          dateline: m.dateline,
          published: m.published,
          words: tokens.length,
          contentHash: tokensHash64Hex(tokens),
        });
      } catch (e) {
        const error = { path: head.path, message: errorMessage(e) };
        errors.push({ ...error, seq: head.seq });
        hooks.onError?.(error);
      }
    }
    pagesIn.close();
    shinglesOut.close();

    const flat = new Uint32Array(docs.length * lsh.bands);
    keys.forEach((k, i) => flat.set(k, i * lsh.bands));
    keys.length = 0;
    let signatures: Uint32Array | null = null;
    if (hooks.keepSignatures) {
      signatures = new Uint32Array(docs.length * hasher.numPerm);
      sigs.forEach((s, i) => signatures!.set(s, i * hasher.numPerm));
    }
    hooks.onPhase?.(`clustering ${docs.length} pages…`);
    const reader = new SpillReader(shinglesOut.file);
    return {
      docs,
      bands: lsh.bands,
      bandKeys: flat,
      signatures,
      errors,
      shingles: (i) => reader.readU32At(shingleOffsets[i]!, shingleCounts[i]!),
      shingleCount: (i) => shingleCounts[i]!,
      close: () => {
        reader.close();
        scratch.remove();
      },
    };
  } catch (e) {
    scratch.remove();
    throw e;
  }
}
