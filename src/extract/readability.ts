/**
 * HTML pages: metadata from the DOM, the article by @mozilla/readability, its text as one
 * paragraph a line, then the same furniture rules as plain text. When Readability finds no
 * article, the page's visible body text stands in.
 */
import { createRequire } from 'node:module';
import { InputError } from '../input/read.js';
import type { PageText } from '../input/page-text.js';
import { isoDateOf, parseDateline } from './dates.js';
import { elementsIn, htmlFragmentText, otherDom, parsePage, renderLines, scriptDocument, type DomName, type TextLine } from './dom.js';
import { classifyLine, findCredit, isProse, removeFurniture } from './furniture.js';
import { decodeEntities, primaryLanguage, readMetadata, stripSiteSuffix } from './metadata.js';
import { scriptPayloadLines } from './payload.js';
import { patchReadability } from './readability-patch.js';
import { rawTextLength, TextLengths } from './linkedom-text.js';
import { loadLinkedom } from './build-dom.js';

// Loaded with the first HTML page: a run over plain text never needs it.
const require = createRequire(import.meta.url);
let readabilityModule: typeof import('@mozilla/readability') | undefined;
const readabilityClass = (): typeof import('@mozilla/readability').Readability => (readabilityModule ??= require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability;
import { freeQuotes, keepFirstArticle, pageParagraphs, widenPartialPick, removeClassHidden, removeNavigation, removeSideBoxes, type Paragraph } from './structure.js';
import type { Article } from './types.js';

const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit|copyright)(?:$|[\s_-])/i;

/** Photo captions and credits: each outlet writes its own, so they only lower similarity. */
function isCaption(el: Element, tag: string): boolean {
  if (tag === 'FIGCAPTION') return true;
  const cls = el.getAttribute('class');
  return cls !== null && CAPTION_CLASS.test(cls);
}

/**
 * Captions and credits are removed before Readability runs: it rewrites the elements around
 * them (a caption <div> becomes a bare <p>), after which they can no longer be told apart.
 * Only short elements: a class name is a hint, not a proof.
 */
function removeCaptions(doc: Document): void {
  // What querySelectorAll('figcaption, [class*="caption" i], [class*="credit" i], [class*="copyright" i]')
  // gives, in one walk: class substrings matched as the selector's `i` flag does (a case-insensitive RegExp).
  const candidates: Element[] = [];
  const all = elementsIn(doc);
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (el.localName === 'figcaption') candidates.push(el);
    else {
      const cls = el.getAttribute('class');
      if (cls !== null && CAPTION_HINT.test(cls)) candidates.push(el);
    }
  }
  for (const el of candidates) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') continue;
    if (isCaption(el, tag) && (el.textContent ?? '').length < 400) el.remove();
  }
}

const CAPTION_HINT = /caption|credit|copyright/i;

/**
 * Consent managers: a cookie or privacy notice (OneTrust, Cookiebot, Didomi, Quantcast, TrustArc,
 * Usercentrics, Sourcepoint, Iubenda and home-made banners) can hold more prose than a short
 * article, and Readability then picks it. Never an element that holds the article's landmarks.
 */
const CONSENT_ID = /onetrust|cookiebot|didomi|usercentrics|truste|iubenda|consent|cookie|gdpr/i;
const CONSENT_ID_START = /^sp_message/i;
const CONSENT_CLASS = /qc-cmp|consent|cookie-banner|cookie-notice|cookie-consent|gdpr/i;

/**
 * Other modal dialogs (sign-up walls, app prompts) and appeal boxes (donation, newsletter and
 * membership promos): like a consent notice they can outweigh a short article, but their names are
 * less certain, so only when they hold at most half the page.
 */
const PROMO_ID = /donat|newsletter|promo/i;
const PROMO_CLASS = /donat|newsletter|promo|membership/i;

