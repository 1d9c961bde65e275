/** Which files a walk reads: the not-a-page rule, special files, names that are not UTF-8, listed paths. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, isPlainlyNotPage, MissingPathError } from '../../../src/input/discover.js';
import { removeTempDirs, tempDir } from '../../helpers.js';

afterAll(removeTempDirs);

const shown = (files: { displayPath: string; problem?: string }[]): string[] =>
  files.map((f) => (f.problem !== undefined ? `${f.displayPath} (${f.problem})` : f.displayPath));

describe('isPlainlyNotPage', () => {
  it('names the files a crawl or a repository keeps next to its pages, in any case', () => {
    for (const name of ['README.md', 'readme.txt', 'README', 'LICENSE', 'LICENSE.md', 'licence.txt', 'CHANGELOG.md', 'robots.txt', 'ROBOTS.TXT', 'urls.txt', 'seeds.urls', 'sitemap.xml', 'sitemap-news.xml', 'sitemap_1.xml.gz']) {
      expect(isPlainlyNotPage(name), name).toBe(true);
    }
  });

  it('leaves pages alone, however close their names', () => {
    for (const name of ['index.html', 'story-readme.html', 'my-urls.txt', 'urls.txt.gz', 'robots-news.txt', 'sitemap.html', 'licensing-deal.html', 'export.jsonl']) {
      expect(isPlainlyNotPage(name), name).toBe(false);
    }
  });
});

describe('discoverFiles', () => {
  it('leaves README, LICENSE, CHANGELOG, robots.txt and urls.txt out of a walk, at any depth', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'site'));
    for (const name of ['README.md', 'LICENSE.txt', 'CHANGELOG.md', 'a.html', 'site/robots.txt', 'site/urls.txt', 'site/b.txt', 'site/sitemap.xml']) {
      writeFileSync(path.join(dir, name), 'x');
    }
    expect(shown(await discoverFiles(['.'], { cwd: dir }))).toEqual(['a.html', 'site/b.txt']);
  });

  it('reads them when named, listed or matched by --include', async () => {
    const dir = tempDir();
    for (const name of ['README.md', 'urls.txt', 'a.html']) writeFileSync(path.join(dir, name), 'x');
    expect(shown(await discoverFiles(['.', 'README.md'], { cwd: dir }))).toEqual(['README.md', 'a.html']);
    expect(shown(await discoverFiles(['.'], { cwd: dir, listed: ['urls.txt'] }))).toEqual(['a.html', 'urls.txt']);
    expect(shown(await discoverFiles(['.'], { cwd: dir, include: ['**/*.md', '**/*.txt'] }))).toEqual(['README.md', 'urls.txt']);
  });

  it('makes a FIFO, a socket and a link to a device entries with a reason, without opening them', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.html'), 'x');
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.html')]).status).toBe(0);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    symlinkSync('/dev/null', path.join(dir, 'notes.bin')); // not a page name: passed over as before
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.jsonl'), resolve));
    try {
      expect(shown(await discoverFiles([dir], { cwd: dir }))).toEqual([
        'a.html',
        'pipe.html (not a regular file: FIFO)',
        'socket.jsonl (not a regular file: socket)',
        'zero.txt (not a regular file: character device)',
      ]);
      // Named on the command line, a FIFO is reported the same way rather than read.
      expect(shown(await discoverFiles(['pipe.html'], { cwd: dir }))).toEqual(['pipe.html (not a regular file: FIFO)']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('finds a file whose name is not UTF-8 and shows it escaped, in a walk and from a list', async () => {
    const dir = tempDir();
    const sub = Buffer.concat([Buffer.from(path.join(dir, 'd')), Buffer.from([0xe9])]);
    mkdirSync(sub);
    writeFileSync(Buffer.concat([sub, Buffer.from('/caf'), Buffer.from([0xff]), Buffer.from('.txt')]), 'x');
    writeFileSync(path.join(dir, 'plain.txt'), 'x');
    const walked = await discoverFiles(['.'], { cwd: dir });
    expect(shown(walked)).toEqual(['d\\xe9/caf\\xff.txt', 'plain.txt']);
    const listed = await discoverFiles([], { cwd: dir, listed: [walked[0]!.absPath] });
    expect(shown(listed)).toEqual(['d\\xe9/caf\\xff.txt']);
  });

  it('makes a missing listed path an entry, while a missing path on the command line ends the run', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.html'), 'x');
    expect(shown(await discoverFiles([], { cwd: dir, listed: ['a.html', 'gone.html'] }))).toEqual(['a.html', 'gone.html (no such file or folder)']);
    await expect(discoverFiles(['gone.html'], { cwd: dir })).rejects.toBeInstanceOf(MissingPathError);
  });

  it('gives - as standard input, once', async () => {
    const dir = tempDir();
    const files = await discoverFiles(['-', '-'], { cwd: dir });
    expect(files.map((f) => [f.displayPath, f.stdin !== undefined])).toEqual([['-', true]]);
  });
});
