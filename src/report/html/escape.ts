/**
 * Escaping for the HTML reports. Page titles, outlet names and texts come from crawled pages, so
 * any of them may be markup: text goes through escapeHtml, data through jsonForScript.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A value as JSON to sit inside `<script type="application/json">`. The element's content ends at
 * the first `</script` whatever the quoting, and `<!--` changes how it is parsed, so `<` becomes
 * `\u003c`; `>` and `&` too, and the line separators U+2028/U+2029, so the text is inert in any
 * context. JSON.parse reads the escapes back as the same characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
