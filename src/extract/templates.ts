/**
 * Outlet templates. Lines that recur across several pages of one outlet (a slogan, a donation
 * appeal, a standing byline box) are the outlet's template, not the article: the idea behind
 * CCNet's paragraph de-duplication, applied within an outlet only. Recurrence is never counted
 * across outlets, so a statement that many outlets reprint survives.
 *
 * Pure data in, data out: the pipeline decides what an outlet is (host, masthead, folder).
 */
import { hashString, hashWords } from '../text/hash.js';
import { hashLines } from '../text/line-sketch.js';
import { normalizeText } from '../text/normalize.js';

export interface TemplateOptions {
  /** Distinct pages of one outlet a line must appear on to be template. */
  minPages: number;
  /**
   * Above this share of a page's characters, recurring lines are only taken as template on strong
   * evidence (see keepMask): below it, they always are.
   */
  maxRemovedShare: number;
  /** Distinct pages that make a line template on any page, titled or not. */
  strongPages: number;
  /** Distinct pages under one headline that make it generic (no headline of a story). */
  genericTitlePages: number;
  /** Characters of its own that make a page more than a re-run with a line added (see keepMask). */
  minOwnChars: number;
}

const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = { minPages: 2, maxRemovedShare: 0.5, strongPages: 3, genericTitlePages: 3, minOwnChars: 200 };

const LINE_SEED = 0x74706c31;

function lineKey(line: string): number | null {
  const n = normalizeText(line);
  return n.length === 0 ? null : hashString(n, LINE_SEED);
}

/** The template keys of lines of text; 0 for a blank line, as in LineSketch. */
export function lineKeys(lines: readonly string[]): Uint32Array {
  return Uint32Array.from(lines, (l) => lineKey(l) ?? 0);
}

/**
 * A page's text as the scan keeps it between reading and signing: per line its template key (0
 * for a blank line), its length and where its tokens end, and the token hashes of all lines.
 * Tokens never span a line break, so the lines' tokens in order are the text's tokens. Typed
 * arrays: they cross from a worker thread without copying and spill to disk as they are.
 */
export interface LineSketch {
  keys: Uint32Array;
  chars: Uint32Array;
  /** Exclusive end of each line's tokens in `tokens`. */
  ends: Uint32Array;
  tokens: Uint32Array;
}

/** A text's LineSketch: its lines as splitLines (text/lines.ts) cuts them, hashed in one pass (text/line-sketch.ts). */
export function lineSketch(text: string): LineSketch {
  return hashLines(text, LINE_SEED);
}

/** The tokens of the lines `keep` marks, in order. */
export function keptTokens(sketch: LineSketch, keep: Uint8Array | null): Uint32Array {
  if (keep === null) return sketch.tokens;
  const out = new Uint32Array(keptTokenCount(sketch, keep));
  keptTokensInto(sketch, keep, out, 0);
  return out;
}

/** How many tokens the lines `keep` marks hold. */
export function keptTokenCount(sketch: LineSketch, keep: Uint8Array | null): number {
  if (keep === null) return sketch.tokens.length;
  let n = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) n += sketch.ends[i]! - (i === 0 ? 0 : sketch.ends[i - 1]!);
  return n;
}

/** keptTokens(), written into `out` from `at` on (room for keptTokenCount() words). */
export function keptTokensInto(sketch: LineSketch, keep: Uint8Array | null, out: Uint32Array, at: number): void {
  if (keep === null) {
    out.set(sketch.tokens, at);
    return;
  }
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const start = i === 0 ? 0 : sketch.ends[i - 1]!;
    out.set(sketch.tokens.subarray(start, sketch.ends[i]!), at);
    at += sketch.ends[i]! - start;
  }
}

