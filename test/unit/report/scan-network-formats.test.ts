/**
 * `scan --format gexf` and `--format graphml`: well-formed XML (jsdom's XML parser refuses
 * anything else), read back by graphology's own parsers (which bring @xmldom/xmldom as their
 * DOMParser in Node), awkward outlet names intact, the same bytes for the same report.
 */
import graphology from 'graphology';
import type { Attributes } from 'graphology-types';

// graphology's types declare an ES default export for what Node loads as the module's default: the mixed Graph class.
const Graph = graphology as unknown as typeof import('graphology').default;
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { formatGexf } from '../../../src/report/scan/gexf.js';
import { formatGraphml } from '../../../src/report/scan/graphml.js';
import type { ScanReport } from '../../../src/report/scan/types.js';
import { cluster, member, report } from './scan-report-builders.js';

const AWKWARD = 'Smith & "Jones" <News> \'Daily\'';
const CONTROL = 'Bell\u0007 Press';

const sample: ScanReport = report([
  cluster('c1', [
    member('a1', { outlet: 'London Daily', published: '2025-05-31' }),
    member('b1', { outlet: 'Arab Press', published: '2026-02-03' }),
    member('n1', {}),
  ]),
  cluster('c2', [
    member('a2', { outlet: 'London Daily', published: '2025-07-01' }),
    member('b2', { outlet: 'Arab Press', published: '2025-07-03' }),
    member('w2', { outlet: AWKWARD, published: '2025-06-30' }),
    member('x2', { outlet: CONTROL, published: '2025-07-03' }),
    member('u2', { url: 'https://www.alufuq.example/news/1', published: '2025-07-02' }),
  ]),
]);

/** The graph read back as plain rows, by outlet name rather than by file-specific ids. */
function summarise(graph: InstanceType<typeof Graph>) {
  const label = (node: string): string => graph.getNodeAttribute(node, 'label') as string;
  return {
    type: graph.type,
    nodes: graph.mapNodes((_n: string, a: Attributes) => ({ label: a.label, pages: a.pages, clusters: a.clusters, timesFirst: a.timesFirst })),
    edges: graph.mapEdges((_e: string, a: Attributes, s: string, t: string) => ({ from: label(s), to: label(t), weight: a.weight, medianLagDays: a.medianLagDays })),
  };
}

const EXPECTED = {
  type: 'directed',
  nodes: [
    { label: '(unknown)', pages: 1, clusters: 1, timesFirst: 0 },
    { label: 'Arab Press', pages: 2, clusters: 2, timesFirst: 0 },
    { label: 'Bell\uFFFD Press', pages: 1, clusters: 1, timesFirst: 0 },
    { label: 'London Daily', pages: 2, clusters: 2, timesFirst: 1 },
    { label: AWKWARD, pages: 1, clusters: 1, timesFirst: 1 },
    { label: 'alufuq.example', pages: 1, clusters: 1, timesFirst: 0 },
  ],
  edges: [
    // Arab Press and Bell Press ran it the same day: no edge either way.
    { from: 'London Daily', to: 'Arab Press', weight: 2, medianLagDays: 2 },
    { from: 'London Daily', to: 'Bell\uFFFD Press', weight: 1, medianLagDays: 2 },
    { from: 'London Daily', to: 'alufuq.example', weight: 1, medianLagDays: 1 },
    { from: AWKWARD, to: 'Arab Press', weight: 1, medianLagDays: 3 },
    { from: AWKWARD, to: 'Bell\uFFFD Press', weight: 1, medianLagDays: 3 },
    { from: AWKWARD, to: 'London Daily', weight: 1, medianLagDays: 1 },
    { from: AWKWARD, to: 'alufuq.example', weight: 1, medianLagDays: 2 },
    { from: 'alufuq.example', to: 'Arab Press', weight: 1, medianLagDays: 1 },
    { from: 'alufuq.example', to: 'Bell\uFFFD Press', weight: 1, medianLagDays: 1 },
  ],
};

const rootOf = (xml: string): Element => new JSDOM(xml, { contentType: 'application/xml' }).window.document.documentElement;

describe.each([
  { name: 'gexf', format: formatGexf, parse: parseGexf, namespace: 'http://gexf.net/1.3' },
  { name: 'graphml', format: formatGraphml, parse: parseGraphml, namespace: 'http://graphml.graphdrawing.org/xmlns' },
])('$name', ({ format, parse, namespace }) => {
  it('is well-formed XML in its format\'s namespace, naming reprint\'s version', () => {
    const xml = format(sample, '9.8.7');
    expect(rootOf(xml).namespaceURI).toBe(namespace);
    expect(xml).toContain('reprint 9.8.7');
    expect(xml.endsWith('>\n')).toBe(true);
  });

  it('reads back as the outlet network: directed edges, weights, median lags, escaped names', () => {
    expect(summarise(parse(Graph, format(sample, '0.0.0')))).toEqual(EXPECTED);
  });

  it('gives the same bytes for the same clusters in any order', () => {
    const reordered = { ...sample, clusters: [...sample.clusters].reverse() };
    expect(format(reordered, '0.0.0')).toBe(format(sample, '0.0.0'));
  });

  it('is an empty graph, still valid, when nothing clustered', () => {
    const empty = parse(Graph, format(report([]), '0.0.0'));
    expect([empty.order, empty.size]).toEqual([0, 0]);
  });
});

describe('graphml', () => {
  it('keeps line breaks in an outlet name, which an XML attribute would turn into spaces', () => {
    const outlet = 'Two\r\nLines\tTab';
    const graph = parseGraphml(Graph, formatGraphml(report([cluster('c', [member('a', { outlet }), member('b', { outlet: 'B' })])]), '0.0.0'));
    expect(graph.mapNodes((_n: string, a: Attributes) => a.label)).toEqual(['B', outlet]);
  });
});
