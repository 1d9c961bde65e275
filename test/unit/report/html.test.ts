import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alignment } from '../../../src/match/align.js';
import { escapeHtml, jsonForScript } from '../../../src/report/html/escape.js';
import { explainView } from '../../../src/report/html/explain.js';
import { networkSvg, outletNetwork } from '../../../src/report/html/network.js';
import { REPORT_SCRIPT } from '../../../src/report/html/script.js';
import { formatScanHtml, type ExplainedScanReport } from '../../../src/report/scan/html.js';
import { SCAN_SCHEMA, type ReportMember } from '../../../src/report/scan/types.js';

const HOSTILE = '<img src=x onerror=window.__pwned=1></script><!--<script>';

/** The JSON a report page embeds, parsed back. */
function embedded(html: string): { groups: { members: { title: string | null; outlet: string | null; explain: unknown }[] }[] } {
  const m = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html);
  if (m === null) throw new Error('no embedded data');
  return JSON.parse(m[1]!);
}

function member(path: string, over: Partial<ReportMember> = {}): ReportMember {
  return { path, url: null, outlet: null, title: null, dateline: null, published: null, words: 100, similarity: 1, containment: 1, ...over } as ReportMember;
}

function report(members: ReportMember[], explains?: ExplainedScanReport['explains']): ExplainedScanReport {
  return {
    schema: SCAN_SCHEMA,
    params: { scheme: 'reprint-minhash/3', seed: 1, numPerm: 128, shingleSize: 5, threshold: 0.5, containment: 0.7, lshThreshold: 0.2, bands: 25, rows: 2, minWords: 20, dom: 'linkedom', templates: true },
    summary: { documents: members.length, clusters: 1, duplicates: members.length - 1, errors: 0, elapsedMs: 1 },
    clusters: [{ id: 'abc123abc123', size: members.length, representative: members[0]!.path, earliest: members.find((m) => m.published !== null)?.path ?? null, dateSpanDays: 0, members }],
    errors: [{ path: '<b>bad</b>.txt', message: 'empty file' }],
    ...(explains ? { explains } : {}),
  };
}

describe('escapeHtml', () => {
  it('escapes the five characters that end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('plain text, نص, текст')).toBe('plain text, نص, текст');
  });
});

describe('jsonForScript', () => {
  it('leaves no character that could end or change the script element, and reads back the same', () => {
    const value = { title: HOSTILE, text: 'a\u2028b\u2029c & d > e', nested: ['</SCRIPT >', '<!--'] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('scan --format html', () => {
  const hostile = member('fixtures/hostile/x.html', { title: HOSTILE, outlet: 'Evil <Co> & "Sons"', published: '2025-06-05' });
  const earliest = member('a/london.txt', { title: 'What really happened', outlet: 'London Daily', published: '2025-05-31' });
  const html = formatScanHtml(report([earliest, hostile]), '0.0.0-test');

  it('never prints page data as markup', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<Co>');
    expect(html).not.toContain('<b>bad</b>');
    // One script element of code and one of data, nothing else closes either.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('embeds the members as JSON that reads back to the same strings', () => {
    const data = embedded(html);
    const titles = data.groups[0]!.members.map((m) => m.title);
    expect(titles).toEqual(['What really happened', HOSTILE]);
    expect(data.groups[0]!.members[1]!.outlet).toBe('Evil <Co> & "Sons"');
  });

  it('escapes outlet names in the network drawing and allows only its own script', () => {
    expect(html).toContain('>Evil &lt;Co&gt; &amp; &quot;Sons&quot;</text>');
    const hash = createHash('sha256').update(REPORT_SCRIPT, 'utf8').digest('base64');
    expect(html).toContain(escapeHtml(`default-src 'none'; script-src 'sha256-${hash}';`));
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
  });

  it('is the same for the same report', () => {
    expect(formatScanHtml(report([earliest, hostile]), '0.0.0-test')).toBe(html);
  });

  it('explains a member against the earliest copy when the scan kept texts, and only then', () => {
    const alignment: Alignment = {
      jaccard: 0.9,
      containment: 0.95,
      shared: [{ a: [0, 3], b: [2, 5], words: 4, text: 'one two three four', changes: [] }],
      onlyA: [],
      onlyB: [{ a: null, b: [0, 1], words: 2, text: `lead ${HOSTILE}`, changes: [] }],
    };
    const explained = embedded(formatScanHtml(report([earliest, hostile], new Map([[hostile.path, { base: earliest.path, alignment }]])), 't'));
    expect(explained.groups[0]!.members[0]!.explain).toBeNull();
    expect(explained.groups[0]!.members[1]!.explain).toMatchObject({ base: earliest.path, segments: [{ kind: 'copy', text: `lead ${HOSTILE}` }, { kind: 'shared' }] });
    expect(embedded(html).groups[0]!.members[1]!.explain).toBeNull();
  });
});

describe('explainView', () => {
  it('puts each one-sided passage in the gap where it falls, the base before the copy, with word changes marked', () => {
    const view = explainView({
      base: 'base.txt',
      alignment: {
        jaccard: 0.5,
        containment: 0.8,
        shared: [
          { a: [0, 4], b: [0, 4], words: 4, text: 'the cat sat down here', changes: [{ a: 'sat', b: 'lay', aWord: 2, bWord: 2, offset: 8 }] },
          { a: [9, 12], b: [8, 11], words: 4, text: 'and then it slept', changes: [] },
        ],
        onlyA: [{ a: [5, 8], b: null, words: 4, text: 'a paragraph that went', changes: [] }],
        onlyB: [
          { a: null, b: [5, 7], words: 3, text: 'a new one', changes: [] },
          { a: null, b: [12, 13], words: 2, text: 'the end', changes: [] },
        ],
      },
    });
    expect(view.segments.map((s) => [s.kind, s.text])).toEqual([
      ['shared', 'the cat sat down here'],
      ['base', 'a paragraph that went'],
      ['copy', 'a new one'],
      ['shared', 'and then it slept'],
      ['copy', 'the end'],
    ]);
    expect(view.segments[0]!.changes).toEqual([
      { kind: 'same', text: 'the cat ' },
      { kind: 'base', text: 'sat' },
      { kind: 'copy', text: 'lay' },
      { kind: 'same', text: ' down here' },
    ]);
  });
});

describe('outlet network', () => {
  it('draws an edge from the earlier outlet to the later, none between copies of one date', () => {
    const net = outletNetwork([
      [
        { outlet: 'B', url: null, published: '2025-02-01' },
        { outlet: 'A', url: null, published: '2025-01-01' },
        { outlet: 'C', url: null, published: '2025-01-01' },
        { outlet: null, url: 'https://www.d.example/x', published: null },
      ],
    ]);
    expect(net.outlets).toEqual(['A', 'B', 'C', 'd.example']);
    expect(net.edges).toEqual([
      { from: 0, to: 1, copies: 1 },
      { from: 2, to: 1, copies: 1 },
    ]);
    expect(networkSvg(net).match(/class="node"/g)).toHaveLength(4);
  });
});