/**
 * Counts of (outlet, key) pairs in typed arrays with open addressing: about 10 bytes per distinct
 * pair instead of a Map entry's 50-80, which is what keeps a scan of millions of pages (each with
 * a dozen distinct lines) small. Counts saturate at 255; only "at least minPages" matters.
 *
 * A pair holds two counts. The second is only ever added to a pair the first has counted (see
 * TemplateModel.addPageKeys): a line's count over distinct headlines sits beside its count over
 * distinct pages, and a page's lines cost one entry each, not two. At a million pages the table
 * is among the scan's biggest arrays and each entry a cache miss: on a million generated pages
 * half the entries took the arrays from 929 to 385 MB and adding pages 44% less time.
 */
class PairCounts {
  private outlets = new Uint32Array(1024);
  private keys = new Uint32Array(1024);
  private counts = new Uint8Array(1024);
  private seconds = new Uint8Array(1024);
  private size = 0;

  /** The pair's slot: where it is, or the empty slot where it would go. */
  find(outlet: number, key: number): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(key ^ Math.imul(outlet, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
    while (this.counts[i] !== 0 && (this.outlets[i] !== outlet || this.keys[i] !== key)) i = (i + 1) & mask;
    return i;
  }

  /** The first count in a slot find() gave (0 for an empty one). */
  countAt(slot: number): number {
    return this.counts[slot]!;
  }

  /** The second count in a slot find() gave (0 for an empty one). */
  secondAt(slot: number): number {
    return this.seconds[slot]!;
  }

  get(outlet: number, key: number): number {
    return this.counts[this.find(outlet, key)]!;
  }

  /** Room for `more` new pairs without moving any: slots find() gives stay valid until then. */
  reserve(more: number): void {
    while ((this.size + more) * 4 > this.keys.length * 3) this.grow();
  }

  /** Add one to the first count; returns the count before. */
  increment(outlet: number, key: number): number {
    this.reserve(1);
    return this.incrementAt(this.find(outlet, key), outlet, key);
  }

  /** increment() at the slot find() gave, after reserve(). */
  incrementAt(i: number, outlet: number, key: number): number {
    const before = this.counts[i]!;
    if (before === 0) {
      this.outlets[i] = outlet;
      this.keys[i] = key;
      this.size++;
    }
    if (before < 255) this.counts[i] = before + 1;
    return before;
  }

  /** Add one to the second count of a pair the first has counted, at its slot. */
  incrementSecondAt(i: number): void {
    if (this.counts[i] === 0) throw new Error('PairCounts: a second count for a pair not counted');
    if (this.seconds[i]! < 255) this.seconds[i]!++;
  }

  private grow(): void {
    const { outlets, keys, counts, seconds } = this;
    this.outlets = new Uint32Array(keys.length * 2);
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Uint8Array(keys.length * 2);
    this.seconds = new Uint8Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (counts[i] === 0) continue;
      const j = this.find(outlets[i]!, keys[i]!);
      this.outlets[j] = outlets[i]!;
      this.keys[j] = keys[i]!;
      this.counts[j] = counts[i]!;
      this.seconds[j] = seconds[i]!;
    }
  }
}

const PAGE_SEED = 0x70616765;
const TITLE_SEED = 0x7469746c;

/** Which lines of a page to keep; `keep` is null when all are. */
export interface TemplateMask {
  keep: Uint8Array | null;
  /** Every line with text is template: the page holds no article of its own. */
  onlyTemplate: boolean;
}

const KEEP_ALL: TemplateMask = { keep: null, onlyTemplate: false };

/** A page's outlet (the model's number for it, and whether it is a folder) and its headline's key (null: none). */
export interface PageRef {
  outlet: number;
  folder: boolean;
  headline: number | null;
}

/**
 * A line is template when it recurs on `minPages` distinct pages of one outlet. "Distinct" is
 * what keeps an outlet's own re-runs of a story safe: identical pages count once, and so do pages
 * under one headline (the same story at two URLs, an updated version), so their shared article
 * lines never count as recurring. A headline that `genericTitlePages` different pages carry (the
 * site's name, a section title) tells nothing, and its pages count one by one.
 */
