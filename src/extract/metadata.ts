/**
 * Page metadata from the DOM, read before Readability mutates the document: title, outlet,
 * byline, published date and the dateline as printed.
 */
import { findDate, isoDateOf } from './dates.js';
import { elementsIn, renderedText } from './dom.js';
import { siteOf } from './site.js';

export interface PageMetadata {
  /** Names the site goes by, to strip from titles. */
  siteNames: string[];
  /** The headline the page declares (og:title, JSON-LD headline). */
  title: string | null;
  /** The <title> element, outlet suffix removed: a last resort. */
  documentTitle: string | null;
  outlet: string | null;
  byline: string | null;
  published: string | null;
  dateline: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  /** The article's text as the page gives it to search engines (JSON-LD articleBody). */
  articleBody: string | null;
  /** The page's first few <h1> texts: the headline as printed, when one of them is it. */
  headings: string[];
}

const URL_DATE = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/;

export function dateInUrl(url: string | null): string | null {
  if (url === null) return null;
  const m = URL_DATE.exec(url);
  return m ? isoDateOf(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

/** "en-GB" → "en"; "ar_SA" → "ar". */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_]|\s*$)/i.exec(tag ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

type Json = unknown;

const ARTICLE_TYPES = /(?:^|\b)(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|Report|WebPage|LiveBlogPosting|BackgroundNewsArticle|ScholarlyArticle|TechArticle)$/;

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
}

/**
 * The page's <meta> tags, indexed once: metadata asks for some forty of them, and a selector
 * query per name walked the whole document each time (8% of an HTML page's extraction).
 */
class MetaTags {
  private readonly first = new Map<string, Element>();
  readonly all: Element[];
  constructor(doc: Document) {
    this.all = Array.from(doc.getElementsByTagName('meta'));
    for (const el of this.all) {
      for (const attr of META_ATTRS) {
        const v = el.getAttribute(attr);
        if (v === null) continue;
        const exact = `${attr}=${v}`;
        if (!this.first.has(exact)) this.first.set(exact, el);
        const folded = `${attr}~${v.toLowerCase()}`;
        if (!this.first.has(folded)) this.first.set(folded, el);
      }
    }
  }
  /** What `querySelector(selector)?.getAttribute('content')` gives, for `meta[attr="value"( i)?]`. */
  content(selector: string): string | null {
    const key = selectorKey(selector);
    return this.first.get(key)?.getAttribute('content') ?? null;
  }
}

const META_ATTRS = ['property', 'name', 'itemprop', 'http-equiv'] as const;
const META_SELECTOR = /^meta\[(property|name|itemprop|http-equiv)="([^"]*)"( i)?\]$/;
const selectorKeys = new Map<string, string>();

function selectorKey(selector: string): string {
  let key = selectorKeys.get(selector);
  if (key === undefined) {
    const m = META_SELECTOR.exec(selector);
    if (m === null) throw new Error(`not a meta selector: ${selector}`);
    key = m[3] !== undefined ? `${m[1]}~${m[2]!.toLowerCase()}` : `${m[1]}=${m[2]}`;
    selectorKeys.set(selector, key);
  }
  return key;
}

function meta(tags: MetaTags, selectors: string[]): string | null {
  for (const sel of selectors) {
    const v = clean(tags.content(sel));
    if (v !== null) return v;
  }
  return null;
}

/**
 * The elements metadata reads, found in one walk over the page's elements (each selector by
 * itself walked the whole page): what `querySelector` gives for link[rel="canonical"], title,
 * time[datetime] (the first of the selector list `article time[datetime], time[datetime][pubdate],
 * time[datetime]` in document order is the first time[datetime]), [itemprop="datePublished"] and
 * time, and what `querySelectorAll` gives for h1 and script[type="application/ld+json"] (rel and
 * type compared ignoring case, as selectors in an HTML document do).
 */
interface PageElements {
  canonical: Element | null;
  title: Element | null;
  timeWithDate: Element | null;
  time: Element | null;
  datePublished: Element | null;
  h1: Element[];
  jsonLd: Element[];
}

