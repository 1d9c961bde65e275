/**
 * A page's decoded text: one string, or a large HTML page's text as consecutive pieces that,
 * joined, are the text.
 *
 * Why pieces: V8 puts a string over its largest ordinary object (128 KiB) in memory of its own,
 * fresh from the system each time and handed back after the page, and fresh memory is dear on
 * the machines this runs on (about 5 µs a KiB: README, "Fresh memory is dear"). Decoding a 300 KB
 * news page whole costs about 3 ms, in 32 KB pieces about 0.2 ms, and the HTML parser takes the
 * pieces one after another, so nothing on the way from file to article joins them.
 */
export type PageText = string | readonly string[];

/** The text as one string (joined: only for the rare consumer that needs it whole). */
export function wholeText(text: PageText): string {
  return typeof text === 'string' ? text : text.join('');
}

/** The first `n` UTF-16 code units of the text (fewer when it is shorter). */
export function textHead(text: PageText, n: number): string {
  if (typeof text === 'string') return text.slice(0, n);
  let head = '';
  for (const piece of text) {
    if (head.length >= n) break;
    head += piece.slice(0, n - head.length);
  }
  return head;
}

/** Whether the text is empty or only white space (String.prototype.trim's). */
export function isBlankText(text: PageText): boolean {
  return typeof text === 'string' ? text.trim().length === 0 : text.every((piece) => piece.trim().length === 0);
}
