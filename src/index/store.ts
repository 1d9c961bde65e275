/**
 * The persistent index: documents of earlier crawls, their signatures and LSH band keys, behind
 * one interface. The in-memory store (memory-index.ts) lives in the core; SQLite and Redis
 * stores implement the same contract at the edge (src/store/). The check itself (src/check/)
 * only talks to this interface, so every store gives the same answers.
 *
 * Content and documents are kept apart: a content (normalised article text, named by its hash)
 * is stored once with its signature and bands, however many paths or URLs carry it; a document
 * is one locator (URL when known, else path) pointing at one content.
 */
import type { ListedMeta } from '../page.js';

/**
 * Contents one band key yields as candidates at most: a check of a page whose text the index holds
 * many thousand times costs a bounded number of comparisons, and finds the first copies by hash.
 */
export const BUCKET_CANDIDATES_MAX = 1000;

/** Format of what a store writes; bumped when the layout changes. */
export const INDEX_FORMAT = 'reprint-index/1';

/** What signatures and band keys depend on. An index only answers queries made with the same. */
export interface IndexParams {
  scheme: string;
  seed: number;
  numPerm: number;
  shingleSize: number;
  bands: number;
  rows: number;
}

export const INDEX_PARAM_KEYS = ['scheme', 'seed', 'numPerm', 'shingleSize', 'bands', 'rows'] as const;

/** One line per setting that differs, or an empty list. */
export function paramDifferences(stored: IndexParams, wanted: IndexParams): string[] {
  return INDEX_PARAM_KEYS.filter((k) => stored[k] !== wanted[k]).map((k) => `${k}: index has ${stored[k]}, this run uses ${wanted[k]}`);
}

/** Opening an index with settings other than those it was built with. */
export class IndexParamsError extends Error {
  constructor(
    readonly location: string,
    readonly stored: IndexParams,
    readonly wanted: IndexParams,
  ) {
    super(
      `index ${location} was built with other sketch settings:\n  ${paramDifferences(stored, wanted).join('\n  ')}\n` +
        `use the index's settings, or build a new index`,
    );
    this.name = 'IndexParamsError';
  }
}

/** A store that cannot be used: unreachable server, not an index, newer format. */
export class IndexOpenError extends Error {
  override name = 'IndexOpenError';
}

/** A store's server went away while a run used it (a Redis server stopped or unreachable). */
export class IndexConnectionError extends Error {
  override name = 'IndexConnectionError';
}

export interface IndexedContent {
  /** 16 hex digits: hash of the normalised article text. */
  contentHash: string;
  signature: Uint32Array;
  /** Number of distinct shingles: with the signature's Jaccard it gives containment. */
  shingles: number;
  words: number;
}

/** A document as the index keeps it: what a cluster member shows (so `index clusters` can show it as `scan` does), and where it came from. */
export interface IndexedDocument extends ListedMeta {
  /** The document's identity in the index: its URL when known, else its path. */
  locator: string;
  contentHash: string;
  /** The crawl it came from (`--label`). */
  label: string | null;
  /** ISO time it was added. */
  addedAt: string;
  /** The source the page credits for its text (Document.credit); null also for documents stored before it was kept. */
  credit: string | null;
}

export interface IndexEntry {
  doc: IndexedDocument;
  content: IndexedContent;
  /** One key per band, in band order (sketch/bands.ts). */
  bandKeys: Uint32Array;
  /**
   * The content's shingle set (sorted, distinct), kept so `index clusters` verifies pairs exactly
   * as `scan` does; null to keep only the signature (pairs are then verified on estimates).
   */
  shingleSet: Uint32Array | null;
}

export interface AddResult {
  /** Locators new to the index. */
  added: number;
  /** Locators whose content changed: the old entry was replaced. */
  replaced: number;
  /** Locators already holding this content: nothing written. */
  unchanged: number;
}

