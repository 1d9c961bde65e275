/**
 * Which files a scan reads. Folders are walked with fast-glob; hidden folders and node_modules
 * are skipped, and symbolic links to folders are not followed, so a link loop cannot hang a
 * walk (a link to a file is read, once, under the first path that reaches it).
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';

export const DEFAULT_EXTENSIONS = ['html', 'htm', 'xhtml', 'txt', 'text', 'md'];

export function defaultPatterns(): string[] {
  const ext = DEFAULT_EXTENSIONS.join(',');
  return [`**/*.{${ext}}`, `**/*.{${ext}}.gz`];
}

export interface DiscoverOptions {
  cwd: string;
  /** Globs that replace the default extensions (matched relative to each folder given). */
  include?: string[];
  /** Globs to leave out. */
  exclude?: string[];
}

export interface InputFile {
  absPath: string;
  /** The path as a user would type it: relative to cwd when under it, with / separators. */
  displayPath: string;
}

export class MissingPathError extends Error {
  constructor(readonly input: string) {
    super(`no such file or folder: ${input}`);
  }
}

export function displayPathOf(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absPath;
  return shown.split(path.sep).join('/');
}

/**
 * The files to read, sorted by display path so every run processes them in the same order.
 * Only paths are collected here; contents are read later, a few at a time.
 */
export async function discoverFiles(inputs: readonly string[], opts: DiscoverOptions): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();
  const add = async (absPath: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(absPath);
    } catch {
      real = absPath; // a dangling link: reading it reports the error
    }
    if (!found.has(real)) found.set(real, { absPath, displayPath: displayPathOf(absPath, opts.cwd) });
  };
  const patterns = opts.include && opts.include.length > 0 ? opts.include : defaultPatterns();
  const ignore = ['**/node_modules/**', ...(opts.exclude ?? [])];

  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new MissingPathError(input);
    }
    if (!info.isDirectory()) {
      await add(abs);
      continue;
    }
    const stream = fg.stream(patterns, {
      cwd: abs,
      absolute: true,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
      caseSensitiveMatch: false,
      suppressErrors: true,
      ignore,
    });
    for await (const entry of stream) await add(path.normalize(String(entry)));
  }
  return [...found.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
}
