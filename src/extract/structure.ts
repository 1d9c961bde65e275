/**
 * Structural clean-up of a page before and after Readability: boxes set beside the article
 * (fact boxes, info boxes), navigation, and a second article appended below the first (infinite
 * scroll). Class names are read as hints, the way Readability reads them, never as a site's
 * signature; each rule also checks size, so that it cannot remove the article itself.
 */

import { renderedText, renderLines, visibleLength } from './dom.js';

const BOX_CLASS = /(?:^|[\s_-])(?:fact|info)-?box(?:$|[\s_-])/i;

const textLength = (el: Element): number => (el.textContent ?? '').replace(/\s+/g, '').length;

/**
 * Fact and info boxes ("Kort fortalt", "What else is in the bill?", "Fakta om ...") summarise
 * or add background beside the article; each outlet writes its own. Tables are left alone (an
 * encyclopaedia's infobox is a table, and its facts are the page's content), and so is a box
 * that holds most of the page's text.
 */
export function removeSideBoxes(root: Element): boolean {
  const total = textLength(root);
  let removed = false;
  for (const el of Array.from(root.querySelectorAll('[class*="box" i]'))) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'TABLE' || tag === 'BODY' || tag === 'HTML' || tag === 'MAIN') continue;
    if (!BOX_CLASS.test(el.getAttribute('class') ?? '') && !/(?:fact|info)-?box/i.test(el.tagName)) continue;
    if (el.closest('table') !== null) continue;
    if (textLength(el) <= total * 0.6) {
      el.remove();
      removed = true;
    }
  }
  return removed;
}

/**
 * A page that loads the next story below the current one (infinite scroll) can hand Readability
 * a container holding both, each in its own <article>. When two or more top-level articles each
 * carry a good share of the text, the first is the page's story and the rest go.
 */
export function keepFirstArticle(root: Element): boolean {
  const articles = Array.from(root.querySelectorAll('article')).filter((a) => {
    const outer = a.parentElement?.closest('article') ?? null;
    return outer === null || !root.contains(outer);
  });
  if (articles.length < 2) return false;
  const total = textLength(root);
  const big = articles.filter((a) => textLength(a) >= Math.max(500, total * 0.2));
  if (big.length < 2) return false;
  const first = big[0]!;
  let removed = false;
  for (const a of big.slice(1)) {
    if (first.contains(a) || a.contains(first)) continue;
    a.remove();
    removed = true;
  }
  return removed;
}

/**
 * Navigation menus that Readability keeps when it settles on a block wide enough to hold them:
 * a <nav> (or role="navigation") made of links is never the article's text.
 */
export function removeNavigation(root: Element): boolean {
  let removed = false;
  for (const el of Array.from(root.querySelectorAll('nav, [role="navigation"]'))) {
    const total = textLength(el);
    if (total === 0) continue;
    let linked = 0;
    for (const a of Array.from(el.querySelectorAll('a'))) linked += textLength(a);
    if (linked >= total * 0.5) {
      el.remove();
      removed = true;
    }
  }
  return removed;
}

const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|is-hidden)(?:\s|$)/i;

/**
 * Elements a style sheet hides by a utility class ("hidden", "d-none"): paywall and sign-in
 * prompts, alternative menus. Only when the element holds a small part of the text, so that a
 * layout showing the article through a responsive class ("hidden md:block") keeps it.
 */
export function removeClassHidden(root: Element): boolean {
  const total = textLength(root);
  let removed = false;
  for (const el of Array.from(root.querySelectorAll('[class]'))) {
    if (!HIDDEN_CLASS.test(el.getAttribute('class') ?? '')) continue;
    if (!root.contains(el)) continue;
    if (textLength(el) <= total * 0.25) {
      el.remove();
      removed = true;
    }
  }
  return removed;
}

/** Word triples of a text; scripts without spaces give a token per character. */
function triples(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i + 3 <= words.length; i++) out.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

export interface Paragraph {
  text: string;
  /** A paragraph of prose (long enough, ends like a sentence, mostly not link text), else a heading. */
  prose: boolean;
  /** A heading that is a link: a teaser's headline, on a page of teasers. */
  linked: boolean;
  /** Its ancestors, nearest first, as they were before Readability moved anything. */
  ancestors: Element[];
  /** The markup around it (its class, its parent's tag and class): one article's paragraphs share it. */
  shape: string;
}