export interface RemoveSelector {
  /** Exact locators, paths or URLs. */
  exact: readonly string[];
  /** Path prefixes ending in '/': everything under a folder. */
  prefixes: readonly string[];
}

export interface IndexStats {
  /** Where the index lives (without credentials). */
  location: string;
  format: string;
  params: IndexParams | null;
  documents: number;
  contents: number;
  /** Documents per crawl label, label order; null label last. */
  labels: { label: string | null; documents: number; firstAdded: string; lastAdded: string }[];
}

export interface IndexStore {
  /** Where the index lives, for messages (never a password). */
  readonly location: string;
  /** The settings the index was built with, or null for a new, empty index. */
  readParams(): Promise<IndexParams | null>;
  /** The documents stored under these locators. */
  documentsAt(locators: readonly string[]): Promise<Map<string, IndexedDocument>>;
  /**
   * For each list of band keys, the hashes of stored contents that share at least one band
   * (the LSH candidates), each list sorted. Only contents some document still holds. A band key
   * shared by more than BUCKET_CANDIDATES_MAX contents (a hot bucket: one text copied thousands
   * of times, boilerplate) gives only the first BUCKET_CANDIDATES_MAX of them by hash.
   */
  candidates(keys: readonly Uint32Array[]): Promise<string[][]>;
  /** Signatures and sizes of these contents; unknown hashes are left out. */
  contents(hashes: readonly string[]): Promise<Map<string, IndexedContent>>;
  /** Band keys of these contents, in band order; unknown hashes are left out. */
  bandKeys(hashes: readonly string[]): Promise<Map<string, Uint32Array>>;
  /** Shingle sets of these contents; unknown hashes and contents stored without one are left out. */
  shingleSets(hashes: readonly string[]): Promise<Map<string, Uint32Array>>;
  /**
   * Every document, or only those of these crawl labels (null: documents added without a label),
   * in batches of any size and in no set order.
   */
  listDocuments(labels: readonly (string | null)[] | null): AsyncIterable<IndexedDocument[]>;
  /** The documents holding each of these contents, sorted by locator. */
  documentsWith(hashes: readonly string[]): Promise<Map<string, IndexedDocument[]>>;
  /**
   * Add all entries or none (one transaction). The first add records `params`; a later add with
   * other params throws IndexParamsError. A locator already holding the same content is left as
   * it is; a locator holding other content is replaced. Entries are read once, in order, as they
   * are written: a caller may make them as it goes (a crawl of millions of pages is never held
   * whole).
   */
  add(params: IndexParams, entries: Iterable<IndexEntry>): Promise<AddResult>;
  /** Remove documents; contents no document holds any more go with them. Returns removed locators, sorted. */
  remove(selector: RemoveSelector): Promise<string[]>;
  stats(): Promise<IndexStats>;
  close(): Promise<void>;
}

/** What a caller may run inside a store's write (tests use it to kill the process mid-add). */
export interface StoreHooks {
  /** Called once everything is written and nothing committed (tests kill the process here). */
  beforeCommit?(): void;
}

/** The document's identity: URL when known, else path. */
export function locatorOf(doc: { path: string; url: string | null }): string {
  return doc.url ?? doc.path;
}

/** Whether a stored document matches a remove selector. */
export function selects(selector: RemoveSelector, doc: { locator: string; path: string; url: string | null }): boolean {
  if (selector.exact.includes(doc.locator) || selector.exact.includes(doc.path)) return true;
  if (doc.url !== null && selector.exact.includes(doc.url)) return true;
  return selector.prefixes.some((p) => doc.path.startsWith(p));
}

/** Signature bytes as stored: little-endian 32-bit words, whatever the machine. */
export function signatureToBytes(sig: Uint32Array): Uint8Array {
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < sig.length; i++) view.setUint32(i * 4, sig[i]!, true);
  return out;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const n = bytes.length >>> 2;
  const out = new Uint32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
