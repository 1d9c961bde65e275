/**
 * A linkedom document built in one pass of linkedom's own HTML parser (htmlparser2), leaving out
 * as it goes what can never be article text or metadata: scripts (JSON-LD stays), style sheets,
 * comments, <template>s and the other subtrees `PruneOptions` names. Fewer nodes make every
 * later step cheaper: the DOM, Readability's candidate search, the text walks and the garbage
 * collector. Apart from what is left out, the tree is the one `parseHTML` builds, with text runs
 * already joined as `normalize()` joins them and class attributes as linkedom's parser sets them.
 *
 * Two costs of linkedom go as well. Its EventTarget constructor gives every node a Map of
 * listeners in a WeakMap (a quarter of the parse time and much of the garbage collection); the
 * version installed here makes the Map on the first listener. And the parse itself goes through
 * the same callbacks linkedom's parser uses, so no string is parsed twice.
 *
 * Both reach into linkedom's CommonJS files (cjs/interface/event-target.js, cjs/shared/*.js).
 * When they are not where linkedom 0.18 keeps them, `internals()` gives null and pages are
 * parsed by `parseHTML` as before.
 */
import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { patchTokenizer } from './htmlparser2-patch.js';
import { sourceHas } from './installed-source.js';
import { patchLinkedomElement } from './linkedom-patch.js';
import type { PageText } from '../input/page-text.js';

const require = createRequire(import.meta.url);

// --------------------------------------------------------------------------------------------
// linkedom's EventTarget, with the listener map made on first use

type Listener = ((event: unknown) => void) | { handleEvent(event: unknown): void };
interface EventLike {
  type: string;
  target?: unknown;
  currentTarget?: unknown;
  eventPhase: number;
  AT_TARGET: number;
  BUBBLING_PHASE: number;
  CAPTURING_PHASE: number;
  NONE: number;
  bubbles: boolean;
  cancelBubble: boolean;
  defaultPrevented: boolean;
  _stopImmediatePropagationFlag: boolean;
  _path: { currentTarget: unknown; target: unknown }[];
}

const listenerMaps = new WeakMap<object, Map<string, Map<Listener, { once?: boolean } | undefined>>>();

function dispatchTo(event: EventLike, listener: Listener): boolean {
  if (typeof listener === 'function') listener.call(event.target, event);
  else listener.handleEvent(event);
  return event._stopImmediatePropagationFlag;
}

function invokeListeners(this: EventLike, { currentTarget, target }: { currentTarget: unknown; target: unknown }): boolean | undefined {
  const map = listenerMaps.get(currentTarget as object);
  if (map === undefined || !map.has(this.type)) return undefined;
  const listeners = map.get(this.type)!;
  this.eventPhase = currentTarget === target ? this.AT_TARGET : this.BUBBLING_PHASE;
  this.currentTarget = currentTarget;
  this.target = target;
  for (const [listener, options] of listeners) {
    if (options?.once) listeners.delete(listener);
    if (dispatchTo(this, listener)) break;
  }
  delete this.currentTarget;
  delete this.target;
  return this.cancelBubble;
}

/** linkedom's DOMEventTarget (interface/event-target.js), except that no node pays for a listener map until it gets a listener. */
export class LazyEventTarget {
  /** @protected */
  _getParent(): unknown {
    return null;
  }

  addEventListener(type: string, listener: Listener, options?: { once?: boolean }): void {
    let map = listenerMaps.get(this);
    if (map === undefined) listenerMaps.set(this, (map = new Map()));
    if (!map.has(type)) map.set(type, new Map());
    map.get(type)!.set(listener, options);
  }

  removeEventListener(type: string, listener: Listener): void {
    const map = listenerMaps.get(this);
    if (map === undefined || !map.has(type)) return;
    const listeners = map.get(type)!;
    if (listeners.delete(listener) && !listeners.size) map.delete(type);
  }

  dispatchEvent(event: EventLike): boolean {
    let node: unknown = this;
    event.eventPhase = event.CAPTURING_PHASE;
    while (node) {
      const n = node as { dispatchEvent?: unknown; _getParent?: () => unknown };
      if (n.dispatchEvent) event._path.push({ currentTarget: node, target: this });
      node = event.bubbles && n._getParent && n._getParent();
    }
    event._path.some(invokeListeners, event);
    event._path = [];
    event.eventPhase = event.NONE;
    return !event.defaultPrevented;
  }
}

