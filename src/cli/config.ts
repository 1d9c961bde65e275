/**
 * Settings from a file: `reprint.config.json`, `.reprintrc.json` or a `"reprint"` key in
 * package.json, the nearest found from the working directory upwards (or the file `--config`
 * names). They are applied after commander has parsed the command line, and only to options the
 * command line left at their default, so the command line always wins; each value goes through the
 * option's own parser, so a file is held to the same rules as the command line.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { lilconfig } from 'lilconfig';
import { displayPathOf } from '../input/discover.js';
import { collect, jsonlFields } from './options.js';

/** A config file that cannot be read or holds a bad setting: one line, naming the file and key. */
export class ConfigError extends Error {}

/** In one folder, the first of these found is the config; files are never merged. */
const SEARCH_PLACES = ['reprint.config.json', '.reprintrc.json', 'package.json'];
const PACKAGE_KEY = 'reprint';

/** Options that say where one run goes, not how a project wants its pages compared. */
const RUN_ONLY: Record<string, string> = {
  config: 'it names the config file itself',
  output: 'it names where one report goes; pass -o on the command line',
};

/** The commands that run (those without subcommands), each with its name as typed: "scan", "index add". */
export function leafCommands(program: CommandUnknownOpts): Map<string, CommandUnknownOpts> {
  const leaves = new Map<string, CommandUnknownOpts>();
  const walk = (cmd: CommandUnknownOpts, prefix: string): void => {
    for (const sub of cmd.commands) {
      const name = prefix + sub.name();
      if (sub.commands.length > 0) walk(sub, `${name} `);
      else leaves.set(name, sub);
    }
  };
  walk(program, '');
  return leaves;
}

/**
 * Adds `--config <file>` to every command and applies the config before each action. Also gives
 * every on/off option its hidden opposite (`--templates` for `--no-templates`, `--no-all` for
 * `--all`), so the command line can undo what a config turned on or off.
 */
