/**
 * The DOM Readability runs over. linkedom is the default: on the Readability test pages it gives
 * the same article text as jsdom, several times faster and with far less memory (see README,
 * "Choosing the DOM", and scripts/compare-dom.mjs). jsdom stays available (--dom jsdom) and is
 * the fallback for a page linkedom throws on, and the other way round.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';

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
    const page = new JSDOM(source, {
      url: url ?? 'http://localhost/',
      virtualConsole: new VirtualConsole(),
      pretendToBeVisual: false,
    });
    return { document: page.window.document as unknown as Document, close: () => page.window.close() };
  }
  const { document } = parseHTML(source) as unknown as { document: Document };
  return { document, close: () => undefined };
}

export function otherDom(dom: DomName): DomName {
  return dom === 'linkedom' ? 'jsdom' : 'linkedom';
}