/**
 * The elements the selectors `[id*="onetrust" i], [id*="cookiebot" i], [id*="didomi" i],
 * [id*="usercentrics" i], [id^="sp_message" i], [id*="truste" i], [id*="iubenda" i],
 * [class*="qc-cmp" i], [id*="consent" i], [class*="consent" i], [id*="cookie" i],
 * [class*="cookie-banner" i], [class*="cookie-notice" i], [class*="cookie-consent" i],
 * [id*="gdpr" i], [class*="gdpr" i]` (consent) and `[aria-modal="true"], [class*="donat" i],
 * [id*="donat" i], [class*="newsletter" i], [id*="newsletter" i], [class*="promo" i],
 * [id*="promo" i], [class*="membership" i]` (promos) select, in document order, found in one walk.
 */
function dialogCandidates(body: Element): { consent: Element[]; promo: Element[] } {
  const consent: Element[] = [];
  const promo: Element[] = [];
  const all = elementsIn(body);
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const id = el.getAttribute('id');
    const cls = el.getAttribute('class');
    if ((id !== null && (CONSENT_ID.test(id) || CONSENT_ID_START.test(id))) || (cls !== null && CONSENT_CLASS.test(cls))) consent.push(el);
    if (el.getAttribute('aria-modal') === 'true' || (id !== null && PROMO_ID.test(id)) || (cls !== null && PROMO_CLASS.test(cls))) promo.push(el);
  }
  return { consent, promo };
}

const ARTICLE_LANDMARKS = 'article, main, h1, [itemprop="articleBody"]';

/**
 * `prunedChars`: text the parse left out of the body (scripts, menus), counted in the page's size
 * as before. `textLength` is `el.textContent.length`, or a cheaper count of it.
 */
function removeDialogs(doc: Document, prunedChars = 0, textLength = (el: Element): number => (el.textContent ?? '').length): void {
  const body = doc.body;
  if (body === null) return;
  const total = textLength(body) + prunedChars;
  const removable = (el: Element): boolean => {
    const tag = el.tagName.toUpperCase();
    return tag !== 'BODY' && tag !== 'HTML' && tag !== 'ARTICLE' && tag !== 'MAIN' && body.contains(el) && el.querySelector(ARTICLE_LANDMARKS) === null;
  };
  const { consent, promo } = dialogCandidates(body);
  for (const el of consent) if (removable(el)) el.remove();
  // (the promo selectors ran after the consent notices were gone: removable() checks the element is still in the body)
  for (const el of promo) if (removable(el) && textLength(el) <= total * 0.5) el.remove();
}

const repeatKey = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ');

/**
 * Which lines repeat an earlier line as part of the article. The furniture rules keep a short
 * line repeated verbatim once (a headline printed twice, a tagline in the footer), which in a
 * page's article would also take the table cells, list items, prices and subheadings that the
 * article itself repeats. The markup tells the two apart: a repeat is the article's, and stays,
 * when an earlier copy has the same markup (the tag and class of its block and of the block's
 * parent: the rows of one table, the items of a list, the sections of one review, the cards of a
 * product list share it) and its parent element holds other text too (it is one line among
 * others: a price beside a product name, a subheading above its paragraphs, a line of a
 * paragraph broken by <br>). Everything else is left to the furniture rule: the same text in
 * other markup (the headline again above the body, a caption copied into a lightbox, a byline at
 * the top and again in an author box), a label alone in a box of its own that each ad slot
 * repeats ("Advertisement", "Story continues below advertisement"), a list of one text over and
 * over (the sizes of a font-size control), a copy right after the line it repeats (a name
 * printed twice for two screen sizes, a gallery's title on each slide), and link text (menus
 * and link lists repeat).
 */
export function articleRepeats(lines: readonly TextLine[]): boolean[] {
  const boxTexts = new Map<number, Set<string>>();
  for (const l of lines) {
    if (l.text === '' || l.parent < 0) continue;
    let texts = boxTexts.get(l.parent);
    if (texts === undefined) boxTexts.set(l.parent, (texts = new Set()));
    texts.add(repeatKey(l.text));
  }
  const shapes = new Map<string, Set<string>>();
  let previous = '';
  return lines.map((l) => {
    if (l.text === '' || l.shape === null) return false;
    const key = repeatKey(l.text);
    let seen = shapes.get(key);
    if (seen === undefined) shapes.set(key, (seen = new Set()));
    const repeat = seen.has(l.shape) && key !== previous && l.linkShare < 0.5 && (boxTexts.get(l.parent)?.size ?? 0) > 1;
    seen.add(l.shape);
    previous = key;
    return repeat;
  });
}

