/**
 * The command line as the process got it. Node decodes arguments as UTF-8 and puts U+FFFD in place
 * of bytes that are not, so a file name with byte 0xff would arrive as a name that does not exist.
 * On Linux /proc/self/cmdline still holds the bytes: an argument that lost some is read again
 * from there, with its bytes kept as names.ts keeps them.
 */
import { readFileSync } from 'node:fs';
import { nameFromBytes } from '../input/names.js';

export function processArguments(argv: readonly string[] = process.argv, cmdline = '/proc/self/cmdline'): string[] {
  const args = argv.slice(2);
  if (!args.some((a) => a.includes('\uFFFD'))) return args;
  let raw: Buffer;
  try {
    raw = readFileSync(cmdline);
  } catch {
    return args; // not Linux: as Node decoded them
  }
  const entries: Buffer[] = [];
  for (let start = 0; start < raw.length; ) {
    const end = raw.indexOf(0, start);
    entries.push(raw.subarray(start, end < 0 ? raw.length : end));
    start = end < 0 ? raw.length : end + 1;
  }
  // Node's own options come before the script; the arguments are the last entries. Used only if
  // every one of them decodes to what Node gave, so nothing else can be taken for them.
  const tail = entries.slice(-args.length);
  if (args.length === 0 || tail.length !== args.length || tail.some((b, i) => b.toString('utf8') !== args[i])) return args;
  return tail.map(nameFromBytes);
}
