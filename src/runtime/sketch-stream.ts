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
 * What stays in memory per page: its band keys, its word count, and where its shingles and its
 * metadata are on disk (about 190 bytes in typed arrays, off the JS heap). Metadata is read back
 * only for pages that end up in a cluster.
 */
import { splitLines } from '../text/lines.js';
import { keptTokenCount, keptTokensInto, outletKey, TemplateModel, type LineSketch, type PageRef } from '../extract/templates.js';
import type { Article } from '../extract/types.js';
import type { InputFile } from '../input/discover.js';
import { idOf, type Document } from '../page.js';
import type { MinHasher } from '../sketch/minhash.js';
import type { PoolResult } from './pool.js';
import { SharedBufferPool } from './shared-buffers.js';
import type { SignRequest, SignResponse } from './sign-messages.js';
import { extractPages, extractPool, templateOnlyMessage, tooLittleTextMessage, type CollectHooks, type OrderedError, type PageOptions } from './pages.js';
import { ScratchDir, type SpillReader, type SpillWriter } from './scratch.js';
import type { MatchRule } from '../match/accept.js';
import { forEachPairShingles } from './pair-shingles.js';
import { MIN_WORKER_PAIRS, verifyPairsInWorkers } from './verify-pairs.js';

interface SketchRecord extends Document {
  seq: number;
}

export interface StreamOptions extends PageOptions {
  shingleSize: number;
  minWords: number;
  /** Bytes the scratch files may hold in memory (ScratchDir); the CLI leaves the default. */
  scratchMemory?: number;
  /** Fewest candidate pairs verified in worker threads (MIN_WORKER_PAIRS); the CLI leaves the default. */
  minWorkerPairs?: number;
}

export interface SketchedRun {
  /** Pages signed, in input order. */
  count: number;
  /** A page's metadata, read back from scratch. */
  doc(i: number): Document & { seq: number };
  /** Many pages' metadata (doc(i) of each), read back in file order in long reads. */
  docs(indexes: Iterable<number>): Map<number, Document & { seq: number }>;
  words(i: number): number;
  bands: number;
  /** count × bands band keys. */
  bandKeys: Uint32Array;
  /** Signatures, count × numPerm, when asked for (an index stores them). */
  signatures: Uint32Array | null;
  errors: OrderedError[];
  /** A page's shingle set, read back from scratch. */
  shingles(i: number): Uint32Array;
  shingleCount(i: number): number;
  /** ClusterSource.forEachPairShingles: candidate pairs with both shingle sets, read in long runs. */
  forEachPairShingles(pairs: Float64Array, visit: (a: number, b: number, first: Uint32Array, second: Uint32Array, index: number) => void): void;
  /**
   * Candidate pairs verified in worker threads (clusterCandidates' `verified`), when there are
   * enough of them and the shingle sets are on disk for the workers to read; else null, and
   * clustering verifies them itself.
   */
  verifyCandidates(pairs: Float64Array, rule: MatchRule): Promise<Int32Array | null>;
  /** A page's compared text (its outlet's template lines removed), read back from scratch; null without `keepText`. */
  text(i: number): string | null;
  /** Remove the scratch files. */
  close(): void;
}

type Meta = Omit<Article, 'text'>;

/** What the scratch file holds of a page besides its line sketch, as JSON. */
interface PageHead {
  seq: number;
  path: string;
  url: string | null;
  outlet: string;
  meta: Meta;
}

/** PageRef's flags in a page record: a folder outlet; a headline (its key in the next word). */
const FOLDER = 1;
const HEADLINE = 2;

/** Pages per message to a signing worker: enough to amortise the message, few enough to keep both workers busy. */
const SIGN_BATCH = 256;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Where writePage encodes a head, and its record's header: reused, not arrays a page (garbage for the main thread's collector). */
let headBytes = new Uint8Array(1024);
const recordHeader = new Uint32Array(6);
const SPACES = new Uint8Array(3).fill(0x20);
/** Where a page's content hash (CONTENT_HASH_BYTES of hex) is encoded for the metadata file. */
const contentHashBytes = new Uint8Array(16);

