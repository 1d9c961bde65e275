/**
 * The outlet network as GraphML 1.0 (src/report/network.ts), written here: graphology-graphml only
 * parses, and the few elements needed do not warrant a dependency. Ids are n0… and e0… in the
 * network's sorted order because the schema types them NMTOKEN, which outlet names ("Arab Press")
 * are not; the name is the `label` key and the count the `weight` key, which Gephi's importer
 * takes for the node's label and the edge's weight.
 */
import { outletNetwork } from '../network.js';
import type { ScanReport } from './types.js';

// Characters XML 1.0 cannot carry even escaped (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML 1.0 can carry it: characters it forbids become U+FFFD. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

// Every attribute value is one of ours (ids, key names), so only text needs escaping.
function escapeText(text: string): string {
  // CR as a reference, or parsers turn CRLF into LF.
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

const KEYS = [
  { id: 'label', for: 'node', type: 'string' },
  { id: 'pages', for: 'node', type: 'int' },
  { id: 'clusters', for: 'node', type: 'int' },
  { id: 'timesFirst', for: 'node', type: 'int' },
  { id: 'weight', for: 'edge', type: 'int' },
  { id: 'medianLagDays', for: 'edge', type: 'int' },
] as const;

const data = (key: (typeof KEYS)[number]['id'], value: string | number): string =>
  `      <data key="${key}">${escapeText(String(value))}</data>`;

export function formatGraphml(report: ScanReport, toolVersion: string): string {
  const network = outletNetwork(report);
  const idOf = new Map(network.nodes.map((node, i) => [node.outlet, `n${i}`]));
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...KEYS.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.id}" attr.type="${k.type}"/>`),
    '  <graph id="outlets" edgedefault="directed">',
    `    <desc>${escapeText(`reprint ${toolVersion}: outlets that ran copies of the same articles; edges go from the earlier outlet to the later`)}</desc>`,
  ];
  for (const node of network.nodes) {
    out.push(
      `    <node id="${idOf.get(node.outlet)!}">`,
      data('label', node.outlet),
      data('pages', node.pages),
      data('clusters', node.clusters),
      data('timesFirst', node.timesFirst),
      '    </node>',
    );
  }
  for (const [i, edge] of network.edges.entries()) {
    out.push(
      `    <edge id="e${i}" source="${idOf.get(edge.source)!}" target="${idOf.get(edge.target)!}">`,
      data('weight', edge.copies),
      data('medianLagDays', edge.medianLagDays),
      '    </edge>',
    );
  }
  out.push('  </graph>', '</graphml>');
  return out.join('\n') + '\n';
}
