/**
 * Word tokens for any script. Scripts written with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew,
 * Devanagari, ...) give one token per word; scripts written without spaces (Han, Kana, Thai, Lao,
 * Khmer, Myanmar) give one token per character, so that k-shingles over them act like character
 * k-grams, the usual unit for near-duplicate detection in those languages.
 */
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]|[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;

/** Tokens of already-normalised text (see normalizeText). */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

/** How many tokens a text has, without building the array. */
export function countTokens(normalized: string): number {
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(normalized) !== null) n++;
  return n;
}