export class TemplateModel {
  private readonly outletIds = new Map<string, number>();
  /**
   * Per outlet id n: under 3n a line's count over distinct pages and, second, over distinct
   * headlines; page fingerprints under 3n + 1; pages per headline under 3n + 2.
   */
  private readonly table = new PairCounts();
  /** addKeys' working array. */
  private scratch = new Uint32Array(256);
  /** addPageKeys' slots of the page's lines in the table. */
  private slots = new Uint32Array(256);

  constructor(private readonly options: TemplateOptions = DEFAULT_TEMPLATE_OPTIONS) {}

  /** Count a page's lines for its outlet. */
  add(outlet: string, lines: readonly string[], title: string | null = null): void {
    this.addKeys(outlet, lineKeys(lines), title);
  }

  /** As add(), with the lines' keys (lineSketch) instead of their text; 0 is a blank line. */
  addKeys(outlet: string, lineKeys: ArrayLike<number>, title: string | null = null): void {
    this.addPageKeys(this.pageRef(outlet, title), lineKeys);
  }

  /**
   * A page's outlet and headline as the model counts them: what addPageKeys and pageMask take, so a
   * scan that keeps the two numbers with each page does not look the outlet up or hash the
   * headline again for its second pass.
   */
  pageRef(outlet: string, title: string | null): PageRef {
    let id = this.outletIds.get(outlet);
    if (id === undefined) this.outletIds.set(outlet, (id = this.outletIds.size));
    return { outlet: id, folder: isFolderKey(outlet), headline: titleKey(title) };
  }

  /** addKeys() of a page given by pageRef(). */
  addPageKeys(page: PageRef, lineKeys: ArrayLike<number>): void {
    // The page's distinct keys, sorted, in a reused array: the scan adds every page here on its
    // main thread, and a Set per page was most of the cost. Counts do not depend on the order.
    if (this.scratch.length < lineKeys.length) this.scratch = new Uint32Array(Math.max(lineKeys.length, 2 * this.scratch.length));
    let n = 0;
    for (let i = 0; i < lineKeys.length; i++) if (lineKeys[i] !== 0) this.scratch[n++] = lineKeys[i]!;
    const sorted = this.scratch.subarray(0, n).sort();
    let distinct = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
    const keys = sorted.subarray(0, distinct);
    const pageKey = hashWords(keys, 0, distinct, PAGE_SEED);
    const { outlet: id, headline } = page;
    // Room for every pair this page may add, so the lines' slots stay put for their second counts.
    const table = this.table;
    table.reserve(distinct + 2);
    if (table.increment(3 * id + 1, pageKey) > 0) return;
    if (this.slots.length < distinct) this.slots = new Uint32Array(Math.max(distinct, 2 * this.slots.length));
    const slots = this.slots;
    for (let i = 0; i < distinct; i++) {
      const slot = table.find(3 * id, keys[i]!);
      slots[i] = slot;
      table.incrementAt(slot, 3 * id, keys[i]!);
    }
    if (headline !== null && table.increment(3 * id + 2, headline) > 0) return;
    for (let i = 0; i < distinct; i++) table.incrementSecondAt(slots[i]!);
  }

  isTemplate(outlet: string, line: string, title: string | null = null): boolean {
    const k = lineKey(line);
    const id = this.outletIds.get(outlet);
    if (k === null || id === undefined) return false;
    return this.recurrence(isFolderKey(outlet), id, k, this.hasHeadline(id, titleKey(title))) > 0;
  }

  /**
   * How strongly a line recurs: 0 when it is not template, else the distinct pages it is on. Two
   * pages under different headlines make it template; so do `strongPages` distinct pages whatever
   * their headlines (two different articles may carry one headline, a template's own left in
   * place). A folder standing in for the outlet may mix outlets, and a line two of its pages share
   * is as likely a reprinted paragraph as a template: there it always takes `strongPages`.
   */
  private recurrence(folder: boolean, id: number, key: number, titled: boolean): number {
    const slot = this.table.find(3 * id, key);
    const pages = this.table.countAt(slot);
    if (pages >= this.options.strongPages) return pages;
    if (folder) return 0;
    return (titled ? this.table.secondAt(slot) : pages) >= this.options.minPages ? pages : 0;
  }

