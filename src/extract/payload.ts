/**
 * Pages rendered by a script framework (Next.js, Nuxt and the like) can send the article only as
 * data for the script: a JSON string inside an inline <script>, often holding the article's HTML.
 * When the DOM has no article text, the longest run of prose in those strings is the article.
 */
import { decodeEntities } from './metadata.js';

const STRING_LITERAL = /"((?:[^"\\]|\\.){400,})"/g;
const SENTENCE = /[.!?。！？](?:\s|$|["'”’»)])/g;

/** Lines of prose (one paragraph a line) from a string that may hold HTML. */
function proseLines(s: string): string[] {
  const text = s
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<figcaption\b[\s\S]*?<\/figcaption\s*>/gi, ' ')
    .replace(/<div[^>]*class="[^"]*caption[^"]*"[^>]*>[\s\S]*?<\/div\s*>/gi, ' ')
    .replace(/<\/?(?:p|div|h[1-6]|li|ul|ol|br|blockquote|section|article|figure|table|tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .split(/\n+/)
    .map((l) => l.replace(/[\s\u00A0]+/g, ' ').trim())
    // Placeholders a template fills in later ("$$AD$$", "{{slot}}") are no text.
    .filter((l) => l.length > 0 && !/^(?:\$\$|\{\{|%%)[\w.-]*(?:\$\$|\}\}|%%)$/.test(l));
}

/** A string counts as article text by its sentences: many of them, most lines ending in one. */
function proseScore(lines: readonly string[]): number {
  let chars = 0;
  for (const l of lines) {
    const sentences = l.match(SENTENCE)?.length ?? 0;
    if (sentences > 0 || /[.!?。！？"”»]$/.test(l)) chars += l.length;
  }
  return chars;
}

/**
 * The article's paragraphs from the inline scripts of a page whose DOM shows none, or [] when no
 * script string holds at least `minChars` of prose.
 */
export function scriptPayloadLines(doc: Document, minChars = 500): string[] {
  let best: string[] = [];
  let bestScore = minChars - 1;
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (type.includes('ld+json')) continue;
    const code = script.textContent ?? '';
    if (code.length < 400) continue;
    for (const m of code.matchAll(STRING_LITERAL)) {
      let value: string;
      try {
        value = JSON.parse(`"${m[1]!}"`) as string;
      } catch {
        continue;
      }
      // A string that is itself JSON (a payload inside a payload) is read on its own turn.
      if (/^\s*[[{]/.test(value) || /^\d+:/.test(value)) continue;
      const lines = proseLines(value);
      const score = proseScore(lines);
      if (score > bestScore) {
        best = lines;
        bestScore = score;
      }
    }
  }
  return best;
}