function pageElements(doc: Document): PageElements {
  const found: PageElements = { canonical: null, title: null, timeWithDate: null, time: null, datePublished: null, h1: [], jsonLd: [] };
  const all = elementsIn(doc);
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const name = el.localName;
    if (name === 'h1') found.h1.push(el);
    else if (name === 'script') {
      if (el.getAttribute('type')?.toLowerCase() === 'application/ld+json') found.jsonLd.push(el);
    } else if (name === 'time') {
      found.time ??= el;
      if (found.timeWithDate === null && el.hasAttribute('datetime')) found.timeWithDate = el;
    } else if (name === 'link') {
      if (found.canonical === null && el.getAttribute('rel')?.toLowerCase() === 'canonical') found.canonical = el;
    } else if (name === 'title') found.title ??= el;
    if (found.datePublished === null && el.getAttribute('itemprop') === 'datePublished') found.datePublished = el;
  }
  return found;
}

function jsonLdObjects(scripts: readonly Element[]): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, Json>;
      out.push(o);
      if (o['@graph'] !== undefined) visit(o['@graph']);
    }
  };
  for (const script of scripts) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // Malformed JSON-LD is common; the other sources still apply.
    }
  }
  return out;
}

function typeMatches(o: Record<string, Json>): boolean {
  const t = o['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x) && x !== 'WebPage');
}

function nameOf(v: Json): string | null {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => x !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (v !== null && typeof v === 'object') return clean(String((v as Record<string, Json>)['name'] ?? '')) ?? null;
  return null;
}

const normKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const TITLE_SEPARATOR = /(?:\s+[|\-–—·»:]\s+|\s*[|ㅣ｜]\s*)(?!.*(?:\s+[|\-–—·»:]\s+|\s*[|ㅣ｜]\s*))/u;

/** Names a title's site part may take: the outlet, the host, the host's main label. */
export function siteNames(outlet: string | null, url: string | null): string[] {
  const names = outlet !== null ? [outlet] : [];
  if (url !== null) {
    try {
      const host = new URL(url).hostname.replace(/^www\d?\./, '');
      names.push(host);
      const label = host.split('.').slice(-2, -1)[0];
      if (label !== undefined && label.length >= 4) names.push(label);
    } catch {
      // no host to add
    }
  }
  return names;
}

/**
 * "What really happened | The Steppe Herald" → "What really happened": trailing parts that name
 * the site are removed, as many as there are ("X - Israel Nachrichten - Chadashoth Israel");
 * separators inside the headline ("49-Euro-Ticket: Pendler …") are left as they are.
 */
export function stripSiteSuffix(title: string, names: readonly string[]): string {
  const keys = names.map(normKey).filter((k) => k.length >= 2);
  let t = title;
  for (let i = 0; i < 3; i++) {
    const m = TITLE_SEPARATOR.exec(t);
    if (m === null) break;
    const head = t.slice(0, m.index).trim();
    const tail = normKey(t.slice(m.index + m[0].length));
    const isSite = tail.length > 0 && keys.some((k) => k === tail || k.includes(tail) || tail.includes(k));
    if (!isSite || head.split(/\s+/).length < 2) break;
    t = head;
  }
  return t;
}

const MARKS: Record<string, string> = { uml: '\u0308', acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', ring: '\u030A', cedil: '\u0327', caron: '\u030C' };
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', szlig: 'ß', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', laquo: '«', raquo: '»', euro: '€' };

/** A title escaped twice by its site shows "zerst&ouml;ren": undo the second escaping. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(/&#(\d{1,7});/g, (m, d: string) => (Number(d) <= 0x10ffff ? String.fromCodePoint(Number(d)) : m))
    .replace(/&#x([\da-f]{1,6});/gi, (m, h: string) => (parseInt(h, 16) <= 0x10ffff ? String.fromCodePoint(parseInt(h, 16)) : m))
    .replace(/&([a-z]+);/gi, (m, name: string) => {
      if (NAMED[name] !== undefined) return NAMED[name]!;
      const mark = /^([a-z])(uml|acute|grave|circ|tilde|ring|cedil|caron)$/i.exec(name);
      return mark ? (mark[1]! + MARKS[mark[2]!]!).normalize('NFC') : m;
    });
}

export function readMetadata(doc: Document, pageUrl?: string): PageMetadata {
  const tags = new MetaTags(doc);
  const els = pageElements(doc);
  const ld = jsonLdObjects(els.jsonLd);
  const article = ld.find(typeMatches) ?? null;
  const canonicalUrl =
    clean(els.canonical?.getAttribute('href') ?? null) ??
    meta(tags, ['meta[property="og:url"]']) ??
    pageUrl ??
    null;

  const outlet =
    meta(tags, ['meta[property="og:site_name"]', 'meta[name="og:site_name"]', 'meta[name="application-name"]']) ??
    nameOf(article?.['publisher'] ?? null) ??
    nameOf(ld.find((o) => o['@type'] === 'NewsMediaOrganization' || o['@type'] === 'Organization')?.['name'] ?? null) ??
    siteOf(canonicalUrl);

  // h1 is not used: on many pages the first h1 is the site's logo or a section name.
  const rawTitle =
    meta(tags, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    (typeof article?.['headline'] === 'string' ? clean(article['headline'] as string) : null);
  const names = siteNames(outlet, canonicalUrl);
  const title = rawTitle === null ? null : stripSiteSuffix(decodeEntities(rawTitle), names);
  const docTitle = clean(els.title?.textContent ?? null);
  const documentTitle = docTitle === null ? null : stripSiteSuffix(decodeEntities(docTitle), names);

  const byline =
    meta(tags, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]', 'meta[name="dc.creator"]']) ??
    nameOf(article?.['author'] ?? null);

  const timeEl = els.timeWithDate;
  const itemprop = els.datePublished;
  const anyLdDate = ld.map((o) => o['datePublished']).find((v): v is string => typeof v === 'string') ?? null;
  const candidates: (string | null | undefined)[] = [
    meta(tags, [
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[property="og:published_time"]',
      'meta[property="article:published"]',
      'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]',
      'meta[name="publishdate"]',
      'meta[name="publish-date"]',
      'meta[name="publish_date"]',
      'meta[name="date"]',
      'meta[name="dc.date"]',
      'meta[name="DC.date"]',
      'meta[name="dc.date.issued"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dcterms.created"]',
      'meta[name="dcterms.date"]',
      'meta[name="parsely-pub-date"]',
      'meta[name="sailthru.date"]',
      'meta[name="article.published"]',
      'meta[name="date.available"]',
      'meta[name="article_date_original"]',
      'meta[name="original-publish-date"]',
    ]),
    // Vendor tags: cXense's "…publicdate" / "…publishtime", and the like.
    tags.all
      .filter((m) => /publicdate|publishtime|publish_time/i.test(m.getAttribute('name') ?? ''))
      .map((m) => m.getAttribute('content'))
      .find((v) => v !== null && v.trim() !== '') ?? null,
    typeof article?.['datePublished'] === 'string' ? (article['datePublished'] as string) : null,
    anyLdDate,
    itemprop?.getAttribute('content') ?? itemprop?.getAttribute('datetime') ?? null,
    timeEl?.getAttribute('datetime'),
  ];
  let published: string | null = null;
  for (const c of candidates) {
    const v = clean(c ?? null);
    if (v !== null && (published = isoDateOf(v)) !== null) break;
  }

  // The date as the reader sees it: a <time> element's text, when it holds a date.
  const timeNode = timeEl ?? els.time;
  const timeText = clean(timeNode === null ? null : renderedText(timeNode));
  const printed = timeText !== null ? findDate(timeText) : null;
  const dateline = printed !== null ? timeText : null;
  published ??= printed?.iso ?? null;
  // Many news URLs carry the date: /2014/12/27/ or /2014-12-27-.
  published ??= dateInUrl(canonicalUrl);

  const lang =
    primaryLanguage(doc.documentElement?.getAttribute('lang')) ??
    primaryLanguage(doc.documentElement?.getAttribute('xml:lang')) ??
    primaryLanguage(meta(tags, ['meta[http-equiv="content-language" i]', 'meta[name="language"]', 'meta[property="og:locale"]'])) ??
    primaryLanguage(typeof article?.['inLanguage'] === 'string' ? (article['inLanguage'] as string) : null);

  const body = article?.['articleBody'] ?? ld.map((o) => o['articleBody']).find((v) => typeof v === 'string');
  const articleBody = typeof body === 'string' && body.trim().length > 0 ? body : null;

  const headings = els.h1
    .slice(0, 3)
    // As printed: "Council weighs<br>the budget" reads "Council weighs the budget".
    .map((h) => clean(renderedText(h)))
    .filter((h): h is string => h !== null);

  return { siteNames: names, title, documentTitle, outlet, byline, published, dateline, canonicalUrl, lang, articleBody, headings };
}