/**
 * A page record: its head as JSON, its outlet and headline as the template model knows them (so
 * the second pass reads neither), then its line sketch.
 */
function writePage(out: SpillWriter, head: PageHead, ref: PageRef | null, lines: LineSketch): void {
  const json = JSON.stringify(head);
  // UTF-8 takes at most 3 bytes a UTF-16 unit. The writer copies what it is given.
  if (headBytes.length < 3 * json.length) headBytes = new Uint8Array(3 * json.length);
  const length = encoder.encodeInto(json, headBytes).written;
  const pad = (4 - (length % 4)) % 4;
  const flags = ref === null ? 0 : (ref.folder ? FOLDER : 0) | (ref.headline !== null ? HEADLINE : 0);
  recordHeader[0] = length + pad;
  recordHeader[1] = lines.keys.length;
  recordHeader[2] = lines.tokens.length;
  recordHeader[3] = ref?.outlet ?? 0;
  recordHeader[4] = flags;
  recordHeader[5] = ref?.headline ?? 0;
  out.writeU32(recordHeader);
  out.write(headBytes.subarray(0, length));
  if (pad > 0) out.write(SPACES.subarray(0, pad));
  out.writeU32(lines.keys);
  out.writeU32(lines.chars);
  out.writeU32(lines.ends);
  out.writeU32(lines.tokens);
}

/** A text as its UTF-8 length, then its bytes: the scratch files of `keepText`. */
function writeText(out: SpillWriter, text: string): void {
  const bytes = encoder.encode(text);
  out.writeU32(Uint32Array.of(bytes.length));
  out.write(bytes);
}

function readText(input: SpillReader): string {
  const [length] = input.nextU32(1);
  return decoder.decode(input.next(length!));
}

