/**
 * The outlet network (src/report/network.ts) as GEXF 1.3, Gephi's own format, through graphology
 * and graphology-gexf's writer. Version 1.3 because the writer's 1.2 output declares a malformed
 * viz namespace (`http:///www.gexf.net/1.1draft/viz`); pedantic so the meta holds only what the
 * schema allows. Node and edge ids are n0… and e0… as in the GraphML format.
 */
import { DirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import { outletNetwork } from '../network.js';
import { xmlChars } from './graphml.js';
import type { ScanReport } from './types.js';

interface OutletAttributes {
  label: string;
  pages: number;
  clusters: number;
  timesFirst: number;
  [name: string]: unknown;
}

interface LagAttributes {
  weight: number;
  medianLagDays: number;
  [name: string]: unknown;
}

export function formatGexf(report: ScanReport, toolVersion: string): string {
  const network = outletNetwork(report);
  const graph = new DirectedGraph<OutletAttributes, LagAttributes>();
  // No lastModifiedDate: the same report gives the same bytes.
  graph.setAttribute('creator', `reprint ${toolVersion}`);
  graph.setAttribute('description', 'outlets that ran copies of the same articles; edges go from the earlier outlet to the later');
  const idOf = new Map(network.nodes.map((node, i) => [node.outlet, `n${i}`]));
  for (const node of network.nodes) {
    // xml-writer escapes markup but passes characters XML forbids, and so a parser would refuse the file.
    graph.addNode(idOf.get(node.outlet)!, { label: xmlChars(node.outlet), pages: node.pages, clusters: node.clusters, timesFirst: node.timesFirst });
  }
  for (const [i, edge] of network.edges.entries()) {
    graph.addDirectedEdgeWithKey(`e${i}`, idOf.get(edge.source)!, idOf.get(edge.target)!, { weight: edge.copies, medianLagDays: edge.medianLagDays });
  }
  // graphology keeps insertion order, so nodes and edges come out in the network's sorted order.
  return write(graph, { version: '1.3', pedantic: true }) + '\n';
}