  private hasHeadline(id: number, headline: number | null): boolean {
    return headline !== null && this.table.get(3 * id + 2, headline) < this.options.genericTitlePages;
  }

  /**
   * Which lines to keep, from their keys and lengths. Recurring lines (see recurrence) go one by
   * one, however much of the page they make up (a sidebar Readability picked, a standing box
   * around a short article), with one exception: when they are most of a page without a headline
   * of its own, recur on fewer than `strongPages` pages and leave less than `minOwnChars`, the
   * page may be the outlet running one text twice with a line added (headlines are what tell
   * re-runs apart, see the class comment), so it is kept whole. A folder standing in for the outlet may mix outlets that ran one text, so there most of
   * a page is never removed.
   */
  keepMask(outlet: string, keys: ArrayLike<number>, chars: ArrayLike<number>, title: string | null): TemplateMask {
    const id = this.outletIds.get(outlet);
    if (id === undefined) return KEEP_ALL;
    return this.pageMask({ outlet: id, folder: isFolderKey(outlet), headline: titleKey(title) }, keys, chars);
  }

  /** keepMask() of a page given by pageRef(). */
  pageMask(page: PageRef, keys: ArrayLike<number>, chars: ArrayLike<number>): TemplateMask {
    const { outlet: id, folder } = page;
    const titled = this.hasHeadline(id, page.headline);
    const keep = new Uint8Array(keys.length).fill(1);
    let removed = 0;
    let total = 0;
    let weakest = Infinity;
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      total += chars[i]!;
      if (keys[i] === 0) continue;
      const c = this.recurrence(folder, id, keys[i]!, titled);
      if (c > 0) {
        keep[i] = 0;
        removed += chars[i]!;
        weakest = Math.min(weakest, c);
      } else kept++;
    }
    if (total === 0 || removed === 0) return KEEP_ALL;
    if (removed > total * this.options.maxRemovedShare) {
      if (folder) return KEEP_ALL;
      const rerun = !titled && weakest < this.options.strongPages && total - removed < this.options.minOwnChars;
      if (rerun) return KEEP_ALL;
    }
    return { keep, onlyTemplate: kept === 0 };
  }

  /** The page's lines without its outlet's template lines (see keepMask); empty when all are template. */
  strip(outlet: string, lines: readonly string[], title: string | null = null): string[] {
    const { keep } = this.keepMask(outlet, lineKeys(lines), lines.map((l) => l.length), title);
    return keep === null ? [...lines] : lines.filter((_, i) => keep[i] === 1);
  }
}

/** A headline's key, or null for none; pages under one headline count once. */
function titleKey(title: string | null): number | null {
  if (title === null) return null;
  const n = normalizeText(title);
  return n.length === 0 ? null : hashString(n, TITLE_SEED);
}

/**
 * Which outlet a page belongs to, for counting template lines: the host of its URL, else the
 * outlet it names (og:site_name, JSON-LD, masthead), else its folder. Folder comes last: a
 * folder of a crawl often mixes outlets, and recurrence must never be counted across outlets.
 */
export function outletKey(path: string, url: string | null, outlet: string | null): string {
  if (url !== null) {
    try {
      return 'host:' + new URL(url).hostname.toLowerCase().replace(/^www\d?\./, '');
    } catch {
      // fall through
    }
  }
  if (outlet !== null) return 'outlet:' + outlet.toLowerCase();
  const slash = path.lastIndexOf('/');
  return FOLDER_PREFIX + (slash < 0 ? '.' : path.slice(0, slash));
}

const FOLDER_PREFIX = 'dir:';

function isFolderKey(outlet: string): boolean {
  return outlet.startsWith(FOLDER_PREFIX);
}
