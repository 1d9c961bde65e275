/**
 * The DOM Readability runs over. linkedom is the default: on the Readability test pages it gives
 * the same article text as jsdom, several times faster and with far less memory (see README,
 * "Choosing the DOM", and scripts/compare-dom.mjs). jsdom stays available (--dom jsdom) and is
 * the fallback for a page linkedom throws on, and the other way round.
 */
import { createRequire } from 'node:module';

// Loaded on first use: jsdom alone takes most of a second to import, and a plain-text scan
// needs neither DOM.
const require = createRequire(import.meta.url);
let jsdomModule: typeof import('jsdom') | undefined;
let linkedomModule: typeof import('linkedom') | undefined;
const jsdom = (): typeof import('jsdom') => (jsdomModule ??= require('jsdom') as typeof import('jsdom'));
const linkedom = (): typeof import('linkedom') => (linkedomModule ??= require('linkedom') as typeof import('linkedom'));

export type DomName = 'linkedom' | 'jsdom';
export const DOM_NAMES: readonly DomName[] = ['linkedom', 'jsdom'];

export interface ParsedPage {
  document: Document;
  /** Frees what the DOM holds (jsdom keeps a window alive otherwise). */
  close(): void;
}

// Style sheets carry no article text; jsdom 27.1+ throws on some of them (jsdom #4081, #4112).
const STYLE_CONTENT = /(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi;

export function stripStyleSheets(html: string): string {
  return html.replace(STYLE_CONTENT, '$1$2');
}

export function parsePage(html: string, dom: DomName, url?: string): ParsedPage {
  const source = stripStyleSheets(html);
  if (dom === 'jsdom') {
    const { JSDOM, VirtualConsole } = jsdom();
    const page = new JSDOM(source, {
      url: url ?? 'http://localhost/',
      virtualConsole: new VirtualConsole(),
      pretendToBeVisual: false,
    });
    return { document: page.window.document as unknown as Document, close: () => page.window.close() };
  }
  // linkedom makes the first element of a fragment the document element; give it a document.
  const whole = /<html[\s>]/i.test(source.slice(0, 4096)) ? source : `<!DOCTYPE html><html><head></head><body>${source}</body></html>`;
  const { document } = linkedom().parseHTML(whole) as unknown as { document: Document };
  return { document, close: () => undefined };
}

export function otherDom(dom: DomName): DomName {
  return dom === 'linkedom' ? 'jsdom' : 'linkedom';
}
