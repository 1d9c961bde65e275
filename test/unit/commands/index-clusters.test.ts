import { describe, expect, it } from 'vitest';
import { inputOrder } from '../../../src/commands/index-clusters.js';

describe('inputOrder: documents of an index in the order scan reads the same pages', () => {
  it('sorts files by display path and records of one crawl file by their number', () => {
    const paths = ['b.txt', 'crawl.warc.gz#1200', 'a/z.html', 'crawl.warc.gz#300+2', 'crawl.warc.gz#300', 'feed.jsonl:10', 'feed.jsonl:9', 'a.txt', 'crawl.warc.gz#0'];
    expect([...paths].sort(inputOrder)).toEqual([
      'a.txt',
      'a/z.html',
      'b.txt',
      'crawl.warc.gz#0',
      'crawl.warc.gz#300',
      'crawl.warc.gz#300+2',
      'crawl.warc.gz#1200',
      'feed.jsonl:9',
      'feed.jsonl:10',
    ]);
  });

  it('is a total order on paths that are not records', () => {
    expect(inputOrder('x#a', 'x#b')).toBeLessThan(0);
    expect(inputOrder('x.txt', 'x.txt#1')).toBeLessThan(0);
    expect(inputOrder('same', 'same')).toBe(0);
    expect(inputOrder('x#10', 'x#9')).toBeGreaterThan(0);
  });
});
