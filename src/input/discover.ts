/**
 * Which files a scan reads. Folders are walked with fast-glob, links not followed, through a
 * file-system adapter of our own (byteNames): fast-glob's default fs lists names as strings, and
 * a name that is not UTF-8 comes back lossy (U+FFFD) and can be neither matched nor opened. The
 * adapter lists folders as bytes and names each entry with nameFromBytes, and turns every path
 * fast-glob hands it back into bytes with fsPath (names.ts). Hidden files and folders,
 * node_modules and excluded folders are left out of the walk; so are files that are plainly not
 * pages. A file reached by several paths (links) is read once.
 */
import * as fs from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import { fsPath, nameFromBytes, shownName } from './names.js';

const DEFAULT_EXTENSIONS = ['html', 'htm', 'xhtml', 'txt', 'text', 'md'];

/** Crawl formats: each file holds many pages. */
const CRAWL_EXTENSIONS = ['warc', 'arc', 'jsonl', 'ndjson'];

function defaultPatterns(): string[] {
  const ext = [...DEFAULT_EXTENSIONS, ...CRAWL_EXTENSIONS].join(',');
  return [`**/*.{${ext}}`, `**/*.{${ext}}.gz`];
}

/**
 * Names a crawl or a repository keeps next to its pages that are never articles: a walk with the
 * default extensions would otherwise read README.md or urls.txt as a page. Matched on the file's
 * own name, in any case.
 */
const NOT_PAGES = ['readme*', 'license*', 'licence*', 'changelog*', 'robots.txt', 'urls.txt', '*.urls', 'sitemap*.xml', 'sitemap*.xml.gz'];
const matchesNotPage = picomatch(NOT_PAGES, { nocase: true, dot: true });

/** Whether a folder walk leaves this file name out by default (a file named on the command line is read). */
export function isPlainlyNotPage(fileName: string): boolean {
  return matchesNotPage(fileName);
}

/** Standard input, handed in by the caller (the CLI's context); read at most once. */
export type StdinSource = () => AsyncIterable<Uint8Array>;

export interface DiscoverOptions {
  cwd: string;
  /** Globs that replace the default extensions and the not-a-page rule (matched relative to each folder given). */
  include?: string[];
  /** Globs to leave out. */
  exclude?: string[];
  /** Paths from a `--files-from` list: one that is missing is an entry in errors, not the end of the run. */
  listed?: readonly string[];
  /** What the path `-` reads. */
  stdin?: StdinSource;
}

export interface InputFile {
  /** Where the file is; may hold bytes that are not UTF-8 (names.ts: pass it through fsPath). */
  absPath: string;
  /** The path as a user would type it: relative to cwd when under it, with / separators, escaped for display. */
  displayPath: string;
  /** The path `-`: standard input, read as one JSON Lines stream. */
  stdin?: StdinSource;
  /** Why the file is not read, known without opening it (a FIFO would block the open). */
  problem?: string;
}

/** A mistake in what the command line names: the run cannot start (exit 2). */
export class InputArgumentError extends Error {}

export class MissingPathError extends InputArgumentError {
  constructor(readonly input: string) {
    super(`no such file or folder: ${shownName(input)}`);
  }
}

export function displayPathOf(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absPath;
  return shownName(shown.split(path.sep).join('/'));
}