// --------------------------------------------------------------------------------------------
// linkedom's internals

type AnyNode = Record<PropertyKey, unknown> & Node;
interface ParserLike {
  write(s: string): void;
  end(): void;
}
type ParserClass = new (cbs: Record<string, unknown>, options: Record<string, unknown>) => ParserLike;

export interface Internals {
  parseHTML: (html: string) => { document: Document };
  emptyDocument: () => Document;
  Parser: ParserClass;
  END: symbol;
  NEXT: symbol;
  PREV: symbol;
  VALUE: symbol;
  MIME: symbol;
  SVG_NAMESPACE: string;
  knownBoundaries: (prev: unknown, current: unknown, next: unknown) => void;
  knownSiblings: (prev: unknown, current: unknown, next: unknown) => void;
  /**
   * How many times any linkedom tree has changed (a node put in, taken out or moved, a text or an
   * attribute's value changed), or null when linkedom was loaded before it could be counted. Equal counts: no tree
   * has changed in between (linkedom-text.ts keeps measures that long).
   */
  changes: (() => number) | null;
}

// linkedom's helpers that link nodes into its chain (shared/utils.js): every change to a tree's
// shape goes through them. Counted when wrapped before linkedom's modules take them.
const CHAIN_HELPERS = ['knownAdjacent', 'knownBoundaries', 'knownSegment', 'knownSiblings', 'setAdjacent'];
let chainChanges = 0;
const countedChanges = (): number => chainChanges;

function countChainChanges(utils: Record<string, unknown>): boolean {
  if (!CHAIN_HELPERS.every((name) => typeof utils[name] === 'function')) return false;
  for (const name of CHAIN_HELPERS) {
    const helper = utils[name] as (...args: unknown[]) => void;
    utils[name] = (a: unknown, b: unknown, c: unknown, d: unknown): void => {
      chainChanges++;
      helper(a, b, c, d);
    };
  }
  return true;
}

/**
 * Counts changed values too: a text's (CharacterData's `data` setter, which `nodeValue`,
 * `textContent` and the edits go through) and an attribute's (Attr's `value` setter, which
 * `setAttribute` goes through for an attribute the element has).
 */
function countValueChanges(CharacterData: { prototype: object } | undefined, Attr: { prototype: object } | undefined): boolean {
  const setters: [object, string, (this: unknown, value: unknown) => void][] = [];
  for (const [Class, name, source] of [
    [CharacterData, 'data', 'this[VALUE] = String(value)'],
    [Attr, 'value', 'this[VALUE] = String(newValue)'],
  ] as const) {
    const descriptor = Class === undefined ? undefined : Object.getOwnPropertyDescriptor(Class.prototype, name);
    const set = descriptor?.set;
    if (set === undefined || !sourceHas(set, source)) return false;
    setters.push([Class!.prototype, name, set]);
  }
  for (const [proto, name, set] of setters) {
    Object.defineProperty(proto, name, {
      ...Object.getOwnPropertyDescriptor(proto, name),
      set(this: unknown, value: unknown) {
        chainChanges++;
        set.call(this, value);
      },
    });
  }
  return true;
}

let loaded: { linkedom: typeof import('linkedom'); internals: Internals | null } | undefined;

/**
 * linkedom's CSS parser (cssomnom, an ES module that is a fifth of linkedom's loading time) is
 * only called when a style element's `sheet` is read, which neither Readability nor reprint does:
 * it is loaded then, in place of when linkedom loads.
 */
function deferCssParser(cjs: string): void {
  let file: string;
  try {
    file = createRequire(path.join(cjs, 'index.js')).resolve('cssomnom/parse');
  } catch {
    return;
  }
  if (require.cache[file] !== undefined) return;
  let parse: ((css: string) => unknown) | undefined;
  const deferred = standIn(file, {
    parse(css: string): unknown {
      if (parse === undefined) {
        delete require.cache[file];
        try {
          parse = (require(file) as { parse: (css: string) => unknown }).parse;
        } finally {
          require.cache[file] = deferred;
        }
      }
      return parse(css);
    },
  });
}

