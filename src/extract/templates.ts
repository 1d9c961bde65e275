/**
 * Outlet templates. Lines that recur across several pages of one outlet (a slogan, a donation
 * appeal, a standing byline box) are the outlet's template, not the article: the idea behind
 * CCNet's paragraph de-duplication, applied within an outlet only. Recurrence is never counted
 * across outlets, so a statement that many outlets reprint survives.
 *
 * Pure data in, data out: the pipeline decides what an outlet is (host, masthead, folder).
 */
import { hashString } from '../text/hash.js';
import { normalizeText } from '../text/normalize.js';

export interface TemplateOptions {
  /** Distinct pages of one outlet a line must appear on to be template. */
  minPages: number;
  /** Never remove more than this share of a page's characters: then the "template" is the article. */
  maxRemovedShare: number;
}

export const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = { minPages: 2, maxRemovedShare: 0.5 };

function lineKey(line: string): number | null {
  const n = normalizeText(line);
  return n.length === 0 ? null : hashString(n, 0x74706c31);
}

export class TemplateModel {
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly seenPages = new Map<string, Set<number>>();

  constructor(private readonly options: TemplateOptions = DEFAULT_TEMPLATE_OPTIONS) {}

  /** Count a page's lines for its outlet. Identical pages (same content) count once. */
  add(outlet: string, lines: readonly string[]): void {
    const keys = new Set<number>();
    for (const l of lines) {
      const k = lineKey(l);
      if (k !== null) keys.add(k);
    }
    const pageKey = hashString([...keys].sort((a, b) => a - b).join(','), 0x70616765);
    let pages = this.seenPages.get(outlet);
    if (pages === undefined) this.seenPages.set(outlet, (pages = new Set()));
    if (pages.has(pageKey)) return;
    pages.add(pageKey);
    let counts = this.counts.get(outlet);
    if (counts === undefined) this.counts.set(outlet, (counts = new Map()));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }

  isTemplate(outlet: string, line: string): boolean {
    const k = lineKey(line);
    if (k === null) return false;
    return (this.counts.get(outlet)?.get(k) ?? 0) >= this.options.minPages;
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
