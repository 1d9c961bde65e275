/** One page's text to its extracted article and metadata. No file system: it runs in a worker thread. */
import { extractHtml } from './readability.js';
import { extractPlainText } from './plaintext.js';
import type { Article } from './types.js';
import type { DomName } from './dom.js';
import { wholeText, type PageText } from '../input/page-text.js';

export function extractArticle(text: PageText, kind: 'html' | 'text', dom: DomName, url?: string): Article {
  return kind === 'html' ? extractHtml(text, url === undefined ? { dom } : { dom, url }) : extractPlainText(wholeText(text));
}