/** Puts `exports` in require's cache as the module `file`: what linkedom's own require of it then gets. */
function standIn(file: string, exports: object): Module {
  const m = new Module(file);
  m.filename = file;
  m.loaded = true;
  m.exports = exports;
  require.cache[file] = m;
  return m;
}

/**
 * linkedom, loaded with the lazy EventTarget in place of its own (when linkedom is not loaded
 * yet), and the internals the builder needs, or null when they are not where expected.
 */
export function loadLinkedom(): { linkedom: typeof import('linkedom'); internals: Internals | null } {
  if (loaded !== undefined) return loaded;
  let cjs: string | null = null;
  try {
    cjs = path.dirname(require.resolve('linkedom'));
  } catch {
    cjs = null;
  }
  const eventTarget = cjs === null ? null : path.join(cjs, 'interface', 'event-target.js');
  if (eventTarget !== null && existsSync(eventTarget) && require.cache[eventTarget] === undefined) standIn(eventTarget, { EventTarget: LazyEventTarget });
  if (cjs !== null) deferCssParser(cjs);
  const utilsFile = cjs === null ? null : path.join(cjs, 'shared', 'utils.js');
  const chainCounted = utilsFile !== null && existsSync(utilsFile) && require.cache[utilsFile] === undefined && countChainChanges(require(utilsFile) as Record<string, unknown>);
  const linkedom = require('linkedom') as typeof import('linkedom');
  let internals: Internals | null = null;
  try {
    if (cjs !== null) {
      const req = createRequire(path.join(cjs, 'index.js'));
      const symbols = req('./shared/symbols.js') as Record<string, symbol>;
      const utils = req('./shared/utils.js') as Record<string, Internals['knownBoundaries']>;
      const constants = req('./shared/constants.js') as Record<string, string>;
      const { DOMParser } = req('./dom/parser.js') as { DOMParser: new () => { parseFromString(s: string, type: string): Document } };
      const { Parser, Tokenizer } = req('htmlparser2') as { Parser: ParserClass; Tokenizer?: { prototype: Record<string, unknown> } };
      if (Tokenizer !== undefined) patchTokenizer(Tokenizer.prototype);
      const i: Internals = {
        parseHTML: linkedom.parseHTML as unknown as Internals['parseHTML'],
        emptyDocument: () => new DOMParser().parseFromString('', 'text/html'),
        Parser,
        END: symbols['END']!,
        NEXT: symbols['NEXT']!,
        PREV: symbols['PREV']!,
        VALUE: symbols['VALUE']!,
        MIME: symbols['MIME']!,
        SVG_NAMESPACE: constants['SVG_NAMESPACE']!,
        knownBoundaries: utils['knownBoundaries']!,
        knownSiblings: utils['knownSiblings']!,
        changes: null,
      };
      const ok =
        typeof i.END === 'symbol' &&
        typeof i.NEXT === 'symbol' &&
        typeof i.PREV === 'symbol' &&
        typeof i.VALUE === 'symbol' &&
        typeof i.MIME === 'symbol' &&
        typeof i.SVG_NAMESPACE === 'string' &&
        typeof i.knownBoundaries === 'function' &&
        typeof i.knownSiblings === 'function' &&
        typeof Parser === 'function';
      if (ok) {
        internals = i;
        const { CharacterData } = req('./interface/character-data.js') as { CharacterData?: { prototype: object } };
        const { Attr } = req('./interface/attr.js') as { Attr?: { prototype: object } };
        if (chainCounted && countValueChanges(CharacterData, Attr)) i.changes = countedChanges;
        const { Element } = req('./interface/element.js') as { Element?: { prototype: object } };
        const { NodeList } = req('./interface/node-list.js') as { NodeList?: new () => Element[] };
        if (Element !== undefined && NodeList !== undefined) patchLinkedomElement(Element.prototype, i, NodeList);
      }
    }
  } catch {
    internals = null;
  }
  loaded = { linkedom, internals };
  return loaded;
}

