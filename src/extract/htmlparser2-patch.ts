/**
 * Faster scans in htmlparser2 10's tokeniser, which parses every page (`buildDocument`), with the
 * same tokens.
 *
 * The tokeniser reads one character per turn of its state loop. In most states a turn decides
 * something, but in three it only looks for the character that ends the run it is in:
 *
 * - `fastForwardTo` looks for the `<` that may end a script or style sheet (and the `>` of a
 *   declaration or closing tag) with a `charCodeAt` loop of its own. Inline scripts and style
 *   sheets are about half the characters of real news pages; `indexOf` finds the same character
 *   with the engine's own string search.
 * - An attribute value (class lists, URLs, data attributes: a large share of a page's tags) ends at
 *   its quote, and with entities decoded a `&` starts an entity; every other character is a turn
 *   that does nothing. The replacement goes on to the next quote or `&` in one loop.
 * - Text outside tags, in the same way, up to the next `<` or `&`.
 *
 * The loop's turn for a skipped character changed nothing (no callback, no state), so skipping it
 * leaves the same index at the same state. Each member is replaced only when the installed one is
 * the code this was written against (its source holds the lines relied on), so another version of
 * htmlparser2 runs as it is.
 */
import { sourceHas } from './installed-source.js';

const LT = 0x3c;
const AMP = 0x26;

interface TokenizerState {
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
}

type Member = (this: TokenizerState, c: number, quote?: number) => unknown;

/** The index before the first `a` or `b` in `buffer` from `from` on (the last index when there is none). */
function lastBefore(buffer: string, from: number, a: number, b: number): number {
  let i = from;
  while (i < buffer.length) {
    const d = buffer.charCodeAt(i);
    if (d === a || d === b) break;
    i++;
  }
  return i - 1;
}

/** Replaces the three members on htmlparser2's Tokenizer prototype; gives how many were replaced (0 to 3). */
export function patchTokenizer(proto: Record<string, unknown>): number {
  let patched = 0;
  const fastForwardTo = proto['fastForwardTo'];
  if (sourceHas(fastForwardTo, 'while (++this.index < this.buffer.length + this.offset)', 'this.buffer.charCodeAt(this.index - this.offset) === c', 'this.index = this.buffer.length + this.offset - 1;')) {
    proto['fastForwardTo'] = function (this: TokenizerState, c: number): boolean {
      const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
      if (at >= 0) {
        this.index = at + this.offset;
        return true;
      }
      this.index = this.buffer.length + this.offset - 1;
      return false;
    };
    patched++;
  }

  // The parse loop adds one to the index after each turn: the run's last character is left as
  // the index, and the loop's next turn reads the character that ends it (or the loop ends).
  // (Indices are the document's; `offset` is where the buffer, the chunk being parsed, starts.)
  const inAttributeValue = proto['handleInAttributeValue'] as Member | undefined;
  if (sourceHas(inAttributeValue, '(!this.decodeEntities && this.fastForwardTo(quote))', 'this.decodeEntities && c === CharCodes.Amp', 'this.startEntity()')) {
    const original = inAttributeValue!;
    proto['handleInAttributeValue'] = function (this: TokenizerState, c: number, quote: number): unknown {
      if (c === quote || c === AMP || !this.decodeEntities) return original.call(this, c, quote);
      this.index = lastBefore(this.buffer, this.index - this.offset + 1, quote, AMP) + this.offset;
      return undefined;
    };
    patched++;
  }

  const stateText = proto['stateText'] as Member | undefined;
  if (sourceHas(stateText, 'c === CharCodes.Lt', '(!this.decodeEntities && this.fastForwardTo(CharCodes.Lt))', 'this.decodeEntities && c === CharCodes.Amp')) {
    const original = stateText!;
    proto['stateText'] = function (this: TokenizerState, c: number): unknown {
      if (c === LT || c === AMP || !this.decodeEntities) return original.call(this, c);
      this.index = lastBefore(this.buffer, this.index - this.offset + 1, LT, AMP) + this.offset;
      return undefined;
    };
    patched++;
  }
  return patched;
}
