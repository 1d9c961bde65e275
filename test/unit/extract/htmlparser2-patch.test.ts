import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLinkedom } from '../../../src/extract/build-dom.js';
import { patchTokenizer } from '../../../src/extract/htmlparser2-patch.js';
import { fixture, ROOT } from '../../helpers.js';

// reprint patches htmlparser2's CommonJS build (the one linkedom loads); its ES module build is a
// second copy of the library, never patched: the reference for the original tokens.
// htmlparser2 as linkedom resolves it (reprint's parser is linkedom's)
const fromLinkedom = createRequire(path.join(ROOT, 'node_modules', 'linkedom', 'package.json'));
const esmEntry = path.join(path.dirname(fromLinkedom.resolve('htmlparser2')), '..', 'esm', 'index.js');
type Handler = Record<string, (...args: unknown[]) => void>;
interface ParserLike {
  startIndex: number;
  endIndex: number;
  write(s: string): void;
  end(): void;
}
const esm = (await import(pathToFileURL(esmEntry).href)) as {
  Parser: new (cbs: Handler, options: Record<string, unknown>) => ParserLike;
  Tokenizer: new (...args: unknown[]) => object;
};
const OriginalTokenizer = esm.Tokenizer;
class PatchedTokenizer extends OriginalTokenizer {}
const replaced = patchTokenizer(PatchedTokenizer.prototype as unknown as Record<string, unknown>);

/** Every event the parser emits, with the indices it reports for it. */
function events(html: string, Tokenizer: unknown, chunk = 0, decodeEntities = true): unknown[] {
  const out: unknown[] = [];
  let parser: ParserLike;
  const record =
    (kind: string) =>
    (...args: unknown[]): void => {
      out.push([kind, parser.startIndex, parser.endIndex, ...args.map((a) => (typeof a === 'object' && a !== null ? { ...a } : a))]);
    };
  const cbs: Handler = {};
  for (const kind of ['onopentagname', 'onattribute', 'onopentag', 'ontext', 'onclosetag', 'oncomment', 'oncdatastart', 'oncdataend', 'onprocessinginstruction']) cbs[kind] = record(kind);
  parser = new esm.Parser(cbs, { decodeEntities, lowerCaseAttributeNames: false, Tokenizer });
  if (chunk > 0) for (let i = 0; i < html.length; i += chunk) parser.write(html.slice(i, i + chunk));
  else parser.write(html);
  parser.end();
  return out;
}

const CASES = [
  '<p title="a &amp; b" data-x=\'c &lt; d\' id=plain class="one  two">x &nbsp; y &copy z</p>',
  '<a href="/path?a=1&b=2&amp;c=3">link &</a> tail &',
  '<script>if (a < b && c > d) { s = "</scr" + "ipt>"; }</script ><p>after</p>',
  '<SCRIPT type="text/javascript">x<y</SCRIPT><style>a > b { c: d }</style>',
  '<!-- a comment -- with -> dashes --><p>t</p><!---->',
  '<svg><![CDATA[ a < b ]]><title>T &amp; U</title></svg>',
  '<!DOCTYPE html><title>A &amp; B</title><div a="unterminated',
  '<div a=\'single " inside\' b="double \' inside">text without an end',
  'plain text only, & an ampersand, and no tags',
  '<p>a</p><p  >b<br/>c</p  ><img src="x.png" alt="">',
];

describe('patchTokenizer', () => {
  it('replaces the three scans of the installed htmlparser2', () => {
    expect(replaced).toBe(3);
    // a second patch finds the replacements, not the code it was written against
    expect(patchTokenizer(PatchedTokenizer.prototype as unknown as Record<string, unknown>)).toBe(0);
    // the reference is the original code
    expect(String((OriginalTokenizer.prototype as Record<string, unknown>)['fastForwardTo'])).toContain('charCodeAt');
  });

  it('leaves code it was not written against as it is', () => {
    const proto: Record<string, unknown> = {
      fastForwardTo(c: number) {
        return c > 0;
      },
      stateText() {},
      handleInAttributeValue() {},
    };
    const before = { ...proto };
    expect(patchTokenizer(proto)).toBe(0);
    expect(proto).toEqual(before);
  });

  it('gives the same events at the same indices on edge cases, whole and in chunks', () => {
    for (const html of CASES) {
      for (const chunk of [0, 1, 3, 7]) {
        for (const decode of [true, false]) {
          const want = events(html, OriginalTokenizer, chunk, decode);
          expect(want.length).toBeGreaterThan(0);
          expect(events(html, PatchedTokenizer, chunk, decode), `${html} (chunks of ${chunk}, decodeEntities ${decode})`).toEqual(want);
        }
      }
    }
  });

  it('gives the same events on real pages', () => {
    const pages = [
      ...['ars-1', 'herald-sun-1', 'heise', 'lemonde-1', 'liberation-1'].map((n) => fixture('readability', n, 'source.html')),
      ...readdirSync(fixture('html')).map((n) => fixture('html', n)),
      ...readdirSync(fixture('templates')).map((n) => fixture('templates', n)),
    ];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const want = events(html, OriginalTokenizer);
      expect(want.length).toBeGreaterThan(20);
      expect(events(html, PatchedTokenizer), file).toEqual(want);
      expect(events(html, PatchedTokenizer, 4096), file).toEqual(events(html, OriginalTokenizer, 4096));
    }
  });

  it('is what reprint parses with', () => {
    loadLinkedom();
    const cjs = fromLinkedom('htmlparser2') as { Tokenizer: { prototype: Record<string, unknown> } };
    // each original's own line, gone from the member reprint's parser calls
    for (const [name, line] of [
      ['fastForwardTo', 'while (++this.index'],
      ['handleInAttributeValue', 'CharCodes.Amp'],
      ['stateText', 'CharCodes.Amp'],
    ] as const) {
      expect(String((OriginalTokenizer.prototype as Record<string, unknown>)[name]), name).toContain(line);
      expect(String(cjs.Tokenizer.prototype[name]), name).not.toContain(line);
    }
  });
});
