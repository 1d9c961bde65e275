/**
 * Outlet templates. Lines that recur across several pages of one outlet (a slogan, a donation
 * appeal, a standing byline box) are the outlet's template, not the article: the idea behind
 * CCNet's paragraph de-duplication, applied within an outlet only. Recurrence is never counted
 * across outlets, so a statement that many outlets reprint survives.
 *
 * Pure data in, data out: the pipeline decides what an outlet is (host, masthead, folder).
 */
import { hashString, hashWords } from '../text/hash.js';
import { normalizeText } from '../text/normalize.js';

export interface TemplateOptions {
  /** Distinct pages of one outlet a line must appear on to be template. */
  minPages: number;
  /** Never remove more than this share of a page's characters: then the "template" is the article. */
  maxRemovedShare: number;
}

const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = { minPages: 2, maxRemovedShare: 0.5 };

const LINE_SEED = 0x74706c31;

function lineKey(line: string): number | null {
  const n = normalizeText(line);
  return n.length === 0 ? null : hashString(n, LINE_SEED);
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

/** `tokenHashes` takes a line already normalised (normalizeText): each line is normalised once. */
export function lineSketch(lines: readonly string[], tokenHashes: (normalizedLine: string) => Uint32Array): LineSketch {
  const n = lines.length;
  const lineKeys = new Uint32Array(n);
  const lineChars = new Uint32Array(n);
  const lineEnds = new Uint32Array(n);
  const parts: Uint32Array[] = [];
  let total = 0;
  lines.forEach((line, i) => {
    const norm = normalizeText(line);
    lineKeys[i] = norm.length === 0 ? 0 : hashString(norm, LINE_SEED);
    lineChars[i] = line.length;
    const t = tokenHashes(norm);
    parts.push(t);
    total += t.length;
    lineEnds[i] = total;
  });
  // One buffer behind all four arrays: a worker transfers it in one piece.
  const all = new Uint32Array(3 * n + total);
  all.set(lineKeys, 0);
  all.set(lineChars, n);
  all.set(lineEnds, 2 * n);
  let at = 3 * n;
  for (const t of parts) {
    all.set(t, at);
    at += t.length;
  }
  return { keys: all.subarray(0, n), chars: all.subarray(n, 2 * n), ends: all.subarray(2 * n, 3 * n), tokens: all.subarray(3 * n) };
}

/** The tokens of the lines `keep` marks, in order. */
export function keptTokens(sketch: LineSketch, keep: Uint8Array | null): Uint32Array {
  if (keep === null) return sketch.tokens;
  let n = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) n += sketch.ends[i]! - (i === 0 ? 0 : sketch.ends[i - 1]!);
  const out = new Uint32Array(n);
  let at = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const start = i === 0 ? 0 : sketch.ends[i - 1]!;
    out.set(sketch.tokens.subarray(start, sketch.ends[i]!), at);
    at += sketch.ends[i]! - start;
  }
  return out;
}

/**
 * Counts of (outlet, key) pairs in typed arrays with open addressing: about 12 bytes per distinct
 * pair instead of a Map entry's 50-80, which is what keeps a scan of millions of pages (each with
 * a dozen distinct lines) small. Counts saturate at 255; only "at least minPages" matters.
 */
class PairCounts {
  private outlets = new Uint32Array(1024);
  private keys = new Uint32Array(1024);
  private counts = new Uint8Array(1024);
  private size = 0;

  private slot(outlet: number, key: number): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(key ^ Math.imul(outlet, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
    while (this.counts[i] !== 0 && (this.outlets[i] !== outlet || this.keys[i] !== key)) i = (i + 1) & mask;
    return i;
  }

  get(outlet: number, key: number): number {
    return this.counts[this.slot(outlet, key)]!;
  }

  /** Add one; returns the count before. */
  increment(outlet: number, key: number): number {
    if ((this.size + 1) * 4 > this.keys.length * 3) this.grow();
    const i = this.slot(outlet, key);
    const before = this.counts[i]!;
    if (before === 0) {
      this.outlets[i] = outlet;
      this.keys[i] = key;
      this.size++;
    }
    if (before < 255) this.counts[i] = before + 1;
    return before;
  }

  private grow(): void {
    const { outlets, keys, counts } = this;
    this.outlets = new Uint32Array(keys.length * 2);
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Uint8Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (counts[i] === 0) continue;
      const j = this.slot(outlets[i]!, keys[i]!);
      this.outlets[j] = outlets[i]!;
      this.keys[j] = keys[i]!;
      this.counts[j] = counts[i]!;
    }
  }
}

export class TemplateModel {
  private readonly outletIds = new Map<string, number>();
  /** Line counts under outlet id 2n, page fingerprints under 2n + 1. */
  private readonly table = new PairCounts();

  constructor(private readonly options: TemplateOptions = DEFAULT_TEMPLATE_OPTIONS) {}

  /** Count a page's lines for its outlet. Identical pages (same content) count once. */
  add(outlet: string, lines: readonly string[]): void {
    const keys: number[] = [];
    for (const l of lines) keys.push(lineKey(l) ?? 0);
    this.addKeys(outlet, keys);
  }

  /** As add(), with the lines' keys (lineSketch) instead of their text; 0 is a blank line. */
  addKeys(outlet: string, lineKeys: ArrayLike<number>): void {
    const keys = new Set<number>();
    for (let i = 0; i < lineKeys.length; i++) if (lineKeys[i] !== 0) keys.add(lineKeys[i]!);
    const sorted = Uint32Array.from(keys).sort();
    const pageKey = hashWords(sorted, 0, sorted.length, 0x70616765);
    let id = this.outletIds.get(outlet);
    if (id === undefined) this.outletIds.set(outlet, (id = this.outletIds.size));
    if (this.table.increment(2 * id + 1, pageKey) > 0) return;
    for (const k of keys) this.table.increment(2 * id, k);
  }

  private count(outlet: string, key: number): number {
    const id = this.outletIds.get(outlet);
    return id === undefined ? 0 : this.table.get(2 * id, key);
  }

  isTemplate(outlet: string, line: string): boolean {
    const k = lineKey(line);
    if (k === null) return false;
    return this.count(outlet, k) >= this.options.minPages;
  }

  /**
   * Which lines to keep, from their keys and lengths: null when all are kept (no template line,
   * or so much of the page would go that the "template" must be the article).
   */
  keepMask(outlet: string, keys: ArrayLike<number>, chars: ArrayLike<number>): Uint8Array | null {
    if (!this.outletIds.has(outlet)) return null;
    const keep = new Uint8Array(keys.length).fill(1);
    let removed = 0;
    let total = 0;
    for (let i = 0; i < keys.length; i++) {
      total += chars[i]!;
      if (keys[i] !== 0 && this.count(outlet, keys[i]!) >= this.options.minPages) {
        keep[i] = 0;
        removed += chars[i]!;
      }
    }
    return total === 0 || removed === 0 || removed > total * this.options.maxRemovedShare ? null : keep;
  }

  /** The page's lines without its outlet's template lines (or unchanged, see maxRemovedShare). */
  strip(outlet: string, lines: readonly string[]): string[] {
    let removed = 0;
    let total = 0;
    const kept: string[] = [];
    for (const l of lines) {
      total += l.length;
      if (this.isTemplate(outlet, l)) removed += l.length;
      else kept.push(l);
    }
    if (total === 0 || removed === 0 || removed > total * this.options.maxRemovedShare) return [...lines];
    return kept;
  }
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
  return 'dir:' + (slash < 0 ? '.' : path.slice(0, slash));
}
