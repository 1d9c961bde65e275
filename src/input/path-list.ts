/**
 * `--files-from`: a list of paths to read, from a file or standard input. One path a line, or
 * NUL-separated (`-0`, as `find -print0` writes, for names that hold a newline).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputArgumentError, type StdinSource } from './discover.js';
import { fsPath, nameFromBytes, shownName } from './names.js';

/**
 * The paths of a list, in list order. Lines: a trailing CR is dropped (lists written on Windows)
 * and lines that are empty or only white space are skipped; anything else is the path exactly,
 * spaces included. NUL-separated: every non-empty entry, byte for byte. Names that are not UTF-8
 * are kept (names.ts).
 */
export function parsePathList(bytes: Uint8Array, nulSeparated: boolean): string[] {
  const paths: string[] = [];
  const sep = nulSeparated ? 0x00 : 0x0a;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  while (start <= buf.length) {
    let end = buf.indexOf(sep, start);
    if (end < 0) end = buf.length;
    let entry = buf.subarray(start, end);
    start = end + 1;
    if (!nulSeparated && entry.length > 0 && entry[entry.length - 1] === 0x0d) entry = entry.subarray(0, -1);
    const name = nameFromBytes(entry);
    if (nulSeparated ? name.length > 0 : name.trim().length > 0) paths.push(name);
  }
  return paths;
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The list `--files-from <from>` names: a file (relative to cwd), or `-` for standard input.
 * A list that cannot be read is a usage error: nothing the run could do would make sense of it.
 */
export async function readPathList(from: string, nulSeparated: boolean, cwd: string, stdin: StdinSource | undefined): Promise<string[]> {
  if (from === '-') return parsePathList(stdin ? await readAll(stdin()) : Buffer.alloc(0), nulSeparated);
  try {
    return parsePathList(await readFile(fsPath(path.resolve(cwd, from))), nulSeparated);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a folder, not a list' : (err.code ?? err.message);
    throw new InputArgumentError(`cannot read the --files-from list ${shownName(from)}: ${reason}`);
  }
}