// --------------------------------------------------------------------------------------------
// the builder

export interface PruneOptions {
  /** Also leave out these elements with their content (lower-case tag names). */
  tags?: ReadonlySet<string>;
  /** Leave out these elements with their content when outside every <article> and <main>. */
  outside?: ReadonlySet<string>;
  /** Keep `data-*` attributes on these elements only (lower-case tag names); on all when not given. */
  dataAttributesOn?: ReadonlySet<string>;
}

/** Left out always: nothing in them is ever read (scripts other than JSON-LD are kept aside as `scripts`). */
const ALWAYS = new Set(['script', 'style', 'template']);

/** What the pages' parse left aside. */
export interface BuiltPage {
  document: Document;
  /** The scripts left out (all but JSON-LD), in document order: their type attribute and code. */
  scripts: { type: string | null; code: string }[];
  /** An html, head or body element inside the page (prepareLinkedom unwraps them). */
  strayRoots: boolean;
  /**
   * Characters of text the parse left out of <body> (scripts, menus; not style sheets, whose
   * content was never parsed, nor templates, which were removed): what `body.textContent` held
   * beyond what it holds now.
   */
  prunedBodyChars: number;
  /** Characters of text (white space trimmed) in the body as built, and in what `opts.tags` and `opts.outside` left out of it. */
  bodyChars: number;
  structuralChars: number;
}

const SPACED_CLASSES = /^\S+(?: \S+)*$/;

/**
 * A class attribute as linkedom's parser sets it (through `className`): each class once, in
 * order, one space apart. Most pages' values are that already (one class, or a few distinct
 * classes one space apart), and are kept without building a set of them.
 */
export function joinedClasses(value: string): string {
  if (SPACED_CLASSES.test(value)) {
    if (!value.includes(' ')) return value;
    const tokens = value.split(' ');
    let distinct = tokens.length <= 32;
    for (let i = 1; i < tokens.length && distinct; i++) for (let j = 0; j < i; j++) if (tokens[i] === tokens[j]) distinct = false;
    if (distinct) return value;
  }
  return [...new Set(value.split(/\s+/).filter((t) => t !== ''))].join(' ');
}

/** A script whose data metadata and Readability read: JSON-LD. */
function keptScript(attrs: Record<string, string>): boolean {
  return (attrs['type'] ?? '').toLowerCase().includes('ld+json');
}

/** Elements kept from inside a left-out subtree, moved to where the subtree was: what metadata reads from anywhere. */
function hoisted(name: string, attrs: Record<string, string>): boolean {
  return name === 'meta' || name === 'link' || (name === 'script' && keptScript(attrs));
}

/**
 * Parses `html` as linkedom's `parseHTML` does, leaving out comments, scripts (but JSON-LD),
 * style sheets, <template>s and the elements in `opts.tags`, with everything inside them but
 * <meta>, <link> and JSON-LD scripts, which take their place.
 */