interface FileKind {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** Why a file that is neither a regular file nor a folder is not read. */
function notRegular(kind: FileKind): string {
  const what = kind.isFIFO() ? 'FIFO' : kind.isSocket() ? 'socket' : kind.isCharacterDevice() ? 'character device' : kind.isBlockDevice() ? 'block device' : 'special file';
  return `not a regular file: ${what}`;
}

async function realPathOf(p: string): Promise<string> {
  return nameFromBytes(await realpath(fsPath(p), { encoding: 'buffer' }));
}

/** A folder entry as fast-glob sees it: its name read from bytes, its type from the listing. */
class ByteNamedEntry {
  readonly name: string;
  constructor(private readonly dirent: fs.Dirent<Buffer>) {
    this.name = nameFromBytes(dirent.name);
  }
  isFile(): boolean {
    return this.dirent.isFile();
  }
  isDirectory(): boolean {
    return this.dirent.isDirectory();
  }
  isSymbolicLink(): boolean {
    return this.dirent.isSymbolicLink();
  }
  isFIFO(): boolean {
    return this.dirent.isFIFO();
  }
  isSocket(): boolean {
    return this.dirent.isSocket();
  }
  isCharacterDevice(): boolean {
    return this.dirent.isCharacterDevice();
  }
  isBlockDevice(): boolean {
    return this.dirent.isBlockDevice();
  }
}

type Callback<T> = (error: NodeJS.ErrnoException | null, value: T) => void;

/**
 * The file system fast-glob walks with: node:fs, with names read as bytes (nameFromBytes) and
 * every path turned back into bytes (fsPath). fast-glob (@nodelib/fs.walk) lists a folder with
 * readdir(path, { withFileTypes: true }, callback), or readdir(path, callback) and a stat per
 * name when asked for stats; stat and lstat serve static patterns and followed links.
 */
const byteNames: fg.FileSystemAdapter = {
  lstat: (p: string, cb: Callback<fs.Stats>) => fs.lstat(fsPath(p), cb),
  stat: (p: string, cb: Callback<fs.Stats>) => fs.stat(fsPath(p), cb),
  lstatSync: (p: string) => fs.lstatSync(fsPath(p)),
  statSync: (p: string) => fs.statSync(fsPath(p)),
  readdir: ((p: string, optionsOrCb: { withFileTypes: true } | Callback<string[]>, cb?: Callback<ByteNamedEntry[]>): void => {
    if (typeof optionsOrCb === 'function') {
      fs.readdir(fsPath(p), { encoding: 'buffer' }, (error, names) => optionsOrCb(error, error === null ? names.map(nameFromBytes) : []));
    } else {
      fs.readdir(fsPath(p), { encoding: 'buffer', withFileTypes: true }, (error, entries) =>
        cb!(error, error === null ? entries.map((entry) => new ByteNamedEntry(entry)) : []),
      );
    }
  }) as fg.FileSystemAdapter['readdir'],
  readdirSync: ((p: string, options?: { withFileTypes: true }): string[] | ByteNamedEntry[] =>
    options?.withFileTypes === true
      ? fs.readdirSync(fsPath(p), { encoding: 'buffer', withFileTypes: true }).map((entry) => new ByteNamedEntry(entry))
      : fs.readdirSync(fsPath(p), { encoding: 'buffer' }).map(nameFromBytes)) as fg.FileSystemAdapter['readdirSync'],
};

/**
 * The files to read, sorted by display path so every run processes them in the same order.
 * Only paths are collected here; contents are read later, a few at a time.
 *
 * fast-glob walks each folder without following links; a link to a file is read when its name
 * matches, and a link to a folder is walked only if that folder (by real path) has not been
 * walked yet, which is what makes a link loop harmless. Plain files of a tree are recorded before its links,
 * so a file reached both ways is shown by its own path.
 */
export async function discoverFiles(inputs: readonly string[], opts: DiscoverOptions): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();
  const walked = new Set<string>();
  const record = (absPath: string, real: string, problem?: string): void => {
    if (found.has(real)) return;
    const file: InputFile = { absPath, displayPath: displayPathOf(absPath, opts.cwd) };
    if (problem !== undefined) file.problem = problem;
    found.set(real, file);
  };
  const add = async (absPath: string, problem?: string): Promise<void> => {
    let real: string;
    try {
      real = await realPathOf(absPath);
    } catch {
      real = absPath; // a dangling link: reading it reports the error
    }
    record(absPath, real, problem);
  };
  const custom = opts.include !== undefined && opts.include.length > 0;
  const matchesPattern = picomatch(custom ? opts.include! : defaultPatterns(), { dot: false, nocase: true });
  const matches = (rel: string): boolean => matchesPattern(rel) && (custom || !isPlainlyNotPage(path.posix.basename(rel)));
  const excluded = picomatch(opts.exclude ?? [], { dot: true, nocase: true });
  const excludedFolder = (rel: string): boolean => excluded(rel) || excluded(rel + '/x');

