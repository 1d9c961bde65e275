/** What a scan report says of each copy against the cluster's earliest: days later, headline changed, credit given, id. */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/match/cluster.js';
import type { Document } from '../../../src/page.js';
import { describeCluster } from '../../../src/report/scan/clusters.js';
import { formatText } from '../../../src/report/scan/text.js';
import { SCAN_SCHEMA, type ReportCluster, type ScanReport } from '../../../src/report/scan/types.js';

function doc(path: string, fields: Partial<Document> = {}): Document {
  return { path, url: null, outlet: null, title: null, dateline: null, published: null, words: 300, contentHash: path.padEnd(16, '0').slice(0, 16), credit: null, ...fields };
}

function report(clusters: ReportCluster[]): ScanReport {
  const params = { scheme: 'reprint-minhash/3', seed: 1, numPerm: 128, shingleSize: 5, threshold: 0.5, containment: 0.7, lshThreshold: 0.212, bands: 25, rows: 2, minWords: 20, dom: 'linkedom', templates: true };
  return { schema: SCAN_SCHEMA, params, summary: { documents: 5, clusters: 1, duplicates: 4, errors: 0, elapsedMs: 0 }, clusters, errors: [] };
}

function described(docs: Document[]) {
  const cluster: Cluster = {
    representative: 0,
    members: docs.map((_, i) => ({ doc: i, verdict: { jaccard: 1, containment: 1, intersection: 100, match: 'jaccard' } })),
  };
  return describeCluster(cluster, (i) => docs[i]!);
}

describe('cluster members against the earliest copy', () => {
  const wire = doc('wire.txt', { id: 'wire-0317', outlet: 'Harbour Wire', title: 'Ferry service to the islands resumes after storm repairs', published: '2026-03-02' });
  const herald = doc('herald.txt', { outlet: 'bayherald.co.uk', title: 'FERRY SERVICE TO THE ISLANDS RESUMES — AFTER STORM REPAIRS!', published: '2026-03-04', credit: 'Harbour Wire' });
  const times = doc('times.txt', { id: '4417', outlet: 'The Coast Times', title: 'Island ferry back in service', published: '2026-03-05', credit: 'Harbour Wire' });
  const undated = doc('undated.txt', { title: 'Island ferry back in service' });
  const untitled = doc('untitled.txt', { published: '2026-04-01' });
  const c = described([times, undated, herald, untitled, wire]);
  const by = Object.fromEntries(c.members.map((m) => [m.path, m]));

  it('gives each dated copy its days after the earliest, and null to an undated one; the cluster fields stay as they were', () => {
    expect(c.earliest).toBe('wire.txt');
    expect(c.dateSpanDays).toBe(30);
    expect(c.members.map((m) => [m.path, m.lagDays])).toEqual([
      ['wire.txt', 0],
      ['herald.txt', 2],
      ['times.txt', 3],
      ['untitled.txt', 30],
      ['undated.txt', null],
    ]);
  });

  it("compares each headline with the earliest copy's, normalised (case, dashes, punctuation): null when either has none", () => {
    expect(by['wire.txt']!.headlineChanged).toBe(false);
    expect(by['herald.txt']!.headlineChanged).toBe(false);
    expect(by['times.txt']!.headlineChanged).toBe(true);
    expect(by['undated.txt']!.headlineChanged).toBe(true);
    expect(by['untitled.txt']!.headlineChanged).toBeNull();
  });

  it('carries the credit and the id, and leaves the id field out for a page without one', () => {
    expect(by['herald.txt']).toMatchObject({ credit: 'Harbour Wire', lagDays: 2 });
    expect(by['wire.txt']).toMatchObject({ id: 'wire-0317', credit: null });
    expect(by['times.txt']!.id).toBe('4417');
    expect(Object.hasOwn(by['herald.txt']!, 'id')).toBe(false);
    expect(Object.keys(by['times.txt']!)).toEqual([
      'path', 'id', 'url', 'outlet', 'title', 'dateline', 'published', 'words', 'similarity', 'containment', 'lagDays', 'credit', 'headlineChanged',
    ]);
  });

  it('with no dated copy, there is no earliest to compare with: every lag and headline fact is null', () => {
    const none = described([doc('a.txt', { title: 'One' }), doc('b.txt', { title: 'Two', credit: 'Harbour Wire' })]);
    expect(none.earliest).toBeNull();
    expect(none.members.map((m) => [m.lagDays, m.headlineChanged, m.credit])).toEqual([
      [null, null, null],
      [null, null, 'Harbour Wire'],
    ]);
  });

  it('the text report shows the lag, the headline fact and the credit', () => {
    const text = formatText(report([c]));
    expect(text).toMatch(/^\s+published\s+lag\s+dateline\s+outlet\s+headline\s+credits\s+jaccard/m);
    expect(text).toMatch(/ R\s+2026-03-05\s+\+3d\s+-\s+The Coast Times\s+changed\s+Harbour Wire\s+1\.00/);
    expect(text).toMatch(/\* \s+2026-03-02\s+\+0d\s+-\s+Harbour Wire\s+same\s+-\s+1\.00/);
    expect(text).toMatch(/-\s+-\s+-\s+-\s+changed\s+-\s+1\.00\s+1\.00\s+300\s+undated\.txt/);
  });
});