export function buildDocument(html: PageText, internals: Internals, opts: PruneOptions = {}): BuiltPage {
  const { END, PREV, VALUE, SVG_NAMESPACE, knownBoundaries, knownSiblings, Parser } = internals;
  const document = internals.emptyDocument();
  const doc = document as unknown as AnyNode & Document;
  const pruned = opts.tags ?? new Set<string>();
  const outside = opts.outside ?? new Set<string>();
  const dataAttributesOn = opts.dataAttributesOn;
  // Open <article> and <main> elements (built ones).
  let inMain = 0;
  const scripts: BuiltPage['scripts'] = [];
  let strayRoots = false;
  let sawHtml = false;
  let inBody = 0;
  let prunedBodyChars = 0;
  let skippedStyle = false;
  let structural = false;
  let bodyChars = 0;
  let structuralChars = 0;
  let node: AnyNode = doc;
  let ownerSVGElement: AnyNode | null = null;
  // Depth inside a left-out subtree (0: building), and inside an element kept from one.
  let skip = 0;
  let hoist = 0;
  // A <template>'s content is not the page's: prepareLinkedom removed it whole, metadata included.
  let inTemplate = false;
  let text = '';
  let script: { type: string | null; code: string } | null = null;

  const append = (parent: AnyNode, child: AnyNode): AnyNode => {
    const end = parent[END] as AnyNode;
    (child as unknown as { parentNode: unknown }).parentNode = parent;
    knownBoundaries(end[PREV], child, end);
    return child;
  };
  const flush = (): void => {
    if (text === '') return;
    append(node, document.createTextNode(text) as unknown as AnyNode);
    text = '';
  };

  const parser = new Parser(
    {
      onprocessinginstruction(name: string, data: string) {
        if (name.toLowerCase() === '!doctype') (doc as unknown as { doctype: string }).doctype = data.slice(name.length).trim();
      },
      onopentag(name: string, attributes: Record<string, string>) {
        flush();
        if (name === 'script' && !keptScript(attributes) && !(skip > 0 && inTemplate)) {
          script = { type: attributes['type'] ?? null, code: '' };
          scripts.push(script);
        }
        if (skip > 0 && hoist === 0 && (inTemplate || !hoisted(name, attributes))) {
          skip++;
          return;
        }
        if (hoist > 0 || skip > 0) hoist++;
        else if (ALWAYS.has(name) ? !(name === 'script' && keptScript(attributes)) : pruned.has(name) || (inMain === 0 && outside.has(name))) {
          skip = 1;
          inTemplate = name === 'template';
          skippedStyle = name === 'style';
          structural = !ALWAYS.has(name);
          return;
        }
        if (name === 'html' ? node !== doc || sawHtml : (name === 'head' || name === 'body') && (node.parentNode !== doc || (node as unknown as Element).localName !== 'html')) strayRoots = true;
        let el: AnyNode;
        if (ownerSVGElement !== null) {
          el = append(node, document.createElementNS(SVG_NAMESPACE, name) as unknown as AnyNode);
          (el as unknown as { ownerSVGElement: unknown }).ownerSVGElement = ownerSVGElement;
        } else if (name === 'svg' || name === 'SVG') {
          el = ownerSVGElement = append(node, document.createElementNS(SVG_NAMESPACE, name) as unknown as AnyNode);
        } else el = append(node, document.createElement(name) as unknown as AnyNode);
        node = el;
        if (name === 'html') sawHtml = true;
        else if (name === 'body') inBody++;
        if (name === 'article' || name === 'main') inMain++;
        const end = el[END] as AnyNode;
        const dataAttributes = dataAttributesOn === undefined || dataAttributesOn.has(name);
        for (const key of Object.keys(attributes)) {
          if (!dataAttributes && key.startsWith('data-')) continue;
          let value = attributes[key]!;
          if (key === 'class') value = joinedClasses(value);
          const attr = document.createAttribute(key) as unknown as AnyNode;
          attr[VALUE] = value;
          (attr as unknown as { ownerElement: unknown }).ownerElement = el;
          knownSiblings(end[PREV], attr, end);
        }
      },
      oncomment() {
        flush();
      },
      ontext(data: string) {
        if (script !== null) script.code += data;
        if (skip > 0 && hoist === 0) {
          if (inBody > 0 && !inTemplate && !skippedStyle) {
            prunedBodyChars += data.length;
            if (structural) structuralChars += data.trim().length;
          }
          return;
        }
        if (inBody > 0) bodyChars += data.trim().length;
        text += data;
      },
      onclosetag() {
        flush();
        script = null;
        if (skip > 0 && hoist === 0) {
          skip--;
          return;
        }
        if (hoist > 0) hoist--;
        if (node === ownerSVGElement) ownerSVGElement = null;
        // (a tag cut off by the end of the page is closed without having been opened)
        if (node === doc) return;
        const closing = (node as unknown as Element).localName;
        if (closing === 'article' || closing === 'main') inMain--;
        else if (closing === 'body') inBody--;
        node = (node as unknown as { parentNode: AnyNode }).parentNode;
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false },
  );
  // A large page's pieces are written one after another, as a stream is (see page-text.ts).
  if (typeof html === 'string') parser.write(html);
  else for (const piece of html) parser.write(piece);
  parser.end();
  flush();
  return { document, scripts, strayRoots, prunedBodyChars, bodyChars, structuralChars };
}
