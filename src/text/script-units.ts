/**
 * The code units of Latin, Cyrillic and Arabic news text whose normal form is one unit, or none,
 * wherever they stand in a line: what both fast tables build on (the line sketch's, text/line-sketch.ts,
 * after normalizeText; the marker key's, extract/markers.ts, after its own folds). Such a unit is
 * one NFKC leaves as it is and never composes with a neighbour, and whose lower case is one unit
 * that depends on no context. Each table's test runs every code unit through both of its paths.
 */
import { isNfkcStableUnit } from './normalize.js';

/**
 * Writes into `table` (indexed by code unit) the lower-cased unit of each such letter: the
 * NFKC-stable Latin-1 and Latin Extended-A ones (not İ, whose lower case is two units), Russian
 * and Ukrainian Cyrillic (ё and Ё as е), and the Arabic letters (alef with hamza or madda and
 * alef wasla as bare alef, alef maqsura as ya); and `drop` for the Arabic vowel marks and tatweel
 * both normalisations drop, never the marks that compose with the letter before them (madda,
 * hamza above and below: U+0653-U+0655). ASCII, spaces and punctuation are each table's own.
 */
export function fillScriptUnits(table: Int16Array | Int32Array, drop: number): void {
  const lower = (c: number): number | null => {
    const l = String.fromCharCode(c).toLowerCase();
    return l.length === 1 ? l.charCodeAt(0) : null;
  };
  const letter = (c: number): void => {
    const l = lower(c);
    if (l !== null) table[c] = l;
  };
  for (let c = 0xa1; c <= 0x17e; c++) if (isNfkcStableUnit(c) && c !== 0x130) letter(c);
  for (let c = 0x400; c <= 0x45f; c++) letter(c);
  table[0x490] = table[0x491] = 0x491;
  table[0x401] = table[0x451] = 0x435;
  for (let c = 0x621; c <= 0x63a; c++) table[c] = c;
  for (let c = 0x641; c <= 0x64a; c++) table[c] = c;
  for (const c of [0x622, 0x623, 0x625, 0x671]) table[c] = 0x627;
  table[0x649] = 0x64a;
  for (let c = 0x64b; c <= 0x652; c++) table[c] = drop;
  for (let c = 0x656; c <= 0x65f; c++) table[c] = drop;
  table[0x670] = table[0x640] = drop;
}