/**
 * The furniture rules over HTML lines, with the article's own repeats kept. Each such repeat goes
 * through the rules as a stand-in (a unique line they treat like it: plain text, not a headline,
 * not prose, not link text) and is put back when its stand-in survives and an earlier copy of
 * it was kept: so a repeat after a cut-off tail, or of a line the rules removed, goes as before.
 */
function removeHtmlFurniture(blocks: readonly TextLine[]): string[] {
  const repeats = articleRepeats(blocks);
  const standIns = new Map<string, string>();
  const input = blocks.map((l, i) => {
    if (!repeats[i]) return l.text;
    const kind = classifyLine(l.text);
    if ((kind !== 'text' && kind !== 'date') || l.text.length > 120 || isProse(l.text)) return l.text;
    const standIn = `\uE000repeat${i.toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;
    standIns.set(standIn, l.text);
    return standIn;
  });
  const kept = new Set<string>();
  const out: string[] = [];
  for (const line of removeFurniture(input, { linkShare: blocks.map((l) => l.linkShare) })) {
    const original = standIns.get(line);
    let text = line;
    if (original !== undefined) {
      if (!kept.has(repeatKey(original))) continue;
      text = original;
    } else if (line !== '') kept.add(repeatKey(line));
    // Blank lines as removeFurniture gives them: one between paragraphs, none at the ends.
    if (text === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(text);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Visible text of an element, with a line break at every block boundary. */
export function blockText(root: Node): string {
  return renderLines(root)
    .map((l) => l.text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Readability's run time grows steeply with nesting depth (minutes at a depth of a few
 * thousand); article markup is rarely deeper than a hundred levels. Deeper pages skip it.
 */
const MAX_READABILITY_DEPTH = 400;

function treeDepth(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (let c = node.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, depth + 1]);
  }
  return max;
}

/**
 * Some pages give JSON-LD an articleBody that is the article twice over ("A B C A B C"). When
 * the text's opening recurs later and everything from there repeats the start, the copy goes.
 */
export function withoutRepeat(text: string): string {
  const t = text.trim();
  const probe = t.slice(0, 120);
  if (probe.length < 60) return t;
  for (let at = t.indexOf(probe, Math.floor(t.length / 3)); at > 0; at = t.indexOf(probe, at + 1)) {
    const tail = t.slice(at).replace(/\s+/g, ' ');
    const head = t.slice(0, at).replace(/\s+/g, ' ').trim();
    if (head.startsWith(tail.slice(0, Math.min(tail.length, head.length)).trim())) return t.slice(0, at).trim();
  }
  return t;
}

/** Paragraphs taken as the article's text (JSON-LD, a widened pick, a script payload), one a line. */
function articleLines(texts: readonly string[]): TextLine[] {
  return texts.flatMap((text) => [
    { text, linkShare: 0, shape: 'article', parent: 0 },
    { text: '', linkShare: 0, shape: null, parent: -1 },
  ]);
}

export interface HtmlOptions {
  dom: DomName;
  url?: string;
}

/**
 * Readability serialises the whole body (`page.innerHTML`) before its first attempt, to start
 * again from that copy when the attempt finds under 500 characters of article; on the news
 * corpora 94% of pages never use it, and the copy costs about 6% of a page's extraction. So the
 * first run of a page makes no copy, unless the retry can be foreseen (firstAttemptLikelyFails):
 * the body answers `innerHTML` with a stand-in, and putting the stand-in back (the retry) throws
 * `PageCopyNeeded`, upon which the page is extracted again from the start, copy made. Every way
 * gives the same article: a page that needs the retry gets exactly the run it always had.
 */
class PageCopyNeeded extends Error {}

const NO_PAGE_COPY = '\uE000reprint: no copy of the page was made';

function withoutPageCopy(body: HTMLElement): () => void {
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get: () => NO_PAGE_COPY,
    set: () => {
      throw new PageCopyNeeded('Readability retries: the page is extracted again with a copy');
    },
  });
  return () => {
    delete (body as unknown as { innerHTML?: unknown }).innerHTML;
  };
}

/**
 * Readability's own threshold. A page showing less text than this will hardly pass the first
 * attempt, so it makes the copy at once (either way gives the same article).
 */
const READABILITY_CHAR_THRESHOLD = 500;

/** What Readability's first attempt strips before it scores anything (read from the library, so they stay its own). */
interface FirstAttemptRules {
  REGEXPS?: { unlikelyCandidates?: RegExp; okMaybeItsACandidate?: RegExp };
  UNLIKELY_ROLES?: readonly string[];
}

/**
 * Whether Readability's first attempt is likely to find too little and start again from its copy
 * of the page. That attempt strips every element whose class and id read as an unlikely
 * candidate (comments, sidebars, footers, ...) or whose role is one it skips, unless a table or
 * code block just above holds it; when the page's prose paragraphs (read before Readability
 * runs) outside those elements add up to less than its 500 characters, it seldom finds an
 * article. A guess either way gives the same article (a page that retries without the copy is
 * extracted again with it): a right one saves that second extraction, a wrong one costs a copy.
 * On the bench's 418 HTML pages it foresees 17 of the 21 retries, for 43 copies not needed.
 */
export function firstAttemptLikelyFails(paragraphs: readonly Paragraph[], rules: FirstAttemptRules): boolean {
  const unlikely = rules.REGEXPS?.unlikelyCandidates;
  const maybe = rules.REGEXPS?.okMaybeItsACandidate;
  const roles = rules.UNLIKELY_ROLES;
  if (unlikely === undefined || maybe === undefined || roles === undefined) return false;
  const stripped = new Map<Element, boolean>();
  const strips = (el: Element): boolean => {
    let s = stripped.get(el);
    if (s === undefined) {
      // Tag names compared as Readability compares them.
      const match = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
      s = (el.tagName !== 'BODY' && el.tagName !== 'A' && unlikely.test(match) && !maybe.test(match)) || roles.includes(el.getAttribute('role') ?? '');
      stripped.set(el, s);
    }
    return s;
  };
  /** Whether a table or code block at most four levels above ancestors[i] holds it (as far as Readability looks). */
  const heldByTable = (ancestors: readonly Element[], i: number): boolean => {
    for (let j = i + 1; j < Math.min(ancestors.length, i + 5); j++) if (ancestors[j]!.tagName === 'TABLE' || ancestors[j]!.tagName === 'CODE') return true;
    return false;
  };
  let kept = 0;
  for (const p of paragraphs) {
    if (!p.prose) continue;
    const out = p.ancestors.some((a, i) => strips(a) && !heldByTable(p.ancestors, i));
    if (!out && (kept += p.text.length) >= READABILITY_CHAR_THRESHOLD) return false;
  }
  return true;
}

function extractWith(html: PageText, dom: DomName, url: string | undefined, copyPage: boolean): Article {
  const page = parsePage(html, dom, url);
  try {
    const doc = page.document;
    const meta = readMetadata(doc, url);
    // Readability removes nodes as it goes; the fallback text must be taken first.
    const root = doc.body ?? doc;
    let visible = renderLines(root);
    // Streaming server rendering (React 18 and others) sends the page's content in hidden
    // elements that a script reveals. When nearly all text is hidden, it is the page.
    const chars = (ls: TextLine[]): number => ls.reduce((n, l) => n + l.text.length, 0);
    const shown = chars(visible);
    if (shown < 2000) {
      const all = renderLines(root, { showHidden: true });
      if (chars(all) > 5 * Math.max(shown, 100)) {
        for (const el of Array.from(doc.querySelectorAll('[hidden]'))) el.removeAttribute('hidden');
        visible = all;
      }
    }
    // A page a script renders may carry its article only as data for the script (read before
    // Readability, which removes the scripts).
    const payload = shown < 1000 ? scriptPayloadLines(page.scripts ? scriptDocument(page.scripts) : doc, Math.max(500, 2 * chars(visible))) : [];
    removeCaptions(doc);
    const internals = dom === 'linkedom' ? loadLinkedom().internals : null;
    removeDialogs(doc, page.prunedBodyChars, internals !== null ? (el) => rawTextLength(el, internals) : undefined);
    freeQuotes(doc);
    const paragraphs = pageParagraphs(root as Element);
    const Readability = readabilityClass();
    const reader = treeDepth(doc) > MAX_READABILITY_DEPTH ? null : new Readability(doc, { serializer: (el: Node) => el, keepClasses: true });
    if (reader !== null) {
      const hashUrl = (reader as unknown as { REGEXPS: { hashUrl: RegExp } }).REGEXPS.hashUrl;
      patchReadability(reader, Readability.prototype, internals !== null ? new TextLengths(internals, internals.changes, (href) => !!href && hashUrl.test(href)) : undefined);
    }
    let article: ReturnType<InstanceType<typeof Readability>['parse']> = null;
    if (reader !== null) {
      const body = doc.body;
      const copyNow = copyPage || shown < READABILITY_CHAR_THRESHOLD || firstAttemptLikelyFails(paragraphs, reader as unknown as FirstAttemptRules);
      const restore = copyNow || body === null ? null : withoutPageCopy(body);
      try {
        article = reader.parse();
      } finally {
        restore?.();
      }
    }
    const content = article?.content ? (article.content as unknown as Element) : null;
    let blocks = content ? renderLines(content, { skip: isCaption }) : [];
    let method: Article['method'] = 'readability';
    // Readability sometimes settles on one block of a long article. The article's own text in
    // JSON-LD, when it is much longer, is the better source.
    const words = (t: string): number => t.split(/\s+/).filter(Boolean).length;
    const readWords = blocks.reduce((n, l) => n + words(l.text), 0);
    const pickedText = blocks.map((l) => l.text).join(' ');
    // Boxes beside the article are taken out of Readability's result, not the page: removed
    // before, they change which block Readability settles on.
    if (content !== null) {
      const boxes = removeSideBoxes(content);
      const appended = keepFirstArticle(content);
      const nav = removeNavigation(content);
      const hidden = removeClassHidden(content);
      if (boxes || appended || nav || hidden) blocks = renderLines(content, { skip: isCaption });
    }
    if (meta.articleBody !== null) {
      const bodyLines = withoutRepeat(decodeEntities(htmlFragmentText(meta.articleBody)))
        .split(/\n+/)
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter((l) => l.length > 0 && !/^\+{3}\w+/.test(l));
      const bodyWords = bodyLines.reduce((n, l) => n + words(l), 0);
      if (bodyWords >= 50 && bodyWords > readWords * 1.5) {
        blocks = articleLines(bodyLines);
        method = 'json-ld';
      }
    }
    if (method === 'readability' && blocks.length > 0) {
      const wider = widenPartialPick(paragraphs, pickedText, root as Element);
      if (wider !== null) blocks = articleLines(wider);
    }
    if (!blocks.some((l) => l.text.length > 0)) {
      blocks = visible;
      method = 'body-text';
      if (payload.length > 0) {
        blocks = articleLines(payload);
        method = 'script-data';
      }
    }
    const lines = removeHtmlFurniture(blocks);
    const credit = findCredit(blocks.map((l) => l.text));
    // Readability's title (the <title> with the site's part removed, checked against headings)
    // matched the expected headline most often on the three corpora; then og:title / JSON-LD.
    const readTitle = article?.title ? stripSiteSuffix(decodeEntities(article.title.replace(/\s+/g, ' ').trim()), meta.siteNames) || null : null;
    // A "title" that is only the site's name ("Газета «Коммерсантъ»") is no headline.
    const siteOnly = (t: string | null): boolean => t !== null && stripSiteSuffix(`headline words - ${t}`, meta.siteNames) === 'headline words';
    let title = [readTitle, meta.title, meta.documentTitle].find((t) => t !== null && !siteOnly(t)) ?? readTitle ?? meta.title ?? meta.documentTitle;
    // The printed headline, when the title is it plus a tail set off by a separator ("Headline
    // -- Site", "Headline-Section"): the tail names the site or section.
    if (title !== null) {
      const t = title;
      const printed = meta.headings.find((h) => h.length >= t.length * 0.5 && h.length < t.length && t.startsWith(h) && /^\s*[-–—|:·»~*]/.test(t.slice(h.length)));
      if (printed !== undefined) title = printed;
    }
    if (title !== null && lines.length > 0 && lines[0]!.toLowerCase() === title.toLowerCase()) lines.shift();
    // A dateline printed at the top of the article text is not article text.
    let dateline = meta.dateline;
    let published = meta.published;
    for (let i = 0; i < Math.min(3, lines.length); i++) {
      const d = parseDateline(lines[i]!);
      if (d === null) continue;
      dateline ??= d.printed;
      published ??= d.iso;
      lines.splice(i, 1);
      break;
    }
    if (published === null && article?.publishedTime) published = isoDateOf(article.publishedTime);
    while (lines.length > 0 && lines[0] === '') lines.shift();
    return {
      title,
      outlet: meta.outlet ?? (article?.siteName ? article.siteName.trim() || null : null),
      byline: meta.byline ?? (article?.byline ? article.byline.trim() || null : null),
      dateline,
      published,
      lang: meta.lang ?? primaryLanguage(article?.lang ?? null),
      text: lines.join('\n'),
      method,
      credit,
    };
  } finally {
    page.close();
  }
}

/**
 * The most elements a page may have. A DOM and Readability take time and memory with the number
 * of elements (and their depth); a page built to be pathological (a million empty tags, nesting a
 * hundred thousand deep) would otherwise end by --timeout, which depends on how loaded the machine
 * is, so one page could be an error in one run and a page in the next. Counted on the markup before
 * any DOM is built, the limit gives the same answer every time. News pages have a few thousand
 * elements; 50 000 still extracts in a few seconds.
 */
export const MAX_PAGE_ELEMENTS = 50_000;

/** Start tags in the markup (`<` and a letter): a cheap upper bound on the elements a parser makes. */
function countStartTags(html: PageText): number {
  if (typeof html === 'string') return startTagsIn(html, '');
  let n = 0;
  for (let p = 0; p < html.length; p++) n += startTagsIn(html[p]!, html[p + 1] ?? '');
  return n;
}

/** countStartTags of one piece of the markup, `next` the piece after it. */
function startTagsIn(html: string, next: string): number {
  let n = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const c = (i + 1 < html.length ? html.charCodeAt(i + 1) : next.charCodeAt(0)) | 0x20;
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n;
}

/** Extract with the chosen DOM; a page that makes it throw is retried with the other DOM. */
export function extractHtml(html: PageText, opts: HtmlOptions): Article {
  const elements = countStartTags(html);
  if (elements > MAX_PAGE_ELEMENTS) {
    // An InputError: its message goes to `errors` as it is, every run alike.
    throw new InputError(`page has ${elements} elements, over the ${MAX_PAGE_ELEMENTS}-element limit`);
  }
  const extract = (dom: DomName): Article => {
    try {
      return extractWith(html, dom, opts.url, false);
    } catch (err) {
      if (err instanceof PageCopyNeeded) return extractWith(html, dom, opts.url, true);
      throw err;
    }
  };
  try {
    return extract(opts.dom);
  } catch (first) {
    try {
      return extract(otherDom(opts.dom));
    } catch {
      throw first;
    }
  }
}
