/** `--files-from` lists, names that are not UTF-8, and the command line's bytes. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processArguments } from '../../../src/cli/argv.js';
import { fsPath, nameFromBytes, shownName } from '../../../src/input/names.js';
import { parsePathList } from '../../../src/input/path-list.js';
import { removeTempDirs, tempDir } from '../../helpers.js';

afterAll(removeTempDirs);

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('parsePathList', () => {
  it('takes a path a line, drops a trailing CR and skips blank lines, keeping spaces inside names', () => {
    const list = bytes('a.html\r\n\r\n  \n pages/with space.txt\nlast.jsonl');
    expect(parsePathList(list, false)).toEqual(['a.html', ' pages/with space.txt', 'last.jsonl']);
  });

  it('splits on NUL with -0, so a name may hold a newline or a CR', () => {
    const list = bytes('one\ntwo.txt', [0], 'b\r', [0], [0], 'c.html', [0]);
    expect(parsePathList(list, true)).toEqual(['one\ntwo.txt', 'b\r', 'c.html']);
  });

  it('keeps the bytes of a name that is not UTF-8', () => {
    const [name] = parsePathList(bytes('caf', [0xff], '.txt\n'), false);
    expect(fsPath(name!)).toEqual(bytes('caf', [0xff], '.txt'));
    expect(shownName(name!)).toBe('caf\\xff.txt');
  });

  it('is empty for an empty list', () => {
    expect(parsePathList(Buffer.alloc(0), false)).toEqual([]);
    expect(parsePathList(Buffer.alloc(0), true)).toEqual([]);
  });
});

describe('names that are not UTF-8', () => {
  it('round-trip any bytes, and leave UTF-8 names as they are', () => {
    const samples = [
      bytes('plain.txt'),
      bytes('Алматы-қала.html'),
      bytes('日本.txt'),
      bytes('replacement-\uFFFD-char.txt'),
      bytes('latin1-', [0xe9], 't', [0xe9], '.txt'),
      bytes('cut-', [0xe6, 0x97], '.txt'), // the first two bytes of a three-byte character
      bytes('surrogate-', [0xed, 0xa0, 0x80]), // UTF-16 surrogate spelled in UTF-8: not UTF-8
      bytes('overlong-', [0xc0, 0xaf]),
      bytes([0x80, 0xff, 0xfe]),
    ];
    for (const b of samples) {
      const name = nameFromBytes(b);
      const back = fsPath(name);
      expect(Buffer.isBuffer(back) ? back : Buffer.from(back)).toEqual(b);
    }
    expect(nameFromBytes(bytes('Алматы.html'))).toBe('Алматы.html');
    expect(fsPath('Алматы.html')).toBe('Алматы.html');
  });

  it('are shown with each byte that is not UTF-8, and each control character, as \\xNN', () => {
    expect(shownName(nameFromBytes(bytes('latin1-', [0xe9], '.txt')))).toBe('latin1-\\xe9.txt');
    expect(shownName(nameFromBytes(bytes('cut-', [0xe6, 0x97], '.txt')))).toBe('cut-\\xe6\\x97.txt');
    expect(shownName('line\nbreak\ttab\x7f.txt')).toBe('line\\x0abreak\\x09tab\\x7f.txt');
    expect(shownName('Алматы 日本 \uFFFD.txt')).toBe('Алматы 日本 \uFFFD.txt');
    expect(shownName('emoji-😀.txt')).toBe('emoji-😀.txt');
  });
});

describe('processArguments', () => {
  it('reads an argument that lost bytes to UTF-8 decoding again from the process command line', () => {
    const dir = tempDir();
    const cmdline = path.join(dir, 'cmdline');
    writeFileSync(cmdline, bytes('node', [0], '--no-warnings', [0], '/bin/reprint.js', [0], 'scan', [0], 'caf', [0xff], '.txt', [0], '', [0]));
    const args = processArguments(['node', '/bin/reprint.js', 'scan', 'caf\uFFFD.txt', ''], cmdline);
    expect(args).toHaveLength(3);
    expect(fsPath(args[1]!)).toEqual(bytes('caf', [0xff], '.txt'));
    expect(args[2]).toBe('');
  });

  it('keeps the arguments as given when they are UTF-8, or when the command line does not match them', () => {
    expect(processArguments(['node', 'x', 'scan', 'a.txt'], '/nonexistent')).toEqual(['scan', 'a.txt']);
    const dir = tempDir();
    const cmdline = path.join(dir, 'cmdline');
    writeFileSync(cmdline, bytes('node', [0], 'x', [0], 'other', [0xff], [0]));
    expect(processArguments(['node', 'x', 'caf\uFFFD'], cmdline)).toEqual(['caf\uFFFD']);
  });
});
