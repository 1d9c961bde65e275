/**
 * Word tokens for any script. Scripts written with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew,
 * Devanagari, ...) give one token per word; scripts written without spaces (Han, Kana, Thai, Lao,
 * Khmer, Myanmar) give one token per character, so that k-shingles over them act like character
 * k-grams, the usual unit for near-duplicate detection in those languages.
 */
// Script_Extensions, so marks shared by those scripts (ー, 々, 〆) count as theirs too. A word in
// another script stops where one of these starts: "3分の1" is 3, 分, の, 1.
const UNSPACED = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmer}\\p{scx=Myanmar}';
const WORD = `[[\\p{L}\\p{N}\\p{M}]--[${UNSPACED}]]+`;
const TOKEN = new RegExp(`[[\\p{L}\\p{N}\\p{M}]&&[${UNSPACED}]]|${WORD}(?:'${WORD})*`, 'gv');

// Normalised ASCII text is lower case; there the general pattern reduces to this one, which V8
// runs several times faster than the Unicode-sets pattern.
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_TOKEN = /[a-z0-9]+(?:'[a-z0-9]+)*/g;

/** Tokens of already-normalised text (see normalizeText). */
export function tokenize(normalized: string): string[] {
  if (ASCII.test(normalized)) return normalized.match(ASCII_TOKEN) ?? [];
  return normalized.match(TOKEN) ?? [];
}

/** How many tokens a text has, without building the array. */
export function countTokens(normalized: string): number {
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(normalized) !== null) n++;
  return n;
}