const PROSE_END = /[.!?…"'”’»)\]。！？」]$/u;

/**
 * The page's paragraphs and subheadings in document order, read before Readability runs (it
 * moves and removes nodes), so that a partial pick can be checked against them afterwards.
 */
export function pageParagraphs(root: Element): Paragraph[] {
  const out: Paragraph[] = [];
  for (const el of Array.from(root.querySelectorAll('p, h2, h3, h4'))) {
    // As laid out: a <br> parts words, inline markup does not (textContent would glue "a<br>b").
    const text = renderedText(el);
    if (text.length === 0) continue;
    const heading = el.tagName.toUpperCase() !== 'P';
    let linked = 0;
    for (const a of Array.from(el.querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
    const chars = text.replace(/\s+/g, '').length;
    const isLink = linked > chars * 0.3;
    if (isLink && !heading) continue;
    const prose = !isLink && !heading && text.length >= 80 && PROSE_END.test(text);
    if (!prose && !(heading && text.length <= 150)) continue;
    const ancestors: Element[] = [];
    for (let a = el.parentElement; a !== null; a = a.parentElement) ancestors.push(a);
    const parent = el.parentElement;
    const shape = `${el.tagName}.${el.getAttribute('class') ?? ''}|${parent?.tagName ?? ''}.${parent?.getAttribute('class') ?? ''}`;
    out.push({ text, prose, linked: isLink, ancestors, shape });
  }
  return out;
}

/**
 * Readability sometimes settles on one block of an article whose paragraphs the page splits
 * into several containers (between advertisements, or a teaser block and the rest). When its
 * text holds under half of the page's prose, the lowest container that holds most of the prose
 * (and is not the whole page) is read instead: its paragraphs, and each subheading that comes
 * right before one of them. Returns null when Readability's pick stands.
 */
export function widenPartialPick(paragraphs: readonly Paragraph[], picked: string, root: Element): string[] | null {
  const prose = paragraphs.filter((p) => p.prose);
  const total = prose.reduce((n, p) => n + p.text.length, 0);
  if (total < 1500) return null;
  // Most pages: the pick holds most of the prose word for word. Those paragraphs are covered
  // whatever the triples say, so the pick stands without building them.
  const verbatim = prose.reduce((n, p) => n + (picked.includes(p.text) ? p.text.length : 0), 0);
  if (verbatim >= total * 0.5) return null;
  // A paragraph is in Readability's pick when most of its word triples are (Readability may
  // have rewritten parts of it: formulas, entities, spacing).
  const pickedGrams = new Set(triples(picked));
  const inPick = (text: string): boolean => {
    const grams = triples(text);
    return grams.length > 0 && grams.filter((g) => pickedGrams.has(g)).length >= grams.length * 0.5;
  };
  const covered = prose.filter((p) => inPick(p.text));
  const coveredChars = covered.reduce((n, p) => n + p.text.length, 0);
  if (covered.length === 0 || coveredChars >= total * 0.5) return null;
  // Only paragraphs shaped like the ones Readability took can be the rest of its article
  // (comments, teasers and other stories are marked up differently).
  const shapes = new Set(covered.map((p) => p.shape));
  const kin = prose.filter((p) => shapes.has(p.shape));
  const kinChars = kin.reduce((n, p) => n + p.text.length, 0);
  if (kinChars < coveredChars * 1.5) return null;
  // Ancestors every covered paragraph shares, lowest first; a few levels up at most.
  const shared = covered[0]!.ancestors.filter((a) => covered.every((p) => p.ancestors.includes(a))).slice(0, 5);
  for (const b of shared) {
    if (b === root || b.tagName.toUpperCase() === 'BODY' || b.tagName.toUpperCase() === 'HTML') return null;
    const inside = paragraphs.filter((p) => p.ancestors.includes(b));
    const chars = inside.reduce((n, p) => n + (p.prose && shapes.has(p.shape) ? p.text.length : 0), 0);
    if (chars < kinChars * 0.8) continue;
    // Teasers (a linked headline over a paragraph each) are a list of stories, not one article.
    const added = inside.filter((p) => p.prose && shapes.has(p.shape) && !covered.includes(p)).length;
    if (inside.filter((p) => p.linked).length * 3 >= added) return null;
    const lines: string[] = [];
    inside.forEach((p, i) => {
      if (p.linked) return;
      const next = inside[i + 1];
      if ((p.prose && shapes.has(p.shape)) || (!p.prose && next?.prose === true && shapes.has(next.shape))) lines.push(p.text);
    });
    return lines;
  }
  return null;
}

/** Embed codes of social posts (X/Twitter, Instagram, TikTok, Threads, Bluesky, Mastodon, Reddit, Facebook): a <blockquote> each. */
const EMBED_CLASS =
  /(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|text-post-media|bluesky-embed|mastodon-embed|reddit-embed-bq|fb-xfbml-parse-ignore)(?:\s|$)/i;
/** The prompt an Instagram embed shows in place of the picture: the embed's chrome, not the post. */
const EMBED_PROMPT = /^view (?:this|more) (?:post|posts|profile)(?: on instagram)?$/i;
/** Link text that is a web address. */
const URL_TEXT = /^(?:https?:\/\/|www\.|pic\.twitter\.com\/|t\.co\/)\S*$/i;
/** Containers beside the article: a quote in one of them is not the article's. */
const BESIDE = 'aside, nav, footer, header, [role="complementary"], [role="navigation"]';

/**
 * Quotes and embedded posts in the article: a <blockquote> (a quotation, or an embedded tweet or
 * Instagram post as the embed code prints it before its script runs) is the article's when it
 * sits among the article's text. Readability drops many of them for their markup, not their
 * text: an embed's wrapper has a class it reads as furniture ("social-embed", "media",
 * "widget"), or a tweet's handle, hashtags and date make it "a little linky". Before it runs,
 * each such quote is freed of the wrappers that hold nothing else, and an embedded post becomes
 * a plain quotation of its text, a paragraph a line, without its links (link text printed as a
 * web address goes: the embed shows a picture or card there) and its embed prompt.
 * Left alone: quotes inside asides, navigation, headers and footers (pull quotes, sidebar
 * widgets), in a container with little other text, and quotes that are mostly link text; a short
 * one that is nearly all link text is a card linking to another article (related reading) and is
 * removed. Share buttons and related-article lists are not quotes, so they stay to the rules
 * that remove them. Returns how many quotes were changed.
 */
export function freeQuotes(doc: Document): number {
  const root = doc.body ?? doc.documentElement;
  let changed = 0;
  for (const quote of Array.from(root.querySelectorAll('blockquote'))) {
    if (!root.contains(quote) || quote.parentElement?.closest('blockquote') || quote.closest(BESIDE) !== null) continue;
    const lines = renderLines(quote).filter((l) => l.text !== '');
    const chars = lines.reduce((n, l) => n + l.text.replace(/\s+/g, '').length, 0);
    if (chars === 0) continue;
    const embed = EMBED_CLASS.test(quote.getAttribute('class') ?? '') || quote.hasAttribute('data-instgrm-permalink');
    const linked = lines.reduce((n, l) => n + l.linkShare * l.text.replace(/\s+/g, '').length, 0);
    if (!embed && linked >= chars * 0.5) {
      // A card that links to another article (a WordPress embed of a post): related reading.
      if (linked >= chars * 0.8 && chars <= 300) {
        quote.remove();
        changed++;
      }
      continue;
    }
    // The wrappers that hold the quote and nothing else (an embed's script, an empty div).
    let outer: Element = quote;
    for (let p = quote.parentElement; p !== null && p !== root; p = p.parentElement) {
      const tag = p.tagName.toUpperCase();
      if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN' || visibleLength(p, chars) > chars) break;
      outer = p;
    }
    const container = outer.parentElement;
    if (container === null || visibleLength(container, chars + 200) < chars + 200) continue;
    let replacement: Element = quote;
    if (embed) {
      // Links printed as addresses ("pic.twitter.com/…", "https://t.co/…") stand for a picture
      // or a card the embed shows in their place.
      for (const a of Array.from(quote.querySelectorAll('a'))) if (URL_TEXT.test((a.textContent ?? '').trim())) a.remove();
      replacement = doc.createElement('blockquote');
      for (const l of renderLines(quote)) {
        if (l.text === '') continue;
        if (EMBED_PROMPT.test(l.text)) continue;
        const p = doc.createElement('p');
        p.textContent = l.text;
        replacement.appendChild(p);
      }
    }
    if (replacement === outer) continue;
    container.replaceChild(replacement, outer);
    changed++;
  }
  return changed;
}