export function installConfig(program: CommandUnknownOpts, cwd: string): void {
  const leaves = leafCommands(program);
  // Commander checks required options before any hook runs, so a value the config supplies would
  // be refused there: reprint checks them itself once the config is applied.
  const required = new Map<CommandUnknownOpts, Option[]>();
  for (const cmd of leaves.values()) {
    for (const option of [...cmd.options]) {
      const opposite = oppositeFlag(option);
      if (opposite !== null && !cmd.options.some((o) => o.long === opposite)) cmd.addOption(new Option(opposite).hideHelp());
      if (option.mandatory) {
        option.mandatory = false;
        required.set(cmd, [...(required.get(cmd) ?? []), option]);
      }
    }
    cmd.option('--config <file>', 'settings file to read instead of searching for reprint.config.json, .reprintrc.json or package.json');
  }

  program.hook('preAction', async (_program, cmd) => {
    const name = [...leaves].find(([, c]) => c === cmd)?.[0];
    if (name === undefined) return;
    const named = cmd.getOptionValue('config');
    const found = await findConfig(cwd, typeof named === 'string' ? named : undefined);
    if (found !== null) {
      for (const [key, value] of settingsFor(name, leaves, found)) {
        const source = cmd.getOptionValueSource(key);
        if (source === undefined || source === 'default') cmd.setOptionValueWithSource(key, value, 'config');
      }
    }
    for (const option of required.get(cmd) ?? []) {
      if (cmd.getOptionValue(option.attributeName()) === undefined) {
        cmd.error(`error: required option '${option.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
      }
    }
  });
}

function oppositeFlag(option: Option): string | null {
  if (option.required || option.optional || option.long === undefined) return null;
  return option.negate ? option.long.replace(/^--no-/, '--') : option.long.replace(/^--/, '--no-');
}

interface FoundConfig {
  /** As shown in messages: relative to the working directory when under it. */
  shown: string;
  /** Where the settings sit in the file, for messages: "" or "reprint." in package.json. */
  keyPrefix: string;
  settings: Record<string, unknown>;
}

/**
 * The config named, or the nearest found from `cwd` upwards. The search stops at the repository
 * root (the nearest folder holding `.git`): a file above a checkout must not change its results.
 */
async function findConfig(cwd: string, named: string | undefined): Promise<FoundConfig | null> {
  const parseJson = (filepath: string, content: string): unknown => parseConfigJson(displayPathOf(filepath, cwd), content);
  const explorer = lilconfig('reprint', {
    searchPlaces: SEARCH_PLACES,
    loaders: { '.json': parseJson, noExt: parseJson },
    packageProp: PACKAGE_KEY,
    stopDir: repositoryRoot(cwd) ?? path.parse(path.resolve(cwd)).root,
    // An empty reprint.config.json is still the config (with no settings): the search stops there.
    ignoreEmptySearchPlaces: false,
    cache: false,
  });
  let result;
  if (named !== undefined) {
    const file = path.resolve(cwd, named);
    const shown = displayPathOf(file, cwd);
    const ext = path.extname(file);
    if (ext !== '' && ext !== '.json') throw new ConfigError(`${shown}: a config file is JSON (.json); a ${ext} file is not read, it could run code`);
    try {
      result = await explorer.load(file);
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(`${shown}: cannot read the config file: ${reasonOf(e)}`);
    }
    if (path.basename(file) === 'package.json' && (result?.config === null || result?.config === undefined)) {
      throw new ConfigError(`${shown}: no "${PACKAGE_KEY}" key`);
    }
  } else {
    result = await explorer.search(path.resolve(cwd));
  }
  if (result === null) return null;
  const shown = displayPathOf(result.filepath, cwd);
  const isPackage = path.basename(result.filepath) === 'package.json';
  const settings: unknown = result.config ?? {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new ConfigError(`${shown}: ${isPackage ? `${PACKAGE_KEY}: ` : ''}expected an object of settings, got ${describe(settings)}`);
  }
  return { shown, keyPrefix: isPackage ? `${PACKAGE_KEY}.` : '', settings: settings as Record<string, unknown> };
}

function repositoryRoot(cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The settings one command takes from the file, parsed: top-level keys apply to every command that
 * has the option (and are ignored by the others); a section named after a command ("scan",
 * "index add") applies to that command only and wins over the top level. Every key in the file must
 * name an option of some command, and every section is checked, whichever command runs.
 */
function settingsFor(running: string, leaves: Map<string, CommandUnknownOpts>, found: FoundConfig): Map<string, unknown> {
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(`${found.shown}: ${found.keyPrefix}${key}: ${problem}`);
  };
  const topLevel = new Map<string, unknown>();
  const sectioned = new Map<string, unknown>();
  const allKeys = new Set([...leaves.values()].flatMap((cmd) => [...settableOptions(cmd).keys()]));

  for (const [key, value] of Object.entries(found.settings)) {
    const section = leaves.get(key);
    if (section !== undefined) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(quoteKey(key), `expected an object of settings for ${key}, got ${describe(value)}`);
      const options = settableOptions(section);
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        const where = `${quoteKey(key)}.${inner}`;
        if (Object.hasOwn(RUN_ONLY, inner)) fail(where, `not a config setting: ${RUN_ONLY[inner]}`);
        const option = options.get(inner) ?? fail(where, `${key} has no such option${didYouMean(inner, options.keys())}`);
        const parsed = parseSetting(option, innerValue, (problem) => fail(where, problem));
        if (key === running) sectioned.set(inner, parsed);
      }
      continue;
    }
    if (Object.hasOwn(RUN_ONLY, key)) fail(key, `not a config setting: ${RUN_ONLY[key]}`);
    if (!allKeys.has(key)) fail(key, `unknown setting${didYouMean(key, [...allKeys, ...leaves.keys()])}`);
    const option = settableOptions(leaves.get(running)!).get(key);
    if (option !== undefined) topLevel.set(key, parseSetting(option, value, (problem) => fail(key, problem)));
  }
  return new Map([...topLevel, ...sectioned]);
}

/** A command's options by their config key (the long name in camelCase), hidden ones left out. */
function settableOptions(cmd: CommandUnknownOpts): Map<string, Option> {
  const options = new Map<string, Option>();
  for (const option of cmd.options) {
    if (option.hidden || option.long === undefined) continue;
    const key = option.attributeName();
    if (!Object.hasOwn(RUN_ONLY, key) && !options.has(key)) options.set(key, option);
  }
  return options;
}

/** A value from the file, as the command line would have given it: through the option's parser. */
function parseSetting(option: Option, value: unknown, fail: (problem: string) => never): unknown {
  if (!option.required && !option.optional) {
    return typeof value === 'boolean' ? value : fail(`expected true or false, got ${describe(value)}`);
  }
  if (option.parseArg === collect) {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) fail(`expected a string or a list of strings, got ${describe(value)}`);
    return list as string[];
  }
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = String(value);
  else if (option.parseArg === jsonlFields && typeof value === 'object' && value !== null && !Array.isArray(value)) text = jsonlFieldsText(value as Record<string, unknown>, fail);
  else return fail(`expected ${option.parseArg === jsonlFields ? 'an object or a string' : 'a string or a number'}, got ${describe(value)}`);
  if (option.parseArg === undefined) return text;
  try {
    return option.parseArg(text, option.defaultValue);
  } catch (e) {
    if (e instanceof InvalidArgumentError) fail(`${JSON.stringify(value)} is invalid: ${e.message}`);
    throw e;
  }
}

/** `{"html": "content", "url": ["link", "source_url"]}` → `html=content,url=link|source_url` */
function jsonlFieldsText(fields: Record<string, unknown>, fail: (problem: string) => never): string {
  return Object.entries(fields)
    .map(([field, names]) => {
      const list = typeof names === 'string' ? [names] : names;
      if (!Array.isArray(list) || !list.every((n) => typeof n === 'string')) fail(`${field}: expected a field name or a list of them, got ${describe(names)}`);
      return `${field}=${(list as string[]).join('|')}`;
    })
    .join(',');
}

/** Parses a config file's JSON, or says where it is broken: `file:line:column: ...`. */
function parseConfigJson(shown: string, content: string): unknown {
  const text = content.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    const { offset, reason } = jsonSyntaxError(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new ConfigError(`${shown}:${line}:${column}: invalid JSON: ${reason}`);
  }
}

/**
 * Where JSON.parse failed and why. Node's own message gives no position for some errors
 * ("Unexpected token '}'"), so the text is walked again here, only once it is known to be broken.
 */
function jsonSyntaxError(text: string): { offset: number; reason: string } {
  let i = 0;
  class Stop {
    constructor(readonly reason: string) {}
  }
  const here = (): string => (i >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[i])}`);
  const stop = (reason: string): never => {
    throw new Stop(reason);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        if ('"\\/bfnrt'.includes(text[i + 1] ?? '')) i += 2;
        else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else stop('bad escape in a string');
      } else if (c < ' ') stop('a line break or control character inside a string');
      else i++;
    }
    stop('unexpected end of file inside a string');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') stop(`${here()}, expected a key in double quotes`);
          string();
          space();
          if (text[i] !== ':') stop(`${here()}, expected ':'`);
          i++;
        }
        value();
        space();
        if (text[i] === close) {
          i++;
          return;
        }
        if (text[i] !== ',') stop(`${here()}, expected ',' or '${close}'`);
        i++;
      }
    }
    if (c === '"') return string();
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = i;
    if (literal.test(text)) i = literal.lastIndex;
    else stop(here());
  };
  try {
    value();
    space();
    if (i < text.length) stop(`${here()} after the end of the settings`);
  } catch (e) {
    if (e instanceof Stop) return { offset: i, reason: e.reason };
    throw e;
  }
  return { offset: 0, reason: 'not JSON' };
}

/** `, did you mean "threshold"?` when one key is close enough (a typo, or kebab/snake case). */
function didYouMean(key: string, candidates: Iterable<string>): string {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9 ]/g, '');
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(norm(key), norm(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best === null ? '' : `, did you mean "${best}"?`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

const quoteKey = (key: string): string => (/^\w+$/.test(key) ? key : JSON.stringify(key));

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error)?.message ?? String(e);
}