  /** A pattern fast-glob would read otherwise: negated, absolute (matched against the full path), ending in a slash. */
  const prunable = (p: string): boolean => !p.startsWith('!') && !path.posix.isAbsolute(p) && !p.endsWith('/');
  // fast-glob's own ignore prunes the walk: hidden folders, node_modules, and each excluded
  // pattern as `p/**`, which matches only what p matches or lies inside it, in case as given:
  // it never leaves out more than the rules above, which decide (and catch what it lets through).
  // (`**/.*/**` would not do: fast-glob's matcher takes it to need something inside the folder.)
  const pruned = ['**/@(.*)/**', '**/node_modules/**', ...(opts.exclude ?? []).filter(prunable).map((p) => `${p}/**`)];

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realPathOf(dir);
    } catch {
      return;
    }
    if (walked.has(real)) return;
    walked.add(real);
    const links: string[] = [];
    /** Folders whose entries are taken: an entry is only taken when its folder was. */
    const kept = new Set<string>(['']);
    const entries = fg.stream('**/*', {
      cwd: dir,
      fs: byteNames,
      dot: false,
      onlyFiles: false,
      followSymbolicLinks: false,
      objectMode: true,
      suppressErrors: true, // a folder that cannot be listed is passed over, as it always was
      unique: false, // a walk that follows no link meets each path once
      ignore: pruned,
    });
    // fast-glob gives a folder before anything in it, so `kept` already knows each entry's folder.
    for await (const item of entries) {
      const { path: rel, name, dirent } = item as unknown as fg.Entry;
      const slash = rel.lastIndexOf('/');
      if (!kept.has(slash < 0 ? '' : rel.slice(0, slash))) continue;
      if (name.startsWith('.') || name === 'node_modules') continue;
      if (dirent.isDirectory()) {
        if (!excludedFolder(rel)) kept.add(rel);
      } else if (excluded(rel)) {
        continue;
      } else if (dirent.isSymbolicLink()) {
        links.push(rel);
      } else if (matches(rel)) {
        // The walk never enters a linked folder, so a plain file's real path is the folder's
        // real path joined with its own: no realpath call per file (a second per 100k files).
        record(path.join(dir, rel), path.join(real, rel), dirent.isFile() ? undefined : notRegular(dirent));
      }
    }
    for (const rel of links.sort()) {
      const abs = path.join(dir, rel);
      let target;
      try {
        target = await stat(fsPath(abs));
      } catch {
        if (matches(rel)) await add(abs); // dangling: reported when read
        continue;
      }
      if (target.isDirectory()) {
        if (!excludedFolder(rel)) await walk(abs);
      } else if (matches(rel)) await add(abs, target.isFile() ? undefined : notRegular(target));
    }
  };

  /** A path named on the command line (given) or in a list (listed): read whatever its name. */
  const take = async (input: string, listed: boolean): Promise<void> => {
    const abs = path.resolve(opts.cwd, input);
    let info;
    try {
      info = await stat(fsPath(abs));
    } catch {
      // A link whose target is gone is a bad file, not a typo.
      const link = await lstat(fsPath(abs)).catch(() => null);
      if (link !== null) await add(abs);
      // One name gone from a list of thousands should not cost the rest of the run.
      else if (listed) record(abs, abs, 'no such file or folder');
      else throw new MissingPathError(input);
      return;
    }
    if (info.isDirectory()) await walk(abs);
    else await add(abs, info.isFile() ? undefined : notRegular(info));
  };

  for (const input of inputs) {
    if (input === '-') {
      found.set('\0stdin', { absPath: '-', displayPath: '-', stdin: opts.stdin ?? emptyInput });
      continue;
    }
    await take(input, false);
  }
  for (const input of opts.listed ?? []) await take(input, true);
  return [...found.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
}

async function* emptyStdin(): AsyncGenerator<Uint8Array> {}
const emptyInput: StdinSource = emptyStdin;