/** The text a page is compared by: its lines (one per LineSketch line) that the template mask keeps. */
function keptText(text: string, keep: Uint8Array | null): string {
  if (keep === null) return text;
  return splitLines(text)
    .filter((_, i) => keep[i] === 1)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A page record read back. The head stays JSON bytes (a copy: the reader's views do not last):
 * most pages only pass it on to the metadata file, and it is parsed for the few that are reported.
 */
function readPage(input: SpillReader, words: { header: Uint32Array; buffer: Uint32Array }): { head: Uint8Array; ref: PageRef; lines: LineSketch } {
  const [jsonLen, n, t, outlet, flags, headline] = input.nextU32Into(words.header, 6);
  // A copy (a Buffer's slice() would be a view).
  const head = new Uint8Array(jsonLen!);
  head.set(input.next(jsonLen!));
  // The four arrays lie one after another (writePage): one read into the caller's buffer, which
  // the next page's read reuses (a fresh buffer for each page was most of the thread's garbage).
  const size = 3 * n! + t!;
  if (words.buffer.length < size) words.buffer = new Uint32Array(Math.max(size, 2 * words.buffer.length));
  const all = input.nextU32Into(words.buffer, size);
  return {
    head,
    ref: { outlet: outlet!, folder: (flags! & FOLDER) !== 0, headline: (flags! & HEADLINE) !== 0 ? headline! : null },
    lines: { keys: all.subarray(0, n!), chars: all.subarray(n!, 2 * n!), ends: all.subarray(2 * n!, 3 * n!), tokens: all.subarray(3 * n!) },
  };
}

const parseHead = (json: Uint8Array): PageHead => JSON.parse(decoder.decode(json)) as PageHead;

/** Bytes of a page's content hash (16 hex digits) after its head in the metadata file. */
const CONTENT_HASH_BYTES = 16;

/**
 * How `docs` reads many pages' metadata: records at most DOCS_GAP_BYTES apart in one read of at
 * most DOCS_READ_BYTES. At a million pages a scan describes its 75,000 copies; a read a record was
 * 1.2 s of the main thread, while the scan's other threads waited.
 */
const DOCS_READ_BYTES = 4 << 20;
const DOCS_GAP_BYTES = 64 << 10;

/** A signed page's Document, from its head, its word count and its content hash. */
function sketchRecord(head: PageHead, words: number, contentHash: string): SketchRecord {
  const m = head.meta;
  return { seq: head.seq, path: head.path, ...idOf(m), url: head.url, outlet: m.outlet, title: m.title, dateline: m.dateline, published: m.published, words, contentHash, credit: m.credit };
}

export async function sketchStream(
  files: readonly InputFile[],
  options: StreamOptions,
  hasher: MinHasher,
  lsh: { bands: number; rows: number },
  hooks: CollectHooks & { keepSignatures?: boolean; onPhase?: (phase: string) => void },
): Promise<SketchedRun> {
  const scratch = new ScratchDir(options.scratchMemory);
  // One set of worker threads extracts the pages, then signs them: no threads to start for signing.
  const workers = extractPool(options);
  try {
    const errors: OrderedError[] = [];
    const model = new TemplateModel();
    const pagesFile = scratch.writer('pages.bin');
    // Texts beside the sketches, in the same order, only when a report shows them.
    const rawTextsFile = options.keepText === true ? scratch.writer('raw-texts.bin') : null;
    let done = 0;
    let pageCount = 0;
    for await (const item of extractPages(files, { ...options, sketch: true, keepText: rawTextsFile !== null }, hooks.inputBytes, workers)) {
      if (item.type === 'error') {
        errors.push({ ...item.error, seq: done });
        hooks.onError?.(item.error);
      } else {
        if (item.page.warning !== undefined) hooks.onWarning?.({ path: item.page.path, message: item.page.warning });
        const { text: _text, ...meta } = item.page.article;
        const outlet = outletKey(item.page.path, item.page.url, item.page.article.outlet);
        const lines = item.page.lines!;
        const ref = options.templates ? model.pageRef(outlet, meta.title) : null;
        if (ref !== null) model.addPageKeys(ref, lines.keys);
        writePage(pagesFile, { seq: done, path: item.page.path, url: item.page.url, outlet, meta }, ref, lines);
        if (rawTextsFile !== null) writeText(rawTextsFile, item.page.article.text);
        pageCount++;
      }
      // Counted apart from the call: an optional call skips its arguments when nobody listens.
      done++;
      hooks.onProgress?.(done, errors.length);
    }
    pagesFile.close();
    rawTextsFile?.close();
    hooks.onPhase?.(`signing ${pageCount} pages…`);

    // Pass 2: template lines out, then shingles and signatures in worker threads, a batch at a
    // time; results are taken in input order.
    let count = 0;
    // Sized to every page read (pages turned away below only leave the end unused): at a million
    // pages no doubling and no final copy of 168 MB of band keys.
    const keys = new Uint32Array(lsh.bands * pageCount);
    const sigs = hooks.keepSignatures ? new Uint32Array(hasher.numPerm * pageCount) : null;
    // Shared: verification workers read them (verify-pairs.ts).
    const shingleOffsets = new Float64Array(new SharedArrayBuffer(8 * pageCount));
    const shingleCounts = new Uint32Array(new SharedArrayBuffer(4 * pageCount));
    const metaOffsets = new Float64Array(pageCount);
    const metaLengths = new Uint32Array(pageCount);
    const words = new Uint32Array(pageCount);
    const pagesIn = pagesFile.reader({ consume: true });
    // Shingle sets take the place of the page records read before them (never longer than a
    // page's tokens), once those are on disk: no fresh file pages for them.
    const shinglesOver = pagesFile.overwriter(pagesIn);
    const shinglesOut = shinglesOver ?? scratch.writer('shingles.bin');
    const metaOut = scratch.writer('docs.bin');
    const rawTextsIn = rawTextsFile !== null ? rawTextsFile.reader({ consume: true }) : null;
    const textsOut = rawTextsFile !== null ? scratch.writer('texts.bin') : null;
    const textOffsets = textsOut !== null ? new Float64Array(pageCount) : null;
    // Pages signed so far, counting batches not yet taken: a page's index once taken.
    let queued = 0;
    // A batch is bounded work (no page text is parsed): its limit only guards against a stuck worker.
    const signTimeoutMs = Math.max(options.timeoutMs, 60_000);
    const sign = (req: SignRequest): Promise<PoolResult<SignResponse>> => workers.run(req, signTimeoutMs) as Promise<PoolResult<SignResponse>>;
    type Batch = { heads: { head: Uint8Array; words: number }[]; tokens: SharedArrayBuffer; result: Promise<PoolResult<SignResponse>> };
    const inFlight: Batch[] = [];
    // A batch's tokens go to its worker in shared memory, and its shingle sets come back in the
    // same memory: no copy into the message and none out of it, and the buffer is filled again
    // once the batch is taken (fresh memory costs more than the copy; see scratch.ts). A batch a
    // crashed worker hands back (one it had not started: WorkerPool) is sent again as it is.
    const tokenBuffers = new SharedBufferPool(1 << 20);
    const take = (b: Batch, r: PoolResult<SignResponse>): void => {
      if (!r.ok) throw new Error(`signing failed: ${r.message}`);
      const v = r.value;
      keys.set(v.bandKeys, count * lsh.bands);
      if (sigs !== null && v.signatures !== null) sigs.set(v.signatures, count * hasher.numPerm);
      const sets = new Uint32Array(b.tokens, 0, v.shingleEnds.length === 0 ? 0 : v.shingleEnds[v.shingleEnds.length - 1]!);
      b.heads.forEach((h, i) => {
        const start = i === 0 ? 0 : v.shingleEnds[i - 1]!;
        const set = sets.subarray(start, v.shingleEnds[i]!);
        shingleOffsets[count] = shinglesOut.offset;
        shingleCounts[count] = set.length;
        shinglesOut.writeU32(set);
        // The head as read, then the content hash: doc() makes the Document of the two.
        metaOffsets[count] = metaOut.offset;
        metaLengths[count] = h.head.length;
        metaOut.write(h.head);
        metaOut.write(contentHashBytes.subarray(0, encoder.encodeInto(v.contentHashes[i]!, contentHashBytes).written));
        words[count] = h.words;
        count++;
      });
      tokenBuffers.give(b.tokens);
    };
    try {
      let batch: Batch['heads'] = [];
      // The batch's kept tokens, written end to end straight into its shared buffer as pages are
      // read; batchEnds[i] is where page i's tokens end.
      let batchWords: Uint32Array<SharedArrayBuffer> | null = null;
      let batchUsed = 0;
      let batchEnds: number[] = [];
      const room = (more: number): void => {
        if (batchWords !== null && batchUsed + more <= batchWords.length) return;
        const words = new Uint32Array(tokenBuffers.take(4 * (batchUsed + more)));
        if (batchWords !== null) {
          words.set(batchWords.subarray(0, batchUsed));
          tokenBuffers.give(batchWords.buffer);
        }
        batchWords = words;
      };
      const send = async (): Promise<void> => {
        // room() gave every page of a batch its buffer, even a page of no tokens.
        if (batchWords === null) return;
        const tokens = batchWords.subarray(0, batchUsed);
        const ends = Uint32Array.from(batchEnds);
        const req: SignRequest = { tokens, ends, shingleSize: options.shingleSize, numPerm: hasher.numPerm, seed: hasher.seed, bands: lsh.bands, rows: lsh.rows, keepSignatures: sigs !== null };
        inFlight.push({ heads: batch, tokens: batchWords.buffer, result: sign(req) });
        batch = [];
        batchWords = null;
        batchUsed = 0;
        batchEnds = [];
        while (inFlight.length > 2 * options.jobs) {
          const b = inFlight.shift()!;
          take(b, await b.result);
        }
      };
      const pageWords = { header: new Uint32Array(6), buffer: new Uint32Array(4096) };
      for (let p = 0; p < pageCount; p++) {
        const { head, ref, lines } = readPage(pagesIn, pageWords);
        const rawText = rawTextsIn !== null ? readText(rawTextsIn) : null;
        const mask = options.templates ? model.pageMask(ref, lines.keys, lines.chars) : null;
        const kept = keptTokenCount(lines, mask?.keep ?? null);
        if (kept < options.minWords) {
          const { path, seq } = parseHead(head);
          const message = templateOnlyMessage(mask) ?? tooLittleTextMessage(kept, options.minWords);
          errors.push({ path, message, seq });
          hooks.onError?.({ path, message });
          continue;
        }
        if (textsOut !== null && rawText !== null) {
          textOffsets![queued] = textsOut.offset;
          writeText(textsOut, keptText(rawText, mask?.keep ?? null));
        }
        queued++;
        room(kept);
        keptTokensInto(lines, mask?.keep ?? null, batchWords!, batchUsed);
        batchUsed += kept;
        batchEnds.push(batchUsed);
        batch.push({ head, words: kept });
        if (batch.length === SIGN_BATCH) await send();
      }
      await send();
      for (const b of inFlight.splice(0)) take(b, await b.result);
    } finally {
      await workers.close();
    }
    pagesIn.close();
    if (shinglesOver === null) pagesFile.discard();
    rawTextsFile?.discard();
    shinglesOut.close();
    metaOut.close();
    rawTextsIn?.close();
    textsOut?.close();

    const flat = keys.subarray(0, count * lsh.bands);
    const signatures = sigs?.subarray(0, count * hasher.numPerm) ?? null;
    hooks.onPhase?.(`clustering ${count} pages…`);
    const reader = shinglesOut.reader();
    const metaReader = metaOut.reader();
    const textReader = textsOut !== null ? textsOut.reader() : null;
    /** A page's metadata from its record's bytes: the head, then the content hash. */
    const metaRecord = (i: number, bytes: Uint8Array): SketchRecord => {
      const length = metaLengths[i]!;
      return sketchRecord(parseHead(bytes.subarray(0, length)), words[i]!, decoder.decode(bytes.subarray(length)));
    };
    return {
      count,
      doc: (i) => metaRecord(i, metaReader.readBytesAt(metaOffsets[i]!, metaLengths[i]! + CONTENT_HASH_BYTES)),
      docs: (indexes) => {
        const records = new Map<number, SketchRecord>();
        // Records lie in the file in page order.
        const wanted = Uint32Array.from(new Set(indexes)).sort();
        const endOf = (i: number): number => metaOffsets[i]! + metaLengths[i]! + CONTENT_HASH_BYTES;
        for (let k = 0; k < wanted.length; ) {
          const from = metaOffsets[wanted[k]!]!;
          let end = k + 1;
          while (end < wanted.length && endOf(wanted[end]!) - from <= DOCS_READ_BYTES && metaOffsets[wanted[end]!]! - endOf(wanted[end - 1]!) <= DOCS_GAP_BYTES) end++;
          const bytes = metaReader.readBytesAt(from, endOf(wanted[end - 1]!) - from);
          for (; k < end; k++) {
            const i = wanted[k]!;
            records.set(i, metaRecord(i, bytes.subarray(metaOffsets[i]! - from, endOf(i) - from)));
          }
        }
        return records;
      },
      words: (i) => words[i]!,
      bands: lsh.bands,
      bandKeys: flat,
      signatures,
      errors,
      shingles: (i) => reader.readU32At(shingleOffsets[i]!, shingleCounts[i]!),
      shingleCount: (i) => shingleCounts[i]!,
      forEachPairShingles: (pairs, visit) => forEachPairShingles(reader, shingleOffsets, shingleCounts, pairs, visit),
      verifyCandidates: async (pairs, rule) =>
        options.jobs >= 2 && shinglesOut.spilled && pairs.length >= (options.minWorkerPairs ?? MIN_WORKER_PAIRS)
          ? verifyPairsInWorkers(shinglesOut.file, shingleOffsets, shingleCounts, pairs, rule, options.jobs)
          : null,
      text: (i) => {
        if (textReader === null) return null;
        const at = textOffsets![i]!;
        const [length] = textReader.readU32At(at, 1);
        return decoder.decode(textReader.readBytesAt(at + 4, length!));
      },
      close: () => {
        reader.close();
        metaReader.close();
        textReader?.close();
        scratch.remove();
      },
    };
  } catch (e) {
    await workers.close();
    scratch.remove();
    throw e;
  }
}
